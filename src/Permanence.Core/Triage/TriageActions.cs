namespace Permanence.Core.Triage;

/// <summary>The protocol actions a secretary follows, by code; the wording is the script read to the caller.</summary>
public static class TriageActions
{
    public static TriageAction CallSamu { get; } = new(
        "call_samu",
        "URGENCE VITALE : dites à l'appelant de raccrocher et de composer immédiatement le 15 (ou le 112), ou mettez-le en conférence avec le SAMU sans raccrocher. Ne faites pas attendre, ne proposez pas de rendez-vous. Notez l'adresse et le numéro de rappel, puis prévenez le praticien.",
        "LIFE-THREATENING: tell the caller to hang up and dial 15 (or 112) right now, or conference them with the SAMU without hanging up. Do not put them on hold or offer an appointment. Note the address and call-back number, then notify the practitioner.");

    public static TriageAction CallSamuSuicide { get; } = new(
        "call_samu_suicide",
        "RISQUE SUICIDAIRE : restez en ligne, ne laissez pas la personne seule ; mettez en conférence avec le 15 (ou 112) ou faites composer le 15 ; le 3114 (numéro national de prévention du suicide) peut être donné en complément. Notez l'adresse et le numéro, puis prévenez le praticien.",
        "SUICIDE RISK: stay on the line and do not leave the person alone; conference the call with 15 (or 112) or have them dial 15; the French suicide prevention line 3114 can be given as well. Note the address and number, then notify the practitioner.");

    public static TriageAction NotifyPractitionerNow { get; } = new(
        "notify_practitioner_now",
        "Prévenez le praticien (ou le médecin d'astreinte) immédiatement pour un rappel dans l'heure. Dites à l'appelant de composer le 15 si l'état s'aggrave avant le rappel.",
        "Notify the practitioner (or the on-call doctor) now for a call-back within the hour. Tell the caller to dial 15 if things get worse before the call-back.");

    public static TriageAction SameDayCallback { get; } = new(
        "same_day_callback",
        "Proposez un rendez-vous aujourd'hui ou un rappel du praticien dans la journée ; s'il n'y a pas de créneau, transmettez au praticien comme message prioritaire.",
        "Offer an appointment today or a call-back from the practitioner today; if no slot is free, pass it to the practitioner as a priority message.");

    public static TriageAction StandardBooking { get; } = new(
        "standard_booking",
        "Proposez le prochain créneau adapté selon les consignes du cabinet.",
        "Offer the next suitable slot following the practice's instructions.");

    public static TriageAction CancelAppointment { get; } = new(
        "cancel_appointment",
        "Retrouvez le rendez-vous, confirmez la date avec l'appelant et annulez-le ; proposez un nouveau rendez-vous si besoin.",
        "Find the appointment, confirm its date with the caller and cancel it; offer a new one if needed.");

    public static TriageAction RescheduleAppointment { get; } = new(
        "reschedule_appointment",
        "Retrouvez le rendez-vous et proposez un autre créneau ; confirmez le nouveau rendez-vous avant d'annuler l'ancien.",
        "Find the appointment and offer another slot; confirm the new one before cancelling the old one.");

    public static TriageAction PrescriptionRequest { get; } = new(
        "prescription_request",
        "Notez le traitement demandé et la pharmacie, et transmettez la demande au praticien ; n'indiquez aucun délai que le cabinet n'a pas fixé.",
        "Note the treatment requested and the pharmacy, and pass the request to the practitioner; promise no delay the practice has not set.");

    public static TriageAction ResultsMessage { get; } = new(
        "results_message",
        "Ne commentez pas les résultats : transmettez au praticien, qui rappellera ou donnera un rendez-vous de suivi.",
        "Do not comment on results: pass the message to the practitioner, who will call back or book a follow-up.");

    public static TriageAction BillingMessage { get; } = new(
        "billing_message",
        "Répondez selon les informations de facturation du cabinet ou transmettez au service concerné.",
        "Answer from the practice's billing information or pass the message on to the right person.");

    public static TriageAction GiveInformation { get; } = new(
        "give_information",
        "Donnez l'information pratique du cabinet ; toute question médicale est transmise au praticien.",
        "Give the practice's practical information; any medical question is passed to the practitioner.");

    public static TriageAction TakeMessage { get; } = new(
        "take_message",
        "Prenez un message détaillé pour le praticien.",
        "Take a detailed message for the practitioner.");

    private static readonly Dictionary<string, TriageAction> ByCode = new[]
    {
        CallSamu, CallSamuSuicide, NotifyPractitionerNow, SameDayCallback, StandardBooking, CancelAppointment,
        RescheduleAppointment, PrescriptionRequest, ResultsMessage, BillingMessage, GiveInformation, TakeMessage,
    }.ToDictionary(a => a.Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    public static TriageAction? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The protocol action for a suggested level and category; a rule's own emergency action takes precedence.</summary>
    public static TriageAction For(Urgency urgency, TriageCategory category, string? ruleAction) => urgency switch
    {
        Urgency.Emergency => ruleAction is not null && Find(ruleAction) is { } specific ? specific : CallSamu,
        Urgency.Urgent => NotifyPractitionerNow,
        Urgency.SameDay => SameDayCallback,
        Urgency.Routine => category switch
        {
            TriageCategory.AppointmentCancel => CancelAppointment,
            TriageCategory.AppointmentReschedule => RescheduleAppointment,
            TriageCategory.Prescription => PrescriptionRequest,
            TriageCategory.ResultsFollowup => ResultsMessage,
            TriageCategory.Billing => BillingMessage,
            TriageCategory.Information => GiveInformation,
            TriageCategory.AppointmentBook or TriageCategory.Clinical => StandardBooking,
            TriageCategory.Other => TakeMessage,
            _ => TakeMessage,
        },
        _ => CallSamu,
    };
}
