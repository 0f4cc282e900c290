using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Messaging;
using Permanence.Core.Quality;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Quality;
using Permanence.Web.Calls;

namespace Permanence.Web.Quality;

/// <summary>A practice and its finished calls over a period, ready for <see cref="KpiCalculator"/>.</summary>
public sealed record PracticeCallLog(Practice Practice, CallPeriod Period, IReadOnlyList<KpiCall> Calls);

/// <summary>
/// Reads the call log of one or more practices and turns it into <see cref="KpiCall"/>s for
/// <see cref="KpiCalculator"/>. Calls still in progress are left out: their outcome is not known yet.
/// </summary>
public sealed class KpiService(PermanenceDbContext db, IOptions<QualityOptions> quality)
{
    /// <summary>The zone of the secretariat-wide heatmap, whose practices may sit in different zones.</summary>
    public static readonly DateTimeZone SecretariatZone = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    /// <summary>The figures of one practice, optionally of one line, with its hours of the week in its own zone.</summary>
    public Task<(KpiReport Report, DateTimeZone Zone)> ForPracticeAsync(PracticeId practiceId, CallPeriod period, CallLine? line, CancellationToken ct) =>
        OnOneConnectionAsync(async () =>
        {
            var practices = await PracticesAsync([practiceId], ct);
            var zone = practices.TryGetValue(practiceId, out var practice) ? practice.TimeZone : SecretariatZone;
            var tally = await CallLogTallies.AllAsync(db, practices, period.From, period.To, line, quality.Value.For(zone), ct);
            return (tally.ToReport(await SchedulingErrorsAsync([practiceId], period, ct)), zone);
        }, ct);

    /// <summary>The figures of every practice the caller sees (the query filter decides), hours read in Paris time.</summary>
    public Task<KpiReport> ForSecretariatAsync(CallPeriod period, CancellationToken ct) =>
        OnOneConnectionAsync(async () =>
        {
            var practices = await PracticesAsync(null, ct);
            var tally = await CallLogTallies.AllAsync(db, practices, period.From, period.To, null, quality.Value.For(SecretariatZone), ct);
            return tally.ToReport(await SchedulingErrorsAsync([.. practices.Keys], period, ct));
        }, ct);

    /// <summary>One line per secretary who answered calls of the practice, those <paramref name="include"/> keeps.</summary>
    public Task<List<(StaffUserId Agent, KpiReport Report)>> ForAgentsAsync(PracticeId practiceId, CallPeriod period, Func<StaffUserId, bool> include, CancellationToken ct) =>
        OnOneConnectionAsync(async () =>
        {
            var practices = await PracticesAsync([practiceId], ct);
            var options = quality.Value.For(practices.TryGetValue(practiceId, out var practice) ? practice.TimeZone : SecretariatZone);
            var tallies = await CallLogTallies.PerAgentAsync(db, practices, period.From, period.To, options, ct);
            return (List<(StaffUserId Agent, KpiReport Report)>)[.. tallies.Where(t => include(t.Key)).OrderBy(t => t.Key.Value).Select(t => (t.Key, t.Value.ToReport()))];
        }, ct);

    /// <summary>
    /// Runs <paramref name="read"/> with the connection held open, so its few queries take one pooled connection (and
    /// its reset) rather than one each (bench/RESULTS.md, KPIs).
    /// </summary>
    private async Task<T> OnOneConnectionAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await read();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One practice's calls as the calculator reads them, over the period <paramref name="periodIn"/> gives in the
    /// practice's zone; null when the practice does not exist or is outside the caller's scope.
    /// </summary>
    public async Task<PracticeCallLog?> PracticeLogAsync(PracticeId practiceId, Func<DateTimeZone, CallPeriod> periodIn, CancellationToken ct)
    {
        var zone = await db.Practices.AsNoTracking().Where(p => p.Id == practiceId).Select(p => p.TimeZoneId).FirstOrDefaultAsync(ct);
        if (zone is null)
        {
            return null;
        }
        var period = periodIn(TimeZones.TryGet(zone) ?? SecretariatZone);
        var log = await LoadAsync([practiceId], period, ct);
        return new PracticeCallLog(log.Practices[practiceId], period, log.Calls);
    }

    private sealed record CallLog(IReadOnlyDictionary<PracticeId, Practice> Practices, List<KpiCall> Calls);

    private sealed record CallRow(CallId Id, PracticeId PracticeId, StaffUserId? AgentId, CallLine? Line, string FromNumber, Instant StartedAt,
        CallOutcome Outcome, int? WaitSeconds, int? TalkSeconds, int HoldSeconds, int? WrapUpSeconds, CallCategory? Category, UrgencyLevel? Urgency,
        CallDisposition? Disposition, int? SatisfactionScore);

    private async Task<CallLog> LoadAsync(IReadOnlyCollection<PracticeId> practiceIds, CallPeriod period, CancellationToken ct)
    {
        var (from, to) = (period.From, period.To);
        var practices = await PracticesAsync(practiceIds, ct);
        var query = db.Calls.AsNoTracking()
            .Where(c => c.PracticeId != null && practiceIds.Contains(c.PracticeId.Value) && c.StartedAt >= from && c.StartedAt < to
                && c.Outcome != CallOutcome.InProgress);
        // Only the columns the figures read: a year of a practice's calls is tens of thousands of rows, and whole
        // entities with their actions cost several times the figures (bench/RESULTS.md, KPIs).
        var calls = await query.Select(c => new CallRow(c.Id, c.PracticeId!.Value, c.AgentId, c.Line, c.FromNumber, c.StartedAt, c.Outcome,
                c.WaitSeconds, c.TalkSeconds, c.HoldSeconds, c.WrapUpSeconds, c.Category, c.Urgency, c.Disposition, c.SatisfactionScore))
            .ToListAsync(ct);

        // A callback is a task action on the call, a callback message left from it, or a wrap-up saying so. The few
        // calls with one are read apart rather than testing every call row for them.
        var callbackKinds = new[] { MessageKind.Callback, MessageKind.ResultsCallback };
        var callbackCalls = (await db.PractitionerMessages.AsNoTracking()
            .Where(m => m.CallId != null && practiceIds.Contains(m.PracticeId) && callbackKinds.Contains(m.Kind) && m.CreatedAt >= from)
            .Select(m => m.CallId!.Value).ToListAsync(ct)).ToHashSet();
        callbackCalls.UnionWith(await db.CallActions.AsNoTracking()
            .Where(a => a.Kind == CallActionKind.Task && query.Any(c => c.Id == a.CallId))
            .Select(a => a.CallId).ToListAsync(ct));

        var coverage = practices.ToDictionary(p => p.Key, p => ServiceHours.CoverFor(p.Value));
        var kpiCalls = new List<KpiCall>(calls.Count);
        foreach (var call in calls)
        {
            kpiCalls.Add(new KpiCall(
                call.Id.Value,
                call.PracticeId,
                call.AgentId,
                (call.Line ?? CallLine.Routine).ToCode(),
                call.FromNumber,
                call.StartedAt,
                ToKpiOutcome(call.Outcome),
                Duration.FromSeconds(call.WaitSeconds ?? 0),
                Duration.FromSeconds(call.TalkSeconds ?? 0),
                Duration.FromSeconds(call.HoldSeconds),
                Duration.FromSeconds(call.WrapUpSeconds ?? 0),
                coverage[call.PracticeId](call.StartedAt),
                call.Category?.ToCode(),
                call.Urgency?.ToCode(),
                CallbackCreated: callbackCalls.Contains(call.Id) || call.Disposition == CallDisposition.CallbackPlanned,
                Satisfaction: call.SatisfactionScore));
        }
        return new CallLog(practices, kpiCalls);
    }

    /// <summary>The practices of <paramref name="practiceIds"/> (all, when null) the caller sees, with hours and closures.</summary>
    private async Task<Dictionary<PracticeId, Practice>> PracticesAsync(IReadOnlyCollection<PracticeId>? practiceIds, CancellationToken ct)
    {
        IQueryable<Practice> practices = db.Practices.AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures);
        // One practice's ranges × closures are a few rows: one round trip instead of three.
        practices = practiceIds is { Count: 1 } ? practices.AsSingleQuery() : practices.AsSplitQuery();
        return await (practiceIds is null ? practices : practices.Where(p => practiceIds.Contains(p.Id))).ToDictionaryAsync(p => p.Id, ct);
    }

    /// <summary>Calls in progress are filtered out before; one still reported so would have found no one yet.</summary>
    private static KpiOutcome ToKpiOutcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => KpiOutcome.Answered,
        CallOutcome.Voicemail => KpiOutcome.Voicemail,
        CallOutcome.Abandoned or CallOutcome.InProgress => KpiOutcome.Abandoned,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Appointments booked in the period, and those of them later flagged as corrected for a scheduling error.</summary>
    public async Task<SchedulingErrorCount> SchedulingErrorsAsync(IReadOnlyCollection<PracticeId> practiceIds, CallPeriod period, CancellationToken ct)
    {
        var (from, to) = (period.From, period.To);
        var counts = await db.AppointmentHistory.AsNoTracking()
            .Where(h => practiceIds.Contains(h.PracticeId) && h.At >= from && h.At < to
                && (h.Action == AppointmentHistoryActions.Booked || h.Action == AppointmentHistoryActions.SqueezedIn))
            .Select(h => h.AppointmentId)
            .Distinct()
            .Select(id => db.AppointmentHistory.Any(h => h.AppointmentId == id && h.Action == AppointmentHistoryActions.SchedulingError))
            .GroupBy(_ => 1)
            .Select(g => new { Booked = g.Count(), Corrected = g.Count(corrected => corrected) })
            .SingleOrDefaultAsync(ct);
        return new SchedulingErrorCount(counts?.Booked ?? 0, counts?.Corrected ?? 0);
    }
}
