using Bunit;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Web.Console.Agenda;
using Permanence.Web.Scheduling;
using static Permanence.Web.Tests.Console.Agenda.AgendaViews;

namespace Permanence.Web.Tests.Console.Agenda;

public sealed class BookingPanelTests : ConsoleTestContext
{
    private static readonly LocalDate Monday = new(2026, 11, 23);

    private static BookingForm Form() => new() { PractitionerId = Martin.Id, PractitionerName = Martin.DisplayName, Start = At(Monday, 9, 0) };

    private static Slot SlotAt(AgendaPractitioner who, Instant start) =>
        new(who.Id, Consultation.Id, new TimeRange(start, start + Duration.FromMinutes(15)), new TimeRange(start, start + Duration.FromMinutes(15)), null);

    private IRenderedComponent<BookingPanel> RenderPanel(Action<ComponentParameterCollectionBuilder<BookingPanel>>? more = null) =>
        Render<BookingPanel>(p =>
        {
            p.Add(b => b.Form, Form()).Add(b => b.Zone, Paris).Add(b => b.Types, [Consultation]).Add(b => b.PracticeDocuments, ["Carte Vitale"])
                .Add(b => b.PractitionerNames, new Dictionary<PractitionerId, string> { [Martin.Id] = Martin.DisplayName, [Bernard.Id] = Bernard.DisplayName });
            more?.Invoke(p);
        });

    [Fact]
    public void Preparation_instructions_and_documents_to_bring_are_shown_when_booking()
    {
        var panel = RenderPanel();

        panel.Find("h2").TextContent.ShouldBe("Prendre rendez-vous avec Dr Martin le lundi 23 novembre 2026 à 09:00");
        panel.Find(".agenda-preparation").TextContent.ShouldContain("Venir à jeun.");
        panel.FindAll(".agenda-preparation li").Select(li => li.TextContent).ShouldBe(["Carnet de vaccination", "Carte Vitale"]);
    }

    [Fact]
    public void A_lost_race_shows_the_conflict_and_offers_the_alternatives_of_the_409()
    {
        var conflict = new SlotTaken("The time was taken a moment ago by another booking.",
            [SlotAt(Martin, At(Monday, 9, 15)), SlotAt(Bernard, At(Monday, 10, 30))], Paris);
        Slot? picked = null;
        var panel = RenderPanel(p => p.Add(b => b.Conflict, conflict).Add(b => b.OnPickAlternative, slot => picked = slot));

        var alert = panel.Find("[role=alert].agenda-conflict");
        alert.TextContent.ShouldContain("The time was taken a moment ago by another booking.");
        var choices = panel.FindAll(".agenda-alternative");
        choices.Select(b => b.TextContent.Trim()).ShouldBe([
            "lundi 23 novembre 2026 à 09:15 — Dr Martin",
            "lundi 23 novembre 2026 à 10:30 — Dr Bernard",
        ]);
        choices[1].Click();
        picked.ShouldBe(conflict.Alternatives[1]);
    }

    [Fact]
    public void Field_errors_of_the_booking_service_are_shown_next_to_their_fields()
    {
        var errors = new Dictionary<string, string[]> { ["patient.lastName"] = ["Required."], ["patient.phone"] = ["Not a French phone number."] };
        var panel = RenderPanel(p => p.Add(b => b.Errors, errors));

        panel.Find("#error-patient-lastName").TextContent.ShouldBe("Required.");
        panel.Find("#booking-last-name").GetAttribute("aria-describedby").ShouldBe("error-patient-lastName");
        panel.Find("#error-patient-phone").TextContent.ShouldBe("Not a French phone number.");
        panel.FindAll("#error-patient-firstName").ShouldBeEmpty();
    }

    [Fact]
    public void Errors_on_the_notes_and_on_the_call_the_booking_came_from_are_shown()
    {
        var errors = new Dictionary<string, string[]> { ["notes"] = ["At most 4000 characters."], ["callId"] = ["No such call in this practice."] };
        var panel = RenderPanel(p => p.Add(b => b.Errors, errors));

        panel.Find("#error-notes").TextContent.ShouldBe("At most 4000 characters.");
        panel.Find("#booking-notes").GetAttribute("aria-describedby").ShouldBe("error-notes");
        panel.Find("#error-callId").TextContent.ShouldBe("No such call in this practice.");
    }

    [Fact]
    public void Submitting_the_form_hands_over_the_typed_patient_as_a_booking_request()
    {
        BookingForm? confirmed = null;
        var panel = RenderPanel(p => p.Add(b => b.OnConfirm, f => confirmed = f));

        panel.Find("#booking-last-name").Change("Durand");
        panel.Find("#booking-first-name").Change("Alice");
        panel.Find("#booking-birth-date").Change("1980-03-12");
        panel.Find("#booking-phone").Change("06 12 34 56 78");
        panel.Find("form").Submit();

        var request = confirmed.ShouldNotBeNull().ToRequest();
        request.PractitionerId.ShouldBe(Martin.Id.Value);
        request.AppointmentTypeId.ShouldBe(Consultation.Id.Value);
        request.Start.ShouldBe("2026-11-23T08:00:00Z");
        request.Patient.ShouldBe(new Core.Patients.PatientInput("Durand", "Alice", "1980-03-12", "06 12 34 56 78", null, null, null));
    }

    [Fact]
    public void English_is_available()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

        var panel = RenderPanel();

        panel.Find("h2").TextContent.ShouldBe("Book with Dr Martin on Monday 23 November 2026 at 09:00");
        panel.Find("button[type=submit]").TextContent.ShouldBe("Confirm the appointment");
    }
}
