using CnnPerf.Native.Power;
using CnnPerf.Native.Power.Hwmon;
using CnnPerf.Native.Power.I2c;
using CnnPerf.Native.Power.Logs;
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

    /// <summary>
    /// Checks, before anything is measured, that the spec's meter can record here: a live meter opens and answers,
    /// an energy counter (<c>rapl</c>, <c>rapl-perf</c>) advances over <see cref="EnergyMetering.ProbeInterval"/>
    /// (one that counts nothing is present but not metering), and a <c>csv:</c> log that exists already is valid
    /// (<see cref="PowerLog"/>: every line, with the file and line of the first bad one).
    /// </summary>
    /// <exception cref="CnnPerfException">Why the meter cannot record here.</exception>
    public static void Check(PowerMeterSpec spec, PowerPaths? paths = null)
    {
        if (spec.Kind == "csv")
        {
            // A log the instrument writes later is read at the end; one that is there now must be valid now.
            if (File.Exists(spec.Target))
            {
                PowerLog.Load(spec.Target);
            }
            return;
        }
        using var meter = OpenMeter(spec, paths);
        EnsureMetering(meter);
    }

    /// <summary>
    /// Throws when <paramref name="meter"/> is an energy counter that counts nothing over
    /// <see cref="EnergyMetering.ProbeInterval"/> (present but not metering); other meters metered when they answered.
    /// </summary>
    /// <exception cref="CnnPerfException">The energy counter is not metering, or could not be read.</exception>
    public static void EnsureMetering(IPowerMeter meter)
    {
        if (meter is RaplMeter energy && energy.CheckMetering() is { } why)
        {
            throw new CnnPerfException($"{meter.Name} is present but not metering: it {why}");
        }
    }

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
                var counter = RaplPerfCounter.Open(spec.Target, paths.EventSources);
                return new RaplMeter(counter, $"rapl-perf:{counter.EventName}");
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
