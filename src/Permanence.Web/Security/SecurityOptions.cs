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
}

/// <summary>The <c>Bootstrap</c> configuration section.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>When set, an administrator API key with exactly this secret is created or refreshed at start-up.</summary>
    public string? ApiKey { get; set; }
}
