using System.Globalization;

namespace CnnPerf.Native.Perf.Sysfs;

/// <summary>
/// The PMUs of <c>/sys/bus/event_source/devices</c> (or another root: a seam for tests), and the resolution of
/// perf's PMU event syntax: <c>cpu/event=0x3c,umask=0x00/</c>, <c>power/energy-pkg/</c>,
/// <c>armv8_pmuv3_0/l1d_cache_refill/</c>, <c>cpu/cycles,edge/</c>.
/// </summary>
public sealed class PmuCatalog
{
    /// <summary>Where the kernel lists PMUs.</summary>
    public const string DefaultRoot = "/sys/bus/event_source/devices";

    private readonly Dictionary<string, PmuDevice> _loaded = new(StringComparer.Ordinal);

    /// <summary>Creates the catalogue over a sysfs folder.</summary>
    public PmuCatalog(string root = DefaultRoot)
    {
        Root = root;
    }

    /// <summary>The folder that holds one folder per PMU.</summary>
    public string Root { get; }

    /// <summary>The names of the PMUs present (none when the folder does not exist).</summary>
    public IReadOnlyList<string> Names =>
        Directory.Exists(Root) ? [.. Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];

    /// <summary>Reads one PMU's type, formats and events.</summary>
    /// <exception cref="CnnPerfException">No such PMU, or its files cannot be parsed.</exception>
    public PmuDevice Load(string name)
    {
        if (_loaded.TryGetValue(name, out var cached))
        {
            return cached;
        }
        var folder = Path.Combine(Root, name);
        var typeFile = Path.Combine(folder, "type");
        if (name.Contains('/') || name.Contains("..") || !File.Exists(typeFile))
        {
            var known = Names;
            throw new CnnPerfException($"no PMU '{name}' in {Root}" + (known.Count > 0 ? $"; present: {string.Join(", ", known)}" : ""));
        }
        if (!uint.TryParse(File.ReadAllText(typeFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var type))
        {
            throw new CnnPerfException($"PMU '{name}': {typeFile} does not hold a number");
        }
        var formats = new Dictionary<string, PmuFormatField>(StringComparer.Ordinal);
        foreach (var file in Files(Path.Combine(folder, "format")))
        {
            var field = Path.GetFileName(file);
            formats[field] = PmuFormatField.Parse(field, File.ReadAllText(file));
        }
        var events = new Dictionary<string, PmuEventAlias>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Files(Path.Combine(folder, "events")).Where(f => !Path.GetFileName(f).Contains('.')))
        {
            var eventName = Path.GetFileName(file);
            events[eventName] = new PmuEventAlias(eventName, File.ReadAllText(file).Trim(), ReadScale(file), ReadOptional(file + ".unit"));
        }
        var device = new PmuDevice(name, type, formats, events);
        _loaded[name] = device;
        return device;
    }

    /// <summary>True when <paramref name="spec"/> is written in PMU syntax (<c>pmu/terms/</c>).</summary>
    public static bool IsPmuSpec(string spec) => spec.IndexOf('/') is > 0 and var first && first < spec.Length - 1 && spec.EndsWith('/');

    /// <summary>Resolves <c>pmu/term,term,.../</c> to an event with the PMU's type and config words.</summary>
    /// <exception cref="CnnPerfException">Bad syntax, unknown PMU, event or term, or a value that does not fit.</exception>
    public PmuEvent Resolve(string spec)
    {
        if (!IsPmuSpec(spec))
        {
            throw new CnnPerfException($"'{spec}' is not a PMU event (expected pmu/terms/, for example cpu/event=0x3c/)");
        }
        var slash = spec.IndexOf('/');
        var device = Load(spec[..slash]);
        var body = spec[(slash + 1)..^1];
        Span<ulong> words = stackalloc ulong[4];
        PmuEventAlias? alias = null;
        foreach (var term in SplitTerms(body, spec))
        {
            alias = ApplyTerm(device, term, words, spec, allowAlias: true) ?? alias;
        }
        return new PmuEvent(spec, device.Name, device.Type, words[0], words[1], words[2], words[3], alias?.Scale ?? 1, alias?.Unit);
    }

    private static PmuEventAlias? ApplyTerm(PmuDevice device, string term, Span<ulong> words, string spec, bool allowAlias)
    {
        var equals = term.IndexOf('=');
        var key = equals < 0 ? term : term[..equals];
        if (equals < 0 && allowAlias && device.Events.TryGetValue(key, out var alias))
        {
            foreach (var inner in SplitTerms(alias.Terms, spec))
            {
                ApplyTerm(device, inner, words, spec, allowAlias: false);
            }
            return alias;
        }
        var value = equals < 0 ? 1UL : ParseValue(term[(equals + 1)..], term, spec);
        var configWord = key switch { "config" => 0, "config1" => 1, "config2" => 2, "config3" => 3, _ => -1 };
        if (configWord >= 0)
        {
            words[configWord] |= value;
        }
        else if (device.Formats.TryGetValue(key, out var field))
        {
            field.Encode(value, words);
        }
        else if (key != "name")
        {
            var events = device.Events.Count == 0 ? "" : $"; events: {string.Join(", ", device.Events.Keys.Order().Take(12))}";
            throw new CnnPerfException(
                $"'{spec}': PMU '{device.Name}' has no event or format term '{key}' (formats: {string.Join(", ", device.Formats.Keys.Order())}{events})");
        }
        return null;
    }

    private static string[] SplitTerms(string body, string spec)
    {
        var terms = body.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            throw new CnnPerfException($"'{spec}': no event terms between the slashes");
        }
        return terms;
    }

    private static ulong ParseValue(string text, string term, string spec)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new CnnPerfException($"'{spec}': term '{term}' needs a number (decimal or 0x hex)");
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal) : [];

    private static string? ReadOptional(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static double ReadScale(string eventFile)
    {
        var text = ReadOptional(eventFile + ".scale");
        if (text is null)
        {
            return 1;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
            ? scale
            : throw new CnnPerfException($"{eventFile}.scale does not hold a number: '{text}'");
    }
}
