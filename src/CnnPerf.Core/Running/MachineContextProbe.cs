using System.Globalization;
using System.Runtime.InteropServices;
using CnnPerf.Backends;

namespace CnnPerf.Running;

/// <summary>Reads the <see cref="MachineContext"/> from /proc, /sys and /etc (a root folder can stand in for tests).</summary>
public static class MachineContextProbe
{
    /// <summary>Captures the context of this machine with the versions of <paramref name="backends"/>.</summary>
    /// <param name="backends">The backends whose versions to record.</param>
    /// <param name="root">The file-system root to read from ("/" unless a test supplies a recorded tree).</param>
    public static MachineContext Capture(IEnumerable<IInferenceBackend> backends, string root = "/")
    {
        var cpuinfo = ReadCpuInfo(root);
        var cpufreq = Path.Combine(root, "sys/devices/system/cpu/cpu0/cpufreq");
        return new MachineContext(
            Environment.MachineName,
            cpuinfo.GetValueOrDefault("model name"),
            cpuinfo.GetValueOrDefault("flags") ?? cpuinfo.GetValueOrDefault("Features") ?? "",
            Environment.ProcessorCount,
            ReadLine(Path.Combine(cpufreq, "scaling_governor")),
            ReadNumber(Path.Combine(cpufreq, "scaling_cur_freq")) / 1000 ?? ParseDouble(cpuinfo.GetValueOrDefault("cpu MHz")),
            ReadNumber(Path.Combine(cpufreq, "cpuinfo_max_freq")) / 1000,
            ReadLine(Path.Combine(root, "proc/sys/kernel/osrelease")) ?? RuntimeInformation.OSDescription,
            ReadOsName(root) ?? RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            typeof(MachineContextProbe).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            backends.ToDictionary(b => b.Name, b => b.Version, StringComparer.Ordinal),
            ReadTemperatures(root));
    }

    private static Dictionary<string, string> ReadCpuInfo(string root)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(root, "proc/cpuinfo");
        if (!File.Exists(path))
        {
            return values;
        }
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                values.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }
        return values;
    }

    private static string? ReadOsName(string root)
    {
        var path = Path.Combine(root, "etc/os-release");
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) : null;
        return line?["PRETTY_NAME=".Length..].Trim('"');
    }

    private static Dictionary<string, double> ReadTemperatures(string root)
    {
        var temperatures = new Dictionary<string, double>(StringComparer.Ordinal);
        var thermal = Path.Combine(root, "sys/class/thermal");
        if (!Directory.Exists(thermal))
        {
            return temperatures;
        }
        foreach (var zone in Directory.EnumerateDirectories(thermal, "thermal_zone*").Order(StringComparer.Ordinal))
        {
            var type = ReadLine(Path.Combine(zone, "type")) ?? Path.GetFileName(zone);
            if (ReadNumber(Path.Combine(zone, "temp")) is { } milliCelsius)
            {
                temperatures.TryAdd(type, milliCelsius / 1000.0);
            }
        }
        return temperatures;
    }

    private static string? ReadLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double? ReadNumber(string path) => ParseDouble(ReadLine(path));

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
