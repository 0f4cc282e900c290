using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Permanence.Web.Console;
using Permanence.Web.Console.Calls;
using Permanence.Web.Security;
using Permanence.Web.Tests.Infrastructure;
using Permanence.Web.Tests.Scheduling;

namespace Permanence.Web.Tests.Console.Calls;

/// <summary>The call desk books through the booking service, which links the appointment to the call.</summary>
public abstract class CallDeskBookingTests
{
    private readonly PermanenceApp _app;

    protected CallDeskBookingTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Booking_from_the_call_desk_links_the_appointment_to_the_call_with_exactly_one_action()
    {
        var agenda = await _app.CreateAgendaAsync();
        var call = await _app.AnsweredCallAsync(agenda);
        var patient = await agenda.Client.CreatePatientAsync(agenda.Practice);
        // As in a circuit: each operation in a fresh scope of the real host (no user here, so the system scope).
        var desk = new CallDeskService(new ConsoleServices(_app.Services.GetRequiredService<IServiceScopeFactory>(), new ConsolePrincipal()));
        var slot = (await desk.FirstAvailableAsync(agenda.Practice, agenda.Type, patientIsNew: true, limit: 1)).Value.ShouldHaveSingleItem();

        var booked = await desk.BookAsync(agenda.Practice, call, slot, patient, new ClaimsPrincipal(new ClaimsIdentity()));

        booked.Error.ShouldBeNull();
        booked.Value!.CallId.ShouldBe(call);
        (await agenda.CallActionsAsync(call)).ShouldBe([("appointment_booked", booked.Value.Id.Value)]);
    }
}

public sealed class CallDeskBookingTestsOnSqlite(SqliteApp app) : CallDeskBookingTests(app), IClassFixture<SqliteApp>;

public sealed class CallDeskBookingTestsOnPostgres(PostgresApp app) : CallDeskBookingTests(app), IClassFixture<PostgresApp>;
