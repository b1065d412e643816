using System.Globalization;
using System.Text.Json;
using CnnPerf.Native.Power;
using CnnPerf.Native.Power.Rapl;
using CnnPerf.Native.Power.Serial;
using CnnPerf.Native.Tests.Power.Serial;
using CnnPerf.Tests;

namespace CnnPerf.Cli.Tests.Commands;

public class MetersCommandTests
{
    [Test]
    public void Lists_every_kind_and_says_why_each_absent_one_is_absent_here()
    {
        var (exitCode, output, _) = CliRun.Invoke("meters");
        Assert.That(exitCode, Is.EqualTo(0));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] Of(string kind) => [.. lines.Where(l => l.StartsWith(kind + " ", StringComparison.Ordinal))];

        var buses = Directory.EnumerateFileSystemEntries("/dev", "i2c-*").Order(StringComparer.Ordinal).ToList();
        Assert.That(Of("ina219"), buses.Count == 0 ? Has.One.Contains("none: no I2C bus") : Has.One.Contains(buses[0]));
        Assert.That(Of("hwmon"), Directory.Exists("/sys/class/hwmon")
            ? Is.Not.Empty.And.None.Contains("does not exist")
            : Has.One.Contains("none: /sys/class/hwmon does not exist"));
        Assert.That(Of("rapl"), Directory.Exists("/sys/class/powercap")
            ? Is.Not.Empty.And.None.Contains("does not exist")
            : Has.One.Contains("none: /sys/class/powercap does not exist"));
        Assert.That(Of("rapl-perf"), Has.Some.Contains(PowerPmuExpectation()));
        var ports = new[] { "rfcomm*", "ttyUSB*", "ttyACM*" }.SelectMany(p => Directory.EnumerateFileSystemEntries("/dev", p)).ToList();
        Assert.That(Of("um"), ports.Count == 0 ? Has.One.Contains("none: no serial port") : Has.Length.EqualTo(ports.Count));
        Assert.That(Of("csv"), Has.One.Contains("csv:PATH"));
    }

    /// <summary>
    /// What the rapl-perf line must say, from the facts of this machine: no power PMU; a PMU whose default energy event
    /// does not open; one whose event counts nothing over the probe interval (present, not metering); or a meter.
    /// </summary>
    private static string PowerPmuExpectation()
    {
        if (!File.Exists("/sys/bus/event_source/devices/power/type"))
        {
            return "none: no perf power PMU";
        }
        RaplPerfCounter counter;
        try
        {
            counter = RaplPerfCounter.Open();
        }
        catch (CnnPerfException e)
        {
            return e.Message;
        }
        using (counter)
        {
            var before = counter.ReadJoules();
            Thread.Sleep(EnergyMetering.ProbeInterval);
            return counter.ReadJoules() > before
                ? $"rapl-perf  power/{counter.EventName}/"
                : $"rapl-perf  present, not metering: power/{counter.EventName}/ counted 0 J";
        }
    }

    [Test]
    public void Json_lists_every_kind_with_availability_devices_and_reason()
    {
        var (exitCode, output, _) = CliRun.Invoke("meters", "--json");
        Assert.That(exitCode, Is.EqualTo(0));
        var meters = JsonDocument.Parse(output).RootElement.GetProperty("meters").EnumerateArray().ToList();
        Assert.That(meters.Select(m => m.GetProperty("kind").GetString()), Is.EqualTo(new[] { "ina219", "hwmon", "rapl", "rapl-perf", "um", "csv" }));
        foreach (var meter in meters)
        {
            var available = meter.GetProperty("available").GetBoolean();
            Assert.That(available ? meter.GetProperty("devices").GetArrayLength() > 0 : meter.GetProperty("reason").GetString()!.Length > 0, Is.True, meter.ToString());
        }
    }

    [Test]
    public void Read_of_a_log_prints_one_summary_object()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnperf-meters-{Guid.NewGuid():N}.csv");
        // 2 W rising to 4 W over 1 s, then 4 W for 2 s: 3 J + 8 J.
        File.WriteAllText(path, "time,watts\n1764138000,2\n1764138001,4\n1764138003,4\n");
        try
        {
            var (exitCode, output, _) = CliRun.Invoke("meters", "--read", $"csv:{path}", "--json");
            Assert.That(exitCode, Is.EqualTo(0));
            var summary = JsonDocument.Parse(output).RootElement;
            Assert.That(summary.GetProperty("meter").GetString(), Is.EqualTo("csv"));
            Assert.That(summary.GetProperty("samples").GetInt32(), Is.EqualTo(3));
            Assert.That(summary.GetProperty("energy_j").GetDouble(), Is.EqualTo(11).Within(1e-9));
            Assert.That(summary.GetProperty("mean_w").GetDouble(), Is.EqualTo(11 / 3.0).Within(1e-9));
            Assert.That(summary.GetProperty("min_w").GetDouble(), Is.EqualTo(2));
            Assert.That(summary.GetProperty("max_w").GetDouble(), Is.EqualTo(4));
            Assert.That(summary.GetProperty("status").GetString(), Is.EqualTo("power complete"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Read_of_a_live_um25c_prints_readings_then_one_summary_object()
    {
        // 5.000 V, 0.4000 A, 2.000 W on every frame.
        using var device = new FakeUmDevice(_ => UmFrameBuilder.Build(UmModel.Um25C, 5000, 4000, 2000));
        var (exitCode, output, error) = CliRun.Invoke("meters", "--read", $"um25c:{device.PortName}", "--duration", "0.5", "--json");
        Assert.That(exitCode, Is.EqualTo(0), error);
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.That(summary.GetProperty("meter").GetString(), Is.EqualTo("um25c"));
        var samples = summary.GetProperty("samples").GetInt32();
        Assert.That(samples, Is.GreaterThanOrEqualTo(2));
        Assert.That(summary.GetProperty("mean_w").GetDouble(), Is.EqualTo(2.0).Within(1e-9));
        Assert.That(summary.GetProperty("min_w").GetDouble(), Is.EqualTo(2.0).Within(1e-9));
        Assert.That(summary.GetProperty("max_w").GetDouble(), Is.EqualTo(2.0).Within(1e-9));
        Assert.That(summary.GetProperty("energy_j").GetDouble(), Is.EqualTo(2.0 * summary.GetProperty("seconds").GetDouble()).Within(1e-9));
        var live = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(live, Has.Length.EqualTo(samples), "with --json the live readings go to stderr, one per sample");
        Assert.That(live[0], Does.Contain("2.0000 W").And.Contain("5.000 V").And.Contain("0.4000 A"));
    }

    [Test]
    public void A_meter_that_goes_silent_during_read_keeps_its_samples_and_fails()
    {
        using var device = new FakeUmDevice(_ => UmFrameBuilder.Build(UmModel.Um25C, 5000, 2000, 1000));
        var unplugged = 0;
        using var unplugger = new Timer(_ => { if (device.Requests >= 3 && Interlocked.Exchange(ref unplugged, 1) == 0) { device.Unplug(); } }, null, 0, 5);
        var (exitCode, output, error) = CliRun.Invoke("meters", "--read", $"um25c:{device.PortName}", "--duration", "60", "--json");
        Assert.That(exitCode, Is.EqualTo(1));
        var summary = JsonDocument.Parse(output).RootElement;
        Assert.That(summary.GetProperty("samples").GetInt32(), Is.GreaterThanOrEqualTo(2));
        Assert.That(summary.GetProperty("status").GetString(), Does.StartWith("power incomplete: um25c failed 3 reads in a row"));
        Assert.That(error, Does.Contain("no full frame"));
    }

    [TestCase("1764138001,NaN", "3: 'NaN' is not a number of watts")]
    [TestCase("1764138001,-4", "3: -4 W is negative: not a power a machine draws")]
    [TestCase("1764138001,1e308", "3: 1E+308 W is more than 100000 W: not a power a machine draws")]
    [TestCase("1764137999,2", "3: time 1764137999 is before the previous line's: times must increase")]
    [TestCase("1764138000,3", "3: time 1764138000 is the same as the previous line's: times must increase")]
    public void Read_of_a_log_with_a_bad_line_fails_with_the_file_and_line(string line, string message)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "power.csv");
        File.WriteAllText(path, $"time,watts\n1764138000,2\n{line}\n1764138005,2\n");

        var (exitCode, output, error) = CliRun.Invoke("meters", "--read", $"csv:{path}");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd(), Is.EqualTo($"cnnperf meters: {path}:{message}"));
    }

    [TestCase("watts")]
    [TestCase("ina219:bus=1")]
    [TestCase("um25c")]
    public void A_bad_spec_is_a_usage_error(string spec)
    {
        var (exitCode, _, error) = CliRun.Invoke("meters", "--read", spec);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.Contain("bad power spec"));
    }

    [Test]
    public void Duration_must_be_positive()
    {
        var (exitCode, _, error) = CliRun.Invoke("meters", "--read", "rapl", "--duration", (-1.0).ToString(CultureInfo.InvariantCulture));
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.TrimEnd(), Is.EqualTo("cnnperf meters: --duration -1 is not a positive number of seconds"));
    }

    [Test]
    public void An_absent_meter_fails_with_one_line_saying_why()
    {
        var (exitCode, _, error) = CliRun.Invoke("meters", "--read", "um25c:/dev/rfcomm-cnnperf-test");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error.Trim(), Is.EqualTo("cnnperf meters: UM meter: /dev/rfcomm-cnnperf-test does not exist (pair the meter and run 'rfcomm bind 0 <MAC>', or plug the USB serial adapter)"));
    }

    [TestCase("null device")]
    [TestCase("plain file")]
    [TestCase("fifo")]
    public void A_port_that_is_not_a_serial_device_says_so(string kind)
    {
        using var folder = new TemporaryFolder();
        var port = kind switch
        {
            "null device" => "/dev/null",
            "plain file" => Path.Combine(folder.Path, "port"),
            _ => Path.Combine(folder.Path, "fifo"),
        };
        if (kind == "plain file")
        {
            File.WriteAllText(port, "");
        }
        else if (kind == "fifo")
        {
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [port])!;
            mkfifo.WaitForExit();
        }

        var (exitCode, _, error) = CliRun.Invoke("meters", "--read", $"um25c:{port}");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error.TrimEnd(), Is.EqualTo($"cnnperf meters: UM meter: {port} is not a serial device (it is not a terminal): name the meter's port, e.g. /dev/rfcomm0 or /dev/ttyUSB0"));
    }
}
