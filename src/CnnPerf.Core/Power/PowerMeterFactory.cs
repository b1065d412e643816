using CnnPerf.Native.Power.Hwmon;
using CnnPerf.Native.Power.I2c;
using CnnPerf.Native.Power.Rapl;
using CnnPerf.Native.Power.Serial;
using CnnPerf.Power.Meters;

namespace CnnPerf.Power;

/// <summary>Opens the meter or recorder a <see cref="PowerMeterSpec"/> describes.</summary>
public static class PowerMeterFactory
{
    /// <summary>
    /// Creates the recorder for a spec: a <see cref="PowerSampler"/> over the live meter, or a
    /// <see cref="PowerLogRecorder"/> for <c>csv:</c>. The caller owns the recorder.
    /// </summary>
    /// <exception cref="CnnPerfException">The meter is absent or does not answer, with the reason.</exception>
    public static IPowerRecorder CreateRecorder(PowerMeterSpec spec, PowerPaths? paths = null, PowerSamplerOptions? options = null) =>
        spec.Kind == "csv"
            ? new PowerLogRecorder(spec.Target!)
            : new PowerSampler(OpenMeter(spec, paths), options);

    /// <summary>Opens the live meter of a spec. The caller owns it.</summary>
    /// <exception cref="CnnPerfException">The meter is absent or does not answer, or the spec is a <c>csv:</c> log.</exception>
    public static IPowerMeter OpenMeter(PowerMeterSpec spec, PowerPaths? paths = null)
    {
        paths ??= PowerPaths.System;
        switch (spec.Kind)
        {
            case "ina219":
                var settings = Ina219Settings.From(spec);
                return new Ina219Meter(Ina219.Open(settings.Bus, settings.Address, settings.Configuration, settings.Calibration, paths.Dev));
            case "um24c":
                return UmPowerMeter.Open(spec.Target!, UmModel.Um24C, TimeSpan.FromSeconds(2));
            case "um25c":
                return UmPowerMeter.Open(spec.Target!, UmModel.Um25C, TimeSpan.FromSeconds(2));
            case "um34c":
                return UmPowerMeter.Open(spec.Target!, UmModel.Um34C, TimeSpan.FromSeconds(2));
            case "hwmon":
                var channel = spec.Options.ContainsKey("channel") ? spec.GetInt("channel", 1) : (int?)null;
                return new HwmonMeter(HwmonPowerSensor.Find(spec.Target!, paths.HwmonClass), channel);
            case "rapl":
                return OpenRapl(spec, paths);
            case "rapl-perf":
                return new RaplMeter(RaplPerfCounter.Open(spec.Target ?? "energy-pkg", paths.EventSources), spec.ToString());
            default:
                throw new PowerSpecException($"'{spec}' is a log, not a live meter: record it with CreateRecorder");
        }
    }

    private static RaplMeter OpenRapl(PowerMeterSpec spec, PowerPaths paths)
    {
        var probe = RaplPowercap.Probe(paths.PowercapClass);
        if (!probe.Available)
        {
            throw new CnnPerfException($"rapl: {probe.Reason}");
        }
        var domains = RaplPowercap.Select(RaplPowercap.Discover(paths.PowercapClass), spec.Target);
        try
        {
            return new RaplMeter(new RaplEnergyCounter(domains), spec.Target is null ? "rapl" : $"rapl:{spec.Target}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CnnPerfException($"rapl: {e.Message}", e);
        }
    }
}
