using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

public sealed class TriageCodesTests
{
    [Fact]
    public void Codes_are_snake_case_and_round_trip()
    {
        Urgency.SameDay.ToCode().ShouldBe("same_day");
        TriageCategory.AppointmentBook.ToCode().ShouldBe("appointment_book");
        TriageCategory.ResultsFollowup.ToCode().ShouldBe("results_followup");
        SignalQualifier.FamilyHistory.ToCode().ShouldBe("family_history");

        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            TriageCodes.TryParseUrgency(urgency.ToCode()).ShouldBe(urgency);
        }
        foreach (var category in Enum.GetValues<TriageCategory>())
        {
            TriageCodes.TryParseCategory(category.ToCode()).ShouldBe(category);
        }
        TriageCodes.TryParseUrgency("severe").ShouldBeNull();
    }

    [Fact]
    public void Levels_are_ordered_from_routine_to_emergency() =>
        Enum.GetValues<Urgency>().ShouldBe([Urgency.Routine, Urgency.SameDay, Urgency.Urgent, Urgency.Emergency]);
}
