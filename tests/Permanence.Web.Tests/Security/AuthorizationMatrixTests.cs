using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Security;

/// <summary>
/// Every registered endpoint must appear in <see cref="Expected"/> with the roles allowed to call it; an endpoint
/// added without an entry fails here. Each is then called anonymously and with a key of every role.
/// </summary>
public sealed class AuthorizationMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Anonymous = "anonymous";

    /// <summary>Anonymous to authentication, but the request itself carries a signature: unsigned calls get 401.</summary>
    private const string SignedWebhook = "signed-webhook";
    private static readonly string[] Everyone = ["administrator", "supervisor", "secretary", "practitioner", "practice_manager"];
    private static readonly string[] Managers = ["administrator", "practice_manager"];
    private static readonly string[] Administrators = ["administrator"];
    private static readonly string[] AgendaKeepers = ["administrator", "practice_manager", "practitioner"];
    private static readonly string[] QualityReaders = ["administrator", "supervisor", "practice_manager", "practitioner"];
    private static readonly string[] Supervisors = ["administrator", "supervisor"];
    private static readonly string[] RosterOverseers = ["administrator", "supervisor", "practice_manager"];
    private static readonly string[] QualityReporters = ["administrator", "supervisor", "practice_manager"];

    /// <summary>"METHOD route" → roles allowed, or <see cref="Anonymous"/>.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["GET /health"] = [Anonymous],
        ["GET /ready"] = [Anonymous],
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["POST /api/account/login"] = [Anonymous],
        ["POST /api/account/logout"] = Everyone,
        ["GET /api/account/me"] = Everyone,
        ["GET /api/account/two-factor"] = Everyone,
        ["POST /api/account/two-factor/enable"] = Everyone,
        ["POST /api/account/two-factor/recovery-codes"] = Everyone,
        ["GET /api/practices/"] = Everyone,
        ["POST /api/practices/"] = Administrators,
        ["GET /api/practices/{practiceId:guid}/"] = Everyone,
        ["PUT /api/practices/{practiceId:guid}/"] = Managers,
        ["DELETE /api/practices/{practiceId:guid}/"] = Administrators,
        ["PUT /api/practices/{practiceId:guid}/opening-hours"] = Managers,
        ["GET /api/practices/{practiceId:guid}/closures"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/closures"] = Managers,
        ["DELETE /api/practices/{practiceId:guid}/closures/{closureId:guid}"] = Managers,
        ["GET /api/practices/{practiceId:guid}/playbook"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/playbook"] = Managers,
        ["PUT /api/practices/{practiceId:guid}/playbook/{entryId:guid}"] = Managers,
        ["DELETE /api/practices/{practiceId:guid}/playbook/{entryId:guid}"] = Managers,
        ["GET /api/practices/{practiceId:guid}/practitioners"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/practitioners"] = Managers,
        ["PUT /api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}"] = Managers,
        ["DELETE /api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}"] = Managers,
        ["GET /api/practices/{practiceId:guid}/appointment-types"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/appointment-types"] = Managers,
        ["PUT /api/practices/{practiceId:guid}/appointment-types/{appointmentTypeId:guid}"] = Managers,
        ["DELETE /api/practices/{practiceId:guid}/appointment-types/{appointmentTypeId:guid}"] = Managers,
        ["GET /api/practices/{practiceId:guid}/patients/"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/patients/{patientId:guid}"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/patients/"] = Everyone,
        ["PUT /api/practices/{practiceId:guid}/patients/{patientId:guid}"] = Everyone,
        ["GET /api/staff/"] = Administrators,
        ["POST /api/staff/"] = Administrators,
        ["PUT /api/staff/{staffId:guid}"] = Administrators,
        ["DELETE /api/staff/{staffId:guid}"] = Administrators,
        ["GET /api/api-keys/"] = Administrators,
        ["POST /api/api-keys/"] = Administrators,
        ["POST /api/api-keys/{keyId:guid}/revoke"] = Administrators,
        ["GET /api/audit"] = Administrators,
        ["POST /api/triage"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/triage-overrides/"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/triage-overrides/"] = Managers,
        ["DELETE /api/practices/{practiceId:guid}/triage-overrides/{overrideId}"] = Managers,
        ["GET /api/practices/{practiceId:guid}/slots"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/holds"] = Everyone,
        ["DELETE /api/practices/{practiceId:guid}/holds/{holdId:guid}"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/appointments"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/appointments/{appointmentId:guid}"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/appointments"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/appointments/{appointmentId:guid}/cancel"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/appointments/{appointmentId:guid}/reschedule"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/appointments/{appointmentId:guid}/complete"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/appointments/{appointmentId:guid}/no-show"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}/availability"] = Everyone,
        ["PUT /api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}/availability"] = AgendaKeepers,
        ["GET /api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}/absences"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}/absences"] = AgendaKeepers,
        ["DELETE /api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}/absences/{absenceId:guid}"] = AgendaKeepers,
        ["GET /api/practices/{practiceId:guid}/waiting-list/"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/waiting-list/"] = Everyone,
        ["DELETE /api/practices/{practiceId:guid}/waiting-list/{requestId:guid}"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/waiting-list/proposals"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/waiting-list/proposals/{proposalId:guid}/close"] = Everyone,
        ["POST /api/telephony/events"] = [SignedWebhook],
        ["POST /telephony/twiml/voice"] = [SignedWebhook],
        ["POST /telephony/twiml/status"] = [SignedWebhook],
        ["POST /telephony/twiml/voicemail"] = [SignedWebhook],
        ["GET /api/practices/{practiceId:guid}/reports/quarterly"] = QualityReporters,
        ["POST /telephony/twiml/wait"] = [SignedWebhook],
        ["POST /telephony/twiml/survey"] = [SignedWebhook],
        ["POST /telephony/twiml/survey/answer"] = [SignedWebhook],
        ["GET /survey/{token}"] = [Anonymous],
        ["POST /survey/{token}"] = [Anonymous],
        ["GET /api/practices/{practiceId:guid}/on-call-shifts/"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/on-call-shifts/"] = Managers,
        ["DELETE /api/practices/{practiceId:guid}/on-call-shifts/{shiftId:guid}"] = Managers,
        ["GET /api/practices/{practiceId:guid}/on-call-gaps/"] = RosterOverseers,
        ["GET /api/telephony/unknown-number-calls"] = Administrators,
        // API keys get 404 there (no agent state); signed-in staff their own state (AcdApiTests).
        ["GET /api/agents/me/state"] = Everyone,
        ["PUT /api/agents/me/state"] = Everyone,
        ["GET /api/supervision/queues"] = Supervisors,
        // SignalR endpoints carry no HTTP method metadata, so they are listed (and probed) as GET.
        ["GET /hubs/calls/negotiate"] = Everyone,
        ["GET /hubs/calls"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/calls"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/calls.csv"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/calls/{callId:guid}"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/calls/{callId:guid}/steps/{step}"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/calls/{callId:guid}/wrap-up"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/calls/{callId:guid}/corrections"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/calls/{callId:guid}/patient"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/callers"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/messages"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/messages/{messageId:guid}"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/inbox"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/messages/{messageId:guid}/read"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/messages/{messageId:guid}/acknowledge"] = Everyone,
        ["POST /api/practices/{practiceId:guid}/messages/{messageId:guid}/done"] = Everyone,
        ["GET /api/practices/{practiceId:guid}/kpis"] = QualityReaders,
        // Secretaries reach it but see only their own line (KpiApiTests).
        ["GET /api/practices/{practiceId:guid}/kpis/agents"] = Everyone,
        ["GET /api/kpis"] = Supervisors,
        ["GET /api/staffing"] = Supervisors,
        // The console: pages answer GET (render) and POST (their forms); an anonymous browser GET is sent to the login page.
        ["GET /console"] = Everyone,
        ["POST /console"] = Everyone,
        ["GET /console/inbox"] = Everyone,
        ["POST /console/inbox"] = Everyone,
        ["GET /console/login"] = [Anonymous],
        ["POST /console/login"] = [Anonymous],
        ["GET /console/login/second-factor"] = [Anonymous],
        ["POST /console/login/second-factor"] = [Anonymous],
        ["GET /console/denied"] = [Anonymous],
        ["POST /console/denied"] = [Anonymous],
        ["POST /console/logout"] = Everyone,
        ["POST /console/language"] = Everyone,
        ["GET /console/agenda"] = Everyone,
        ["POST /console/agenda"] = Everyone,
        ["GET /console/calls"] = Everyone,
        ["POST /console/calls"] = Everyone,
        ["GET /console/settings"] = Managers,
        ["POST /console/settings"] = Managers,
        ["GET /console/settings/{Section}"] = Managers,
        ["POST /console/settings/{Section}"] = Managers,
        ["GET /console/supervision"] = Supervisors,
        ["POST /console/supervision"] = Supervisors,
        ["GET /console/reports"] = QualityReporters,
        ["POST /console/reports"] = QualityReporters,
        // Blazor's circuit hub and its plumbing: signed-in staff only, like the calls hub.
        ["GET /_blazor/negotiate"] = Everyone,
        ["GET /_blazor"] = Everyone,
        ["GET /_blazor/disconnect/"] = Everyone,
        ["GET /_blazor/initializers/"] = Everyone,
        ["GET /_framework/opaque-redirect"] = Everyone,
        // Outside production the static-asset middleware also serves files added after the build; not public.
        ["GET {**path:file}"] = Everyone,
        ["HEAD {**path:file}"] = Everyone,
    };

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>Routes registered by the static-asset manifest (no leading slash): public files such as console.css.</summary>
    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText?.StartsWith('/') == false && endpoint.DisplayName?.StartsWith("Fallback", StringComparison.Ordinal) != true;

    private List<(string Key, string Method, RouteEndpoint Endpoint)> Endpoints() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ($"{m} {e.RoutePattern.RawText}", m, e)))];

    [Fact]
    public void Every_endpoint_has_an_expected_authorisation_entry()
    {
        var registered = Endpoints().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        registered.Except(Expected.Keys).ShouldBeEmpty("endpoints without an entry in the authorisation matrix");
        Expected.Keys.Except(registered).ShouldBeEmpty("matrix entries without an endpoint");
    }

    [Fact]
    public void Static_assets_are_public_files_of_the_console()
    {
        var assets = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsStaticAsset).ToList();
        assets.ShouldNotBeEmpty();
        foreach (var asset in assets)
        {
            asset.Metadata.GetMetadata<IAllowAnonymous>().ShouldNotBeNull(asset.RoutePattern.RawText);
            asset.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.ShouldBeSubsetOf(["GET", "HEAD"]);
        }
    }

    [Fact]
    public void Only_the_expected_endpoints_allow_anonymous_callers()
    {
        foreach (var (key, _, endpoint) in Endpoints())
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            anonymous.ShouldBe(Expected[key].Contains(Anonymous) || Expected[key].Contains(SignedWebhook), key);
        }
    }

    [Fact]
    public async Task Each_role_reaches_exactly_the_endpoints_allowed_to_it()
    {
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeAsync("Cabinet de la matrice");
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in Everyone)
        {
            keys[role] = await admin.CreateApiKeyAsync(role, practice);
        }

        var failures = new List<string>();
        // Deleting runs last, so the practice exists for every other call.
        foreach (var (key, method, endpoint) in Endpoints().OrderBy(e => e.Method == "DELETE"))
        {
            var url = Url(endpoint.RoutePattern.RawText!, practice);
            using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
            var anonymousStatus = await SendAsync(anonymous, method, url);
            if (Expected[key].Contains(SignedWebhook))
            {
                // The call-event API answers 401; TwiML webhooks answer 403 as the provider's convention has it.
                if (anonymousStatus is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                {
                    failures.Add($"{key}: an unsigned call got {(int)anonymousStatus}, expected 401 or 403");
                }
                continue;
            }
            if (Expected[key].Contains(Anonymous))
            {
                if (anonymousStatus is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{key}: anonymous got {(int)anonymousStatus}");
                }
                continue;
            }
            // A browser asking for a console page is sent to the login page; everything else answers a bare 401.
            var expectedAnonymous = method == "GET" && url.StartsWith("/console", StringComparison.Ordinal) ? HttpStatusCode.Found : HttpStatusCode.Unauthorized;
            if (anonymousStatus != expectedAnonymous)
            {
                failures.Add($"{key}: anonymous got {(int)anonymousStatus}, expected {(int)expectedAnonymous}");
            }
            foreach (var role in Everyone.OrderBy(r => r == "administrator"))
            {
                using var client = app.ClientWithKey(keys[role]);
                var status = await SendAsync(client, method, url);
                var allowed = Expected[key].Contains(role);
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{key}: {role} got {(int)status}, expected access");
                }
                if (!allowed && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{key}: {role} got {(int)status}, expected 403");
                }
            }
        }
        failures.ShouldBeEmpty();
    }

    private static string Url(string pattern, Guid practice)
    {
        var url = pattern.Replace("{practiceId:guid}", practice.ToString(), StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal);
        while (url.Contains('{', StringComparison.Ordinal))
        {
            var start = url.IndexOf('{', StringComparison.Ordinal);
            var end = url.IndexOf('}', start);
            url = string.Concat(url.AsSpan(0, start), Guid.NewGuid().ToString(), url.AsSpan(end + 1));
        }
        return url;
    }

    private async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        // Only the status matters: reading headers only keeps a streaming or slow body from holding the test.
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _ct);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException($"{method} {url} did not answer: {ex.Message}", ex);
        }
    }
}
