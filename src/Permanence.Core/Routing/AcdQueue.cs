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
/// A secretary as the distributor holds them: the state and since when, idle since (meaningful while available),
/// the end of their wrap-up (while in wrap-up) and the call ringing at their console or in conversation.
/// </summary>
public sealed record AcdAgentStatus(StaffUserId Agent, AgentState State, Instant Since, Instant IdleSince, Instant? WrapUpUntil, Guid? CurrentCall);

/// <summary>A call in line, or ringing at <see cref="OfferedTo"/> until <see cref="RingDeadline"/>.</summary>
public sealed record AcdCallStatus(QueuedCall Call, StaffUserId? OfferedTo, Instant? RingDeadline);

/// <summary>Everything the distributor holds, to store it and restore it elsewhere (another process, after a restart).</summary>
public sealed record AcdSnapshot(IReadOnlyList<AcdAgentStatus> Agents, IReadOnlyList<AcdCallStatus> Calls);

/// <summary>
/// Automatic call distribution: queues per practice × line, strict priority for the urgent line, FIFO within a
/// priority, the longest-idle skilled secretary first (then the more experienced), ring timeout to the next one,
/// overflow after the maximum wait, wrap-up before the next call. A deterministic state machine driven by events and
/// <see cref="Tick"/>; <see cref="Snapshot"/> and <see cref="Restore"/> carry it across processes. Not thread-safe
/// (one distributor, fed in order).
/// </summary>
/// <remarks>
/// Free secretaries are indexed per practice in idle order, so an offer looks at the first entries of one index
/// whatever the number of secretaries. Entries are removed lazily: a secretary who stops being free (or becomes free
/// again, with a new idle-since) leaves stale entries in the indexes of their other practices, dropped when they reach
/// the front, or all at once when an index holds more than twice its skilled secretaries.
/// </remarks>
public sealed class AcdQueue(AcdOptions options)
{
    private readonly Dictionary<StaffUserId, AgentSlot> _agents = [];
    private readonly Dictionary<PracticeId, FreeIndex> _available = [];
    private readonly SortedSet<(Instant Until, Guid Agent)> _wrapUps = [];
    private List<QueuedCall> _waiting = [];
    private readonly Dictionary<Guid, (QueuedCall Call, StaffUserId Agent, Instant Until)> _ringing = [];
    private readonly Dictionary<Guid, StaffUserId> _onCall = [];

    private sealed class AgentSlot(AcdAgent agent)
    {
        public AcdAgent Agent { get; } = agent;
        public AgentState State { get; set; } = AgentState.Offline;
        public Instant Since { get; set; }
        public Instant IdleSince { get; set; }
        public Instant WrapUpUntil { get; set; }
        public Guid? Call { get; set; }
    }

    /// <summary>The free secretaries of one practice in offer order, with stale entries, and how many secretaries it has.</summary>
    private sealed class FreeIndex
    {
        public SortedSet<Candidate> Entries { get; } = [];
        public int Skilled { get; set; }
    }

    /// <summary>A free secretary in the index of one practice: idle longest first, then the higher level, then the lower id.</summary>
    private readonly record struct Candidate(Instant IdleSince, int Level, Guid Agent) : IComparable<Candidate>
    {
        public int CompareTo(Candidate other)
        {
            var byIdle = IdleSince.CompareTo(other.IdleSince);
            if (byIdle != 0)
            {
                return byIdle;
            }
            var byLevel = other.Level.CompareTo(Level);
            return byLevel != 0 ? byLevel : Agent.CompareTo(other.Agent);
        }
    }

    public IReadOnlyList<QueuedCall> Waiting => _waiting;

    /// <summary>Calls held by a secretary: ringing at their console or in conversation.</summary>
    public IEnumerable<(Guid CallId, StaffUserId Agent, AgentState State)> Assignments =>
        _ringing.Select(r => (r.Key, r.Value.Agent, AgentState.Ringing)).Concat(_onCall.Select(c => (c.Key, c.Value, AgentState.OnCall)));

    public AgentState StateOf(StaffUserId agent) => _agents.TryGetValue(agent, out var slot) ? slot.State : AgentState.Offline;

    /// <summary>The call an agent is ringing for or talking on, if any.</summary>
    public Guid? CallOf(StaffUserId agent) => _agents.TryGetValue(agent, out var slot) ? slot.Call : null;

    /// <summary>Whether the call is in line or held by a secretary.</summary>
    public bool Holds(Guid callId) => _ringing.ContainsKey(callId) || _onCall.ContainsKey(callId) || _waiting.Exists(c => c.CallId == callId);

    public void Register(AcdAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!_agents.TryAdd(agent.Id, new AgentSlot(agent)))
        {
            return;
        }
        foreach (var practice in agent.Skills.Keys)
        {
            if (!_available.TryGetValue(practice, out var index))
            {
                _available[practice] = index = new FreeIndex();
            }
            index.Skilled++;
        }
    }

    /// <summary>Available, break or offline, as the secretary sets it; refused while ringing or on a call.</summary>
    public bool SetState(StaffUserId agent, AgentState state, Instant now)
    {
        if (!_agents.TryGetValue(agent, out var slot) || state is AgentState.Ringing or AgentState.OnCall or AgentState.WrapUp
            || slot.State is AgentState.Ringing or AgentState.OnCall)
        {
            return false;
        }
        if (state == slot.State)
        {
            return true;
        }
        Move(slot, state, now);
        return true;
    }

    public void Enqueue(QueuedCall call) => Insert(call);

    /// <summary>The ringing secretary picked up (at <paramref name="now"/>, when known: the start of their on-call state).</summary>
    public bool Answer(Guid callId, StaffUserId agent, Instant? now = null)
    {
        if (!_ringing.TryGetValue(callId, out var ringing) || ringing.Agent != agent)
        {
            return false;
        }
        _ringing.Remove(callId);
        _onCall[callId] = agent;
        var slot = _agents[agent];
        slot.State = AgentState.OnCall;
        slot.Since = now ?? slot.Since;
        return true;
    }

    /// <summary>
    /// A secretary took the call without the distributor offering it to them (picked from the queue in the console, or
    /// answered on the telephone system directly): it leaves the line, a secretary it was ringing at is free again, and
    /// the taker is on the call. Refused when the taker already holds another call.
    /// </summary>
    public bool Pickup(Guid callId, StaffUserId agent, Instant now)
    {
        if (!_agents.TryGetValue(agent, out var taker) || (taker.Call is { } held && held != callId))
        {
            return false;
        }
        if (_onCall.TryGetValue(callId, out var talking))
        {
            return talking == agent;
        }
        if (_ringing.TryGetValue(callId, out var ringing))
        {
            if (ringing.Agent == agent)
            {
                return Answer(callId, agent, now);
            }
            _ringing.Remove(callId);
            Free(_agents[ringing.Agent], now);
        }
        else if (_waiting.RemoveAll(c => c.CallId == callId) == 0)
        {
            return false;
        }
        Move(taker, AgentState.OnCall, now);
        taker.Call = callId;
        _onCall[callId] = agent;
        return true;
    }

    /// <summary>The call ended: hung up while waiting or ringing (abandoned), or finished (the secretary goes to wrap-up).</summary>
    public void End(Guid callId, Instant now)
    {
        _waiting.RemoveAll(c => c.CallId == callId);
        if (_ringing.Remove(callId, out var ringing))
        {
            Free(_agents[ringing.Agent], now);
        }
        if (_onCall.Remove(callId, out var agent))
        {
            var slot = _agents[agent];
            slot.WrapUpUntil = now + options.WrapUp;
            Move(slot, AgentState.WrapUp, now);
        }
    }

    /// <summary>Advances the timers to <paramref name="now"/> and offers waiting calls to free secretaries.</summary>
    public IReadOnlyList<AcdDecision> Tick(Instant now)
    {
        var decisions = new List<AcdDecision>();
        while (_wrapUps.Count > 0 && _wrapUps.Min.Until <= now)
        {
            var slot = _agents[new StaffUserId(_wrapUps.Min.Agent)];
            Move(slot, AgentState.Available, slot.WrapUpUntil);
        }
        if (_ringing.Count > 0)
        {
            foreach (var (callId, ringing) in _ringing.Where(r => r.Value.Until <= now).ToList())
            {
                // Unanswered: the secretary is presumably away, so they go on break; the call keeps its place in line.
                _ringing.Remove(callId);
                Move(_agents[ringing.Agent], AgentState.Break, now);
                Insert(ringing.Call);
            }
        }
        var remaining = new List<QueuedCall>(_waiting.Count);
        foreach (var call in _waiting)
        {
            if (now - call.EnqueuedAt >= options.MaximumWait(call.Practice))
            {
                decisions.Add(new OverflowCall(call.CallId, now));
                continue;
            }
            if (FirstFree(call.Practice) is not { } agent)
            {
                remaining.Add(call);
                continue;
            }
            Move(agent, AgentState.Ringing, now);
            agent.Call = call.CallId;
            _ringing[call.CallId] = (call, agent.Agent.Id, now + options.RingTimeout);
            decisions.Add(new OfferCall(call.CallId, agent.Agent.Id, now));
        }
        _waiting = remaining;
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

    /// <summary>Everything held, in a form to store: every registered secretary, and every call in line or ringing.</summary>
    public AcdSnapshot Snapshot() => new(
        [.. _agents.Values.Select(s => new AcdAgentStatus(s.Agent.Id, s.State, s.Since, s.IdleSince,
            s.State == AgentState.WrapUp ? s.WrapUpUntil : null, s.Call))],
        [.. _waiting.Select(c => new AcdCallStatus(c, null, null)),
            .. _ringing.Values.Select(r => new AcdCallStatus(r.Call, r.Agent, r.Until))]);

    /// <summary>
    /// A distributor holding what <paramref name="snapshot"/> describes, for the secretaries in <paramref name="agents"/>
    /// (their skills as they are now). A secretary without a status is offline; a status or a ringing call of a
    /// secretary who is no longer an agent is dropped, and such a ringing call goes back in line.
    /// </summary>
    public static AcdQueue Restore(AcdOptions options, IEnumerable<AcdAgent> agents, AcdSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(snapshot);
        var acd = new AcdQueue(options);
        foreach (var agent in agents)
        {
            acd.Register(agent);
        }
        foreach (var status in snapshot.Agents)
        {
            if (!acd._agents.TryGetValue(status.Agent, out var slot))
            {
                continue;
            }
            slot.Since = status.Since;
            slot.IdleSince = status.IdleSince;
            slot.WrapUpUntil = status.WrapUpUntil ?? default;
            slot.State = status.State;
            slot.Call = status.State is AgentState.Ringing or AgentState.OnCall ? status.CurrentCall : null;
            switch (status.State)
            {
                case AgentState.Available:
                    acd.Index(slot);
                    break;
                case AgentState.WrapUp:
                    acd._wrapUps.Add((slot.WrapUpUntil, slot.Agent.Id.Value));
                    break;
                case AgentState.OnCall when slot.Call is { } call:
                    acd._onCall[call] = slot.Agent.Id;
                    break;
                default:
                    break;
            }
        }
        foreach (var call in snapshot.Calls)
        {
            if (call.OfferedTo is { } agent && call.RingDeadline is { } until && acd._agents.TryGetValue(agent, out var slot)
                && slot.State == AgentState.Ringing && slot.Call == call.Call.CallId)
            {
                acd._ringing[call.Call.CallId] = (call.Call, agent, until);
            }
            else
            {
                acd.Insert(call.Call);
            }
        }
        // A secretary restored as ringing for a call that is not (or no longer) stored is free again.
        foreach (var slot in acd._agents.Values.Where(s => (s.State == AgentState.Ringing && (s.Call is null || !acd._ringing.ContainsKey(s.Call.Value)))
            || (s.State == AgentState.OnCall && s.Call is null)).ToList())
        {
            acd.Free(slot, slot.Since);
        }
        return acd;
    }

    private void Free(AgentSlot slot, Instant now) => Move(slot, AgentState.Available, now);

    /// <summary>The free secretary idle longest for the practice (then the higher level, then the lower id); drops stale entries met on the way.</summary>
    private AgentSlot? FirstFree(PracticeId practice)
    {
        if (!_available.TryGetValue(practice, out var index))
        {
            return null;
        }
        while (index.Entries.Count > 0)
        {
            var first = index.Entries.Min;
            var slot = _agents[new StaffUserId(first.Agent)];
            if (IsCurrent(slot, first))
            {
                return slot;
            }
            index.Entries.Remove(first);
        }
        return null;
    }

    private static bool IsCurrent(AgentSlot slot, Candidate entry) => slot.State == AgentState.Available && slot.IdleSince == entry.IdleSince;

    /// <summary>Every state change goes through here, which keeps the indexes of free secretaries and wrap-ups in step.</summary>
    private void Move(AgentSlot slot, AgentState state, Instant now)
    {
        if (slot.State == AgentState.WrapUp)
        {
            _wrapUps.Remove((slot.WrapUpUntil, slot.Agent.Id.Value));
        }
        if (state == AgentState.Available)
        {
            slot.IdleSince = now;
        }
        if (state is not (AgentState.Ringing or AgentState.OnCall))
        {
            slot.Call = null;
        }
        slot.State = state;
        slot.Since = now;
        if (state == AgentState.Available)
        {
            Index(slot);
        }
        else if (state == AgentState.WrapUp)
        {
            _wrapUps.Add((slot.WrapUpUntil, slot.Agent.Id.Value));
        }
    }

    private void Index(AgentSlot slot)
    {
        foreach (var (practice, level) in slot.Agent.Skills)
        {
            var index = _available[practice];
            index.Entries.Add(new Candidate(slot.IdleSince, level, slot.Agent.Id.Value));
            if (index.Entries.Count > (2 * index.Skilled) + 16)
            {
                index.Entries.RemoveWhere(e => !IsCurrent(_agents[new StaffUserId(e.Agent)], e));
            }
        }
    }

    /// <summary>Keeps the line ordered: urgent first, then by the time each call first entered the queue.</summary>
    private void Insert(QueuedCall call)
    {
        var index = _waiting.FindIndex(c => (call.Urgent && !c.Urgent) || (call.Urgent == c.Urgent && call.EnqueuedAt < c.EnqueuedAt));
        _waiting.Insert(index < 0 ? _waiting.Count : index, call);
    }
}
