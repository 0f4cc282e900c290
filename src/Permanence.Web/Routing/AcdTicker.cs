using Microsoft.Extensions.Options;

namespace Permanence.Web.Routing;

/// <summary>
/// Runs the distributor's timer pass every <see cref="AcdSettings.TickSeconds"/>: ring timeouts, overflow after the
/// maximum wait, end of wrap-up, and the offers they free up. Every node may run it; the passes serialize on the
/// database lock and a pass with nothing due changes nothing.
/// </summary>
public sealed partial class AcdTicker(IServiceScopeFactory scopes, IOptions<AcdSettings> options, ILogger<AcdTicker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TickerEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AcdService>().TickAsync(stoppingToken);
            }
#pragma warning disable CA1031 // The ticker must outlive one failed pass (database restart); the next tick retries.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Distributor timer pass failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
