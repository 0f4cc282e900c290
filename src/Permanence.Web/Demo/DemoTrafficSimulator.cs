using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Calls.Simulation;
using Permanence.Core.Practices;
using Permanence.Data;
using Permanence.Data.Demo;
using Permanence.Web.Calls;

namespace Permanence.Web.Demo;

/// <summary>
/// Makes the demo phones ring: once the host has started, generates traffic for the demo practices (their lines, their
/// patients' numbers as callers, voicemail outside their opening hours) and posts each event, signed, to the host's own
/// <c>/api/telephony/events</c> when its time comes, as a provider would. Traffic is generated an hour at a time in real
/// time; stopping the host stops it. A failure never stops the host: it is logged and the simulation starts again after
/// <see cref="DemoSimulatorOptions.RetryDelay"/>.
/// </summary>
public sealed partial class DemoTrafficSimulator(
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IServer server,
    IClock clock,
    IOptions<DemoSimulatorOptions> options,
    IOptions<TelephonyOptions> telephony,
    ILogger<DemoTrafficSimulator> logger) : BackgroundService
{
    private static readonly Duration Window = Duration.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        if (string.IsNullOrEmpty(telephony.Value.EventSigningSecret))
        {
            LogNoSecret(logger);
            return;
        }
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            await RunUntilStoppedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(logger);
        }
    }

    /// <summary>
    /// Runs the simulation, and runs it again a little later whenever it fails: an exception escaping a hosted service
    /// stops the whole host, and demo traffic is not worth that.
    /// </summary>
    private async Task RunUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await RunAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception, options.Value.RetryDelay);
            }
            // Throws once the host is stopping, which ends the simulator.
            await Task.Delay(options.Value.RetryDelay, stoppingToken);
        }
    }

    /// <summary>Posts the demo practices' traffic until stopped; returns at once when there is nothing to simulate.</summary>
    private async Task RunAsync(CancellationToken ct)
    {
        if (OwnAddress() is not { } address)
        {
            LogNoAddress(logger);
            return;
        }
        var practices = await LoadDemoPracticesAsync(ct);
        if (practices.Count == 0)
        {
            LogNoPractices(logger);
            return;
        }
        LogStarted(logger, practices.Count, address);
        using var http = new HttpClient { BaseAddress = address };
        var generator = new TrafficGenerator(new Random());
        var pending = new PriorityQueue<CallEventMessage, Instant>();
        var generatedUntil = clock.GetCurrentInstant();
        while (true)
        {
            var now = clock.GetCurrentInstant();
            if (generatedUntil <= now)
            {
                var until = now + Window;
                foreach (var call in generator.Generate(practices, now, until))
                {
                    foreach (var e in SimulatedEvents.For(call))
                    {
                        pending.Enqueue(e, e.At);
                    }
                }
                generatedUntil = until;
            }
            var wakeAt = pending.TryPeek(out _, out var next) && next < generatedUntil ? next : generatedUntil;
            if (wakeAt > now)
            {
                await Task.Delay((wakeAt - now).ToTimeSpan(), ct);
            }
            while (pending.TryPeek(out var due, out var at) && at <= clock.GetCurrentInstant())
            {
                pending.Dequeue();
                await PostAsync(http, due, ct);
            }
        }
    }

    private async Task PostAsync(HttpClient http, CallEventMessage e, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(SimulatedEvents.ToJson(e));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/telephony/events") { Content = content };
        request.Headers.TryAddWithoutValidation(EventSignature.Header, EventSignature.Sign(body, telephony.Value.EventSigningSecret!));
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, e.EventId, (int)response.StatusCode);
            }
        }
        catch (HttpRequestException exception)
        {
            LogPostFailed(logger, e.EventId, exception);
        }
        catch (TaskCanceledException exception) when (!ct.IsCancellationRequested)
        {
            // The client's timeout, not the host stopping: the event is lost, the next ones are posted.
            LogPostFailed(logger, e.EventId, exception);
        }
    }

    /// <summary>An address the host listens on, with a wildcard host replaced by localhost; plain HTTP preferred.</summary>
    private Uri? OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }
        var local = chosen.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(local, UriKind.Absolute, out var uri) ? uri : null;
    }

    private async Task<List<SimulatedPractice>> LoadDemoPracticesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
        var routineNumbers = DemoSecretariatSeeder.PracticeRoutineNumbers(clock.GetCurrentInstant());
        var practices = await db.Practices.AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures).AsSplitQuery()
            .Where(p => routineNumbers.Contains(p.RoutineNumber))
            .ToListAsync(ct);
        var ids = practices.Select(p => p.Id).ToList();
        var callers = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.PracticeId) && p.Phone != null)
            .Select(p => new { p.PracticeId, Phone = p.Phone! })
            .ToListAsync(ct);
        var profile = ArrivalProfile.GeneralPractice(options.Value.CallsPerWorkingDay);
        return [.. practices.Select(p => new SimulatedPractice(p.RoutineNumber, p.UrgentNumber, p.TimeZone, profile,
            at => OpeningHoursRules.IsOpenAt(p, at),
            [.. callers.Where(c => c.PracticeId == p.Id).Select(c => c.Phone).Distinct()]))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo traffic simulator started for {PracticeCount} practices, posting to {Address}")]
    private static partial void LogStarted(ILogger logger, int practiceCount, Uri address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo traffic simulator is enabled but Telephony:EventSigningSecret is not set; it does nothing")]
    private static partial void LogNoSecret(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo traffic simulator stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo traffic simulator is enabled but the host has no listening address; it does nothing")]
    private static partial void LogNoAddress(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo traffic simulator is enabled but no demo practice exists (is Demo:Enabled on?); it does nothing")]
    private static partial void LogNoPractices(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated call event {EventId} was refused with status {Status}")]
    private static partial void LogRefused(ILogger logger, Guid eventId, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo traffic simulator failed; it starts again in {RetryDelay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated call event {EventId} could not be posted")]
    private static partial void LogPostFailed(ILogger logger, Guid eventId, Exception exception);
}
