namespace Permanence.Web.Console;

/// <summary>The console's addresses; all live under <c>/console</c> so the <c>/api</c> contract stays apart.</summary>
public static class ConsoleRoutes
{
    public const string Prefix = "/console";
    public const string Home = "/console";
    public const string Login = "/console/login";
    public const string LoginSecondFactor = "/console/login/second-factor";
    public const string Logout = "/console/logout";
    public const string Language = "/console/language";
    public const string Denied = "/console/denied";
    public const string Inbox = "/console/inbox";
    public const string Agenda = "/console/agenda";
    public const string Settings = "/console/settings";
    public const string Supervision = "/console/supervision";

    /// <summary>Browser pages and form posts of the console (not its API calls, which keep answering problem+json).</summary>
    public static bool IsConsole(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A return address is followed only if it is a console page, so the login cannot redirect off-site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) ? url : Home;
}
