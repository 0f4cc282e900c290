using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Permanence.Web.Console.Agenda;
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
        { typeof(SettingsPage), "/console/settings", ["administrator", "practice_manager"] },
        { typeof(SupervisionPage), "/console/supervision", ["administrator", "supervisor"] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Only_the_allowed_roles_pass_the_policy_of_a_console_page(Type page, string route, string[] allowed)
    {
        page.GetCustomAttributes<RouteAttribute>().Select(r => r.Template).ShouldContain(route);
        var policy = page.GetCustomAttribute<AuthorizeAttribute>().ShouldNotBeNull().Policy.ShouldNotBeNull();
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();

        foreach (var role in Policies.RolesByPolicy[Policies.Staff])
        {
            var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], "test"));
            var result = await authorization.AuthorizeAsync(user, null, policy);
            result.Succeeded.ShouldBe(allowed.Contains(role), $"{role} on {route}");
        }
    }

    [Fact]
    public void A_secretary_cannot_reach_the_settings_pages()
    {
        var policy = typeof(SettingsPage).GetCustomAttribute<AuthorizeAttribute>()!.Policy!;
        Policies.RolesByPolicy[policy].ShouldNotContain("secretary");
    }
}
