using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Permanence.Web.Account;
using Permanence.Web.Security;

namespace Permanence.Web.Console;

/// <summary>Services and pipeline of the secretary console (Blazor, interactive server rendering, under /console).</summary>
public static class ConsoleComposition
{
    public static IServiceCollection AddPermanenceConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffSessionRevalidation>();
        services.AddLocalization();
        services.AddScoped<ConsoleSignIn>();
        services.AddScoped<ConsolePrincipal>();
        services.AddScoped<ConsoleServices>();
        services.AddScoped<Calls.CallDeskService>();
        services.AddScoped<CircuitHandler, ConsolePrincipalCircuitHandler>();
        return services;
    }

    /// <summary>Culture of console pages and circuits (the API keeps the invariant culture); call before authentication.</summary>
    public static WebApplication UseConsoleLocalization(this WebApplication app)
    {
        var options = ConsoleCulture.Options();
        app.UseWhen(context => ConsoleRoutes.IsConsole(context.Request.Path) || context.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal),
            branch => branch.UseRequestLocalization(options));
        return app;
    }

    public static WebApplication MapPermanenceConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapConsoleEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// Console pages send a browser to the login page (or the access-denied page); every other route keeps its bare
    /// 401/403 so API clients get a status, not an HTML redirect.
    /// </summary>
    public static Task RedirectOrStatus(HttpContext context, string consolePage, int status)
    {
        if (ConsoleRoutes.IsConsole(context.Request.Path) && HttpMethods.IsGet(context.Request.Method))
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{consolePage}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
