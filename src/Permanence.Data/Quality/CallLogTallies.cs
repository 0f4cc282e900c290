using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using NpgsqlTypes;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;
using Permanence.Core.Quality;

namespace Permanence.Data.Quality;

/// <summary>
/// Tallies the finished calls of practices over a period in the database, so that a practice-year of calls does not
/// travel to .NET (bench/RESULTS.md, KPIs): one statement groups the calls by kind of hour and by category × urgency,
/// with the repeat calls read from each call's stored link (or, among one line's or one secretary's calls, found by a
/// window over each number's calls). Gives the same <see cref="KpiTally"/> as <see cref="KpiCalculator"/> over the
/// same calls read one by one.
/// </summary>
/// <remarks>
/// Service hours and the heatmap depend on each call's local time, which SQL cannot read the way
/// <see cref="ServiceHours"/> does (zones, public holidays). On SQLite the calls are therefore grouped by UTC slot, and
/// each slot is read in .NET at its start: a slot is as long as possible (at most an hour) while no zone offset change,
/// no local hour and no opening-range bound falls inside it, so every call of a slot has the local weekday, hour and
/// coverage of the slot's start. A practice opening at 08:30 gets half-hour slots; all other boundaries (midnight,
/// closures, holidays) fall on local hours. On PostgreSQL the statement works out each call's hour of the week and
/// coverage itself, from the heatmap zone's offsets and the bounds of <see cref="ServiceHours.CoveredIntervals"/>
/// passed as arrays (<see cref="HourKinds"/>), in one scan that feeds both groupings.
/// </remarks>
public static class CallLogTallies
{
    private const long TicksPerHour = NodaConstants.TicksPerHour;
    private const long TicksPerSecond = NodaConstants.TicksPerSecond;

    /// <summary>
    /// One tally per secretary of the finished calls of <paramref name="practices"/> (loaded with hours and closures)
    /// that rang in [<paramref name="from"/>, <paramref name="to"/>) and have a secretary; repeats are counted among
    /// each secretary's calls, as <see cref="KpiCalculator"/> does over them. Heatmap hours in <paramref name="options"/>' zone.
    /// </summary>
    public static async Task<IReadOnlyDictionary<StaffUserId, KpiTally>> PerAgentAsync(
        PermanenceDbContext db, IReadOnlyDictionary<PracticeId, Practice> practices, Instant from, Instant to, KpiOptions options, CancellationToken ct)
    {
        var tallies = await ReadAsync(db, practices, from, to, null, perAgent: true, options, ct);
        return tallies.ToDictionary(t => new StaffUserId(t.Key), t => t.Value);
    }

    /// <summary>
    /// The tally of every finished call of <paramref name="practices"/> (loaded with hours and closures) that rang in
    /// [<paramref name="from"/>, <paramref name="to"/>), of <paramref name="line"/> only when given. Heatmap hours in
    /// <paramref name="options"/>' zone.
    /// </summary>
    public static async Task<KpiTally> AllAsync(
        PermanenceDbContext db, IReadOnlyDictionary<PracticeId, Practice> practices, Instant from, Instant to, CallLine? line, KpiOptions options, CancellationToken ct)
    {
        var tallies = await ReadAsync(db, practices, from, to, line, perAgent: false, options, ct);
        return tallies.GetValueOrDefault(Guid.Empty) ?? new KpiTally();
    }

    private static async Task<Dictionary<Guid, KpiTally>> ReadAsync(PermanenceDbContext db, IReadOnlyDictionary<PracticeId, Practice> practices,
        Instant from, Instant to, CallLine? line, bool perAgent, KpiOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(practices);
        ArgumentNullException.ThrowIfNull(options);
        var tallies = new Dictionary<Guid, KpiTally>();
        if (practices.Count == 0 || to <= from)
        {
            return tallies;
        }
        var hours = db.Database.IsNpgsql() ? new HourKinds(practices.ToDictionary(p => p.Key.Value, p => p.Value), options.Zone, from, to) : null;
        // SQLite has no arrays to look hours up in: it groups by UTC slot, and each slot is read here at its start.
        var slotTicks = hours is null ? SlotTicks(practices.Values, options.Zone, from, to) : TicksPerHour;
        var origin = Math.DivRem(from.ToUnixTimeTicks(), slotTicks, out var rest) - (rest < 0 ? 1 : 0);
        var originTicks = origin * slotTicks;
        var coverage = hours is null ? practices.ToDictionary(p => p.Key.Value, p => ServiceHours.CoverFor(p.Value)) : [];

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }
            command.CommandText = new Statement(db, command).Build(practices.Keys, from, to, line, perAgent, options, originTicks, slotTicks, hours);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var callType = db.Model.FindEntityType(typeof(Call))!;
            var category = callType.FindProperty(nameof(Call.Category))!.GetTypeMapping().Converter!;
            var urgency = callType.FindProperty(nameof(Call.Urgency))!.GetTypeMapping().Converter!;
            while (await reader.ReadAsync(ct))
            {
                var agent = reader.IsDBNull(2) ? Guid.Empty : reader.GetGuid(2);
                if (!tallies.TryGetValue(agent, out var tally))
                {
                    tally = new KpiTally();
                    tallies[agent] = tally;
                }
                if (reader.GetInt32(0) == 0)
                {
                    var (local, inHours) = hours is null
                        ? SlotStart(Instant.FromUnixTimeTicks(originTicks + (Int64(reader, 3) * slotTicks)), coverage[reader.GetGuid(1)], options.Zone)
                        : HourKinds.Kind(Int64(reader, 3));
                    AddSlot(tally, reader, local, inHours);
                }
                else
                {
                    AddMix(tally, reader,
                        reader.IsDBNull(4) ? null : ((CallCategory)category.ConvertFromProvider(reader.GetString(4))!).ToCode(),
                        reader.IsDBNull(5) ? null : ((UrgencyLevel)urgency.ConvertFromProvider(reader.GetString(5))!).ToCode());
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return tallies;
    }

    private static long Int64(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>Columns 6–11: calls, answered, answered within the service level, abandoned, short abandons, repeats.</summary>
    private static (LocalDateTime Local, bool InHours) SlotStart(Instant start, Func<Instant, bool> cover, DateTimeZone zone) =>
        (start.InZone(zone).LocalDateTime, cover(start));

    private static void AddSlot(KpiTally tally, DbDataReader reader, LocalDateTime local, bool inHours)
    {
        var (calls, answered, within, abandoned, shortAbandons) =
            ((int)Int64(reader, 6), (int)Int64(reader, 7), (int)Int64(reader, 8), (int)Int64(reader, 9), (int)Int64(reader, 10));
        tally.AddRinging(local, inHours, KpiOutcome.Answered, answered, within, 0);
        tally.AddRinging(local, inHours, KpiOutcome.Abandoned, abandoned, 0, shortAbandons);
        tally.AddRinging(local, inHours, KpiOutcome.Voicemail, calls - answered - abandoned, 0, 0);
        tally.Repeats += (int)Int64(reader, 11);
    }

    /// <summary>Columns 7 and 12–17: answered, their wait, handling and callbacks; survey answers, score sum, satisfied.</summary>
    private static void AddMix(KpiTally tally, DbDataReader reader, string? category, string? urgency)
    {
        var answered = (int)Int64(reader, 7);
        if (answered > 0)
        {
            tally.AddAnswered(category, urgency, answered, Int64(reader, 12), Int64(reader, 13), (int)Int64(reader, 14));
        }
        tally.AddSurveyAnswers((int)Int64(reader, 15), Int64(reader, 16), (int)Int64(reader, 17));
    }

    /// <summary>
    /// What PostgreSQL needs to work out each call's kind of hour, in the statement: the hour of the week in the heatmap
    /// zone, from the zone's few offsets over the period, and whether the call's practice covered that instant, from the
    /// bounds of its <see cref="ServiceHours.CoveredIntervals"/> (a call is covered when an odd number of bounds lie at
    /// or before it). The kind is the hour of the week (Monday 00:00 first) × 2, plus 1 when covered. Only a handful of
    /// offsets and two bounds per opening range travel with the statement, and nothing is worked out hour by hour in
    /// .NET (bench/RESULTS.md, KPIs).
    /// </summary>
    private sealed class HourKinds
    {
        private const int HoursPerWeek = 168;

        /// <summary>A Monday at midnight: the local time of kind 0.</summary>
        private static readonly LocalDateTime WeekStart = new(2024, 1, 1, 0, 0);

        public HourKinds(IReadOnlyDictionary<Guid, Practice> practices, DateTimeZone zone, Instant from, Instant to)
        {
            Practices = [.. practices.Keys];
            var zoneIntervals = zone.GetZoneIntervals(new Interval(from, to)).ToList();
            OffsetStarts = [.. zoneIntervals.Select(i => i.HasStart && i.Start > from ? i.Start : from)];
            OffsetSeconds = [.. zoneIntervals.Select(i => i.WallOffset.Seconds)];
            // One sorted array holds every practice's bounds: each practice's are moved past the previous practice's by
            // whole periods, and a call is looked up after the same move, so it only meets its own practice's bounds.
            var span = to - from + Duration.FromDays(1);
            var shifts = Practices.Select((_, i) => span * i).ToArray();
            Shifts = [.. shifts.Select(Exact)];
            CoverBounds = [.. Practices.SelectMany((practice, i) => ServiceHours.CoveredIntervals(practices[practice], from, to)
                .SelectMany(interval => new[] { interval.Start + shifts[i], interval.End + shifts[i] }))];
        }

        /// <summary>The practices, in the order of <see cref="Shifts"/>.</summary>
        public Guid[] Practices { get; }

        /// <summary>Where each offset of the heatmap zone starts, ascending; the first is the period's start.</summary>
        public Instant[] OffsetStarts { get; }

        /// <summary>The heatmap zone's offset from UTC from each of <see cref="OffsetStarts"/> on, in seconds.</summary>
        public int[] OffsetSeconds { get; }

        /// <summary>How far each practice's bounds, and its calls when looked up, are moved.</summary>
        public NpgsqlInterval[] Shifts { get; }

        /// <summary>Starts and ends of every practice's covered intervals, moved by <see cref="Shifts"/>, ascending.</summary>
        public Instant[] CoverBounds { get; }

        /// <summary>The statement's kind of hour for the call instant <paramref name="t"/> of practice <paramref name="practice"/>.</summary>
        public string KindOf(string t, string practice)
        {
            // % keeps the sign of the hours since 1970, negative before it: the second % brings those into the week too.
            var hourOfWeek = $"(((floor((date_part('epoch', {t}) + (@offsetSeconds)[width_bucket({t}, @offsetStarts)]) / 3600)::bigint + {3 * 24}) % {HoursPerWeek} + {HoursPerWeek}) % {HoursPerWeek})";
            var looked = Practices.Length == 1 ? t : $"{t} + (@shifts)[array_position(@practiceOrder, {practice})]";
            return $"({hourOfWeek} * 2 + width_bucket({looked}, @coverBounds) % 2)::int";
        }

        /// <summary>
        /// <paramref name="duration"/> as an interval of microseconds only: Npgsql writes a <see cref="Duration"/> of a
        /// day or more with whole days, which PostgreSQL adds as calendar days in the session's zone (23 or 25 hours
        /// across a clock change).
        /// </summary>
        public static NpgsqlInterval Exact(Duration duration) => new(0, 0, duration.BclCompatibleTicks / TimeSpan.TicksPerMicrosecond);

        /// <summary>A local time of the kind's hour of the week, and whether the kind is in service hours.</summary>
        public static (LocalDateTime Local, bool InHours) Kind(long kind) => (WeekStart.PlusHours(kind / 2), kind % 2 == 1);
    }

    /// <summary>
    /// The longest slot, dividing an hour, such that no offset change, local hour or opening-range bound of the
    /// practices falls strictly inside a slot aligned on the Unix epoch.
    /// </summary>
    private static long SlotTicks(IEnumerable<Practice> practices, DateTimeZone heatmapZone, Instant from, Instant to)
    {
        var slot = TicksPerHour;
        var period = new Interval(from, to);
        var list = practices.ToList();
        foreach (var zone in list.Select(p => p.TimeZone).Append(heatmapZone).Distinct())
        {
            foreach (var interval in zone.GetZoneIntervals(period))
            {
                slot = Gcd(slot, interval.WallOffset.Ticks);
                if (interval.HasStart)
                {
                    slot = Gcd(slot, interval.Start.ToUnixTimeTicks() % TicksPerHour);
                }
            }
        }
        foreach (var range in list.SelectMany(p => p.OpeningHours))
        {
            slot = Gcd(Gcd(slot, range.Start.TickOfDay % TicksPerHour), range.End.TickOfDay % TicksPerHour);
        }
        return slot;
    }

    private static long Gcd(long a, long b)
    {
        (a, b) = (Math.Abs(a), Math.Abs(b));
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    /// <summary>The grouped statement, with table and column names from the model and parameters typed by it.</summary>
    private sealed class Statement(PermanenceDbContext db, DbCommand command)
    {
        private readonly bool _postgres = db.Database.IsNpgsql();
        private readonly IEntityType _calls = db.Model.FindEntityType(typeof(Call))!;
        private readonly IEntityType _actions = db.Model.FindEntityType(typeof(CallAction))!;
        private readonly IEntityType _messages = db.Model.FindEntityType(typeof(PractitionerMessage))!;

        public string Build(IEnumerable<PracticeId> practiceIds, Instant from, Instant to, CallLine? line, bool perAgent, KpiOptions options,
            long originTicks, long slotTicks, HourKinds? hours)
        {
            var ids = practiceIds.ToList();
            var callPractices = string.Join(", ", ids.Select((id, i) => Parameter($"p{i}", _calls, nameof(Call.PracticeId), id)));
            var messagePractices = string.Join(", ", ids.Select((id, i) => Parameter($"m{i}", _messages, nameof(PractitionerMessage.PracticeId), id)));
            var startedAt = Column(_calls, nameof(Call.StartedAt));
            var agent = perAgent ? Column(_calls, nameof(Call.AgentId)) : "NULL";
            var number = Column(_calls, nameof(Call.FromNumber));
            string slotKey, repeat;
            if (_postgres)
            {
                // Instants are looked up among instants (offset changes, coverage bounds) and the hour read from the float
                // epoch (date_part): numeric epochs (extract) cost more than the scan. The number only partitions, so its
                // bytes are compared rather than sorted by the database's collation.
                number += " COLLATE \"C\"";
                ArgumentNullException.ThrowIfNull(hours);
                Value("practiceOrder", hours.Practices);
                Value("offsetStarts", hours.OffsetStarts);
                Value("offsetSeconds", hours.OffsetSeconds);
                Value("shifts", hours.Shifts);
                Value("coverBounds", hours.CoverBounds);
                Value("repeatWindow", HourKinds.Exact(options.RepeatWindow));
                slotKey = hours.KindOf("t", "practice");
                repeat = "previous >= @from AND t <= previous + @repeatWindow";
            }
            else
            {
                // SQLite stores instants as Unix ticks.
                Value("origin", originTicks);
                Value("slot", slotTicks);
                Value("repeatWindow", options.RepeatWindow.BclCompatibleTicks);
                slotKey = "CAST((t - @origin) / @slot AS bigint)";
                repeat = "previous >= @from AND t - previous <= @repeatWindow";
            }
            Value("serviceLevel", options.ServiceLevelThreshold.TotalSeconds);
            Value("shortAbandon", options.ShortAbandonThreshold.TotalSeconds);
            var outcome = Column(_calls, nameof(Call.Outcome));
            var wait = $"COALESCE({Column(_calls, nameof(Call.WaitSeconds))}, 0)";
            // Repeats among all of a practice's calls read the link stored with each call; among one line's or one
            // secretary's calls, a window over the number's calls finds the previous one. Withheld caller ids have no
            // previous call, as they have no link.
            var linked = !perAgent && line is null;
            var previous = linked
                ? $"{Column(_calls, RepeatCallLinks.Column)} AS previous"
                : $"""
                CASE WHEN {RepeatCallLinks.CanRepeatSql(number, _postgres)} THEN LAG({startedAt}) OVER (
                            PARTITION BY {Column(_calls, nameof(Call.PracticeId))}, {(perAgent ? agent + ", " : "")}{number} ORDER BY {startedAt}) END AS previous
                """;
            var fromParameter = Parameter("from", _calls, nameof(Call.StartedAt), from);
            var filter = new StringBuilder($"""
                FROM {Table(_calls)}
                    WHERE {Column(_calls, nameof(Call.PracticeId))} IN ({callPractices})
                        AND {startedAt} >= {fromParameter} AND {startedAt} < {Parameter("to", _calls, nameof(Call.StartedAt), to)}
                        AND {outcome} <> {Parameter("inProgress", _calls, nameof(Call.Outcome), CallOutcome.InProgress)}
                """);
            if (line is { } l)
            {
                filter.Append(CultureInfo.InvariantCulture, $"\n        AND {Column(_calls, nameof(Call.Line))} = {Parameter("line", _calls, nameof(Call.Line), l)}");
            }
            if (perAgent)
            {
                filter.Append(CultureInfo.InvariantCulture, $"\n        AND {agent} IS NOT NULL");
            }
            var sql = new StringBuilder();
            sql.Append(CultureInfo.InvariantCulture, $"""
                WITH c AS {(_postgres ? "" : "MATERIALIZED ")}(
                    SELECT {Column(_calls, nameof(Call.PracticeId))} AS practice, {agent} AS agent,
                        {outcome} AS outcome, {wait} AS wait,
                        COALESCE({Column(_calls, nameof(Call.TalkSeconds))}, 0) + {Column(_calls, nameof(Call.HoldSeconds))}
                            + COALESCE({Column(_calls, nameof(Call.WrapUpSeconds))}, 0) AS handling,
                        {Column(_calls, nameof(Call.Category))} AS category, {Column(_calls, nameof(Call.Urgency))} AS urgency,
                        {Column(_calls, nameof(Call.SatisfactionScore))} AS score,
                        CASE WHEN {Column(_calls, nameof(Call.Disposition))} = {Parameter("callbackPlanned", _calls, nameof(Call.Disposition), CallDisposition.CallbackPlanned)}
                            OR {Column(_calls, nameof(Call.Id))} IN (SELECT {Column(_actions, nameof(CallAction.CallId))} FROM {Table(_actions)}
                                WHERE {Column(_actions, nameof(CallAction.Kind))} = {Parameter("task", _actions, nameof(CallAction.Kind), CallActionKind.Task)}
                                UNION ALL SELECT {Column(_messages, nameof(PractitionerMessage.CallId))} FROM {Table(_messages)}
                                WHERE {Column(_messages, nameof(PractitionerMessage.CallId))} IS NOT NULL
                                AND {Column(_messages, nameof(PractitionerMessage.PracticeId))} IN ({messagePractices})
                                AND {Column(_messages, nameof(PractitionerMessage.Kind))} IN ({Parameter("callback", _messages, nameof(PractitionerMessage.Kind), MessageKind.Callback)}, {Parameter("resultsCallback", _messages, nameof(PractitionerMessage.Kind), MessageKind.ResultsCallback)})
                                AND {Column(_messages, nameof(PractitionerMessage.CreatedAt))} >= {Parameter("messagesFrom", _messages, nameof(PractitionerMessage.CreatedAt), from)})
                        THEN 1 ELSE 0 END AS callback,
                        {startedAt} AS t{(_postgres && !linked ? "" : ",\n            " + previous)}
                    {filter}
                )
                """);
            // PostgreSQL sorts every call by number for the window: over the few columns the slots need that sort stays
            // in memory, and the category mix reads the calls again without it, which costs less than materialising
            // every column once for both (bench/RESULTS.md, KPIs). SQLite reads the calls once.
            var slotRows = "c";
            if (_postgres && !linked)
            {
                slotRows = "r";
                sql.Append(CultureInfo.InvariantCulture, $"""
                    , r AS (
                        SELECT {Column(_calls, nameof(Call.PracticeId))} AS practice, {agent} AS agent, {outcome} AS outcome, {wait} AS wait,
                            {startedAt} AS t, {previous}
                        {filter}
                    )
                    """);
            }
            var answered = Parameter("answered", _calls, nameof(Call.Outcome), CallOutcome.Answered);
            var abandoned = Parameter("abandoned", _calls, nameof(Call.Outcome), CallOutcome.Abandoned);
            if (_postgres && linked)
            {
                // Without the window, one scan feeds both groupings: PostgreSQL hashes each call into both grouping sets
                // in a single pass (GROUPING(practice) is 1 on the category × urgency rows). Every aggregate runs for both
                // sets, so each call's kind of hour and conditions are worked out once, in a subquery the planner keeps
                // apart (OFFSET 0), and the aggregates only test its flags (bench/RESULTS.md, KPIs).
                sql.Append(CultureInfo.InvariantCulture, $"""
                    , f AS (
                        SELECT practice, agent, {slotKey} AS slot, category, urgency, wait, handling, score,
                            outcome = {answered} AS answered, outcome = {abandoned} AS abandoned,
                            callback = 1 AS callback, {repeat} AS repeat
                        FROM c OFFSET 0
                    )
                    SELECT GROUPING(practice) AS kind, practice, agent, slot, category, urgency, COUNT(*) AS calls,
                        COUNT(*) FILTER (WHERE answered) AS answered,
                        COUNT(*) FILTER (WHERE answered AND wait <= @serviceLevel) AS within,
                        COUNT(*) FILTER (WHERE abandoned) AS abandoned,
                        COUNT(*) FILTER (WHERE abandoned AND wait < @shortAbandon) AS short_abandons,
                        COUNT(*) FILTER (WHERE repeat) AS repeats,
                        SUM(wait) FILTER (WHERE answered) AS wait,
                        SUM(handling) FILTER (WHERE answered) AS handling,
                        COUNT(*) FILTER (WHERE answered AND callback) AS callbacks,
                        COUNT(*) FILTER (WHERE score BETWEEN 1 AND 5) AS surveyed,
                        SUM(score) FILTER (WHERE score BETWEEN 1 AND 5) AS score_sum,
                        COUNT(*) FILTER (WHERE score BETWEEN 4 AND 5) AS satisfied
                    FROM f GROUP BY GROUPING SETS ((practice, agent, slot), (agent, category, urgency))
                    """);
                return sql.ToString();
            }
            sql.Append(CultureInfo.InvariantCulture, $"""

                SELECT 0 AS kind, practice, agent, {slotKey} AS slot, NULL AS category, NULL AS urgency, COUNT(*) AS calls,
                    SUM(CASE WHEN outcome = {answered} THEN 1 ELSE 0 END) AS answered,
                    SUM(CASE WHEN outcome = {answered} AND wait <= @serviceLevel THEN 1 ELSE 0 END) AS within,
                    SUM(CASE WHEN outcome = {abandoned} THEN 1 ELSE 0 END) AS abandoned,
                    SUM(CASE WHEN outcome = {abandoned} AND wait < @shortAbandon THEN 1 ELSE 0 END) AS short_abandons,
                    SUM(CASE WHEN {repeat} THEN 1 ELSE 0 END) AS repeats,
                    0 AS wait, 0 AS handling, 0 AS callbacks, 0 AS surveyed, 0 AS score_sum, 0 AS satisfied
                FROM {slotRows} GROUP BY practice, agent, {slotKey}
                UNION ALL
                SELECT 1, NULL, agent, 0, category, urgency, COUNT(*),
                    SUM(CASE WHEN outcome = {answered} THEN 1 ELSE 0 END), 0, 0, 0, 0,
                    SUM(CASE WHEN outcome = {answered} THEN wait ELSE 0 END),
                    SUM(CASE WHEN outcome = {answered} THEN handling ELSE 0 END),
                    SUM(CASE WHEN outcome = {answered} THEN callback ELSE 0 END),
                    SUM(CASE WHEN score BETWEEN 1 AND 5 THEN 1 ELSE 0 END),
                    SUM(CASE WHEN score BETWEEN 1 AND 5 THEN score ELSE 0 END),
                    SUM(CASE WHEN score BETWEEN 4 AND 5 THEN 1 ELSE 0 END)
                FROM c GROUP BY agent, category, urgency
                """);
            return sql.ToString();
        }

        private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

        private static string Table(IEntityType type) =>
            type.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(type.GetTableName()!)}" : Quote(type.GetTableName()!);

        private static string Column(IEntityType type, string property) =>
            Quote(type.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()))!);

        /// <summary>A parameter holding <paramref name="value"/> as <paramref name="property"/> stores it (converters applied).</summary>
        private string Parameter(string name, IEntityType type, string property, object value)
        {
            command.Parameters.Add(type.FindProperty(property)!.GetRelationalTypeMapping().CreateParameter(command, name, value));
            return "@" + name;
        }

        private void Value(string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
