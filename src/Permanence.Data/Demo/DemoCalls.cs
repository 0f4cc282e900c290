using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Calls.Simulation;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Staff;

namespace Permanence.Data.Demo;

/// <summary>
/// Two weeks of past calls for the demo practices, so the call log and the quality figures have data on day one. The
/// traffic comes from <see cref="TrafficGenerator"/>; each call is stored with the events the provider would have sent
/// and its timings derived by <see cref="CallTimeline"/>, exactly as the ingestion stores them. Answered calls are
/// triaged and wrapped up by a demo secretary assigned to the practice; calls outside opening hours go to voicemail.
/// </summary>
internal static class DemoCalls
{
    /// <summary>Provider call ids of the history start with this, which is how a repeated run recognises it.</summary>
    public const string ProviderCallIdPrefix = "demo-history-";

    private static readonly Duration History = Duration.FromDays(14);

    public static async Task<bool> AddUnlessPresentAsync(PermanenceDbContext db, IReadOnlyCollection<PracticeId> practiceIds, Instant now, CancellationToken ct)
    {
        if (await db.Calls.IgnoreQueryFilters().AnyAsync(c => EF.Functions.Like(c.ProviderCallId, ProviderCallIdPrefix + "%"), ct))
        {
            return false;
        }
        var secretaryEmails = DemoStaff.Members.Where(m => m.Role == StaffRole.Secretary).Select(m => m.Email).ToList();
        var secretaries = await db.Users.Where(u => secretaryEmails.Contains(u.Email!))
            .Select(u => new { u.Id, u.Email })
            .ToListAsync(ct);
        var random = new Random(20261109);
        foreach (var practiceId in practiceIds.OrderBy(id => id.Value))
        {
            var practice = await db.Practices.IgnoreQueryFilters().Include(p => p.OpeningHours).Include(p => p.Closures).AsSplitQuery()
                .SingleAsync(p => p.Id == practiceId, ct);
            var knownCallers = await db.Patients.IgnoreQueryFilters().Where(p => p.PracticeId == practiceId && p.Phone != null)
                .Select(p => p.Phone!).Distinct().OrderBy(p => p).ToListAsync(ct);
            var assigned = await db.StaffAssignments.Where(a => a.PracticeId == practiceId).Select(a => a.StaffUserId).ToListAsync(ct);
            var agents = secretaries.Where(s => assigned.Contains(s.Id)).OrderBy(s => s.Email, StringComparer.Ordinal).ToList();
            if (agents.Count == 0)
            {
                continue;
            }
            var simulated = new SimulatedPractice(practice.RoutineNumber, practice.UrgentNumber, practice.TimeZone,
                ArrivalProfile.GeneralPractice(), at => OpeningHoursRules.IsOpenAt(practice, at), knownCallers);
            // The last hour is left empty so no seeded call is still in progress.
            foreach (var sim in new TrafficGenerator(random).Generate([simulated], now - History, now - Duration.FromHours(1)))
            {
                var agent = agents[random.Next(agents.Count)];
                AddCall(db, practice, sim, new StaffUserId(agent.Id), agent.Email!, random);
            }
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void AddCall(PermanenceDbContext db, Practice practice, SimulatedCall sim, StaffUserId agent, string agentLogin, Random random)
    {
        var call = new Call
        {
            ProviderCallId = ProviderCallIdPrefix + sim.CallId.ToString("N"),
            PracticeId = practice.Id,
            Line = string.Equals(sim.To, practice.UrgentNumber, StringComparison.Ordinal) ? CallLine.Urgent : CallLine.Routine,
            FromNumber = sim.From,
            ToNumber = sim.To,
            StartedAt = sim.RingingAt,
            CreatedAt = sim.RingingAt,
        };
        var events = SimulatedEvents.For(sim).Select(e =>
        {
            var type = CallCodes.TryEventType(e.Type) ?? throw new InvalidOperationException($"The simulator produced an unknown event type '{e.Type}'.");
            return new CallEvent
            {
                EventId = e.EventId.ToString(),
                CallId = call.Id,
                PracticeId = practice.Id,
                Type = type,
                At = e.At,
                ReceivedAt = e.At,
                AgentId = type == CallEventType.Answered ? agent : null,
            };
        }).ToList();
        if (sim.Outcome == SimulatedOutcome.Answered)
        {
            var category = CallCodes.TryCategory(sim.Category);
            var urgency = sim.Urgent ? UrgencyLevel.Urgent : category == CallCategory.Clinical ? UrgencyLevel.SameDay : UrgencyLevel.Routine;
            var answeredAt = sim.RingingAt + sim.Wait;
            call.SuggestedCategory = category;
            call.Category = category;
            call.SuggestedUrgency = urgency;
            call.Urgency = urgency;
            call.TriagedAt = answeredAt + Duration.FromSeconds(Math.Min(60, sim.Talk.TotalSeconds / 2));
            call.Disposition = DispositionOf(category, urgency);
            call.WrappedUpAt = answeredAt + sim.Talk + sim.Hold + Duration.FromSeconds(10 + random.Next(80));
            call.WrappedUpBy = agentLogin;
        }
        call.Apply(CallTimeline.From(events));
        db.Calls.Add(call);
        db.CallEvents.AddRange(events);
    }

    private static CallDisposition DispositionOf(CallCategory? category, UrgencyLevel urgency) => category switch
    {
        CallCategory.AppointmentBook or CallCategory.AppointmentCancel or CallCategory.AppointmentReschedule => CallDisposition.AppointmentHandled,
        CallCategory.Prescription or CallCategory.ResultsFollowup => CallDisposition.MessageTaken,
        CallCategory.Clinical => urgency == UrgencyLevel.Urgent ? CallDisposition.CallbackPlanned : CallDisposition.MessageTaken,
        _ => CallDisposition.Resolved,
    };
}
