using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using StackExchange.Redis;

namespace Permanence.Web.Cluster;

/// <summary>
/// Settings of running several web nodes behind one load balancer. The nodes share a Redis server named by
/// <c>ConnectionStrings:Redis</c>: SignalR's backplane and <see cref="ClusterBus"/> use it. Without it the host is a
/// single node and nothing leaves the process.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>Prefix of every Redis channel of this deployment, so that several deployments can share one Redis server.</summary>
    [RegularExpression("^[A-Za-z0-9:_.-]{1,64}$", ErrorMessage = "Cluster:ChannelPrefix must be 1 to 64 letters, digits, ':', '_', '.' or '-'.")]
    public string ChannelPrefix { get; set; } = "permanence";

    public static string? RedisConnection(IConfiguration configuration) =>
        configuration.GetConnectionString("Redis") is { Length: > 0 } redis && !string.IsNullOrWhiteSpace(redis) ? redis : null;
}

/// <summary>
/// Carries the notifications a node raises in process (console pop-ups, distributor changes) to the Blazor circuits of
/// every other node, over Redis pub/sub, when <c>ConnectionStrings:Redis</c> is set. Each node delivers its own
/// notifications locally at once and ignores them when Redis echoes them back. Best effort, as SignalR is: a node that
/// is cut from Redis misses what happens meanwhile, and its pages catch up at their next refresh.
/// </summary>
public sealed partial class ClusterBus : IDisposable
{
    private readonly ConnectionMultiplexer? _redis;
    private readonly string _prefix;
    private readonly Guid _node = Guid.NewGuid();
    private readonly JsonSerializerOptions _json = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    private readonly ILogger<ClusterBus> _logger;

    public ClusterBus(IConfiguration configuration, IOptions<ClusterOptions> options, ILogger<ClusterBus> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _prefix = options.Value.ChannelPrefix;
        if (ClusterOptions.RedisConnection(configuration) is { } redis)
        {
            var redisOptions = ConfigurationOptions.Parse(redis);
            // A node starts, and serves its own circuits, while Redis is down; it reconnects in the background.
            redisOptions.AbortOnConnectFail = false;
            _redis = ConnectionMultiplexer.Connect(redisOptions);
        }
    }

    /// <summary>Whether other nodes may serve some of the console's users: counts of who watches what are then this node's only.</summary>
    public bool ScaledOut => _redis is not null;

    /// <summary>Sends <paramref name="message"/> to the other nodes' subscribers of <paramref name="topic"/>.</summary>
    public void Publish<T>(string topic, T message)
    {
        if (_redis is null)
        {
            return;
        }
        var envelope = JsonSerializer.Serialize(new Envelope<T>(_node, message), _json);
        _redis.GetSubscriber().Publish(Channel(topic), envelope, CommandFlags.FireAndForget);
    }

    /// <summary>Calls <paramref name="onMessage"/> for every message another node publishes on <paramref name="topic"/>.</summary>
    public void Subscribe<T>(string topic, Action<T> onMessage)
    {
        // Fire and forget: a node whose Redis is down starts at once; the subscription is made when Redis comes back.
        _redis?.GetSubscriber().Subscribe(Channel(topic), (_, value) =>
        {
            try
            {
                var envelope = JsonSerializer.Deserialize<Envelope<T>>(value.ToString(), _json);
                if (envelope is { Message: { } message } && envelope.Node != _node)
                {
                    onMessage(message);
                }
            }
#pragma warning disable CA1031 // A malformed or failing message must not stop the subscription that delivers the next ones.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogDeliveryFailed(_logger, topic, exception);
            }
        }, CommandFlags.FireAndForget);
    }

    public void Dispose() => _redis?.Dispose();

    private RedisChannel Channel(string topic) => RedisChannel.Literal($"{_prefix}:{topic}");

    private sealed record Envelope<T>(Guid Node, T Message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A cluster notification on {Topic} could not be delivered")]
    private static partial void LogDeliveryFailed(ILogger logger, string topic, Exception exception);
}
