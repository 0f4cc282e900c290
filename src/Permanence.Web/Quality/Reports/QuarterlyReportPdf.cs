using System.Globalization;
using NodaTime.Text;
using Permanence.Core.Quality;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Permanence.Web.Quality.Reports;

/// <summary>
/// Lays the quarterly review out as an A4 PDF (PDFsharp, fonts embedded): key figures against their targets, the
/// charts, monthly trends and the recommendations. Text is real text, so it can be searched and extracted.
/// </summary>
public static class QuarterlyReportPdf
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Create("dd/MM/uuuu", CultureInfo.InvariantCulture);

    public static byte[] Render(QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ReportFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Revue trimestrielle {report.Quarter.Label} — {report.PracticeName}";
        document.Info.Author = "Permanence";
        var page = new PageWriter(document);
        var f = report.Figures;

        page.Title($"Revue trimestrielle — {report.PracticeName}");
        page.Line($"{report.Quarter.Label} : du {DatePattern.Format(report.Quarter.FirstDay)} au {DatePattern.Format(report.Quarter.EndDay.PlusDays(-1))} "
            + $"({report.Zone.Id}), édité le {DatePattern.Format(report.GeneratedAt.InZone(report.Zone).Date)}", PageWriter.Small);
        page.Space(8);
        page.Heading("Chiffres clés");
        page.Row("Appels présentés", $"{Count(f.Offered)} (dont {Count(f.OfferedInServiceHours)} en heures d'ouverture)");
        page.Row("Appels décrochés", Count(f.Answered));
        page.Row("Taux de décroché", $"{Rate(f.PickUpRate)} — référence nationale {QuarterlyReview.Percent(QuarterlyReview.NationalPickUpReference)}"
            + (f.PickUpRate is { } p ? (p >= QuarterlyReview.NationalPickUpReference ? " (atteinte)" : " (non atteinte)") : ""));
        page.Row($"Niveau de service ({report.Thresholds.ServiceLevelThreshold.TotalSeconds:0} s)", $"{Rate(f.ServiceLevel)} — objectif {QuarterlyReview.Percent(report.Thresholds.ServiceLevelTarget)}");
        page.Row("Délai moyen de décroché", Seconds(f.AverageSpeedOfAnswerSeconds));
        page.Row("Abandons", $"{Rate(f.AbandonmentRate)} ({Count(f.AbandonedLong)} après attente, {Count(f.AbandonedShort)} de moins de {report.Thresholds.ShortAbandonThreshold.TotalSeconds:0} s)");
        page.Row("Appels manqués", Count(f.Missed));
        page.Row("Durée moyenne de traitement", Seconds(f.AverageHandlingSeconds));
        page.Row($"Rappels du même numéro ({report.Thresholds.RepeatWindow.TotalHours:0} h)", Rate(f.RepeatCallRate));
        page.Row("Appels avec rappel à faire", Rate(f.CallbackRate));
        page.Row("Erreurs de prise de rendez-vous", Rate(f.SchedulingErrorRate));
        page.Row("Appels hors heures d'ouverture", Rate(f.AfterHoursShare));
        page.Row("Satisfaction (enquête)", Satisfaction(f));
        page.Space(10);
        page.Image(QuarterlyReportCharts.Volumes(report, 1000, 420), 420);

        page.NewPage();
        page.Heading("Décroché et niveau de service");
        page.Image(QuarterlyReportCharts.PickUpRate(report, 1000, 430), 430);
        page.Heading("Répartition par motif");
        if (f.ByCategory.Count == 0)
        {
            page.Line("Aucun appel décroché n'a de motif renseigné sur le trimestre.", PageWriter.Body);
        }
        else
        {
            page.Image(QuarterlyReportCharts.Categories(report, 1000, 380), 380);
        }

        page.NewPage();
        page.Heading("Appels par jour et par heure");
        page.Image(QuarterlyReportCharts.Heatmap(report, 1000, 400), 400);
        page.Heading("Évolution mensuelle");
        page.Columns(["Mois", "Présentés", "Décrochés", "Décroché", "Service", "Erreurs RDV", "Satisfaction"], bold: true);
        foreach (var month in report.Months)
        {
            var m = month.Figures;
            page.Columns([QuarterlyReportCharts.MonthName(month.Month), Count(m.Offered), Count(m.Answered), Rate(m.PickUpRate), Rate(m.ServiceLevel),
                Rate(m.SchedulingErrorRate), Score(m.AverageSatisfaction)]);
        }
        var peak = report.Staffing.MaxBy(h => h.Agents);
        page.Space(6);
        page.Paragraph(peak is { Agents: > 0 }
            ? string.Create(French, $"Effectif conseillé (Erlang C, {QuarterlyReview.Percent(report.Thresholds.ServiceLevelTarget)} en {report.Thresholds.ServiceLevelThreshold.TotalSeconds:0} s, durée de traitement {report.HandlingSecondsForStaffing:0} s) : jusqu'à {peak.Agents} secrétaire(s) au pic de la semaine.")
            : "Effectif conseillé : aucun appel en heures d'ouverture sur le trimestre.");
        page.Heading("Recommandations");
        foreach (var recommendation in report.Recommendations)
        {
            page.Paragraph("• " + recommendation.Text);
        }

        page.Finish();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Rate(double? rate) => rate is { } r ? QuarterlyReview.Percent(r) : "–";

    private static string Seconds(double? seconds) => seconds is { } s ? string.Create(French, $"{s:0} s") : "–";

    private static string Score(double? score) => score is { } s ? string.Create(French, $"{s:0.0}/5") : "–";

    private static string Satisfaction(KpiReport f) => f.AverageSatisfaction is { } average
        ? string.Create(French, $"{average:0.0}/5 sur {f.SurveyResponses} réponse(s), {QuarterlyReview.Percent(f.SatisfiedShare ?? 0)} satisfaits (4 ou 5)")
        : "aucune réponse";

    /// <summary>A top-to-bottom cursor over A4 pages with a left margin; starts a new page when one is full.</summary>
    private sealed class PageWriter
    {
        public const double Body = 10;
        public const double Small = 8.5;
        private const double Margin = 50;
        private readonly PdfDocument _document;
        private XGraphics _graphics = null!;
        private PdfPage _page = null!;
        private double _y;

        public PageWriter(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        private double Width => _page.Width.Point - (2 * Margin);

        public void Finish() => _graphics.Dispose();

        public void NewPage()
        {
            _graphics?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        public void Title(string text) => Write(text, new XFont(ReportFonts.Family, 16, XFontStyleEx.Bold), 22);

        public void Heading(string text)
        {
            Space(6);
            Write(text, new XFont(ReportFonts.Family, 12.5, XFontStyleEx.Bold), 18);
        }

        public void Line(string text, double size) => Write(text, new XFont(ReportFonts.Family, size, XFontStyleEx.Regular), size * 1.5);

        public void Space(double points) => _y += points;

        public void Row(string label, string value)
        {
            var font = new XFont(ReportFonts.Family, Body, XFontStyleEx.Regular);
            Ensure(Body * 1.6);
            _graphics.DrawString(label, font, XBrushes.Black, new XPoint(Margin, _y + Body));
            _graphics.DrawString(value, font, XBrushes.Black, new XPoint(Margin + 190, _y + Body));
            _y += Body * 1.6;
        }

        /// <summary>One table row of up to seven cells at fixed column positions.</summary>
        public void Columns(IReadOnlyList<string> cells, bool bold = false)
        {
            double[] offsets = [0, 85, 155, 225, 295, 365, 435];
            var font = new XFont(ReportFonts.Family, Body, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            Ensure(Body * 1.6);
            for (var i = 0; i < cells.Count && i < offsets.Length; i++)
            {
                _graphics.DrawString(cells[i], font, XBrushes.Black, new XPoint(Margin + offsets[i], _y + Body));
            }
            _y += Body * 1.6;
        }

        /// <summary>Wraps <paramref name="text"/> on word boundaries to the page width.</summary>
        public void Paragraph(string text)
        {
            var font = new XFont(ReportFonts.Family, Body, XFontStyleEx.Regular);
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics.MeasureString(candidate, font).Width > Width)
                {
                    Write(line, font, Body * 1.45);
                    line = "  " + word;
                }
                else
                {
                    line = candidate;
                }
            }
            if (line.Length > 0)
            {
                Write(line, font, Body * 1.45);
            }
            _y += 3;
        }

        /// <summary>A PNG scaled to the page width, <paramref name="pixelHeight"/> tall for 1000 pixels of width.</summary>
        public void Image(byte[] png, int pixelHeight)
        {
            var height = Width * pixelHeight / 1000;
            Ensure(height);
            using var stream = new MemoryStream(png);
            using var image = XImage.FromStream(stream);
            _graphics.DrawImage(image, Margin, _y, Width, height);
            _y += height + 6;
        }

        private void Write(string text, XFont font, double lineHeight)
        {
            Ensure(lineHeight);
            _graphics.DrawString(text, font, XBrushes.Black, new XPoint(Margin, _y + (lineHeight * 0.75)));
            _y += lineHeight;
        }

        private void Ensure(double height)
        {
            if (_y + height > _page.Height.Point - Margin)
            {
                NewPage();
            }
        }
    }
}
