using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Web.Calls;
using Permanence.Web.Routing;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Cluster;

/// <summary>
/// Two web nodes over one PostgreSQL database and one Redis server, as behind a load balancer: what happens on one
/// node reaches the console users connected to the other, over the hub (SignalR's Redis backplane) and to Blazor
/// circuits (the cluster bus).
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    // Channels of their own, so that test hosts running at the same time on the same Redis server never hear each other.
    private readonly string _prefix = $"permanence-test-{Guid.NewGuid():N}";
    private Node? _a;
    private Node? _b;

    private sealed class Node : PermanenceApp
    {
        private readonly string _prefix;

        public Node(string prefix)
            : base(TestDatabase.Postgres) => _prefix = prefix;

        public Node(Node first, string prefix)
            : base(first) => _prefix = prefix;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Redis", RedisServer);
            builder.UseSetting("Cluster:ChannelPrefix", _prefix);
        }
    }

    private Node A => _a!;
    private Node B => _b!;

    public async ValueTask InitializeAsync()
    {
        if (PermanenceApp.PostgresServer is null || PermanenceApp.RedisServer is null)
        {
            return; // Each test reports the skip (or the failure).
        }
        _a = new Node(_prefix);
        await _a.InitializeAsync();
        _b = new Node(_a, _prefix);
        await _b.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_call_taken_in_by_one_node_reaches_the_hub_clients_of_the_other()
    {
        RequireServices();
        using var admin = A.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Deux Nœuds");
        await using var secretary = await A.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("secretary", practice.Id), _ct);
        var updated = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var popup = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        secretary.On<JsonElement>(CallsHub.CallUpdated, call => updated.TrySetResult(call));
        secretary.On<JsonElement>(CallsHub.CallPopup, card => popup.TrySetResult(card));
        await secretary.InvokeAsync("WatchPractice", practice.Id, _ct);

        var callId = await B.PostCallAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, practice.RoutineNumber));

        (await updated.Task.WaitAsync(Patience, _ct)).GetProperty("id").GetGuid().ShouldBe(callId);
        var card = await popup.Task.WaitAsync(Patience, _ct);
        card.GetProperty("callId").GetGuid().ShouldBe(callId);
        card.GetProperty("practice").GetProperty("name").GetString().ShouldBe("Cabinet des Deux Nœuds");
    }

    [Fact]
    public async Task A_popup_and_a_distributor_change_made_on_one_node_reach_the_circuits_of_the_other()
    {
        RequireServices();
        using var admin = A.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Circuits");
        var popup = new TaskCompletionSource<CallPopupDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = new TaskCompletionSource<AcdChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var circuit = A.Services.GetRequiredService<CallPopupBroadcaster>()
            .Subscribe([new Core.Common.PracticeId(practice.Id)], p => { popup.TrySetResult(p); return Task.CompletedTask; });
        var distributor = A.Services.GetRequiredService<AcdNotifications>();
        void OnChanged(AcdChange change)
        {
            if (change.Practices.Any(p => p.Value == practice.Id))
            {
                queued.TrySetResult(change);
            }
        }
        distributor.Changed += OnChanged;
        try
        {
            var callId = await B.PostCallAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, practice.RoutineNumber));

            (await popup.Task.WaitAsync(Patience, _ct)).CallId.ShouldBe(callId);
            await queued.Task.WaitAsync(Patience, _ct);
        }
        finally
        {
            distributor.Changed -= OnChanged;
        }
    }

    private static void RequireServices()
    {
        PermanenceApp.RequirePostgres();
        PermanenceApp.RequireRedis();
    }
}
