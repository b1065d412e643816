using CnnPerf.Native.Tests.Power;
using CnnPerf.Power;

namespace CnnPerf.Core.Tests.Power;

public class PowerMeterFactoryTests
{
    private TempSysfsTree _tree = null!;
    private PowerPaths _paths = null!;

    [SetUp]
    public void CreateTree()
    {
        _tree = new TempSysfsTree();
        _paths = new PowerPaths(_tree.PathOf("sys"), _tree.PathOf("dev"));
        Directory.CreateDirectory(_paths.Dev);
    }

    [TearDown]
    public void DeleteTree() => _tree.Dispose();

    [Test]
    public void Hwmon_meter_reads_the_named_sensor_at_its_update_interval()
    {
        _tree.Write("sys/class/hwmon/hwmon0/name", "ina219");
        _tree.Write("sys/class/hwmon/hwmon0/power1_input", 2540000);
        _tree.Write("sys/class/hwmon/hwmon0/update_interval", 50);
        using var meter = PowerMeterFactory.OpenMeter(PowerMeterSpec.Parse("hwmon:ina219"), _paths);
        Assert.That(meter.Name, Is.EqualTo("hwmon:ina219"));
        Assert.That(meter.MinimumInterval, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That(meter.TryRead(out var reading, out _), Is.True);
        Assert.That(reading.Watts, Is.EqualTo(2.54).Within(1e-12));
        File.Delete(_tree.PathOf("sys/class/hwmon/hwmon0/power1_input"));
        Assert.That(meter.TryRead(out _, out var failure), Is.False);
        Assert.That(failure, Does.StartWith("hwmon ina219:"));
    }

    [Test]
    public void Rapl_meter_energy_survives_a_wrap_around_during_a_run()
    {
        const ulong range = 1_000_000;
        _tree.Write("sys/class/powercap/intel-rapl:0/name", "package-0");
        _tree.Write("sys/class/powercap/intel-rapl:0/max_energy_range_uj", range);
        _tree.Write("sys/class/powercap/intel-rapl:0/energy_uj", 900_000);
        using var meter = PowerMeterFactory.OpenMeter(PowerMeterSpec.Parse("rapl"), _paths);
        var samples = new List<PowerSample>();
        // The "kernel" adds 60 000 µJ between reads: the counter wraps after the second read.
        for (var i = 1; i <= 5; i++)
        {
            _tree.Write("sys/class/powercap/intel-rapl:0/energy_uj", (900_000 + 60_000 * (ulong)i) % range);
            Assert.That(meter.TryRead(out var reading, out var failure), Is.True, failure);
            samples.Add(new PowerSample(i, reading.Watts, reading.Joules));
        }
        Assert.That(samples.Select(s => s.Joules), Is.EqualTo(new double?[] { 0.06, 0.12, 0.18, 0.24, 0.30 }).Within(1e-12));
        Assert.That(PowerIntegration.Energy(samples, 1.5, 4.5), Is.EqualTo(0.18).Within(1e-12));
    }

    [Test]
    public void The_check_refuses_an_energy_counter_that_counts_nothing_and_passes_one_that_advances()
    {
        _tree.Write("sys/class/powercap/intel-rapl:0/name", "package-0");
        _tree.Write("sys/class/powercap/intel-rapl:0/max_energy_range_uj", 1_000_000);
        _tree.Write("sys/class/powercap/intel-rapl:0/energy_uj", 500_000);
        var spec = PowerMeterSpec.Parse("rapl");

        Assert.That(() => PowerMeterFactory.Check(spec, _paths), Throws.InstanceOf<CnnPerfException>()
            .With.Message.StartsWith("rapl is present but not metering: it counted 0 J in 0.2 s"));

        using var kernel = new EnergyTicker(_tree.PathOf("sys/class/powercap/intel-rapl:0/energy_uj"), 500_000);
        Assert.That(() => PowerMeterFactory.Check(spec, _paths), Throws.Nothing);
    }

    [Test]
    public void The_check_reads_a_csv_log_that_is_there_and_names_the_first_bad_line()
    {
        var log = _tree.PathOf("power.csv");
        Assert.That(() => PowerMeterFactory.Check(PowerMeterSpec.Parse($"csv:{log}")), Throws.Nothing, "a log the instrument writes later is read at the end");

        File.WriteAllText(log, "time,watts\n1764138000,2\n1764138001,-4\n");

        Assert.That(() => PowerMeterFactory.Check(PowerMeterSpec.Parse($"csv:{log}")),
            Throws.InstanceOf<CnnPerfException>().With.Message.EqualTo($"{log}:3: -4 W is negative: not a power a machine draws"));
    }

    [Test]
    public void Rapl_with_no_powercap_says_why()
    {
        Assert.That(() => PowerMeterFactory.OpenMeter(PowerMeterSpec.Parse("rapl"), _paths),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("no powercap RAPL here"));
    }

    [Test]
    public void Absent_hardware_says_why_for_each_live_kind()
    {
        Assert.That(() => PowerMeterFactory.OpenMeter(PowerMeterSpec.Parse("ina219:shunt=0.1,max-current=3.2"), _paths),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("i2c-1 does not exist"));
        Assert.That(() => PowerMeterFactory.OpenMeter(PowerMeterSpec.Parse($"um25c:{_paths.Dev}/rfcomm0"), _paths),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("rfcomm bind"));
        Assert.That(() => PowerMeterFactory.OpenMeter(PowerMeterSpec.Parse("hwmon:ina219"), _paths),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("no hwmon driver is loaded"));
        Assert.That(() => PowerMeterFactory.OpenMeter(PowerMeterSpec.Parse("rapl-perf"), _paths),
            Throws.InstanceOf<CnnPerfException>().With.Message.Contains("no perf power PMU"));
    }

    [Test]
    public void Csv_spec_makes_a_log_recorder_and_live_kinds_a_sampler()
    {
        using var recorder = PowerMeterFactory.CreateRecorder(PowerMeterSpec.Parse("csv:/tmp/x.csv"), _paths);
        Assert.That(recorder, Is.InstanceOf<PowerLogRecorder>());
        _tree.Write("sys/class/hwmon/hwmon0/name", "ina226");
        _tree.Write("sys/class/hwmon/hwmon0/power1_input", 1);
        using var sampler = PowerMeterFactory.CreateRecorder(PowerMeterSpec.Parse("hwmon:ina226"), _paths);
        Assert.That(sampler, Is.InstanceOf<PowerSampler>());
        Assert.That(() => PowerMeterFactory.OpenMeter(PowerMeterSpec.Parse("csv:/tmp/x.csv"), _paths), Throws.InstanceOf<PowerSpecException>());
    }

    /// <summary>Stands in for the kernel: adds 1000 µJ to a powercap energy_uj file every 5 ms (replaced whole, as sysfs reads are).</summary>
    internal sealed class EnergyTicker : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly Timer _timer;
        private ulong _microjoules;

        public EnergyTicker(string path, ulong start)
        {
            _microjoules = start;
            _timer = new Timer(_ =>
            {
                lock (_gate)
                {
                    _microjoules += 1000;
                    File.WriteAllText(path + ".next", $"{_microjoules}\n");
                    File.Move(path + ".next", path, overwrite: true);
                }
            }, null, 0, 5);
        }

        public void Dispose()
        {
            using var stopped = new ManualResetEvent(false);
            _timer.Dispose(stopped);
            stopped.WaitOne();
        }
    }
}
