using NodaTime;
using Permanence.Core.Quality;
using Permanence.Web.Quality.Reports;

namespace Permanence.Web.Tests.Quality;

public sealed class QuarterlyReportChartTests
{
    [Fact]
    public void The_service_level_legend_of_the_monthly_chart_follows_the_configured_threshold()
    {
        var fifteen = Chart(new KpiOptions());
        var thirty = Chart(new KpiOptions { ServiceLevelThreshold = Duration.FromSeconds(30) });

        // The same figures drawn twice give the same image, so a difference can only come from the threshold.
        Chart(new KpiOptions()).SequenceEqual(fifteen).ShouldBeTrue();
        thirty.SequenceEqual(fifteen).ShouldBeFalse("the legend still names the default 15 s");
    }

    private static byte[] Chart(KpiOptions thresholds)
    {
        var quarter = new Quarter(2026, 4);
        var figures = KpiCalculator.Compute([], thresholds);
        var report = new QuarterlyReport("Cabinet du Seuil", quarter, thresholds.Zone, Instant.FromUtc(2027, 1, 5, 9, 0), figures,
            [.. quarter.Months.Select(m => new MonthFigures(m, figures))], [], 180, [], thresholds);
        return QuarterlyReportCharts.PickUpRate(report, 1000, 430);
    }
}
