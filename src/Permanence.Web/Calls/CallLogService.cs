using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Data;
using Permanence.Data.Audit;

namespace Permanence.Web.Calls;

/// <summary>
/// The call log of a practice: the calls of a period, filtered and paged, and one call in detail (its read audited),
/// shared by the HTTP API and the console.
/// </summary>
public sealed class CallLogService(PermanenceDbContext db, AuditTrail audit)
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    /// <summary>The last page any page size can reach: the calls skipped before it must count in an int.</summary>
    private const int MaxPage = int.MaxValue / MaxPageSize;

    public async Task<Result<CallPage>> ListAsync(PracticeId practice, CallLogQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filtered = Filter(db, practice, query);
        if (filtered.Error is { } error)
        {
            return error;
        }
        var errors = new ValidationErrors();
        errors.Require(query.Page is null or >= 1 and <= MaxPage, "page", $"Between 1 and {MaxPage}.");
        errors.Require(query.PageSize is null or >= 1 and <= MaxPageSize, "pageSize", $"Between 1 and {MaxPageSize}.");
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var page = query.Page ?? 1;
        var size = query.PageSize ?? DefaultPageSize;
        var total = await filtered.Value!.CountAsync(ct);
        var calls = await filtered.Value!.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new CallPage([.. calls.Select(c => c.ToSummary())], page, size, total);
    }

    /// <summary>
    /// The calls of the query as CSV, oldest first, with ids, instants, seconds and codes only: a file leaves the audited
    /// system, so it carries nothing that identifies a person. The export is audited.
    /// </summary>
    public async Task<Result<string>> ExportAsync(PracticeId practice, CallLogQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filtered = Filter(db, practice, query);
        if (filtered.Error is { } error)
        {
            return error;
        }
        var calls = await filtered.Value!.OrderBy(c => c.StartedAt).ThenBy(c => c.Id).ToListAsync(ct);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            await csv.WriteRecordsAsync(calls.Select(CallCsvRow.From), ct);
        }
        await audit.RecordNowAsync("call.export", practice, "call", null, $"{calls.Count} calls", ct);
        return text.ToString();
    }

    /// <summary>One call of the practice with its steps, actions, events and corrections, or null.</summary>
    public async Task<CallDetailDto?> GetAsync(PracticeId practice, CallId id, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().Include(c => c.Actions).Include(c => c.Corrections)
            .SingleOrDefaultAsync(c => c.PracticeId == practice && c.Id == id, ct);
        if (call is null)
        {
            return null;
        }
        var events = await db.CallEvents.AsNoTracking().Where(e => e.CallId == id).ToListAsync(ct);
        await audit.RecordNowAsync("call.read", practice, "call", call.Id.ToString(), cancellationToken: ct);
        return call.ToDetail(events);
    }

    /// <summary>The practice's calls the query asks for, or the query's field errors.</summary>
    private static Result<IQueryable<Call>> Filter(PermanenceDbContext db, PracticeId practice, CallLogQuery query)
    {
        var period = CallPeriod.Parse(query.From, query.To);
        var errors = new ValidationErrors();
        if (period.Error is ValidationError periodError)
        {
            foreach (var (field, messages) in periodError.Fields)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }
        var category = Optional(errors, "category", query.Category, CallCodes.TryCategory, CallCodes.AllCodes<CallCategory>(CallCodes.ToCode));
        var urgency = Optional(errors, "urgency", query.Urgency, CallCodes.TryUrgency, CallCodes.AllCodes<UrgencyLevel>(CallCodes.ToCode));
        var outcome = Optional(errors, "outcome", query.Outcome, CallCodes.TryOutcome, CallCodes.AllCodes<CallOutcome>(CallCodes.ToCode));
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var (from, to) = (period.Value.From, period.Value.To);
        var calls = db.Calls.AsNoTracking().Where(c => c.PracticeId == practice && c.StartedAt >= from && c.StartedAt < to);
        if (query.PatientId is { } patientId)
        {
            var patient = new PatientId(patientId);
            calls = calls.Where(c => c.PatientId == patient);
        }
        if (query.AgentId is { } agentId)
        {
            var agent = new StaffUserId(agentId);
            calls = calls.Where(c => c.AgentId == agent);
        }
        if (category is { } cat)
        {
            calls = calls.Where(c => c.Category == cat);
        }
        if (urgency is { } level)
        {
            calls = calls.Where(c => c.Urgency == level);
        }
        if (outcome is { } result)
        {
            calls = calls.Where(c => c.Outcome == result);
        }
        return Result<IQueryable<Call>>.Ok(calls);
    }

    private static T? Optional<T>(ValidationErrors errors, string field, string? code, Func<string?, T?> parse, string allowed) where T : struct
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var parsed = parse(code);
        errors.Require(parsed is not null, field, $"Expected one of: {allowed}.");
        return parsed;
    }
}
