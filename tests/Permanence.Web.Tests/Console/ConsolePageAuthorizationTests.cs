using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Permanence.Web.Console.Agenda;
using Permanence.Web.Console.Reports;
using Permanence.Web.Console.Settings;
using Permanence.Web.Console.Supervision;
using Permanence.Web.Security;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console;

/// <summary>The console pages name their policy, and the host's policies let in exactly the roles that should come in.</summary>
public sealed class ConsolePageAuthorizationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static TheoryData<Type, string, string[]> Pages => new()
    {
        { typeof(AgendaPage), "/console/agenda", ["administrator", "supervisor", "secretary", "practitioner", "practice_manager"] },
        { typeof(Permanence.Web.Console.CallLog.CallLogPage), "/console/calls", ["administrator", "supervisor", "secretary", "practitioner", "practice_manager"] },
        { typeof(SettingsPage), "/console/settings", ["administrator", "practice_manager"] },
        { typeof(SupervisionPage), "/console/supervision", ["administrator", "supervisor"] },
        { typeof(ReportsPage), "/console/reports", ["administrator", "supervisor", "practice_manager"] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Only_the_allowed_roles_pass_the_policy_of_a_console_page(Type page, string route, string[] allowed)
    {
        page.GetCustomAttributes<RouteAttribute>().Select(r => r.Template).ShouldContain(route);
        // The router checks every [Authorize] of a page (the console-wide staff one and the page's own): all must pass.
        var policies = page.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy.ShouldNotBeNull()).ToList();
        policies.ShouldNotBeEmpty();
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();

        foreach (var role in Policies.RolesByPolicy[Policies.Staff])
        {
            var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], "test"));
            var passed = true;
            foreach (var policy in policies)
            {
                passed &= (await authorization.AuthorizeAsync(user, null, policy)).Succeeded;
            }
            passed.ShouldBe(allowed.Contains(role), $"{role} on {route}");
        }
    }

    [Fact]
    public void A_secretary_cannot_reach_the_settings_pages()
    {
        typeof(SettingsPage).GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).ShouldContain(Policies.PracticeConfiguration);
        Policies.RolesByPolicy[Policies.PracticeConfiguration].ShouldNotContain("secretary");
    }
}
