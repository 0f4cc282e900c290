using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;

namespace Permanence.Data.Quality;

/// <summary>
/// Keeps, on every call, the ringing instant of the finished call that came just before it from the same number to the
/// same practice (the shadow column <see cref="Column"/>), so that the repeat calls of a practice are counted without
/// sorting its calls by number on each request (bench/RESULTS.md, KPIs). Calls in progress are not links: the figures
/// leave them out. Calls ringing at the same instant are ordered by id, so that of k such calls k − 1 have a
/// predecessor at that instant, as <see cref="Core.Quality.KpiCalculator"/> counts them. A call from a withheld or
/// unreadable caller id has no link (<see cref="RepeatCallers"/>).
/// </summary>
/// <remarks>
/// Every save through <see cref="PermanenceDbContext"/> that adds, removes or finishes a call, or changes its practice,
/// number or ringing instant, recomputes the links of that number's calls from that instant on, in the save's
/// transaction. Two calls of one number finishing at the same moment in two transactions may each miss the other
/// (read committed); the next change to either number's calls repairs it.
/// </remarks>
public static class RepeatCallLinks
{
    /// <summary>The shadow property (and column) holding the previous finished call's ringing instant.</summary>
    public const string Column = "PreviousCallAt";

    /// <summary>A number's calls to a practice from <paramref name="Since"/> on, whose links must be recomputed.</summary>
    public readonly record struct Stale(PracticeId Practice, string Number, Instant Since);

    /// <summary>
    /// SQL that is true when <paramref name="column"/> holds a number that can make a repeat: <see cref="RepeatCallers.CanRepeat"/>
    /// in the dialect of the provider.
    /// </summary>
    public static string CanRepeatSql(string column, bool postgres) => (postgres
        ? $"({column} ~ '^\\+[0-9]+$'"
        : $"({column} GLOB '+[0-9]*' AND substr({column}, 2) NOT GLOB '*[^0-9]*'")
        + $" AND {column} NOT IN ({string.Join(", ", CallerIds.StandIns.Select(s => $"'{s}'"))}))";

    /// <summary>The numbers whose links the pending changes of <paramref name="db"/> make stale; read before saving.</summary>
    public static List<Stale> Pending(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stale = new Dictionary<(PracticeId, string), Instant>();
        void Add(PracticeId? practice, string number, Instant since)
        {
            if (practice is { } p)
            {
                stale[(p, number)] = stale.TryGetValue((p, number), out var known) && known < since ? known : since;
            }
        }
        foreach (var entry in db.ChangeTracker.Entries<Call>())
        {
            var call = entry.Entity;
            switch (entry.State)
            {
                case EntityState.Added when call.Outcome != CallOutcome.InProgress:
                    Add(call.PracticeId, call.FromNumber, call.StartedAt);
                    break;
                case EntityState.Deleted when Original<CallOutcome>(entry, nameof(Call.Outcome)) != CallOutcome.InProgress:
                    Add(Original<PracticeId?>(entry, nameof(Call.PracticeId)), Original<string>(entry, nameof(Call.FromNumber)), Original<Instant>(entry, nameof(Call.StartedAt)));
                    break;
                case EntityState.Modified when Changed(entry) && (call.Outcome != CallOutcome.InProgress || Original<CallOutcome>(entry, nameof(Call.Outcome)) != CallOutcome.InProgress):
                    Add(Original<PracticeId?>(entry, nameof(Call.PracticeId)), Original<string>(entry, nameof(Call.FromNumber)), Original<Instant>(entry, nameof(Call.StartedAt)));
                    Add(call.PracticeId, call.FromNumber, call.StartedAt);
                    break;
                default:
                    break;
            }
        }
        return [.. stale.Select(s => new Stale(s.Key.Item1, s.Key.Item2, s.Value))];
    }

    /// <summary>
    /// Recomputes the links of <paramref name="stale"/>; run after the save, in its transaction. On PostgreSQL one
    /// statement for all the numbers (a derivation pass finishes calls of many numbers at once); on SQLite, whose database
    /// is in process, one per number.
    /// </summary>
    public static async Task RelinkAsync(DbContext db, IReadOnlyCollection<Stale> stale, CancellationToken ct)
    {
        foreach (var (sql, parameters) in Statements(db, stale))
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }
    }

    /// <inheritdoc cref="RelinkAsync"/>
    public static void Relink(DbContext db, IReadOnlyCollection<Stale> stale)
    {
        foreach (var (sql, parameters) in Statements(db, stale))
        {
            db.Database.ExecuteSqlRaw(sql, parameters);
        }
    }

    private static IEnumerable<(string Sql, object[] Parameters)> Statements(DbContext db, IReadOnlyCollection<Stale> stale)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stale);
        var calls = db.Model.FindEntityType(typeof(Call))!;
        var inProgress = Stored(calls, nameof(Call.Outcome), CallOutcome.InProgress);
        if (db.Database.IsNpgsql())
        {
            return stale.Count == 0 ? [] :
            [(
                RelinkSql(calls, postgres: true),
                [stale.Select(s => s.Practice.Value).ToArray(), stale.Select(s => s.Number).ToArray(), stale.Select(s => s.Since).ToArray(), inProgress]
            )];
        }
        var sql = RelinkSql(calls, postgres: false);
        return stale.Select(s => (sql, new[] { Stored(calls, nameof(Call.PracticeId), s.Practice), s.Number, Stored(calls, nameof(Call.StartedAt), s.Since), inProgress }));
    }

    /// <summary>
    /// The statement setting <see cref="Column"/> on the calls of one number to one practice ringing from an instant on;
    /// parameters {0} practice, {1} number, {2} instant, {3} the stored "in progress" outcome. On
    /// <paramref name="postgres"/>, the calls of several numbers at once: {0}, {1} and {2} are then arrays, one stale
    /// number per index and no number twice.
    /// </summary>
    private static string RelinkSql(IEntityType calls, bool postgres)
    {
        var table = Quote(calls.GetTableName()!);
        string C(string property) => Quote(calls.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(calls.GetTableName()!, calls.GetSchema()))!);
        var (practice, number, startedAt, id, outcome) =
            (C(nameof(Call.PracticeId)), C(nameof(Call.FromNumber)), C(nameof(Call.StartedAt)), C(nameof(Call.Id)), C(nameof(Call.Outcome)));
        var which = postgres
            ? $$"""
                FROM unnest({0}::uuid[], {1}::text[], {2}::timestamptz[]) AS stale(practice, number, since)
                WHERE {{table}}.{{practice}} = stale.practice AND {{table}}.{{number}} = stale.number AND {{table}}.{{startedAt}} >= stale.since
                """
            : $"WHERE {practice} = {{0}} AND {number} = {{1}} AND {startedAt} >= {{2}}";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            UPDATE {{table}} SET {{C(Column)}} = CASE WHEN {{CanRepeatSql($"{table}.{number}", postgres)}} THEN (
                SELECT MAX(p.{{startedAt}}) FROM {{table}} AS p
                WHERE p.{{practice}} = {{table}}.{{practice}} AND p.{{number}} = {{table}}.{{number}} AND p.{{outcome}} <> {3}
                    AND (p.{{startedAt}} < {{table}}.{{startedAt}} OR (p.{{startedAt}} = {{table}}.{{startedAt}} AND p.{{id}} < {{table}}.{{id}}))) END
            {{which}}
            """);
    }

    /// <summary><paramref name="value"/> of a call's property as the database stores it.</summary>
    private static object Stored(IEntityType calls, string property, object value) =>
        calls.FindProperty(property)!.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value)! : value;

    private static bool Changed(EntityEntry<Call> entry) =>
        new[] { nameof(Call.PracticeId), nameof(Call.FromNumber), nameof(Call.StartedAt), nameof(Call.Outcome) }
            .Any(p => entry.Property(p).IsModified && !Equals(entry.Property(p).OriginalValue, entry.Property(p).CurrentValue));

    private static T Original<T>(EntityEntry<Call> entry, string property) => (T)entry.Property(property).OriginalValue!;

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
