using Microsoft.AspNetCore.Http.HttpResults;

namespace Permanence.Web.Http;

/// <summary>Reads the form body of an endpoint that parses its fields itself (signed webhooks, the survey page).</summary>
public static class FormBodies
{
    /// <summary>
    /// The request's form (empty when the body is not a form), or null when the body cannot be read as one: ASP.NET Core
    /// refuses to decode a value holding NUL (<c>%00</c>), and a form past the value-count or length limits. Either is
    /// the client's error, answered with a 400 rather than the framework's exception becoming a 500.
    /// </summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return FormCollection.Empty;
        }
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public static ProblemHttpResult Unreadable() => TypedResults.Problem(title: "Invalid request",
        detail: "The form body could not be read: a value holds NUL (%00), or the form is larger than allowed.",
        statusCode: StatusCodes.Status400BadRequest);
}
