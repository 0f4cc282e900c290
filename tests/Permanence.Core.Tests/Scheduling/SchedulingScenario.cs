using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Tests.Scheduling;

/// <summary>A random practice: rules, agenda, one appointment type, a search window and "now".</summary>
public sealed record SchedulingScenario(
    PracticeCalendar Calendar,
    IReadOnlyList<PractitionerSchedule> Schedules,
    IReadOnlyList<ExistingAppointment> Appointments,
    AppointmentType Type,
    TimeRange Window,
    Instant Now,
    bool PatientIsNew)
{
    public PracticeAgenda Agenda() => new(Calendar, Schedules, Appointments);

    public SlotQuery Query(int limit = SlotQuery.MaximumLimit) =>
        new() { Type = Type, Window = Window, PatientIsNew = PatientIsNew, Limit = limit };

    /// <summary>Every slot of the query, walking the pages.</summary>
    public List<Slot> AllSlots(PracticeAgenda agenda, int pageSize = SlotQuery.MaximumLimit)
    {
        var slots = new List<Slot>();
        SlotCursor? after = null;
        do
        {
            var page = SlotSearch.Find(agenda, Query(pageSize) with { After = after }, Now);
            slots.AddRange(page.Slots);
            after = page.Next;
        }
        while (after is not null);
        return slots;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Calendar.Zone.Id} step={Calendar.SlotStep?.TotalMinutes} holidays={Calendar.ClosedOnPublicHolidays}/{Calendar.HolidayRegion} " +
        $"window={Window} now={Now} type={Type.Duration.TotalMinutes}m -{Type.BufferBefore.TotalMinutes}/+{Type.BufferAfter.TotalMinutes} " +
        $"notice={Type.MinimumNotice.TotalMinutes}m horizon={Type.MaximumHorizon.TotalDays}d cap={Type.MaximumPerDayPerPractitioner} " +
        $"allowed={Type.AllowedPractitioners.Count} newOk={Type.AcceptsNewPatients} new={PatientIsNew} " +
        $"sessions=[{string.Join("; ", Schedules.Select(s => string.Join(", ", s.WeeklySessions.Select(w => $"{w.Day} {w.Start}-{w.End}"))))}] " +
        $"absences={Schedules.Sum(s => s.Absences.Count)} closures={Calendar.Closures.Count} appointments={Appointments.Count}");
}

/// <summary>FsCheck generators of <see cref="SchedulingScenario"/>s around both Paris DST transitions and in overseas zones.</summary>
public static class SchedulingArbitraries
{
    public static readonly PractitionerId[] Practitioners =
    [
        new(Guid.Parse("00000000-0000-0000-0000-00000000000a", CultureInfo.InvariantCulture)),
        new(Guid.Parse("00000000-0000-0000-0000-00000000000b", CultureInfo.InvariantCulture)),
        new(Guid.Parse("00000000-0000-0000-0000-00000000000c", CultureInfo.InvariantCulture)),
    ];

    private static readonly ConsultationSiteId?[] Sites =
    [
        null,
        new ConsultationSiteId(Guid.Parse("00000000-0000-0000-0000-0000000000f1", CultureInfo.InvariantCulture)),
        new ConsultationSiteId(Guid.Parse("00000000-0000-0000-0000-0000000000f2", CultureInfo.InvariantCulture)),
    ];

    private static readonly DateTimeZone[] Zones =
        [.. new[] { "Europe/Paris", "Europe/Paris", "America/Martinique", "Indian/Reunion" }.Select(id => TimeZones.TryGet(id)!)];

    // Weeks holding the spring-forward and fall-back Sundays of 2026, Ascension and Whit Monday, Christmas.
    private static readonly LocalDate[] Periods =
        [new(2026, 3, 25), new(2026, 10, 21), new(2026, 5, 11), new(2026, 12, 21)];

    private static readonly AppointmentTypeId OtherType = new(Guid.Parse("00000000-0000-0000-0000-0000000000e0", CultureInfo.InvariantCulture));

    private const int QuartersPerDay = 96;

    /// <summary>Scenarios with windows up to ten days.</summary>
    public static Arbitrary<SchedulingScenario> Scenarios() => Scenario(maxWindowDays: 10).ToArbitrary();

    /// <summary>Scenarios with windows up to two days, small enough to compare against a brute-force scan.</summary>
    public static Gen<SchedulingScenario> ShortScenarios() => Scenario(maxWindowDays: 2);

    private static Gen<LocalTime> QuarterOfDay(int quarter) =>
        Gen.Constant(quarter >= QuartersPerDay ? LocalTime.Midnight : LocalTime.Midnight.PlusMinutes(15 * quarter));

    private static Gen<WeeklySession> WeeklySession() =>
        from day in Gen.Choose(1, 7)
        from startQuarter in Gen.Choose(0, QuartersPerDay - 1)
        from length in Gen.Choose(2, 40)
        from site in Gen.Elements(Sites)
        from start in QuarterOfDay(startQuarter)
        from end in QuarterOfDay(Math.Min(QuartersPerDay, startQuarter + length))
        select new WeeklySession((IsoDayOfWeek)day, start, end, site);

    private static Gen<ExtraSession> ExtraSession(LocalDate period) =>
        from dayOffset in Gen.Choose(-1, 12)
        from startQuarter in Gen.Choose(0, QuartersPerDay - 1)
        from length in Gen.Choose(1, 20)
        from site in Gen.Elements(Sites)
        from start in QuarterOfDay(startQuarter)
        from end in QuarterOfDay(Math.Min(QuartersPerDay, startQuarter + length))
        select new ExtraSession(period.PlusDays(dayOffset), start, end, site);

    private static Gen<TimeRange> RangeFrom(Instant origin, int spanQuarters, int maxLengthQuarters, int minLengthQuarters = 1) =>
        from startQuarter in Gen.Choose(0, spanQuarters)
        from length in Gen.Choose(minLengthQuarters, maxLengthQuarters)
        let start = origin + Duration.FromMinutes(15L * startQuarter)
        select TimeRange.StartingAt(start, Duration.FromMinutes(15L * length));

    private static Gen<PractitionerSchedule> Schedule(PractitionerId practitioner, LocalDate period, Instant origin) =>
        from weeklyCount in Gen.Choose(1, 12)
        from weekly in Gen.ListOf(WeeklySession(), weeklyCount)
        from extraCount in Gen.Choose(0, 2)
        from extras in Gen.ListOf(ExtraSession(period), extraCount)
        from absenceCount in Gen.Choose(0, 3)
        from absences in Gen.ListOf(RangeFrom(origin, 12 * QuartersPerDay, 2 * QuartersPerDay), absenceCount)
        select new PractitionerSchedule
        {
            PractitionerId = practitioner,
            WeeklySessions = [.. weekly],
            ExtraSessions = [.. extras],
            Absences = [.. absences],
        };

    private static Gen<AppointmentType> Type() =>
        from duration in Gen.Elements(10, 15, 20, 30, 45, 60)
        from before in Gen.Elements(0, 0, 5, 10, 15)
        from after in Gen.Elements(0, 0, 5, 10, 15)
        from notice in Gen.Elements(0, 0, 60, 240, 1440)
        from horizonDays in Gen.Elements(1, 3, 7, 30, 365, 365)
        from cap in Gen.Elements<int?>(null, null, 1, 2, 4)
        from allowed in Gen.SubListOf(Practitioners)
        from acceptsNew in Gen.Elements(true, true, false)
        select new AppointmentType
        {
            Id = new AppointmentTypeId(Guid.Parse("00000000-0000-0000-0000-0000000000d0", CultureInfo.InvariantCulture)),
            Name = "Generated",
            Duration = Duration.FromMinutes(duration),
            BufferBefore = Duration.FromMinutes(before),
            BufferAfter = Duration.FromMinutes(after),
            MinimumNotice = Duration.FromMinutes(notice),
            MaximumHorizon = Duration.FromDays(horizonDays),
            MaximumPerDayPerPractitioner = cap,
            AllowedPractitioners = allowed.ToHashSet(),
            AcceptsNewPatients = acceptsNew,
        };

    private static Gen<ExistingAppointment> Appointment(Instant origin, AppointmentTypeId type) =>
        from practitioner in Gen.Elements(Practitioners)
        from typeId in Gen.Elements(type, OtherType)
        from fiveMinutes in Gen.Choose(0, 12 * 24 * 12)
        from duration in Gen.Elements(10, 15, 20, 30, 45, 60)
        from before in Gen.Elements(0, 5, 10)
        from after in Gen.Elements(0, 5, 10)
        let time = TimeRange.StartingAt(origin + Duration.FromMinutes(5L * fiveMinutes), Duration.FromMinutes(duration))
        select new ExistingAppointment(practitioner, typeId, time, time.Widen(Duration.FromMinutes(before), Duration.FromMinutes(after)));

    private static Gen<SchedulingScenario> Scenario(int maxWindowDays) =>
        from zone in Gen.Elements(Zones)
        from period in Gen.Elements(Periods)
        let origin = period.PlusDays(-1).AtStartOfDayInZone(zone).ToInstant()
        from closedOnHolidays in Gen.Elements(true, false)
        from region in Gen.Elements(Enum.GetValues<FrenchHolidayRegion>())
        from step in Gen.Elements<int?>(null, null, 5, 10, 15, 20, 30)
        from closureCount in Gen.Choose(0, 2)
        from closures in Gen.ListOf(RangeFrom(origin, 12 * QuartersPerDay, QuartersPerDay), closureCount)
        from practitionerCount in Gen.Choose(1, Practitioners.Length)
        from schedules in Gen.CollectToList(Practitioners.Take(practitionerCount), p => Schedule(p, period, origin))
        from type in Type()
        from appointmentCount in Gen.Choose(0, 30)
        from appointments in Gen.ListOf(Appointment(origin, type.Id), appointmentCount)
        from window in RangeFrom(origin, 4 * QuartersPerDay, maxWindowDays * QuartersPerDay, QuartersPerDay / 2)
        from nowQuarters in Gen.Choose(-QuartersPerDay / 2, 2 * QuartersPerDay)
        from patientIsNew in Gen.Elements(false, false, true)
        select new SchedulingScenario(
            new PracticeCalendar
            {
                Zone = zone,
                Closures = [.. closures],
                ClosedOnPublicHolidays = closedOnHolidays,
                HolidayRegion = region,
                SlotStep = step is { } minutes ? Duration.FromMinutes(minutes) : null,
            },
            [.. schedules],
            [.. appointments],
            type,
            window,
            window.Start - Duration.FromMinutes(15L * nowQuarters),
            patientIsNew);
}
