namespace CnnPerf.Native.Perf.Sysfs;

/// <summary>A PMU as sysfs describes it: its type, format fields and named events.</summary>
/// <param name="Name">The folder name, for example <c>cpu</c>, <c>power</c>, <c>armv8_cortex_a53</c>.</param>
/// <param name="Type">The contents of its <c>type</c> file: the attr type of its events.</param>
/// <param name="Formats">The format fields by name.</param>
/// <param name="Events">The named events by name (case-insensitive).</param>
public sealed record PmuDevice(
    string Name, uint Type, IReadOnlyDictionary<string, PmuFormatField> Formats, IReadOnlyDictionary<string, PmuEventAlias> Events);
