using System.Text.RegularExpressions;

namespace CnnPerf.Native.Power.Hwmon;

/// <summary>
/// A hwmon device that measures power (kernel drivers ina2xx, ina3221, ina238, max34440...): either
/// <c>powerN_input</c> in microwatts, or a pair <c>inN_input</c> (millivolts) and <c>currN_input</c>
/// (milliamperes) of the same channel N. Discovered under <c>/sys/class/hwmon/hwmon*/</c>.
/// </summary>
public sealed partial class HwmonPowerSensor
{
    /// <summary>The class directory the kernel exposes.</summary>
    public const string DefaultClassDirectory = "/sys/class/hwmon";

    private HwmonPowerSensor(string directory, string name, IReadOnlyList<int> powerChannels, IReadOnlyList<int> voltageCurrentChannels)
    {
        Directory = directory;
        Name = name;
        PowerChannels = powerChannels;
        VoltageCurrentChannels = voltageCurrentChannels;
    }

    /// <summary>The device's attribute directory, for example <c>/sys/class/hwmon/hwmon2</c>.</summary>
    public string Directory { get; }

    /// <summary>The driver's device name (the <c>name</c> attribute), for example <c>ina219</c>.</summary>
    public string Name { get; }

    /// <summary>Channels N with a <c>powerN_input</c>.</summary>
    public IReadOnlyList<int> PowerChannels { get; }

    /// <summary>Channels N with both <c>inN_input</c> and <c>currN_input</c>.</summary>
    public IReadOnlyList<int> VoltageCurrentChannels { get; }

    /// <summary>Every hwmon device under <paramref name="classDirectory"/> that has a power or voltage-and-current channel.</summary>
    public static IReadOnlyList<HwmonPowerSensor> Discover(string classDirectory = DefaultClassDirectory)
    {
        if (!System.IO.Directory.Exists(classDirectory))
        {
            return [];
        }
        var sensors = new List<HwmonPowerSensor>();
        foreach (var entry in System.IO.Directory.EnumerateDirectories(classDirectory, "hwmon*").Order(StringComparer.Ordinal))
        {
            if (TryOpen(entry) is { } sensor)
            {
                sensors.Add(sensor);
            }
        }
        return sensors;
    }

    /// <summary>The power sensors here, or why there are none.</summary>
    public static PowerDeviceProbe Probe(string classDirectory = DefaultClassDirectory)
    {
        if (!System.IO.Directory.Exists(classDirectory))
        {
            return PowerDeviceProbe.None("hwmon", $"{classDirectory} does not exist: no hwmon driver is loaded (e.g. modprobe ina2xx, or a device-tree overlay for the sensor)");
        }
        var sensors = Discover(classDirectory);
        if (sensors.Count > 0)
        {
            return PowerDeviceProbe.Found("hwmon", sensors.Select(s => s.ToString()).ToList());
        }
        var others = System.IO.Directory.EnumerateDirectories(classDirectory, "hwmon*")
            .Select(d => SysfsFile.ReadText(Path.Combine(d, "name")) ?? Path.GetFileName(d)).ToList();
        return PowerDeviceProbe.None("hwmon", others.Count == 0
            ? $"{classDirectory} is empty: no hwmon driver is loaded"
            : $"no hwmon device measures power or current (found: {string.Join(", ", others)})");
    }

    /// <summary>Finds the sensor whose <c>name</c> is <paramref name="name"/> (the first one when several match).</summary>
    /// <exception cref="CnnPerfException">No power sensor of that name, with the names that exist.</exception>
    public static HwmonPowerSensor Find(string name, string classDirectory = DefaultClassDirectory)
    {
        var sensors = Discover(classDirectory);
        return sensors.FirstOrDefault(s => s.Name == name)
            ?? throw new CnnPerfException(sensors.Count == 0
                ? $"hwmon: no power sensor named '{name}': {Probe(classDirectory).Reason}"
                : $"hwmon: no power sensor named '{name}'; found: {string.Join(", ", sensors.Select(s => s.Name))}");
    }

    /// <summary>
    /// Reads the sensor: channel <paramref name="channel"/> when given, otherwise <c>power1_input</c> when the device
    /// has it, otherwise the sum of voltage x current over all its channels (the total of a multi-channel monitor).
    /// </summary>
    /// <exception cref="IOException">An attribute could not be read (device removed).</exception>
    /// <exception cref="CnnPerfException">The channel does not exist.</exception>
    public HwmonReading Read(int? channel = null)
    {
        if (channel is { } n)
        {
            if (PowerChannels.Contains(n))
            {
                return new HwmonReading(ReadPower(n), null, null);
            }
            if (VoltageCurrentChannels.Contains(n))
            {
                var (volts, amps) = ReadVoltageCurrent(n);
                return new HwmonReading(volts * amps, volts, amps);
            }
            throw new CnnPerfException($"hwmon {Name}: no channel {n}; channels: {string.Join(", ", PowerChannels.Concat(VoltageCurrentChannels).Distinct().Order())}");
        }
        if (PowerChannels.Count > 0)
        {
            return new HwmonReading(ReadPower(PowerChannels[0]), null, null);
        }
        if (VoltageCurrentChannels.Count == 1)
        {
            return Read(VoltageCurrentChannels[0]);
        }
        var watts = 0.0;
        foreach (var each in VoltageCurrentChannels)
        {
            var (volts, amps) = ReadVoltageCurrent(each);
            watts += volts * amps;
        }
        return new HwmonReading(watts, null, null);
    }

    /// <summary>One line: name, directory and channels.</summary>
    public override string ToString() => PowerChannels.Count > 0
        ? $"{Name} ({Directory}, power{PowerChannels[0]}_input)"
        : $"{Name} ({Directory}, in/curr channels {string.Join(",", VoltageCurrentChannels)})";

    private double ReadPower(int channel) => SysfsFile.ReadInt64(Path.Combine(Directory, $"power{channel}_input")) / 1e6;

    private (double Volts, double Amps) ReadVoltageCurrent(int channel) => (
        SysfsFile.ReadInt64(Path.Combine(Directory, $"in{channel}_input")) / 1e3,
        SysfsFile.ReadInt64(Path.Combine(Directory, $"curr{channel}_input")) / 1e3);

    private static HwmonPowerSensor? TryOpen(string entry)
    {
        // Older drivers keep their attributes in hwmonN/device/.
        var directory = File.Exists(Path.Combine(entry, "name")) ? entry : Path.Combine(entry, "device");
        var name = SysfsFile.ReadText(Path.Combine(directory, "name"));
        if (name is null)
        {
            return null;
        }
        var files = System.IO.Directory.EnumerateFiles(directory).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var power = Channels(files, PowerInput());
        var voltage = Channels(files, VoltageInput());
        var current = Channels(files, CurrentInput());
        var pairs = voltage.Intersect(current).Order().ToList();
        return power.Count == 0 && pairs.Count == 0 ? null : new HwmonPowerSensor(directory, name, power, pairs);
    }

    private static List<int> Channels(IEnumerable<string?> files, Regex pattern) =>
        files.Select(f => f is null ? null : pattern.Match(f)).Where(m => m is { Success: true })
            .Select(m => int.Parse(m!.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();

    [GeneratedRegex(@"^power(\d+)_input$")]
    private static partial Regex PowerInput();

    [GeneratedRegex(@"^in(\d+)_input$")]
    private static partial Regex VoltageInput();

    [GeneratedRegex(@"^curr(\d+)_input$")]
    private static partial Regex CurrentInput();
}
