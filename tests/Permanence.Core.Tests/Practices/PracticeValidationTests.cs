using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Core.Tests.Practices;

public sealed class PracticeValidationTests
{
    private static PracticeInput ValidPractice(string timeZone = "Europe/Paris", string routine = "01 42 86 82 00", string? urgent = null) => new(
        "Cabinet des Tilleuls", "{practice}, bonjour", "general", timeZone, "12 rue des Tilleuls", "Code 1234A", routine, urgent,
        null, null, null, ["Carte Vitale"], null);

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("America/Martinique")]
    [InlineData("Indian/Reunion")]
    [InlineData("Pacific/Noumea")]
    public void Iana_zones_of_france_and_overseas_are_accepted(string zone) =>
        PracticeValidation.Apply(ValidPractice(zone)).IsSuccess.ShouldBeTrue();

    [Theory]
    [InlineData("Paris")]
    [InlineData("CET+1")]
    [InlineData("")]
    public void Unknown_time_zones_are_rejected(string zone) =>
        PracticeValidation.Apply(ValidPractice(zone)).Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("timeZone");

    [Fact]
    public void Numbers_are_stored_in_E164()
    {
        var practice = PracticeValidation.Apply(ValidPractice(urgent: "+33 1 42 86 82 01")).Value!;
        practice.RoutineNumber.ShouldBe("+33142868200");
        practice.UrgentNumber.ShouldBe("+33142868201");
    }

    [Fact]
    public void The_urgent_line_must_differ_from_the_routine_line() =>
        PracticeValidation.Apply(ValidPractice(urgent: "01 42 86 82 00")).Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("urgentNumber");

    [Fact]
    public void A_greeting_filling_in_to_the_length_a_call_record_keeps_is_accepted() =>
        PracticeValidation.Apply(ValidPractice() with { GreetingText = GreetingFillingInTo(PracticeValidation.MaxTextLength) }).IsSuccess.ShouldBeTrue();

    [Fact]
    public void A_greeting_filling_in_past_the_length_a_call_record_keeps_is_refused() =>
        PracticeValidation.Apply(ValidPractice() with { GreetingText = GreetingFillingInTo(PracticeValidation.MaxTextLength + 1) })
            .Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["greetingText"]);

    [Fact]
    public void A_short_greeting_repeating_a_long_practice_name_is_refused()
    {
        var input = ValidPractice() with
        {
            Name = new string('N', PracticeValidation.MaxNameLength),
            GreetingText = string.Concat(Enumerable.Repeat("{practice} ", 30)),
        };

        PracticeValidation.Apply(input).Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["greetingText"]);
    }

    /// <summary>A greeting of fewer than 4,000 characters that fills in to <paramref name="length"/> with the longest secretary's name.</summary>
    private static string GreetingFillingInTo(int length) => "{secretary}" + new string('x', length - Practice.MaxSecretaryNameLength);

    [Fact]
    public void A_failed_update_leaves_the_practice_untouched()
    {
        var practice = PracticeValidation.Apply(ValidPractice()).Value!;
        var result = PracticeValidation.Apply(ValidPractice("Nowhere/Atlantis") with { Name = "Renamed" }, practice);
        result.IsSuccess.ShouldBeFalse();
        practice.Name.ShouldBe("Cabinet des Tilleuls");
    }

    [Theory]
    [InlineData("10003456789", true)]
    [InlineData("100 0345 6789", true)]
    [InlineData("1000345678", false)]
    [InlineData("100034567890", false)]
    [InlineData("1000345678A", false)]
    public void Rpps_has_exactly_eleven_digits(string rpps, bool valid) =>
        (Rpps.TryParse(rpps) is not null).ShouldBe(valid);

    [Fact]
    public void Touching_opening_ranges_are_allowed_and_overlapping_ones_are_not()
    {
        var id = PracticeId.New();
        PracticeValidation.Apply([new OpeningHoursInput("monday", "08:00", "12:00"), new OpeningHoursInput("monday", "12:00", "14:00")], id)
            .IsSuccess.ShouldBeTrue();
        PracticeValidation.Apply([new OpeningHoursInput("monday", "08:00", "12:30"), new OpeningHoursInput("monday", "12:00", "14:00")], id)
            .Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("ranges");
        PracticeValidation.Apply([new OpeningHoursInput("monday", "08:00", "12:30"), new OpeningHoursInput("tuesday", "12:00", "14:00")], id)
            .IsSuccess.ShouldBeTrue();
    }

    [Theory]
    [InlineData("funday", "08:00", "12:00", "ranges[0].day")]
    [InlineData("monday", "8h", "12:00", "ranges[0].start")]
    [InlineData("monday", "12:00", "08:00", "ranges[0].end")]
    [InlineData("1", "08:00", "12:00", "ranges[0].day")]
    public void Malformed_opening_ranges_name_the_bad_field(string day, string start, string end, string field) =>
        PracticeValidation.Apply([new OpeningHoursInput(day, start, end)], PracticeId.New())
            .Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain(field);

    [Fact]
    public void Opening_hours_are_read_on_the_wall_clock_of_the_practice_even_on_dst_days()
    {
        var practice = PracticeValidation.Apply(ValidPractice()).Value!;
        practice.OpeningHours = [new OpeningHoursRange { Day = IsoDayOfWeek.Monday, Start = new LocalTime(8, 30), End = new LocalTime(12, 0) }];
        // Monday 30 March 2026, the day after the spring change: 08:30 in Paris is 06:30 UTC.
        OpeningHoursRules.IsOpenAt(practice, Instant.FromUtc(2026, 3, 30, 6, 30)).ShouldBeTrue();
        OpeningHoursRules.IsOpenAt(practice, Instant.FromUtc(2026, 3, 30, 6, 29)).ShouldBeFalse();
        // Monday 26 October 2026, after the autumn change: 08:30 in Paris is 07:30 UTC.
        OpeningHoursRules.IsOpenAt(practice, Instant.FromUtc(2026, 10, 26, 7, 29)).ShouldBeFalse();
        OpeningHoursRules.IsOpenAt(practice, Instant.FromUtc(2026, 10, 26, 7, 30)).ShouldBeTrue();
    }

    [Fact]
    public void A_closure_closes_the_practice_on_every_day_it_covers()
    {
        var practice = PracticeValidation.Apply(ValidPractice("America/Martinique")).Value!;
        practice.OpeningHours = [new OpeningHoursRange { Day = IsoDayOfWeek.Tuesday, Start = new LocalTime(8, 0), End = new LocalTime(12, 0) }];
        practice.Closures = [PracticeValidation.Apply(new ClosureInput("2026-12-22", "2026-12-29", "Congés"), practice.Id).Value!];
        // Tuesday 22 and 29 December 2026, 09:00 in Martinique (UTC-4).
        OpeningHoursRules.IsOpenAt(practice, Instant.FromUtc(2026, 12, 22, 13, 0)).ShouldBeFalse();
        OpeningHoursRules.IsOpenAt(practice, Instant.FromUtc(2026, 12, 29, 13, 0)).ShouldBeFalse();
        OpeningHoursRules.IsOpenAt(practice, Instant.FromUtc(2027, 1, 5, 13, 0)).ShouldBeTrue();
    }

    [Fact]
    public void Appointment_type_bounds_are_enforced()
    {
        var input = new AppointmentTypeInput("Consultation", 3, -1, 200, null, 0, 0, null, "teleport", null, null, null, null);
        var fields = PracticeValidation.Apply(input, PracticeId.New(), new HashSet<PractitionerId>()).Error.ShouldBeOfType<ValidationError>().Fields;
        fields.Keys.ShouldBe(["durationMinutes", "bufferBeforeMinutes", "bufferAfterMinutes", "bookingHorizonDays", "maxPerDayPerPractitioner", "channel"], ignoreOrder: true);
    }

    [Fact]
    public void A_birth_date_in_the_future_is_rejected()
    {
        var today = new LocalDate(2026, 11, 23);
        var input = new Patients.PatientInput("Martin", "Léa", "2026-11-24", "06 12 34 56 78", null, "lea.martin@example.org", null);
        Patients.PatientValidation.Apply(input, PracticeId.New(), today).Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("birthDate");
        Patients.PatientValidation.Apply(input with { BirthDate = "2026-11-23" }, PracticeId.New(), today).Value!.Phone.ShouldBe("+33612345678");
    }
}
