using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

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

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        base.Dispose(disposing);
    }
}
