using System.Globalization;

namespace Permanence.EventLoad;

/// <summary>
/// The machine's CPU time from /proc/stat, every process included (the host, PostgreSQL, this driver, the kernel):
/// per request of a phase it compares what the phases cost the machine, whatever part of it each process takes.
/// </summary>
internal readonly record struct MachineCpu(long BusyTicks, long AllTicks)
{
    /// <summary>/proc/stat counts in USER_HZ, 100 a second on Linux whatever the kernel's own tick.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Now; zero on a system without /proc/stat.</summary>
    public static MachineCpu Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }
        // "cpu  user nice system idle iowait irq softirq steal …": idle and iowait are the time nothing ran.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var all = fields.Sum();
        return new MachineCpu(all - fields[3] - fields[4], all);
    }

    /// <summary>Microseconds of busy CPU per <paramref name="unit"/> since <paramref name="before"/>, and the busy share of the cores.</summary>
    public string Since(MachineCpu before, int units, string unit)
    {
        if (AllTicks == 0 || units == 0)
        {
            return "machine CPU not measured";
        }
        var busy = BusyTicks - before.BusyTicks;
        return string.Create(CultureInfo.InvariantCulture,
            $"machine CPU {busy / TicksPerSecond * 1_000_000 / units:F0} µs per {unit} ({100.0 * busy / (AllTicks - before.AllTicks):F0} % busy)");
    }
}
