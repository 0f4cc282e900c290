using Microsoft.AspNetCore.Http.HttpResults;
using Permanence.Core.Common;
using Permanence.Web.Scheduling;

namespace Permanence.Web.Http;

/// <summary>Maps domain <see cref="Error"/>s to RFC 7807 problem responses, in one place.</summary>
public static class ErrorResults
{
    public static ProblemHttpResult ToProblem(this Error error) => error switch
    {
        NotFoundError e => TypedResults.Problem(title: "Not found", detail: e.Message, statusCode: StatusCodes.Status404NotFound),
        ConflictError e => TypedResults.Problem(title: "Conflict", detail: e.Message, statusCode: StatusCodes.Status409Conflict),
        ForbiddenError e => TypedResults.Problem(title: "Forbidden", detail: e.Message, statusCode: StatusCodes.Status403Forbidden),
        SlotTaken e => TypedResults.Problem(title: "Slot taken", detail: e.Message, statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["alternatives"] = e.Alternatives.Select(a => a.ToDto(e.Zone)).ToList() }),
        ValidationError e => TypedResults.Problem(title: "Invalid request", detail: e.Message, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = e.Fields }),
        _ => TypedResults.Problem(title: "Request failed", detail: error.Message, statusCode: StatusCodes.Status400BadRequest),
    };

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found", detail: $"{what} was not found.", statusCode: StatusCodes.Status404NotFound);
}
