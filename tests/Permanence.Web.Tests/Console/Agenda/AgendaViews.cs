using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Web.Scheduling;

namespace Permanence.Web.Tests.Console.Agenda;

/// <summary>Agenda views built the way <see cref="AgendaQueries"/> builds them: sessions resolved by <see cref="SessionTimeResolver"/>.</summary>
internal static class AgendaViews
{
    public static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    public static readonly AgendaPractitioner Martin = new(new PractitionerId(Guid.Parse("00000000-0000-0000-0000-0000000000a1")), "Dr Martin");
    public static readonly AgendaPractitioner Bernard = new(new PractitionerId(Guid.Parse("00000000-0000-0000-0000-0000000000b2")), "Dr Bernard");
    public static readonly AgendaAppointmentType Consultation = new(new AppointmentTypeId(Guid.Parse("00000000-0000-0000-0000-0000000000c3")), "Consultation",
        Duration.FromMinutes(15), "Venir à jeun.", ["Carnet de vaccination"]);

    public static AgendaSession Session(AgendaPractitioner who, LocalDate date, LocalTime start, LocalTime end) =>
        new(who.Id, date, SessionTimeResolver.ToRange(date, start, end, Paris));

    public static AgendaAppointment Appointment(AgendaPractitioner who, Instant start, int minutes = 15, bool squeezeIn = false) =>
        new(new AppointmentId(Guid.NewGuid()), who.Id, Consultation.Id, Consultation.Name, null, new TimeRange(start, start + Duration.FromMinutes(minutes)),
            AppointmentStatus.Booked, squeezeIn, squeezeIn ? "douleur aiguë" : null);

    public static AgendaView View(IReadOnlyList<LocalDate> days, IReadOnlyList<AgendaPractitioner> practitioners, IReadOnlyList<AgendaSession> sessions,
        IReadOnlyList<AgendaAppointment>? appointments = null, IReadOnlyList<AgendaAbsence>? absences = null, IReadOnlyList<AgendaClosure>? closures = null) =>
        new(new PracticeId(Guid.NewGuid()), "Cabinet des Tilleuls", Paris, Duration.FromMinutes(15), days, practitioners, sessions,
            absences ?? [], closures ?? [], appointments ?? [], [Consultation]);

    public static Instant At(LocalDate date, int hour, int minute = 0) => date.At(new LocalTime(hour, minute)).InZoneStrictly(Paris).ToInstant();
}
