namespace Permanence.Web.Demo;

/// <summary>The <c>Demo</c> section: on in Development (see appsettings.Development.json), off elsewhere unless asked.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo secretariat at start-up (idempotent) and print its logins.</summary>
    public bool Enabled { get; set; }
}
