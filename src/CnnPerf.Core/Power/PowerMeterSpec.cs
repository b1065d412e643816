using System.Globalization;

namespace CnnPerf.Power;

/// <summary>
/// A parsed <c>--power</c> spec: <c>KIND[:TARGET][,KEY=VALUE...]</c>. Kinds and their forms:
/// <c>ina219:bus=1,address=0x40,shunt=0.1,max-current=3.2</c> (optional <c>gain=auto|1|2|4|8</c>,
/// <c>bus-range=16|32</c>, <c>adc=</c>, <c>bus-adc=</c>, <c>shunt-adc=</c> with <c>9bit</c>..<c>12bit</c> or
/// <c>2</c>..<c>128</c> samples); <c>um24c:PORT</c>, <c>um25c:PORT</c>, <c>um34c:PORT</c>;
/// <c>hwmon:NAME[,channel=N]</c>; <c>rapl[:DOMAIN]</c> (powercap); <c>rapl-perf[:EVENT]</c> (the perf power
/// PMU; by default the first of <c>energy-pkg</c>, <c>energy-psys</c>, <c>energy-cores</c>, <c>energy-ram</c>,
/// <c>energy-gpu</c> it has); <c>csv:PATH</c>. Parsing validates every value, so a
/// bad spec fails before any measurement starts.
/// </summary>
/// <param name="Kind">The meter kind, lower case.</param>
/// <param name="Target">The port, sensor name, domain or path; null when the kind takes none.</param>
/// <param name="Options">The KEY=VALUE options, keys lower case.</param>
public sealed record PowerMeterSpec(string Kind, string? Target, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The accepted forms, one per kind, for usage messages.</summary>
    public const string Forms =
        "ina219:bus=1,address=0x40,shunt=0.1,max-current=3.2 | um24c:PORT | um25c:PORT | um34c:PORT | hwmon:NAME[,channel=N] | rapl[:DOMAIN] | rapl-perf[:EVENT] | csv:PATH";

    private static readonly Dictionary<string, string[]> KnownOptions = new()
    {
        ["ina219"] = ["bus", "address", "shunt", "max-current", "gain", "bus-range", "adc", "bus-adc", "shunt-adc"],
        ["um24c"] = [], ["um25c"] = [], ["um34c"] = [],
        ["hwmon"] = ["channel"],
        ["rapl"] = [],
        ["rapl-perf"] = [],
        ["csv"] = [],
    };

    /// <summary>Every kind a spec may name.</summary>
    public static IReadOnlyCollection<string> Kinds => KnownOptions.Keys;

    /// <summary>Parses and validates a spec.</summary>
    /// <exception cref="PowerSpecException">The spec is malformed, with the reason and the expected form.</exception>
    public static PowerMeterSpec Parse(string text)
    {
        var colon = text.IndexOf(':');
        var kind = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var rest = colon < 0 ? null : text[(colon + 1)..];
        if (!KnownOptions.TryGetValue(kind, out var known))
        {
            throw Error(text, $"unknown meter kind '{kind}'");
        }
        string? target = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (kind is "csv" or "um24c" or "um25c" or "um34c")
        {
            target = string.IsNullOrWhiteSpace(rest) ? null : rest.Trim();
        }
        else if (!string.IsNullOrEmpty(rest))
        {
            foreach (var item in rest.Split(',', StringSplitOptions.TrimEntries))
            {
                var equals = item.IndexOf('=');
                if (equals < 0)
                {
                    if (target is not null || item.Length == 0)
                    {
                        throw Error(text, $"'{item}' is not KEY=VALUE");
                    }
                    target = item;
                    continue;
                }
                var key = item[..equals].Trim().ToLowerInvariant();
                if (!known.Contains(key))
                {
                    throw Error(text, known.Length == 0 ? $"{kind} takes no options" : $"unknown option '{key}' for {kind} (known: {string.Join(", ", known)})");
                }
                if (!options.TryAdd(key, item[(equals + 1)..].Trim()))
                {
                    throw Error(text, $"option '{key}' is given twice");
                }
            }
        }
        var spec = new PowerMeterSpec(kind, target, options);
        spec.Validate(text);
        return spec;
    }

    /// <summary>An integer option (decimal, or hexadecimal with 0x), or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="PowerSpecException">The value is not an integer.</exception>
    public int GetInt(string key, int fallback)
    {
        if (!Options.TryGetValue(key, out var text))
        {
            return fallback;
        }
        var parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        return parsed && value >= 0 ? value : throw Error(ToString(), $"{key}={text} is not a non-negative integer");
    }

    /// <summary>A positive number option, or <paramref name="fallback"/> when absent (NaN: required).</summary>
    /// <exception cref="PowerSpecException">The value is missing (when required) or not a positive number.</exception>
    public double GetPositive(string key, double fallback = double.NaN)
    {
        if (!Options.TryGetValue(key, out var text))
        {
            return double.IsNaN(fallback) ? throw Error(ToString(), $"{Kind} needs {key}=") : fallback;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw Error(ToString(), $"{key}={text} is not a positive number");
    }

    /// <summary>The spec as text, in the form it was parsed from.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Target is not null)
        {
            parts.Add(Target);
        }
        parts.AddRange(Options.Select(o => $"{o.Key}={o.Value}"));
        return parts.Count == 0 ? Kind : $"{Kind}:{string.Join(",", parts)}";
    }

    private void Validate(string text)
    {
        switch (Kind)
        {
            case "ina219":
                if (Target is not null)
                {
                    throw Error(text, $"'{Target}' is not KEY=VALUE");
                }
                Ina219Settings.From(this);
                break;
            case "um24c" or "um25c" or "um34c" when Target is null:
                throw Error(text, $"{Kind} needs a serial port, e.g. {Kind}:/dev/rfcomm0");
            case "hwmon" when Target is null:
                throw Error(text, "hwmon needs the sensor's name, e.g. hwmon:ina219");
            case "hwmon":
                GetInt("channel", 1);
                break;
            case "csv" when Target is null:
                throw Error(text, "csv needs a file, e.g. csv:power.csv");
        }
    }

    internal static PowerSpecException Error(string text, string problem) =>
        new($"bad power spec '{text}': {problem}; expected {Forms}");
}
