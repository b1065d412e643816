namespace CnnPerf.Native.Power.Rapl;

/// <summary>
/// Finds RAPL domains under the powercap class directory (<c>/sys/class/powercap/intel-rapl:*</c>, every
/// package and its subdomains; AMD processors appear under the same names).
/// </summary>
public static class RaplPowercap
{
    /// <summary>The class directory the kernel exposes.</summary>
    public const string DefaultClassDirectory = "/sys/class/powercap";

    private const string Prefix = "intel-rapl:";

    /// <summary>Every RAPL domain, ordered by id (each package followed by its subdomains).</summary>
    public static IReadOnlyList<RaplDomain> Discover(string classDirectory = DefaultClassDirectory)
    {
        if (!Directory.Exists(classDirectory))
        {
            return [];
        }
        var domains = new List<RaplDomain>();
        foreach (var directory in Directory.EnumerateDirectories(classDirectory, Prefix + "*").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(directory);
            var name = SysfsFile.ReadText(Path.Combine(directory, "name"));
            var range = Path.Combine(directory, "max_energy_range_uj");
            if (name is null || !File.Exists(range) || !File.Exists(Path.Combine(directory, "energy_uj")))
            {
                continue;
            }
            var lastColon = id.LastIndexOf(':');
            var parent = id.IndexOf(':') != lastColon ? id[..lastColon] : null;
            domains.Add(new RaplDomain(id, name, directory, SysfsFile.ReadUInt64(range), parent));
        }
        return domains;
    }

    /// <summary>The RAPL domains here and whether their counters can be read, or why not.</summary>
    public static PowerDeviceProbe Probe(string classDirectory = DefaultClassDirectory)
    {
        if (!Directory.Exists(classDirectory))
        {
            return PowerDeviceProbe.None("rapl", $"{classDirectory} does not exist: no powercap RAPL here (a VM, a non-x86 CPU, or intel_rapl_msr not loaded)");
        }
        var domains = Discover(classDirectory);
        if (domains.Count == 0)
        {
            return PowerDeviceProbe.None("rapl", $"no intel-rapl:* zone under {classDirectory} (modprobe intel_rapl_msr; VMs do not expose RAPL)");
        }
        try
        {
            domains[0].ReadMicrojoules();
        }
        catch (UnauthorizedAccessException)
        {
            return PowerDeviceProbe.None("rapl",
                $"{domains[0].EnergyPath} is readable by root only (since Linux 5.10); run as root, chmod it, or use the perf power PMU (rapl-perf)");
        }
        return PowerDeviceProbe.Found("rapl", domains.Select(d => d.ToString()).ToList());
    }

    /// <summary>
    /// Picks the domains a meter sums: with no name, every top-level <c>package-*</c> zone (the CPU packages);
    /// otherwise every zone called <paramref name="name"/> (for example <c>dram</c> sums the DRAM zones of all packages).
    /// </summary>
    /// <exception cref="CnnPerfException">No domain matches, with the names that exist.</exception>
    public static IReadOnlyList<RaplDomain> Select(IReadOnlyList<RaplDomain> domains, string? name)
    {
        var selected = name is null
            ? domains.Where(d => d.IsTopLevel && d.Name.StartsWith("package", StringComparison.Ordinal)).ToList()
            : domains.Where(d => d.Name == name || d.Id == name).ToList();
        if (selected.Count == 0)
        {
            throw new CnnPerfException(domains.Count == 0
                ? "rapl: no RAPL domain here"
                : $"rapl: no domain '{name ?? "package-*"}'; domains: {string.Join(", ", domains.Select(d => d.Name).Distinct())}");
        }
        return selected;
    }
}
