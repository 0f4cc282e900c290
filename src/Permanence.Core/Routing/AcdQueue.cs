using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Routing;

/// <summary>What a secretary is doing, as the distributor sees it.</summary>
public enum AgentState
{
    Offline,
    Available,
    Ringing,
    OnCall,
    WrapUp,
    Break,
}

/// <summary>A secretary and the practices they are trained on, with a level (higher is more experienced).</summary>
public sealed record AcdAgent(StaffUserId Id, IReadOnlyDictionary<PracticeId, int> Skills);

/// <summary>A call waiting for a secretary; the urgent line has strict priority.</summary>
public sealed record QueuedCall(Guid CallId, PracticeId Practice, bool Urgent, Instant EnqueuedAt);

/// <summary>Timers of the distributor.</summary>
public sealed record AcdOptions
{
    /// <summary>How long a call rings at one secretary before it goes to the next (about 3 rings).</summary>
    public Duration RingTimeout { get; init; } = Duration.FromSeconds(15);

    /// <summary>Time kept after a call to finish notes before the next one.</summary>
    public Duration WrapUp { get; init; } = Duration.FromSeconds(30);

    /// <summary>Longest wait before a call overflows (voicemail → message, or callback task), per practice.</summary>
    public Func<PracticeId, Duration> MaximumWait { get; init; } = _ => Duration.FromMinutes(2);
}

/// <summary>A decision the distributor takes on a tick.</summary>
public abstract record AcdDecision(Guid CallId, Instant At);

/// <summary>Ring this secretary's console for this call.</summary>
public sealed record OfferCall(Guid CallId, StaffUserId Agent, Instant At) : AcdDecision(CallId, At);

/// <summary>Nobody answered in time: apply the practice's overflow policy.</summary>
public sealed record OverflowCall(Guid CallId, Instant At) : AcdDecision(CallId, At);

/// <summary>
/// Automatic call distribution: queues per practice × line, strict priority for the urgent line, FIFO within a
/// priority, the longest-idle skilled secretary first (then the more experienced), ring timeout to the next one,
/// overflow after the maximum wait, wrap-up before the next call. A deterministic state machine driven by events and
/// <see cref="Tick"/>; not thread-safe (one distributor per practice group, fed in order).
/// </summary>
public sealed class AcdQueue(AcdOptions options)
{
    private readonly Dictionary<StaffUserId, AgentSlot> _agents = [];
    private readonly List<QueuedCall> _waiting = [];
    private readonly Dictionary<Guid, (QueuedCall Call, StaffUserId Agent, Instant Until)> _ringing = [];
    private readonly Dictionary<Guid, StaffUserId> _onCall = [];

    private sealed class AgentSlot(AcdAgent agent)
    {
        public AcdAgent Agent { get; } = agent;
        public AgentState State { get; set; } = AgentState.Offline;
        public Instant IdleSince { get; set; }
        public Instant WrapUpUntil { get; set; }
    }

    public IReadOnlyList<QueuedCall> Waiting => _waiting;

    /// <summary>Calls held by a secretary: ringing at their console or in conversation.</summary>
    public IEnumerable<(Guid CallId, StaffUserId Agent, AgentState State)> Assignments =>
        _ringing.Select(r => (r.Key, r.Value.Agent, AgentState.Ringing)).Concat(_onCall.Select(c => (c.Key, c.Value, AgentState.OnCall)));

    public AgentState StateOf(StaffUserId agent) => _agents.TryGetValue(agent, out var slot) ? slot.State : AgentState.Offline;

    /// <summary>The call an agent is ringing for or talking on, if any.</summary>
    public Guid? CallOf(StaffUserId agent) =>
        _ringing.Where(r => r.Value.Agent == agent).Select(r => (Guid?)r.Key).FirstOrDefault()
        ?? _onCall.Where(c => c.Value == agent).Select(c => (Guid?)c.Key).FirstOrDefault();

    public void Register(AcdAgent agent) => _agents.TryAdd(agent.Id, new AgentSlot(agent));

    /// <summary>Available, break or offline, as the secretary sets it; refused while ringing or on a call.</summary>
    public bool SetState(StaffUserId agent, AgentState state, Instant now)
    {
        if (!_agents.TryGetValue(agent, out var slot) || state is AgentState.Ringing or AgentState.OnCall or AgentState.WrapUp
            || slot.State is AgentState.Ringing or AgentState.OnCall)
        {
            return false;
        }
        if (state == AgentState.Available && slot.State != AgentState.Available)
        {
            slot.IdleSince = now;
        }
        slot.State = state;
        return true;
    }

    public void Enqueue(QueuedCall call) => Insert(call);

    /// <summary>The ringing secretary picked up.</summary>
    public bool Answer(Guid callId, StaffUserId agent)
    {
        if (!_ringing.TryGetValue(callId, out var ringing) || ringing.Agent != agent)
        {
            return false;
        }
        _ringing.Remove(callId);
        _onCall[callId] = agent;
        _agents[agent].State = AgentState.OnCall;
        return true;
    }

    /// <summary>The call ended: hung up while waiting or ringing (abandoned), or finished (the secretary goes to wrap-up).</summary>
    public void End(Guid callId, Instant now)
    {
        _waiting.RemoveAll(c => c.CallId == callId);
        if (_ringing.Remove(callId, out var ringing))
        {
            Free(ringing.Agent, now);
        }
        if (_onCall.Remove(callId, out var agent))
        {
            var slot = _agents[agent];
            slot.State = AgentState.WrapUp;
            slot.WrapUpUntil = now + options.WrapUp;
        }
    }

    /// <summary>Advances the timers to <paramref name="now"/> and offers waiting calls to free secretaries.</summary>
    public IReadOnlyList<AcdDecision> Tick(Instant now)
    {
        var decisions = new List<AcdDecision>();
        foreach (var slot in _agents.Values.Where(s => s.State == AgentState.WrapUp && s.WrapUpUntil <= now))
        {
            slot.State = AgentState.Available;
            slot.IdleSince = slot.WrapUpUntil;
        }
        foreach (var (callId, ringing) in _ringing.Where(r => r.Value.Until <= now).ToList())
        {
            // Unanswered: the secretary is presumably away, so they go on break; the call keeps its place in line.
            _ringing.Remove(callId);
            _agents[ringing.Agent].State = AgentState.Break;
            Insert(ringing.Call);
        }
        foreach (var call in _waiting.Where(c => now - c.EnqueuedAt >= options.MaximumWait(c.Practice)).ToList())
        {
            _waiting.Remove(call);
            decisions.Add(new OverflowCall(call.CallId, now));
        }
        foreach (var call in _waiting.ToList())
        {
            var agent = LongestIdleSkilled(call.Practice);
            if (agent is null)
            {
                continue;
            }
            _waiting.Remove(call);
            agent.State = AgentState.Ringing;
            _ringing[call.CallId] = (call, agent.Agent.Id, now + options.RingTimeout);
            decisions.Add(new OfferCall(call.CallId, agent.Agent.Id, now));
        }
        return decisions;
    }

    /// <summary>
    /// Expected wait of a new call: the calls ahead of it (same or higher priority) times the average handling time,
    /// shared by the secretaries skilled for the practice who are not on break or offline.
    /// </summary>
    public Duration ExpectedWait(PracticeId practice, bool urgent, Duration averageHandling)
    {
        var staffed = _agents.Values.Count(s => s.Agent.Skills.ContainsKey(practice) && s.State is not (AgentState.Offline or AgentState.Break));
        if (staffed == 0)
        {
            return Duration.MaxValue;
        }
        var ahead = _waiting.Count(c => c.Practice == practice && (c.Urgent || !urgent));
        return averageHandling * ((ahead + 1.0) / staffed);
    }

    /// <summary>The free secretary idle longest for the practice; ties go to the higher skill level, then the lower id.</summary>
    private AgentSlot? LongestIdleSkilled(PracticeId practice)
    {
        AgentSlot? best = null;
        var bestLevel = 0;
        foreach (var slot in _agents.Values)
        {
            if (slot.State != AgentState.Available || !slot.Agent.Skills.TryGetValue(practice, out var level))
            {
                continue;
            }
            if (best is null || slot.IdleSince < best.IdleSince
                || (slot.IdleSince == best.IdleSince && (level > bestLevel || (level == bestLevel && slot.Agent.Id.Value.CompareTo(best.Agent.Id.Value) < 0))))
            {
                best = slot;
                bestLevel = level;
            }
        }
        return best;
    }

    private void Free(StaffUserId agent, Instant now)
    {
        var slot = _agents[agent];
        slot.State = AgentState.Available;
        slot.IdleSince = now;
    }

    /// <summary>Keeps the line ordered: urgent first, then by the time each call first entered the queue.</summary>
    private void Insert(QueuedCall call)
    {
        var index = _waiting.FindIndex(c => (call.Urgent && !c.Urgent) || (call.Urgent == c.Urgent && call.EnqueuedAt < c.EnqueuedAt));
        _waiting.Insert(index < 0 ? _waiting.Count : index, call);
    }
}
