using NodaTime;

namespace Permanence.Core.Common;

/// <summary>Looks up IANA time zones (Europe/Paris, America/Martinique, Indian/Reunion…) from the TZDB bundled with NodaTime.</summary>
public static class TimeZones
{
    public static DateTimeZone? TryGet(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
}
