using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Tests.Scheduling;

/// <summary>Builders for scheduling test data; everything in Europe/Paris unless a test says otherwise.</summary>
internal static class Agendas
{
    public static readonly DateTimeZone Paris = TimeZones.TryGet("Europe/Paris")!;

    public static AppointmentType Consultation(int minutes = 30) => new()
    {
        Id = AppointmentTypeId.New(),
        Name = "Consultation",
        Duration = Duration.FromMinutes(minutes),
    };

    public static PractitionerSchedule WeekdayMornings(PractitionerId practitioner, int fromHour = 9, int toHour = 12) => new()
    {
        PractitionerId = practitioner,
        WeeklySessions =
        [
            .. new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
                .Select(d => new WeeklySession(d, new LocalTime(fromHour, 0), new LocalTime(toHour, 0))),
        ],
    };

    public static PracticeCalendar Calendar(DateTimeZone? zone = null) => new() { Zone = zone ?? Paris };

    public static PracticeAgenda Agenda(PracticeCalendar calendar, params PractitionerSchedule[] schedules) =>
        new(calendar, schedules, []);

    public static Instant At(DateTimeZone zone, int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(zone).ToInstant();

    public static Instant InParis(int year, int month, int day, int hour, int minute = 0) => At(Paris, year, month, day, hour, minute);

    public static TimeRange Days(DateTimeZone zone, LocalDate first, LocalDate last) => TimeRange.OfLocalDays(first, last, zone);

    public static SlotPage Search(PracticeAgenda agenda, AppointmentType type, TimeRange window, Instant now, int limit = SlotQuery.MaximumLimit) =>
        SlotSearch.Find(agenda, new SlotQuery { Type = type, Window = window, Limit = limit }, now);

    public static IEnumerable<LocalTime> LocalStarts(this SlotPage page, DateTimeZone zone) =>
        page.Slots.Select(s => s.Time.Start.InZone(zone).TimeOfDay);
}
