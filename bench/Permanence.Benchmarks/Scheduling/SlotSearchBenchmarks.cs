using System.Globalization;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Benchmarks.Scheduling;

/// <summary>
/// Slot search over a practice of 10 practitioners for 90 days, 70 % of the grid booked. The baseline is a naive
/// scan that asks the booking check about every grid position of the window, which finds the same slots.
/// </summary>
[MemoryDiagnoser]
public class SlotSearchBenchmarks
{
    private const int PractitionerCount = 10;
    private const int Days = 90;
    private const double BookedShare = 0.7;

    private static readonly DateTimeZone Paris = TimeZones.TryGet("Europe/Paris")!;
    private static readonly LocalDate FirstDay = new(2026, 3, 2);

    private readonly Duration _step = Duration.FromMinutes(15);
    private PracticeCalendar _calendar = null!;
    private PractitionerSchedule[] _schedules = null!;
    private ExistingAppointment[] _appointments = null!;
    private PracticeAgenda _agenda = null!;
    private AppointmentType _type = null!;
    private TimeRange _window;
    private Instant _now;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = new PracticeCalendar { Zone = Paris };
        _type = new AppointmentType { Id = AppointmentTypeId.New(), Name = "Consultation", Duration = _step };
        _window = TimeRange.OfLocalDays(FirstDay, FirstDay.PlusDays(Days - 1), Paris);
        _now = _window.Start - Duration.FromHours(1);
        var weekdays = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday };
        _schedules =
        [
            .. Enumerable.Range(0, PractitionerCount).Select(i => new PractitionerSchedule
            {
                PractitionerId = new PractitionerId(new Guid(i + 1, 0, 0, new byte[8])),
                WeeklySessions =
                [
                    .. weekdays.SelectMany(d => new[]
                    {
                        new WeeklySession(d, new LocalTime(8, 30), new LocalTime(12, 30)),
                        new WeeklySession(d, new LocalTime(14, 0), new LocalTime(18, 0)),
                    }),
                ],
            }),
        ];
        var emptyAgenda = new PracticeAgenda(_calendar, _schedules, []);
        var random = new Random(20260302);
        var grid = AllSlots(emptyAgenda);
        _appointments = [.. grid.Where(_ => random.NextDouble() < BookedShare).Select(ExistingAppointment.From)];
        _agenda = new PracticeAgenda(_calendar, _schedules, _appointments);
        var free = AllSlots(_agenda).Count;
        if (NaiveScan() != free)
        {
            throw new InvalidOperationException("The naive scan and the slot search disagree.");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Agenda: {grid.Count} grid positions, {_appointments.Length} booked, {free} free."));
    }

    [Benchmark(Baseline = true, Description = "Naive scan: booking check at every grid position, all free slots")]
    public int NaiveScan()
    {
        var free = 0;
        foreach (var schedule in _schedules)
        {
            for (var start = _window.Start; start < _window.End; start += _step)
            {
                if (BookingRules.Check(_agenda, new BookingCandidate(schedule.PractitionerId, _type, start, false), _now).IsSuccess)
                {
                    free++;
                }
            }
        }
        return free;
    }

    [Benchmark(Description = "Expand availability only: every session of every practitioner to instants")]
    public int ExpandAvailability()
    {
        var sessions = 0;
        foreach (var schedule in _schedules)
        {
            for (var date = FirstDay; date < FirstDay.PlusDays(Days); date = date.PlusDays(1))
            {
                foreach (var session in schedule.WeeklySessions)
                {
                    if (session.Day == date.DayOfWeek && !SessionTimeResolver.ToRange(date, session.Start, session.End, Paris).IsEmpty)
                    {
                        sessions++;
                    }
                }
            }
        }
        return sessions;
    }

    [Benchmark(Description = "Slot search: all free slots, 10 practitioners x 90 days, pages of 500")]
    public int SearchAllFreeSlots() => AllSlots(_agenda).Count;

    [Benchmark(Description = "Slot search: first page of 20, first available across the practice")]
    public int SearchFirstPage() =>
        SlotSearch.Find(_agenda, new SlotQuery { Type = _type, Window = _window, Limit = 20 }, _now).Slots.Count;

    [Benchmark(Description = "Build the agenda snapshot (10 practitioners, booked appointments indexed)")]
    public PracticeAgenda BuildAgenda() => new(_calendar, _schedules, _appointments);

    private List<Slot> AllSlots(PracticeAgenda agenda)
    {
        var slots = new List<Slot>();
        SlotCursor? after = null;
        do
        {
            var page = SlotSearch.Find(agenda, new SlotQuery { Type = _type, Window = _window, Limit = SlotQuery.MaximumLimit, After = after }, _now);
            slots.AddRange(page.Slots);
            after = page.Next;
        }
        while (after is not null);
        return slots;
    }
}
