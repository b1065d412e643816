namespace CnnPerf.Running;

/// <summary>The machine and software a run was measured on; recorded with every run in the store.</summary>
/// <param name="Hostname">The host name.</param>
/// <param name="CpuModel">CPU model name (/proc/cpuinfo), or null when unreadable.</param>
/// <param name="CpuFlags">CPU feature flags (for example <c>avx2 avx512f</c>), space-separated.</param>
/// <param name="LogicalCores">Logical CPUs available to the process.</param>
/// <param name="Governor">The cpufreq governor of CPU 0, or null where cpufreq is not exposed (many VMs).</param>
/// <param name="FrequencyMhz">Current frequency of CPU 0 (cpufreq, else /proc/cpuinfo), or null.</param>
/// <param name="MaxFrequencyMhz">Maximum frequency of CPU 0 (cpufreq), or null.</param>
/// <param name="Kernel">Kernel release.</param>
/// <param name="OperatingSystem">OS name (PRETTY_NAME of /etc/os-release).</param>
/// <param name="DotnetVersion">The .NET runtime.</param>
/// <param name="ToolVersion">Version of the CnnPerf library.</param>
/// <param name="BackendVersions">Version of every backend by name (null when unavailable).</param>
/// <param name="TemperaturesCelsius">Temperatures by thermal zone type; empty without /sys/class/thermal.</param>
public sealed record MachineContext(
    string Hostname,
    string? CpuModel,
    string CpuFlags,
    int LogicalCores,
    string? Governor,
    double? FrequencyMhz,
    double? MaxFrequencyMhz,
    string Kernel,
    string OperatingSystem,
    string DotnetVersion,
    string ToolVersion,
    IReadOnlyDictionary<string, string?> BackendVersions,
    IReadOnlyDictionary<string, double> TemperaturesCelsius);
