using System.ComponentModel.DataAnnotations;

namespace Permanence.Web.Security;

/// <summary>The <c>Security</c> configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Require a second factor (TOTP) for staff sessions. Defaults to true in Production, where every role can read
    /// patient data; development and demo runs may leave it off.
    /// </summary>
    public bool? RequireTwoFactor { get; set; }

    /// <summary>
    /// How often a signed-in session (a cookie, an open console) is checked against the staff account: a deactivated
    /// account, changed roles or practice assignments, or a new password end it within this many seconds (the user signs
    /// in again with what is now theirs). 0 checks every request (and every 5 s in an open console).
    /// </summary>
    [Range(0, 1800, ErrorMessage = "Security:SessionRevalidationSeconds must be between 0 and 1800.")]
    public int SessionRevalidationSeconds { get; set; } = 30;

    /// <summary>How often open consoles and hub connections are checked: as cookies, but no more than every 5 s.</summary>
    public TimeSpan OpenSessionCheckPeriod => TimeSpan.FromSeconds(Math.Max(5, SessionRevalidationSeconds));
}

/// <summary>The <c>Bootstrap</c> configuration section.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>When set, an administrator API key with exactly this secret is created or refreshed at start-up.</summary>
    public string? ApiKey { get; set; }
}
