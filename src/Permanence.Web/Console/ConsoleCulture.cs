using Microsoft.AspNetCore.Localization;

namespace Permanence.Web.Console;

/// <summary>The console's languages: French by default, English on request; the choice is kept in the culture cookie.</summary>
public static class ConsoleCulture
{
    public const string French = "fr-FR";
    public const string English = "en-GB";

    public static readonly string[] Supported = [French, English];

    /// <summary>The culture of a stored language preference ("fr" or "en"); anything else is French.</summary>
    public static string FromPreference(string? language) =>
        string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? English : French;

    /// <summary>The preference code stored on the staff member ("fr" or "en") for a culture name.</summary>
    public static string ToPreference(string culture) => culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr";

    public static void WriteCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions().SetDefaultCulture(French).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
        // Only the staff member's explicit choice (cookie) switches language: a browser set to English still gets the
        // French console of a French secretariat unless its user asks otherwise.
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return options;
    }
}
