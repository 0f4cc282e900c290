using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Permanence.Data.Staff;
using Permanence.Web.Account;
using Permanence.Web.Security;

namespace Permanence.Web.Console;

/// <summary>
/// The console's form posts that change the browser's cookies and so cannot run inside an interactive circuit:
/// sign-out and the language choice. Both are HTML form posts checked by the antiforgery middleware.
/// </summary>
public static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder routes)
    {
        var console = routes.MapGroup(ConsoleRoutes.Prefix).ExcludeFromDescription().WithMetadata(new RequireAntiforgeryTokenAttribute());
        console.MapPost("/logout", LogoutAsync).WithName("ConsoleLogout").RequireAuthorization(Policies.SignedIn);
        console.MapPost("/language", SetLanguageAsync).WithName("ConsoleLanguage").RequireAuthorization(Policies.SignedIn);
        return routes;
    }

    private static async Task<RedirectHttpResult> LogoutAsync(ConsoleSignIn signIn, CancellationToken ct)
    {
        await signIn.SignOutAsync(ct);
        return TypedResults.LocalRedirect(ConsoleRoutes.Login);
    }

    /// <summary>Stores the choice on the staff member (so it follows them to another browser) and in the culture cookie.</summary>
    private static async Task<RedirectHttpResult> SetLanguageAsync([FromForm] string? language, [FromForm] string? returnUrl, ClaimsPrincipal principal,
        UserManager<StaffUser> users, HttpResponse response)
    {
        var culture = ConsoleCulture.FromPreference(language);
        if (await users.GetUserAsync(principal) is { } user && user.PreferredLanguage != ConsoleCulture.ToPreference(culture))
        {
            user.PreferredLanguage = ConsoleCulture.ToPreference(culture);
            await users.UpdateAsync(user);
        }
        ConsoleCulture.WriteCookie(response, culture);
        return TypedResults.LocalRedirect(ConsoleRoutes.SafeReturnUrl(returnUrl));
    }
}
