using System.Globalization;

namespace CnnPerf.Simulation;

/// <summary>The geometry of one simulated cache, as valgrind's <c>--I1</c>, <c>--D1</c> and <c>--LL</c> take it.</summary>
/// <param name="SizeBytes">Total size in bytes.</param>
/// <param name="Ways">Associativity (1 = direct-mapped).</param>
/// <param name="LineBytes">Line size in bytes.</param>
public sealed record CacheLevel(long SizeBytes, int Ways, int LineBytes)
{
    /// <summary>The problems valgrind would refuse (positive values, power-of-two line size and set count); empty when usable.</summary>
    public IReadOnlyList<string> Validate(string name)
    {
        if (SizeBytes <= 0 || Ways <= 0 || LineBytes <= 0)
        {
            return [$"{name}: size, ways and line size must be positive, got {ToValgrindValue()}"];
        }
        var sets = SizeBytes / ((long)Ways * LineBytes);
        return IsPowerOfTwo(LineBytes) && sets > 0 && SizeBytes % ((long)Ways * LineBytes) == 0 && IsPowerOfTwo(sets)
            ? []
            : [$"{name}: {ToValgrindValue()} needs a power-of-two line size and size / (ways x line) a power of two"];
    }

    /// <summary>The value of the valgrind option, <c>size,ways,line</c>.</summary>
    public string ToValgrindValue() => string.Create(CultureInfo.InvariantCulture, $"{SizeBytes},{Ways},{LineBytes}");

    /// <summary>Parses <c>size,ways,line</c> (bytes; a size may end in K or M).</summary>
    /// <exception cref="FormatException">The text is not three positive numbers.</exception>
    public static CacheLevel Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || ParseBytes(parts[0]) is not { } size
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ways)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            throw new FormatException($"'{text}' is not a cache geometry size,ways,line (for example 32K,4,64)");
        }
        return new CacheLevel(size, ways, line);
    }

    private static long? ParseBytes(string text)
    {
        var multiplier = text.EndsWith('K') || text.EndsWith('k') ? 1024L : text.EndsWith('M') || text.EndsWith('m') ? 1024L * 1024 : 1;
        var digits = multiplier == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * multiplier : null;
    }

    private static bool IsPowerOfTwo(long value) => value > 0 && (value & (value - 1)) == 0;
}
