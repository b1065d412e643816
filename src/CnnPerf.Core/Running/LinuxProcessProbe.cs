using System.Diagnostics;

namespace CnnPerf.Running;

/// <summary>The process probe of a Linux process: getrusage, /proc/self/status and /proc/self/task.</summary>
public sealed class LinuxProcessProbe : IProcessProbe
{
    /// <inheritdoc />
    public TimeSpan CpuTime() => Environment.CpuUsage.TotalTime;

    /// <inheritdoc />
    public long ResidentBytes() => StatusKilobytes("VmRSS:") * 1024;

    /// <inheritdoc />
    public long PeakResidentBytes() => StatusKilobytes("VmHWM:") * 1024;

    /// <inheritdoc />
    public IReadOnlySet<int> ThreadIds() =>
        Directory.EnumerateDirectories("/proc/self/task").Select(d => int.Parse(Path.GetFileName(d))).ToHashSet();

    /// <inheritdoc />
    public void PinToCpus(IReadOnlyList<int> cpus)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("CPU pinning needs Linux.");
        }
        long mask = 0;
        foreach (var cpu in cpus)
        {
            mask |= 1L << cpu;
        }
        Process.GetCurrentProcess().ProcessorAffinity = (nint)mask;
    }

    private static long StatusKilobytes(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(key.Length).Trim().TrimEnd("kB").Trim());
            }
        }
        return 0;
    }
}
