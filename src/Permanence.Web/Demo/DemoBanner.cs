using System.Globalization;
using System.Text;
using Permanence.Data.Demo;

namespace Permanence.Web.Demo;

/// <summary>What a newcomer reads in the console after <c>dotnet run</c>: where to go and how to sign in.</summary>
internal static class DemoBanner
{
    public static string Render(IEnumerable<string> urls, DemoSeedSummary summary)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine();
        text.AppendLine("  Permanence demo secretariat is running");
        foreach (var url in urls)
        {
            text.AppendLine(culture, $"    {url}/console   (secretary console; health: {url}/health, API: {url}/openapi/v1.json)");
        }
        text.AppendLine(culture, $"  {summary.Practices} practices, {summary.Practitioners} practitioners, {summary.AppointmentTypes} appointment types, {summary.Patients} patients, {summary.Appointments} appointments");
        text.AppendLine(culture, $"  Demo logins (password for all: {summary.Password}) — sign in at /console/login, or with POST /api/account/login:");
        foreach (var login in summary.Logins)
        {
            text.AppendLine(culture, $"    {login.RoleCode,-17} {login.Email,-48} {login.DisplayName}");
        }
        return text.ToString();
    }
}
