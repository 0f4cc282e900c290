using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Permanence.Core.Triage;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console;

/// <summary>
/// The real host on Kestrel (a browser needs a socket), over its own SQLite file, with the second factor required,
/// and a headless Chromium driven by Playwright. Skips loudly without Chromium unless the test script promised it.
/// </summary>
public sealed class BrowserConsoleApp() : PermanenceApp(TestDatabase.Sqlite, requireTwoFactor: true)
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser? Browser { get; private set; }

    /// <summary>Where each step's screenshot goes: artifacts/screenshots under the test output.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public static void RequireBrowser()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("PERMANENCE_REQUIRE_BROWSER") == "1")
        {
            Assert.Fail($"PERMANENCE_REQUIRE_BROWSER=1 but {ChromiumPath} is missing (scripts/test.sh installs the chromium package).");
        }
        Assert.Skip($"SKIPPED: no Chromium at {ChromiumPath}; install the chromium package or run ./scripts/test.sh.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Outside Development the framework's files (blazor.web.js) are found only through the static web assets manifest.
        builder.UseStaticWebAssets();
    }

    public override async ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        // API calls of the test (seeding, telephony events) go to the same Kestrel socket as the browser.
        ClientOptions.BaseAddress = new Uri(BaseUrl);
        // Compiling the triage rules takes seconds on a busy machine: do it before the clock of any step starts.
        _ = Services.GetRequiredService<TriageEngine>();
        if (!File.Exists(ChromiumPath))
        {
            return; // The test reports the skip (or the failure) through RequireBrowser.
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
