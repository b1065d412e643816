namespace CnnPerf.Native.Perf;

/// <summary>
/// An event of a PMU found in sysfs (<c>cpu/event=0x3c,umask=0x00/</c>, <c>power/energy-pkg/</c>), resolved to
/// the PMU's dynamic type and config words. Multiply counts by <see cref="Scale"/> to get <see cref="Unit"/>.
/// </summary>
/// <param name="Name">The event as written, for example <c>power/energy-pkg/</c>.</param>
/// <param name="Pmu">The PMU's name in sysfs.</param>
/// <param name="Type">The PMU's type.</param>
/// <param name="Config">The attr's config.</param>
/// <param name="Config1">The attr's config1.</param>
/// <param name="Config2">The attr's config2.</param>
/// <param name="Config3">The attr's config3.</param>
/// <param name="Scale">The factor from counts to <see cref="Unit"/> (1 when sysfs gives none).</param>
/// <param name="Unit">The unit after scaling (for example <c>Joules</c>), or null.</param>
public sealed record PmuEvent(
    string Name, string Pmu, uint Type, ulong Config, ulong Config1 = 0, ulong Config2 = 0, ulong Config3 = 0,
    double Scale = 1, string? Unit = null) : IPerfEvent
{
    /// <inheritdoc />
    public string Kind => "pmu";

    /// <inheritdoc />
    public override string ToString() => Name;
}
