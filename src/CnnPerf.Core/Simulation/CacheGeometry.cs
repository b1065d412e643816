namespace CnnPerf.Simulation;

/// <summary>
/// The caches valgrind simulates. A null level is left to valgrind's detection of the host's caches. Presets:
/// <see cref="Host"/> and <see cref="CortexA53"/>; <see cref="Parse"/> also takes an explicit geometry.
/// </summary>
/// <param name="Name">The preset's name, or <c>custom</c>.</param>
/// <param name="I1">Level-1 instruction cache, or null for the host's.</param>
/// <param name="D1">Level-1 data cache, or null for the host's.</param>
/// <param name="LL">Last-level cache, or null for the host's.</param>
public sealed record CacheGeometry(string Name, CacheLevel? I1, CacheLevel? D1, CacheLevel? LL)
{
    /// <summary>The forms <see cref="Parse"/> accepts, for help texts.</summary>
    public const string Forms = "host | cortex-a53 | I1=size,ways,line;D1=size,ways,line;LL=size,ways,line (for example D1=32K,4,64;LL=512K,16,64)";

    /// <summary>Valgrind's own detection of this machine's caches.</summary>
    public static CacheGeometry Host { get; } = new("host", null, null, null);

    /// <summary>An Arm Cortex-A53 board (Raspberry Pi 3): 32 KiB 4-way L1 instruction and data caches with 64-byte lines, 512 KiB 16-way shared L2 as the last level.</summary>
    public static CacheGeometry CortexA53 { get; } = new("cortex-a53", new CacheLevel(32 * 1024, 4, 64), new CacheLevel(32 * 1024, 4, 64), new CacheLevel(512 * 1024, 16, 64));

    /// <summary>The valgrind options of this geometry (none for the host's).</summary>
    public IReadOnlyList<string> ToValgrindArguments() =>
    [
        .. I1 is null ? [] : new[] { "--I1=" + I1.ToValgrindValue() },
        .. D1 is null ? [] : new[] { "--D1=" + D1.ToValgrindValue() },
        .. LL is null ? [] : new[] { "--LL=" + LL.ToValgrindValue() },
    ];

    /// <summary>Parses a preset name or an explicit geometry (levels not named are the host's).</summary>
    /// <exception cref="FormatException">Unknown preset, malformed level or a geometry valgrind would refuse.</exception>
    public static CacheGeometry Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals(Host.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Host;
        }
        if (trimmed.Equals(CortexA53.Name, StringComparison.OrdinalIgnoreCase))
        {
            return CortexA53;
        }
        var levels = new Dictionary<string, CacheLevel>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in trimmed.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].ToUpperInvariant() is not ("I1" or "D1" or "LL") || !levels.TryAdd(pair[0], CacheLevel.Parse(pair[1])))
            {
                throw new FormatException($"'{part}' is not a cache level; use {Forms}");
            }
        }
        if (levels.Count == 0)
        {
            throw new FormatException($"'{text}' is not a cache geometry; use {Forms}");
        }
        var geometry = new CacheGeometry("custom", levels.GetValueOrDefault("I1"), levels.GetValueOrDefault("D1"), levels.GetValueOrDefault("LL"));
        var problems = new[] { ("I1", geometry.I1), ("D1", geometry.D1), ("LL", geometry.LL) }
            .Where(l => l.Item2 is not null).SelectMany(l => l.Item2!.Validate(l.Item1)).ToList();
        return problems.Count == 0 ? geometry : throw new FormatException(string.Join("; ", problems));
    }

    /// <summary>The name and the explicit levels, for example <c>cortex-a53 (D1=32768,4,64 ...)</c>.</summary>
    public override string ToString() => ToValgrindArguments().Count == 0 ? Name : $"{Name} ({string.Join(" ", ToValgrindArguments())})";
}
