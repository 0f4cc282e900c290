using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Staff;
using Permanence.Data;
using Permanence.Data.Staff;

namespace Permanence.Web.Security;

/// <summary>
/// Ends this node's hub connections whose credential no longer holds, every
/// <see cref="SecurityOptions.SessionRevalidationSeconds"/> (at least every 5 s): a staff account deactivated or whose
/// roles, practices or password changed (its security stamp), or an API key revoked or given another role or other
/// practices, or expired. A connection keeps the groups it joined with the principal it connected with, so without this it would go
/// on receiving a practice's pop-ups, with their patient candidates, until it reconnected. The client reconnects, and
/// its new credential decides what it receives.
/// </summary>
public sealed partial class HubSessionRevalidation(IServiceScopeFactory scopes, IOptions<SecurityOptions> security, IOptions<IdentityOptions> identity,
    IClock clock, ILogger<HubSessionRevalidation> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);

    public void Opened(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections[connection.ConnectionId] = connection;
    }

    public void Closed(string connectionId) => _connections.TryRemove(connectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(security.Value.OpenSessionCheckPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass (database unreachable) is logged and the next one tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, exception);
            }
        }
    }

    /// <summary>Checks every open connection once; returns how many were ended.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        if (_connections.IsEmpty)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
        var ended = 0;
        foreach (var connection in _connections.Values)
        {
            var user = connection.User ?? new ClaimsPrincipal();
            var current = user.FindFirstValue(PermanenceClaims.ActorKind) == "api_key"
                ? await ApiKeyIsCurrentAsync(db, user, clock.GetCurrentInstant(), ct)
                : await StaffSessionRevalidation.IsCurrentAsync(users, user, identity.Value);
            if (current)
            {
                continue;
            }
            LogEnded(logger, connection.ConnectionId, user.Identity?.Name ?? "?");
            connection.Abort();
            Closed(connection.ConnectionId);
            ended++;
        }
        return ended;
    }

    /// <summary>Whether the key a connection authenticated with is still unrevoked and unexpired, with the role and practices it had then.</summary>
    private static async Task<bool> ApiKeyIsCurrentAsync(PermanenceDbContext db, ClaimsPrincipal user, Instant now, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return false;
        }
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
        return key is not null && ApiKeyCache.UsableRole(key, now) is { } role && user.IsInRole(role.ToCode())
            && key.PracticeIds.Select(p => p.Value).ToHashSet().SetEquals(user.AssignedPractices().Select(p => p.Value));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub connection {ConnectionId} of {Name} ended: its credential changed or was withdrawn")]
    private static partial void LogEnded(ILogger logger, string connectionId, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A check of the hub connections' credentials failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
