using System.ComponentModel.DataAnnotations;
using NodaTime;
using Permanence.Core.Quality;

namespace Permanence.Web.Quality;

/// <summary>
/// The thresholds of the quality figures (<c>Quality</c> section), the same for every route, page and report of the
/// deployment so that figures stay comparable; defaults as in docs/kpis.md.
/// </summary>
public sealed class QualityOptions
{
    public const string Section = "Quality";

    /// <summary>The defaults docs/kpis.md gives, kept in one place: <see cref="KpiOptions"/>.</summary>
    private static readonly KpiOptions Defaults = new();

    /// <summary>A call answered within this many seconds counts for the service level (15 s ≈ 3 rings).</summary>
    [Range(1, 300, ErrorMessage = "Quality:ServiceLevelSeconds must be between 1 and 300.")]
    public int ServiceLevelSeconds { get; set; } = (int)Defaults.ServiceLevelThreshold.TotalSeconds;

    /// <summary>An abandon before this many seconds is a short one (wrong number, instant hang-up), reported apart.</summary>
    [Range(0, 60, ErrorMessage = "Quality:ShortAbandonSeconds must be between 0 and 60.")]
    public int ShortAbandonSeconds { get; set; } = (int)Defaults.ShortAbandonThreshold.TotalSeconds;

    /// <summary>A call from the same number within this many hours of the previous one to the practice is a repeat.</summary>
    [Range(1, 720, ErrorMessage = "Quality:RepeatWindowHours must be between 1 and 720.")]
    public int RepeatWindowHours { get; set; } = (int)Defaults.RepeatWindow.TotalHours;

    /// <summary>
    /// The share of calls, in percent, to answer within <see cref="ServiceLevelSeconds"/>: the target the quarterly review
    /// compares the service level to, and the one the staffing plans size the team for.
    /// </summary>
    [Range(50, 99, ErrorMessage = "Quality:ServiceLevelTargetPercent must be between 50 and 99.")]
    public int ServiceLevelTargetPercent { get; set; } = (int)Math.Round(Defaults.ServiceLevelTarget * 100);

    /// <summary><see cref="ServiceLevelTargetPercent"/> as a share.</summary>
    public double ServiceLevelTarget => ServiceLevelTargetPercent / 100.0;

    /// <summary>The figures' thresholds, with hours of the week read in <paramref name="zone"/>.</summary>
    public KpiOptions For(DateTimeZone zone) => new()
    {
        ServiceLevelThreshold = Duration.FromSeconds(ServiceLevelSeconds),
        ShortAbandonThreshold = Duration.FromSeconds(ShortAbandonSeconds),
        RepeatWindow = Duration.FromHours(RepeatWindowHours),
        ServiceLevelTarget = ServiceLevelTarget,
        Zone = zone,
    };
}
