using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Permanence.Web.Tests.Messaging;

/// <summary>
/// An HTTP server on the loopback interface that answers <c>POST /2010-04-01/Accounts/{sid}/Messages.json</c> the
/// way Twilio's REST API documents it (201 and the message resource, or an error object), and keeps every request,
/// so tests see exactly what the host sent over the wire.
/// </summary>
public sealed class RecordingSmsGateway : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly ConcurrentQueue<ReceivedSms> _received = new();

    private RecordingSmsGateway(WebApplication server) => _server = server;

    /// <summary>What the next requests are answered: status code and JSON body (Twilio's message resource by default).</summary>
    public (int Status, string Body) Reply { get; set; } = (201, """{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"}""");

    /// <summary>How long the gateway waits before it answers.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<ReceivedSms> Received => [.. _received];

    public string BaseUrl => _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public static async Task<RecordingSmsGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var gateway = new RecordingSmsGateway(server);
        server.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", async (HttpContext context, string accountSid) =>
        {
            var form = await context.Request.ReadFormAsync();
            gateway._received.Enqueue(new ReceivedSms(accountSid, context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? "",
                form.ToDictionary(f => f.Key, f => f.Value.ToString())));
            await Task.Delay(gateway.Delay, context.RequestAborted);
            var (status, body) = gateway.Reply;
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        await server.StartAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}

/// <summary>One request the gateway received: the account in its path, its Authorization header and its form fields.</summary>
public sealed record ReceivedSms(string AccountSid, string Authorization, string ContentType, IReadOnlyDictionary<string, string> Form);
