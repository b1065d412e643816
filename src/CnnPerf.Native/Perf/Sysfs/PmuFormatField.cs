using System.Globalization;

namespace CnnPerf.Native.Perf.Sysfs;

/// <summary>
/// One file of a PMU's <c>format/</c> folder, for example <c>umask</c> = <c>config:8-15</c>: which bits of which
/// config word a term's value goes to. Several ranges (<c>config:0-7,32-35</c>) take the value's bits in order.
/// </summary>
public sealed class PmuFormatField
{
    private PmuFormatField(string name, int word, IReadOnlyList<(int Low, int High)> ranges)
    {
        Name = name;
        Word = word;
        Ranges = ranges;
    }

    /// <summary>The term's name (the file name).</summary>
    public string Name { get; }

    /// <summary>The config word: 0 for <c>config</c>, 1 for <c>config1</c>, 2 and 3 likewise.</summary>
    public int Word { get; }

    /// <summary>The bit ranges (inclusive), low bits of the value first.</summary>
    public IReadOnlyList<(int Low, int High)> Ranges { get; }

    /// <summary>Total number of bits the field holds.</summary>
    public int Width => Ranges.Sum(r => r.High - r.Low + 1);

    /// <summary>Parses a format file's text, for example <c>config:0-7</c>, <c>config1:0-63</c>, <c>config:21</c>.</summary>
    /// <exception cref="CnnPerfException">The text is not a format specification.</exception>
    public static PmuFormatField Parse(string name, string text)
    {
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':');
        var word = colon < 0 ? -1 : trimmed[..colon] switch
        {
            "config" => 0,
            "config1" => 1,
            "config2" => 2,
            "config3" => 3,
            _ => -1,
        };
        if (word < 0)
        {
            throw new CnnPerfException($"PMU format '{name}': expected 'configN:LOW-HIGH', got '{trimmed}'");
        }
        var ranges = new List<(int, int)>();
        foreach (var part in trimmed[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-');
            var lowText = dash < 0 ? part : part[..dash];
            var highText = dash < 0 ? part : part[(dash + 1)..];
            if (!int.TryParse(lowText, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                || !int.TryParse(highText, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
                || low > high || high > 63)
            {
                throw new CnnPerfException($"PMU format '{name}': bad bit range '{part}' in '{trimmed}'");
            }
            ranges.Add((low, high));
        }
        if (ranges.Count == 0)
        {
            throw new CnnPerfException($"PMU format '{name}': no bit range in '{trimmed}'");
        }
        return new PmuFormatField(name, word, ranges);
    }

    /// <summary>ORs <paramref name="value"/> into <paramref name="words"/> (config..config3) at this field's bits.</summary>
    /// <exception cref="CnnPerfException">The value does not fit the field.</exception>
    public void Encode(ulong value, Span<ulong> words)
    {
        if (Width < 64 && value >> Width != 0)
        {
            throw new CnnPerfException($"value 0x{value:x} of '{Name}' does not fit its {Width} bits");
        }
        var remaining = value;
        foreach (var (low, high) in Ranges)
        {
            var width = high - low + 1;
            var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
            words[Word] |= (remaining & mask) << low;
            remaining = width == 64 ? 0 : remaining >> width;
        }
    }
}
