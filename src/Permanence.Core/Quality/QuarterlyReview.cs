using System.Globalization;
using NodaTime;

namespace Permanence.Core.Quality;

/// <summary>What the quarterly review recommends, derived from the figures; each says which figure triggered it.</summary>
/// <param name="Figure">The figure the recommendation answers, e.g. <c>service_level</c>.</param>
/// <param name="Text">The sentence shown to the practice, in French.</param>
public sealed record Recommendation(string Figure, string Text);

/// <summary>
/// The targets of the quarterly review and the recommendations they lead to. Targets: pick-up rate at least the
/// national reference for medical practices (86 % in 2025), the service level target of the thresholds (80 % within
/// 15 s by default), abandonment under 5 %,
/// repeat calls under 15 %, scheduling errors under 2 %, satisfaction 4/5 or more.
/// </summary>
public static class QuarterlyReview
{
    public const double NationalPickUpReference = 0.86;
    public const double AbandonmentCeiling = 0.05;
    public const double RepeatCallCeiling = 0.15;
    public const double SchedulingErrorCeiling = 0.02;
    public const double SatisfactionTarget = 4.0;

    /// <summary>Fewer answers than this make the satisfaction figure too thin to read.</summary>
    public const int MinimumSurveyResponses = 30;

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <param name="staffing">Erlang C plan from the quarter's own arrival profile (168 hours, Monday 00:00 first).</param>
    /// <param name="workingDays">Monday-to-Friday days of the quarter, for the calls-per-day outsourcing guide.</param>
    /// <param name="thresholds">The thresholds the figures were computed with (the defaults when null).</param>
    public static IReadOnlyList<Recommendation> For(KpiReport report, IReadOnlyList<StaffingHour> staffing, int workingDays, KpiOptions? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(staffing);
        thresholds ??= new KpiOptions();
        var advice = new List<Recommendation>();
        if (report.Offered == 0)
        {
            advice.Add(new("offered", "Aucun appel sur le trimestre : pas de recommandation possible."));
            return advice;
        }
        var peak = staffing.OrderByDescending(h => h.Agents).ThenByDescending(h => h.CallsPerHour).FirstOrDefault();
        if (report.ServiceLevel is { } level && level < thresholds.ServiceLevelTarget && peak is { Agents: > 0 })
        {
            var hoursAbove = staffing.Count(h => h.Agents >= peak.Agents);
            advice.Add(new("service_level", Format(
                $"Niveau de service de {Percent(level)} sous l'objectif de {Percent(thresholds.ServiceLevelTarget)} en {thresholds.ServiceLevelThreshold.TotalSeconds:0} s : d'après Erlang C, il faut {peak.Agents} secrétaire(s) ")
                + Format($"au pic ({Day(peak.Day)} {peak.Hour} h, {peak.CallsPerHour:0.0} appels/h), sur {hoursAbove} heure(s) de la semaine ; renforcer ces créneaux.")));
        }
        if (report.PickUpRate is { } pickUp && pickUp < NationalPickUpReference)
        {
            advice.Add(new("pick_up_rate", Format(
                $"Taux de décroché de {Percent(pickUp)}, sous la référence nationale de {Percent(NationalPickUpReference)} : {report.Missed} appel(s) manqué(s) ")
                + "en heures d'ouverture ; prévoir un débordement vers la permanence ou une messagerie rappelée le jour même."));
        }
        if (report.AbandonmentRate is { } abandonment && abandonment > AbandonmentCeiling)
        {
            advice.Add(new("abandonment_rate", Format(
                $"Abandon de {Percent(abandonment)} (au-delà de {Percent(AbandonmentCeiling)}) : annoncer le temps d'attente et proposer le rappel.")));
        }
        if (report.RepeatCallRate is { } repeat && repeat > RepeatCallCeiling)
        {
            advice.Add(new("repeat_call_rate", Format(
                $"{Percent(repeat)} des appels sont des rappels du même numéro sous {thresholds.RepeatWindow.TotalHours:0} h : vérifier que les demandes sont traitées au premier appel.")));
        }
        if (report.SchedulingErrorRate is { } errors && errors > SchedulingErrorCeiling)
        {
            advice.Add(new("scheduling_error_rate", Format(
                $"{Percent(errors)} des rendez-vous pris ont été corrigés pour erreur : revoir les consignes d'agenda (types, durées, praticiens) avec les secrétaires.")));
        }
        if (report.SurveyResponses < MinimumSurveyResponses)
        {
            advice.Add(new("satisfaction", Format(
                $"Seulement {report.SurveyResponses} réponse(s) à l'enquête de satisfaction : proposer l'enquête en fin d'appel et par e-mail pour un chiffre fiable.")));
        }
        else if (report.AverageSatisfaction is { } satisfaction && satisfaction < SatisfactionTarget)
        {
            advice.Add(new("satisfaction", Format(
                $"Satisfaction moyenne de {satisfaction:0.0}/5, sous l'objectif de {SatisfactionTarget:0.0}/5 : relire les commentaires et les appels les moins bien notés.")));
        }
        if (workingDays > 0)
        {
            var perDay = (double)report.Offered / workingDays;
            advice.Add(new("volume", Format($"{perDay:0.0} appels par jour ouvré : {VolumeAdvice(perDay)}.")));
        }
        if (advice.Count == 1)
        {
            advice.Insert(0, new("all", "Tous les objectifs du trimestre sont atteints : conserver l'organisation actuelle."));
        }
        return advice;
    }

    /// <summary>Monday-to-Friday days from <paramref name="first"/> to <paramref name="end"/> (exclusive).</summary>
    public static int WorkingDays(LocalDate first, LocalDate end)
    {
        var days = 0;
        for (var day = first; day < end; day = day.PlusDays(1))
        {
            days += day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0 : 1;
        }
        return days;
    }

    public static string Percent(double rate) => (rate * 100).ToString("0.0", French) + " %";

    private static string VolumeAdvice(double callsPerDay) => OutsourcingGuide.BandOf(callsPerDay) switch
    {
        VolumeBand.InHouse => "sous ~30 appels/jour, le cabinet peut gérer seul avec un débordement",
        VolumeBand.SharedCover => "entre 30 et 50 appels/jour, un secrétariat partagé ou à temps partiel est conseillé",
        VolumeBand.DedicatedCover => "au-delà de ~50 appels/jour, une couverture dédiée est nécessaire",
        var band => throw new ArgumentOutOfRangeException(nameof(callsPerDay), band, null),
    };

    private static string Day(IsoDayOfWeek day) => French.DateTimeFormat.GetDayName((DayOfWeek)((int)day % 7));

    private static string Format(FormattableString text) => text.ToString(French);
}
