using NodaTime;
using NodaTime.Text;
using Permanence.Web.Calls;

namespace Permanence.Web.Console.CallLog;

/// <summary>
/// What the call log page searches: the practice, whole local days in its zone (both included), and the optional codes
/// the API filters by. The same query serves the list and the CSV export link.
/// </summary>
public sealed class CallLogFilter
{
    public Guid PracticeId { get; set; }
    public LocalDate From { get; set; }
    public LocalDate To { get; set; }
    public string Outcome { get; set; } = "";
    public string Category { get; set; } = "";
    public string Urgency { get; set; } = "";

    /// <summary>A copy, so that what a search showed stays what its pages, details and export read.</summary>
    public CallLogFilter Copy() => (CallLogFilter)MemberwiseClone();

    /// <summary>The API query of the days in <paramref name="zone"/>, from the start of <see cref="From"/> to the end of <see cref="To"/>.</summary>
    public CallLogQuery ToQuery(DateTimeZone zone, int page) => new(
        Iso(zone.AtStartOfDay(From)), Iso(zone.AtStartOfDay(To.PlusDays(1))), null, null,
        Optional(Category), Optional(Urgency), Optional(Outcome), page, CallLogService.DefaultPageSize);

    /// <summary>The export route with the same filters (ids and codes only, see docs/calls-and-messages.md).</summary>
    public string ExportPath(DateTimeZone zone)
    {
        var query = ToQuery(zone, 1);
        var parts = new List<string> { $"from={Uri.EscapeDataString(query.From!)}", $"to={Uri.EscapeDataString(query.To!)}" };
        parts.AddRange(new[] { ("outcome", query.Outcome), ("category", query.Category), ("urgency", query.Urgency) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        return $"api/practices/{PracticeId}/calls.csv?{string.Join('&', parts)}";
    }

    private static string Iso(ZonedDateTime time) => OffsetDateTimePattern.Rfc3339.Format(time.ToOffsetDateTime());

    private static string? Optional(string code) => string.IsNullOrWhiteSpace(code) ? null : code;
}
