using System.Globalization;

namespace Gateway.Benchmarks.Http;

/// <summary>
/// The machine's CPU use from /proc/stat, so a report says how busy the machine was (other jobs share the 2 cores)
/// besides what the server and the load generator used.
/// </summary>
public readonly record struct MachineLoad(long Busy, long Total)
{
    public static MachineLoad Read()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var idle = cpu[3] + (cpu.Length > 4 ? cpu[4] : 0);
            var total = cpu.Take(8).Sum();
            return new MachineLoad(total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return default;
        }
    }

    /// <summary>Cores busy on average between two readings.</summary>
    public static double BusyCores(MachineLoad start, MachineLoad end) =>
        end.Total == start.Total ? double.NaN : (double)(end.Busy - start.Busy) / (end.Total - start.Total) * Environment.ProcessorCount;

    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }
}
