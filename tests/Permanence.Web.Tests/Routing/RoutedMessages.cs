using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Routing;

/// <summary>Reads the items the routing left for a call, whose notice goes out just after them.</summary>
internal static class RoutedMessages
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The actions in the history of the call's single item, sorted, once it was notified, or as they are after 10 s.</summary>
    public static async Task<List<string>> HistoryOnceNotifiedAsync(this PermanenceApp app, CallId call)
    {
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var message = await app.WithDbAsync(db => db.PractitionerMessages.AsNoTracking().Include(m => m.History).SingleAsync(m => m.CallId == call, ct));
            var actions = message.History.Select(h => h.Action).Order(StringComparer.Ordinal).ToList();
            if (actions.Contains("notified") || DateTime.UtcNow > deadline)
            {
                return actions;
            }
            await Task.Delay(50, ct);
        }
    }
}
