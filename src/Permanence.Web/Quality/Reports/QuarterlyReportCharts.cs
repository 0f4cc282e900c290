using System.Globalization;
using Permanence.Core.Quality;
using ScottPlot;

namespace Permanence.Web.Quality.Reports;

/// <summary>The charts of the quarterly review as PNG images (ScottPlot), drawn in DejaVu Sans.</summary>
public static class QuarterlyReportCharts
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly string[] Weekdays = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
    private static readonly Color Offered = Color.FromHex("#9DB4C0");
    private static readonly Color Answered = Color.FromHex("#2E5E7E");

    /// <summary>Calls offered and answered per month.</summary>
    public static byte[] Volumes(QuarterlyReport report, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewPlot("Appels par mois");
        var bars = new List<Bar>();
        for (var m = 0; m < report.Months.Count; m++)
        {
            bars.Add(new Bar { Position = (m * 3) + 1, Value = report.Months[m].Figures.Offered, FillColor = Offered, Label = Count(report.Months[m].Figures.Offered) });
            bars.Add(new Bar { Position = (m * 3) + 2, Value = report.Months[m].Figures.Answered, FillColor = Answered, Label = Count(report.Months[m].Figures.Answered) });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. report.Months.Select((_, m) => (m * 3) + 1.5)], [.. report.Months.Select(m => MonthName(m.Month))]);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Présentés", FillColor = Offered });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Décrochés", FillColor = Answered });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Pick-up rate and service level per month against the 86 % national reference.</summary>
    public static byte[] PickUpRate(QuarterlyReport report, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewPlot("Taux de décroché et niveau de service (%)");
        var bars = new List<Bar>();
        for (var m = 0; m < report.Months.Count; m++)
        {
            var figures = report.Months[m].Figures;
            bars.Add(new Bar { Position = (m * 3) + 1, Value = (figures.PickUpRate ?? 0) * 100, FillColor = Answered, Label = Rate(figures.PickUpRate) });
            bars.Add(new Bar { Position = (m * 3) + 2, Value = (figures.ServiceLevel ?? 0) * 100, FillColor = Offered, Label = Rate(figures.ServiceLevel) });
        }
        plot.Add.Bars(bars);
        var reference = plot.Add.HorizontalLine(QuarterlyReview.NationalPickUpReference * 100);
        reference.LinePattern = LinePattern.Dashed;
        reference.Color = Colors.FireBrick;
        plot.Axes.Bottom.SetTicks([.. report.Months.Select((_, m) => (m * 3) + 1.5)], [.. report.Months.Select(m => MonthName(m.Month))]);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Décroché", FillColor = Answered });
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = string.Create(French, $"Niveau de service ({report.Thresholds.ServiceLevelThreshold.TotalSeconds:0} s)"),
            FillColor = Offered,
        });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Référence nationale 86 %", LineColor = Colors.FireBrick, LineWidth = 2 });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.SetLimitsY(0, 110);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Answered calls by the secretary's category, most frequent first.</summary>
    public static byte[] Categories(QuarterlyReport report, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewPlot("Motifs des appels décrochés");
        var categories = report.Figures.ByCategory.OrderBy(c => c.Value).ToList();
        var bars = categories.Select((c, i) => new Bar { Position = i, Value = c.Value, FillColor = Answered, Label = Count(c.Value) }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plot.Axes.Left.SetTicks([.. categories.Select((_, i) => (double)i)], [.. categories.Select(c => CategoryName(c.Key))]);
        plot.Axes.Margins(left: 0, right: 0.15);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Calls by weekday (rows, Monday on top) and hour of the practice's day (columns).</summary>
    public static byte[] Heatmap(QuarterlyReport report, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewPlot("Appels par jour et par heure (heure locale)");
        var cells = new double[7, 24];
        for (var d = 0; d < 7; d++)
        {
            for (var h = 0; h < 24; h++)
            {
                cells[d, h] = report.Figures.HeatmapByWeekdayAndHour[d][h];
            }
        }
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        // Row 0 (Monday) is drawn at the top: the heatmap's first row is its highest y.
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, 7).Select(d => 6.0 - d)], Weekdays);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, 12).Select(h => h * 2.0)], [.. Enumerable.Range(0, 12).Select(h => string.Create(CultureInfo.InvariantCulture, $"{h * 2} h"))]);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static Plot NewPlot(string title)
    {
        ReportFonts.EnsureInstalled();
        var plot = new Plot();
        plot.Font.Set(ReportFonts.Family);
        plot.Title(title, 14);
        return plot;
    }

    public static string CategoryName(string code) => code switch
    {
        "appointment_book" => "Prise de RDV",
        "appointment_cancel" => "Annulation",
        "appointment_reschedule" => "Report de RDV",
        "information" => "Information",
        "billing" => "Facturation",
        "clinical" => "Clinique",
        "prescription" => "Ordonnance",
        "results_followup" => "Résultats",
        _ => "Autre",
    };

    public static string MonthName(NodaTime.LocalDate month) => month.ToString("MMMM", French);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Rate(double? rate) => rate is { } r ? (r * 100).ToString("0", French) : "–";
}
