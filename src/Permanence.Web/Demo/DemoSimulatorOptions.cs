using System.ComponentModel.DataAnnotations;

namespace Permanence.Web.Demo;

/// <summary>The <c>Demo:Simulator</c> section: live simulated calls to the demo practices (on in Development).</summary>
public sealed class DemoSimulatorOptions
{
    public const string Section = "Demo:Simulator";

    /// <summary>Post simulated, signed telephony events to this host's own call-event API while it runs.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Calls a weekday per demo practice. The default is several times a real GP's (≈ 25) so that, across the demo
    /// practices, a call rings about every minute during opening hours.
    /// </summary>
    [Range(1, 5000)]
    public double CallsPerWorkingDay { get; set; } = 120;

    /// <summary>How long the simulator waits, after a failure (the database not answering), before it starts again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
