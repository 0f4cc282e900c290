using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Quality.Reports;

/// <summary>The quarterly review PDF of a practice, for the people who hold the review with it.</summary>
public static class QuarterlyReportEndpoints
{
    public static IEndpointRouteBuilder MapQuarterlyReportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/practices/{practiceId:guid}/reports").WithTags("Quality").RequirePracticeScope()
            .MapGet("/quarterly", Quarterly).WithName("GetQuarterlyReport")
            .WithSummary("Quarterly review of the practice as a PDF: figures against targets, charts and recommendations")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .RequireAuthorization(Policies.QualityReports);
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Quarterly(Guid practiceId, string? year, string? quarter,
        QuarterlyReportBuilder builder, CancellationToken ct)
    {
        var requested = Quarter.Create(ParseInt(year), ParseInt(quarter));
        if (requested.Error is { } error)
        {
            return error.ToProblem();
        }
        var report = await builder.BuildAsync(new PracticeId(practiceId), requested.Value!, ct);
        if (report is null)
        {
            return ErrorResults.NotFound("The practice");
        }
        byte[] pdf;
        try
        {
            pdf = QuarterlyReportPdf.Render(report);
        }
        catch (ReportFontsMissingException missing)
        {
            return TypedResults.Problem(title: "Report fonts missing", detail: missing.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"revue-{report.Quarter.Year}-T{report.Quarter.Number}-{practiceId:N}.pdf");
        return TypedResults.File(pdf, "application/pdf", name);
    }

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
}
