namespace CnnPerf.Native.Power.Rapl;

/// <summary>One RAPL power domain of the powercap framework, for example <c>intel-rapl:0</c> (<c>package-0</c>).</summary>
/// <param name="Id">The powercap zone id, for example <c>intel-rapl:0:1</c>.</param>
/// <param name="Name">The zone's <c>name</c>: <c>package-0</c>, <c>core</c>, <c>uncore</c>, <c>dram</c>, <c>psys</c>.</param>
/// <param name="Directory">The zone's directory, holding <c>energy_uj</c>.</param>
/// <param name="MaxEnergyRangeMicrojoules">The value after which <c>energy_uj</c> wraps to 0.</param>
/// <param name="ParentId">The enclosing zone for a subdomain (<c>intel-rapl:0</c> for <c>intel-rapl:0:1</c>), null at top level.</param>
public sealed record RaplDomain(string Id, string Name, string Directory, ulong MaxEnergyRangeMicrojoules, string? ParentId)
{
    /// <summary>Whether this is a top-level zone (a package or the platform).</summary>
    public bool IsTopLevel => ParentId is null;

    /// <summary>The path of the cumulative energy counter.</summary>
    public string EnergyPath => Path.Combine(Directory, "energy_uj");

    /// <summary>Reads the raw counter in microjoules.</summary>
    /// <exception cref="UnauthorizedAccessException">The counter is readable by root only (Linux 5.10 and later).</exception>
    /// <exception cref="IOException">The counter could not be read.</exception>
    public ulong ReadMicrojoules() => SysfsFile.ReadUInt64(EnergyPath);

    /// <summary>One line: id, name and parent.</summary>
    public override string ToString() => ParentId is null ? $"{Id} {Name}" : $"{Id} {Name} (in {ParentId})";
}
