using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Scheduling;

/// <param name="PreferredTimes">Local time ranges such as "08:00-12:00".</param>
/// <param name="Deadline">Last local day the patient would still take (yyyy-MM-dd).</param>
public sealed record WaitingListInput(Guid? PatientId, Guid? AppointmentTypeId, Guid? PractitionerId, bool? PatientIsNew,
    IReadOnlyList<string>? PreferredDays, IReadOnlyList<string>? PreferredTimes, string? Deadline, string? Notes);

public sealed record WaitingListRequestDto(Guid Id, Guid PatientId, Guid AppointmentTypeId, Guid? PractitionerId, bool PatientIsNew,
    IReadOnlyList<string> PreferredDays, IReadOnlyList<string> PreferredTimes, Instant? Deadline, string Status, string Notes, Instant CreatedAt);

public sealed record WaitingListProposalDto(Guid Id, Guid RequestId, Guid PatientId, Guid PractitionerId, Guid AppointmentTypeId,
    OffsetDateTime SlotStart, OffsetDateTime SlotEnd, int Rank, Guid FreedBy, Instant CreatedAt);

public sealed record WaitingListServices(PermanenceDbContext Db, AuditTrail Audit, IAuditActor Actor, IClock Clock);

/// <summary>Patients waiting for an earlier slot, and the proposals made to the secretaries when one frees up.</summary>
public static class WaitingListEndpoints
{
    public static IEndpointRouteBuilder MapWaitingListEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/practices/{practiceId:guid}/waiting-list").WithTags("Scheduling").RequirePracticeScope().RequireAuthorization(Policies.Staff);
        group.MapGet("/", List).WithName("ListWaitingList").WithSummary("Patients waiting for an earlier appointment, first in line first");
        group.MapPost("/", Add).WithName("AddToWaitingList").WithSummary("Put a patient on the waiting list");
        group.MapDelete("/{requestId:guid}", Withdraw).WithName("WithdrawFromWaitingList").WithSummary("Take a patient off the waiting list");
        group.MapGet("/proposals", Proposals).WithName("ListWaitingListProposals").WithSummary("Freed slots to offer to waiting patients (secretary tasks)");
        group.MapPost("/proposals/{proposalId:guid}/close", CloseProposal).WithName("CloseWaitingListProposal").WithSummary("Mark a proposal handled");
        return routes;
    }

    private static async Task<Ok<List<WaitingListRequestDto>>> List(Guid practiceId, [AsParameters] WaitingListServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var requests = await s.Db.WaitingListRequests.AsNoTracking()
            .Where(r => r.PracticeId == id && r.Status == WaitingListStatus.Waiting).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(requests.Select(ToDto).ToList());
    }

    private static async Task<Results<Created<WaitingListRequestDto>, ProblemHttpResult>> Add(Guid practiceId, WaitingListInput input, [AsParameters] WaitingListServices s, CancellationToken ct)
    {
        var practice = await s.Db.Practices.AsNoTracking().SingleAsync(p => p.Id == new PracticeId(practiceId), ct);
        var errors = new ValidationErrors();
        errors.Require(input.PatientId is not null, "patientId", "Required.");
        errors.Require(input.AppointmentTypeId is not null, "appointmentTypeId", "Required.");
        if (input.PatientId is { } patient)
        {
            errors.Require(await s.Db.Patients.AnyAsync(p => p.Id == new PatientId(patient) && p.PracticeId == practice.Id, ct), "patientId", "No such patient in this practice.");
        }
        if (input.AppointmentTypeId is { } type)
        {
            errors.Require(await s.Db.AppointmentTypes.AnyAsync(t => t.Id == new AppointmentTypeId(type) && t.PracticeId == practice.Id && t.IsActive, ct), "appointmentTypeId", "Unknown or inactive appointment type for this practice.");
        }
        if (input.PractitionerId is { } practitioner)
        {
            errors.Require(await s.Db.Practitioners.AnyAsync(p => p.Id == new PractitionerId(practitioner) && p.PracticeId == practice.Id, ct), "practitionerId", "No such practitioner in this practice.");
        }
        var days = (input.PreferredDays ?? []).Select(InputParsing.TryDay).ToList();
        errors.Require(days.All(d => d is not null), "preferredDays", "Expected day names: monday … sunday.");
        var times = (input.PreferredTimes ?? []).Select(TimeOfDayRanges.TryParse).ToList();
        errors.Require(times.All(t => t is not null), "preferredTimes", "Expected ranges such as 08:00-12:00.");
        var deadline = InputParsing.TryDate(input.Deadline);
        errors.Require(input.Deadline is null || deadline is not null, "deadline", "Expected a date as yyyy-MM-dd.");
        errors.OptionalText("notes", input.Notes, 1000);
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        var request = new WaitingListRequest
        {
            PracticeId = practice.Id,
            PatientId = new PatientId(input.PatientId!.Value),
            AppointmentTypeId = new AppointmentTypeId(input.AppointmentTypeId!.Value),
            PractitionerId = input.PractitionerId is { } p ? new PractitionerId(p) : null,
            PatientIsNew = input.PatientIsNew ?? false,
            PreferredDays = [.. days.Select(d => d!.Value).Distinct()],
            PreferredTimes = [.. times.Select(t => TimeOfDayRanges.Format(t!))],
            Deadline = deadline?.PlusDays(1).AtStartOfDayInZone(practice.TimeZone).ToInstant(),
            Notes = input.Notes?.Trim() ?? "",
            CreatedAt = s.Clock.GetCurrentInstant(),
            CreatedBy = s.Actor.Name,
        };
        s.Db.WaitingListRequests.Add(request);
        s.Audit.Record("waiting_list.add", practice.Id, "waiting_list_request", request.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/practices/{practiceId}/waiting-list/{request.Id}", ToDto(request));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Withdraw(Guid practiceId, Guid requestId, [AsParameters] WaitingListServices s, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var request = await s.Db.WaitingListRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.PracticeId == practice, ct);
        if (request is null || request.Status != WaitingListStatus.Waiting)
        {
            return ErrorResults.NotFound("The waiting-list request");
        }
        request.Status = WaitingListStatus.Withdrawn;
        await s.Db.WaitingListProposals.Where(p => p.RequestId == requestId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Closed, true), ct);
        s.Audit.Record("waiting_list.withdraw", practice, "waiting_list_request", requestId.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<WaitingListProposalDto>>> Proposals(Guid practiceId, WaitingListTasks tasks, CancellationToken ct) =>
        TypedResults.Ok(await tasks.OpenProposalsAsync(new PracticeId(practiceId), ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> CloseProposal(Guid practiceId, Guid proposalId, WaitingListTasks tasks, CancellationToken ct) =>
        await tasks.CloseProposalAsync(new PracticeId(practiceId), proposalId, ct) ? TypedResults.NoContent() : ErrorResults.NotFound("The proposal");

    private static WaitingListRequestDto ToDto(WaitingListRequest r) => new(
        r.Id, r.PatientId.Value, r.AppointmentTypeId.Value, r.PractitionerId?.Value, r.PatientIsNew,
        [.. r.PreferredDays.Select(InputParsing.DayCode)], r.PreferredTimes, r.Deadline,
        r.Status.ToString().ToLowerInvariant(), r.Notes, r.CreatedAt);
}
