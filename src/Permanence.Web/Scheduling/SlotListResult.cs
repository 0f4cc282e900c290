using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Scheduling;

namespace Permanence.Web.Scheduling;

/// <summary>
/// The 200 answer of a slot search: the same JSON array of <see cref="SlotDto"/> that <c>TypedResults.Ok</c> writes
/// (same property names, same escaping, times as the NodaTime converter writes them), written straight from the
/// slots into the response. A search is the API's most frequent request; going through a list of DTOs, the
/// serializer's metadata and one formatted string per time made its JSON cost more than the search itself.
/// </summary>
/// <remarks>
/// The body is left in the response's buffer rather than flushed, so the server sends it with the end of the
/// response in one write. The OpenAPI metadata is that of <c>Ok&lt;List&lt;SlotDto&gt;&gt;</c>.
/// </remarks>
public sealed class SlotListResult(IReadOnlyList<Slot> slots, DateTimeZone zone) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult,
    IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = JsonContentType;
        using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter,
            new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, SkipValidation = true });
        SlotJson.Write(writer, slots, zone, options);
        writer.Flush();
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(List<SlotDto>), ["application/json"]));
    }
}
