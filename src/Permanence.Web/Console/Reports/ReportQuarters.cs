using System.Globalization;
using NodaTime;
using Permanence.Core.Quality;

namespace Permanence.Web.Console.Reports;

/// <summary>The quarters the reports page offers, and where each review is downloaded from.</summary>
public static class ReportQuarters
{
    /// <summary>The quarter of <paramref name="today"/> (the practice's date) and the ones before it, newest first.</summary>
    public static IEnumerable<Quarter> Latest(LocalDate today, int count)
    {
        var quarter = new Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        for (var i = 0; i < count && quarter.Year >= Quarter.FirstYear; i++)
        {
            yield return quarter;
            quarter = quarter.Number == 1 ? new Quarter(quarter.Year - 1, 4) : quarter with { Number = quarter.Number - 1 };
        }
    }

    /// <summary>The API route of the review's PDF, relative to the console's base address.</summary>
    public static string DownloadPath(Guid practiceId, Quarter quarter) =>
        string.Create(CultureInfo.InvariantCulture, $"api/practices/{practiceId}/reports/quarterly?year={quarter.Year}&quarter={quarter.Number}");
}
