using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using static Permanence.Core.Tests.Scheduling.Agendas;

namespace Permanence.Core.Tests.Scheduling;

public sealed class SlotSearchTests
{
    private static readonly Instant Now = InParis(2026, 3, 2, 8); // Monday 2 March 2026, 08:00 Paris
    private static readonly LocalDate Monday = new(2026, 3, 2);
    private static readonly LocalDate Tuesday = new(2026, 3, 3);

    private readonly PractitionerId _doctor = PractitionerId.New();

    [Fact]
    public void A_free_morning_yields_every_slot_of_the_grid_earliest_first()
    {
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor));

        var page = Search(agenda, Consultation(), Days(Paris, Tuesday, Tuesday), Now);

        page.LocalStarts(Paris).ShouldBe([new(9, 0), new(9, 30), new(10, 0), new(10, 30), new(11, 0), new(11, 30)]);
        page.Slots.ShouldAllBe(s => s.PractitionerId == _doctor && s.Time.Duration == Duration.FromMinutes(30));
        page.Next.ShouldBeNull();
    }

    [Fact]
    public void A_practice_step_shorter_than_the_duration_offers_overlapping_candidates_aligned_on_the_session_start()
    {
        var schedule = new PractitionerSchedule
        {
            PractitionerId = _doctor,
            WeeklySessions = [new WeeklySession(IsoDayOfWeek.Tuesday, new LocalTime(9, 5), new LocalTime(10, 0))],
        };
        var agenda = Agenda(Calendar() with { SlotStep = Duration.FromMinutes(15) }, schedule);

        var page = Search(agenda, Consultation(), Days(Paris, Tuesday, Tuesday), Now);

        page.LocalStarts(Paris).ShouldBe([new(9, 5), new(9, 20)]);
    }

    [Fact]
    public void Existing_appointments_and_both_buffers_keep_their_neighbours_free()
    {
        var type = Consultation() with { BufferBefore = Duration.FromMinutes(10), BufferAfter = Duration.FromMinutes(10) };
        var booked = ExistingAppointment.From(new Slot(_doctor, type.Id, type.TimeAt(InParis(2026, 3, 3, 10)), type.BlockedRangeAt(InParis(2026, 3, 3, 10)), null));
        var agenda = new PracticeAgenda(Calendar() with { SlotStep = Duration.FromMinutes(10) }, [WeekdayMornings(_doctor)], [booked]);

        var page = Search(agenda, type, Days(Paris, Tuesday, Tuesday), Now);

        // Blocked 09:50–10:40; a new slot needs its own 10 minutes before and after.
        page.LocalStarts(Paris).ShouldBe([new(9, 0), new(9, 10), new(10, 50), new(11, 0), new(11, 10), new(11, 20), new(11, 30)]);
    }

    [Fact]
    public void Minimum_notice_hides_slots_starting_too_soon()
    {
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor));
        var type = Consultation() with { MinimumNotice = Duration.FromHours(2) };

        var page = Search(agenda, type, Days(Paris, Monday, Monday), InParis(2026, 3, 2, 8, 45));

        page.LocalStarts(Paris).ShouldBe([new(11, 0), new(11, 30)]);
    }

    [Fact]
    public void The_booking_horizon_hides_slots_starting_at_or_after_it()
    {
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor));
        var type = Consultation() with { MaximumHorizon = Duration.FromDays(1) + Duration.FromHours(2) };

        var page = Search(agenda, type, Days(Paris, Monday, Tuesday), Now);

        page.Slots[^1].Time.Start.ShouldBe(InParis(2026, 3, 3, 9, 30));
    }

    [Fact]
    public void A_daily_cap_counts_existing_appointments_of_the_type_on_the_local_day()
    {
        var type = Consultation() with { MaximumPerDayPerPractitioner = 2 };
        var other = Consultation();
        ExistingAppointment Booked(AppointmentType t, Instant start) => new(_doctor, t.Id, t.TimeAt(start), t.BlockedRangeAt(start));
        var agenda = new PracticeAgenda(Calendar(), [WeekdayMornings(_doctor)],
        [
            Booked(type, InParis(2026, 3, 3, 9)),
            Booked(type, InParis(2026, 3, 3, 9, 30)),
            Booked(other, InParis(2026, 3, 4, 9)),
            Booked(type, InParis(2026, 3, 4, 9, 30)),
        ]);

        var page = Search(agenda, type, Days(Paris, Tuesday, new LocalDate(2026, 3, 4)), Now);

        page.Slots.ShouldNotContain(s => s.Time.Start.InZone(Paris).Date == Tuesday);
        page.LocalStarts(Paris).ShouldBe([new(10, 0), new(10, 30), new(11, 0), new(11, 30)]);
    }

    [Fact]
    public void Only_practitioners_allowed_for_the_type_are_searched()
    {
        var other = PractitionerId.New();
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor), WeekdayMornings(other));
        var type = Consultation() with { AllowedPractitioners = new HashSet<PractitionerId> { other } };

        var page = Search(agenda, type, Days(Paris, Tuesday, Tuesday), Now);

        page.Slots.ShouldNotBeEmpty();
        page.Slots.ShouldAllBe(s => s.PractitionerId == other);
    }

    [Fact]
    public void A_type_closed_to_new_patients_offers_nothing_to_a_new_patient()
    {
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor));
        var type = Consultation() with { AcceptsNewPatients = false };
        var query = new SlotQuery { Type = type, Window = Days(Paris, Tuesday, Tuesday) };

        SlotSearch.Find(agenda, query with { PatientIsNew = true }, Now).Slots.ShouldBeEmpty();
        SlotSearch.Find(agenda, query, Now).Slots.Count.ShouldBe(6);
    }

    [Fact]
    public void First_available_merges_every_practitioner_earliest_first_with_ties_by_id()
    {
        var early = PractitionerId.New();
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor, 10, 12), WeekdayMornings(early, 9, 11));

        var page = Search(agenda, Consultation(), Days(Paris, Tuesday, Tuesday), Now);

        page.Slots.Select(s => s.Cursor).ShouldBeInOrder(SortDirection.Ascending);
        page.Slots.Count.ShouldBe(8);
        page.Slots[0].PractitionerId.ShouldBe(early);
    }

    [Fact]
    public void Paging_with_the_cursor_walks_every_slot_once_in_order()
    {
        var other = PractitionerId.New();
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor), WeekdayMornings(other));
        var window = Days(Paris, Monday, new LocalDate(2026, 3, 6));
        var type = Consultation();
        var all = Search(agenda, type, window, Now).Slots;

        var walked = new List<Slot>();
        SlotCursor? after = null;
        do
        {
            var page = SlotSearch.Find(agenda, new SlotQuery { Type = type, Window = window, Limit = 7, After = after }, Now);
            page.Slots.Count.ShouldBeLessThanOrEqualTo(7);
            walked.AddRange(page.Slots);
            after = page.Next;
        }
        while (after is not null);

        walked.ShouldBe(all);
        all.Count.ShouldBe(2 * 5 * 6);
    }

    [Fact]
    public void The_cursor_round_trips_through_its_text_form()
    {
        var cursor = new SlotCursor(InParis(2026, 3, 3, 9, 30), _doctor);

        SlotCursor.TryParse(cursor.ToString(), out var parsed).ShouldBeTrue();

        parsed.ShouldBe(cursor);
        SlotCursor.TryParse("garbage", out _).ShouldBeFalse();
    }

    [Fact]
    public void Absences_practice_closures_and_public_holidays_remove_their_slots()
    {
        var schedule = WeekdayMornings(_doctor) with
        {
            Absences = [new TimeRange(InParis(2026, 3, 3, 10), InParis(2026, 3, 3, 11))],
        };
        var calendar = Calendar() with { Closures = [Days(Paris, new LocalDate(2026, 3, 5), new LocalDate(2026, 3, 5))] };
        var agenda = Agenda(calendar, schedule);

        var tuesday = Search(agenda, Consultation(), Days(Paris, Tuesday, Tuesday), Now);
        var thursday = Search(agenda, Consultation(), Days(Paris, new LocalDate(2026, 3, 5), new LocalDate(2026, 3, 5)), Now);
        var easterMonday = Search(agenda, Consultation(), Days(Paris, new LocalDate(2026, 4, 6), new LocalDate(2026, 4, 6)), Now);

        tuesday.LocalStarts(Paris).ShouldBe([new(9, 0), new(9, 30), new(11, 0), new(11, 30)]);
        thursday.Slots.ShouldBeEmpty();
        easterMonday.Slots.ShouldBeEmpty();
    }

    [Fact]
    public void A_practice_open_on_public_holidays_keeps_its_sessions_on_them()
    {
        var agenda = Agenda(Calendar() with { ClosedOnPublicHolidays = false }, WeekdayMornings(_doctor));
        var easterMonday = new LocalDate(2026, 4, 6);

        Search(agenda, Consultation(), Days(Paris, easterMonday, easterMonday), Now).Slots.Count.ShouldBe(6);
    }

    [Fact]
    public void An_extra_session_adds_slots_on_its_date_and_its_site()
    {
        var site = ConsultationSiteId.New();
        var saturday = new LocalDate(2026, 3, 7);
        var schedule = WeekdayMornings(_doctor) with { ExtraSessions = [new ExtraSession(saturday, new LocalTime(8, 0), new LocalTime(9, 0), site)] };
        var agenda = Agenda(Calendar(), schedule);

        var page = Search(agenda, Consultation(), Days(Paris, saturday, saturday), Now);

        page.LocalStarts(Paris).ShouldBe([new(8, 0), new(8, 30)]);
        page.Slots.ShouldAllBe(s => s.Site == site);
    }

    [Fact]
    public void Touching_sessions_of_one_site_join_so_a_slot_may_span_them()
    {
        var schedule = new PractitionerSchedule
        {
            PractitionerId = _doctor,
            WeeklySessions =
            [
                new WeeklySession(IsoDayOfWeek.Tuesday, new LocalTime(9, 0), new LocalTime(9, 45)),
                new WeeklySession(IsoDayOfWeek.Tuesday, new LocalTime(9, 45), new LocalTime(10, 30)),
            ],
        };

        var page = Search(Agenda(Calendar(), schedule), Consultation(), Days(Paris, Tuesday, Tuesday), Now);

        page.LocalStarts(Paris).ShouldBe([new(9, 0), new(9, 30), new(10, 0)]);
    }

    [Fact]
    public void Overlapping_sessions_of_two_sites_give_the_overlap_to_the_earlier_one()
    {
        var main = ConsultationSiteId.New();
        var annex = ConsultationSiteId.New();
        var schedule = new PractitionerSchedule
        {
            PractitionerId = _doctor,
            WeeklySessions =
            [
                new WeeklySession(IsoDayOfWeek.Tuesday, new LocalTime(9, 0), new LocalTime(10, 0), main),
                new WeeklySession(IsoDayOfWeek.Tuesday, new LocalTime(9, 30), new LocalTime(11, 0), annex),
            ],
        };

        var page = Search(Agenda(Calendar(), schedule), Consultation(), Days(Paris, Tuesday, Tuesday), Now);

        page.Slots.Select(s => (s.Time.Start.InZone(Paris).TimeOfDay, s.Site)).ShouldBe(
            [(new LocalTime(9, 0), main), (new LocalTime(9, 30), main), (new LocalTime(10, 0), annex), (new LocalTime(10, 30), annex)]);
    }

    [Fact]
    public void The_window_bounds_slot_starts_half_open()
    {
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor));
        var window = new TimeRange(InParis(2026, 3, 3, 9, 30), InParis(2026, 3, 3, 10, 30));

        Search(agenda, Consultation(), window, Now).LocalStarts(Paris).ShouldBe([new(9, 30), new(10, 0)]);
    }
}
