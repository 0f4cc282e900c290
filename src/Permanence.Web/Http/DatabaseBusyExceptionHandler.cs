using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Permanence.Data;

namespace Permanence.Web.Http;

/// <summary>
/// A saturated database (connection pool exhausted, server refusing connections, a lock wait timing out) is a
/// temporary condition: answer 503 problem+json with Retry-After, so clients retry, instead of a 500.
/// </summary>
internal sealed partial class DatabaseBusyExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseBusyExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFailures.IsTemporary(exception))
        {
            return false;
        }
        LogBusy(logger, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service busy",
                Detail = "The database is saturated; retry in a moment. Nothing was written.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database busy ({ExceptionType}); answered 503")]
    private static partial void LogBusy(ILogger logger, string exceptionType);
}
