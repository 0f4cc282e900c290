using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Permanence.Web.Console;
using Permanence.Web.Security;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console;

/// <summary>A bUnit context with the console's localisation, in French (the default) unless told otherwise.</summary>
public abstract class ConsoleTestContext : BunitContext
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected ConsoleTestContext(string culture = "fr-FR")
    {
        Services.AddLocalization();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
    }

    /// <summary>Runs the components' work in fresh scopes of the real host, as a circuit does (no user here, so the system scope).</summary>
    protected void UseHost(PermanenceApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Services.AddSingleton(new ConsoleServices(app.Services.GetRequiredService<IServiceScopeFactory>(), new ConsolePrincipal()));
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        base.Dispose(disposing);
    }
}
