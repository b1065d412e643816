using CnnPerf.Running;

namespace CnnPerf.Core.Tests.Running;

public class MachineContextProbeTests
{
    [Test]
    public void Reads_cpu_frequency_os_and_temperatures_from_a_recorded_tree()
    {
        var root = Directory.CreateTempSubdirectory("cnnperf-sysfs-").FullName;
        try
        {
            Write(root, "proc/cpuinfo", "processor\t: 0\nmodel name\t: ARMv8 Processor rev 3 (v8l)\nFeatures\t: fp asimd crc32\n\nprocessor\t: 1\nmodel name\t: other\n");
            Write(root, "sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "ondemand\n");
            Write(root, "sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "1200000\n");
            Write(root, "sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "1500000\n");
            Write(root, "proc/sys/kernel/osrelease", "6.1.21-v8+\n");
            Write(root, "etc/os-release", "NAME=\"Raspbian\"\nPRETTY_NAME=\"Raspbian GNU/Linux 11 (bullseye)\"\n");
            Write(root, "sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
            Write(root, "sys/class/thermal/thermal_zone0/temp", "48312\n");

            var context = MachineContextProbe.Capture([new SpinBackend(1)], root);

            Assert.That(context.CpuModel, Is.EqualTo("ARMv8 Processor rev 3 (v8l)"));
            Assert.That(context.CpuFlags, Is.EqualTo("fp asimd crc32"));
            Assert.That(context.Governor, Is.EqualTo("ondemand"));
            Assert.That(context.FrequencyMhz, Is.EqualTo(1200));
            Assert.That(context.MaxFrequencyMhz, Is.EqualTo(1500));
            Assert.That(context.Kernel, Is.EqualTo("6.1.21-v8+"));
            Assert.That(context.OperatingSystem, Is.EqualTo("Raspbian GNU/Linux 11 (bullseye)"));
            Assert.That(context.TemperaturesCelsius["cpu-thermal"], Is.EqualTo(48.312).Within(1e-9));
            Assert.That(context.BackendVersions["spin"], Is.EqualTo("1.0"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void This_machine_has_a_cpu_model_kernel_and_runtime()
    {
        var context = MachineContextProbe.Capture([]);

        Assert.That(context.CpuModel, Is.Not.Null.And.Not.Empty);
        Assert.That(context.Kernel, Is.EqualTo(File.ReadAllText("/proc/sys/kernel/osrelease").Trim()));
        Assert.That(context.DotnetVersion, Does.StartWith(".NET"));
        Assert.That(context.LogicalCores, Is.EqualTo(Environment.ProcessorCount));
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
