using System.CommandLine;
using System.Globalization;
using CnnPerf.Native.Power.Logs;
using CnnPerf.Power;

namespace CnnPerf.Cli.Commands;

/// <summary>
/// <c>cnnperf meters</c>: every power meter kind with the devices found, or why none is here;
/// <c>cnnperf meters --read SPEC [--duration S]</c>: live readings of one meter and their summary.
/// </summary>
internal static class MetersCommand
{
    /// <summary>One meter kind in the <c>--json</c> listing: <c>available</c> when a device meters, <c>present</c> when devices exist at all.</summary>
    internal sealed record MeterKindEntry(string Kind, bool Available, bool Present, IReadOnlyList<string> Devices, string? Reason);

    /// <summary>The <c>--json</c> listing.</summary>
    internal sealed record MetersOutput(IReadOnlyList<MeterKindEntry> Meters);

    /// <summary>The <c>--read --json</c> summary.</summary>
    internal sealed record ReadSummary(string Meter, int Samples, double Seconds, double MeanW, double MinW, double MaxW, double EnergyJ, int FailedReads, string Status);

    private const int MaxFailuresInARow = 3;

    private static readonly Option<string?> Read = new("--read") { Description = $"Read one meter live: {PowerMeterSpec.Forms}" };

    private static readonly Option<double> Duration = new("--duration") { Description = "How many seconds --read reads", DefaultValueFactory = _ => 5.0 };

    /// <summary>Creates the command.</summary>
    internal static Command Create()
    {
        var command = new Command("meters", "List the power meters of every kind found here and why a kind is absent, or read one live with --read");
        command.Options.Add(Read);
        command.Options.Add(Duration);
        command.SetWork((parseResult, cancellationToken) =>
        {
            var json = parseResult.GetValue(GlobalOptions.Json);
            var spec = parseResult.GetValue(Read);
            return Task.FromResult(spec is null ? List(json) : ReadMeter(ParseSpec(spec), MeasurementOptions.Seconds(Duration, parseResult.GetValue(Duration)), json, cancellationToken));
        });
        return command;
    }

    private static int List(bool json)
    {
        var output = new MetersOutput(PowerMeterCatalog.Probe()
            .Select(p => new MeterKindEntry(p.Kind, p.Available, p.Present, p.Devices, p.Reason)).ToList());
        if (json)
        {
            JsonOutput.Write(output);
            return CliApplication.Success;
        }
        foreach (var kind in output.Meters)
        {
            if (!kind.Available)
            {
                Console.Out.WriteLine(kind.Present ? $"{kind.Kind,-10} present, not metering: {kind.Reason}" : $"{kind.Kind,-10} none: {kind.Reason}");
                continue;
            }
            foreach (var device in kind.Devices)
            {
                Console.Out.WriteLine($"{kind.Kind,-10} {device}");
            }
        }
        return CliApplication.Success;
    }

    /// <summary>Parses a power meter spec; a malformed one is a usage error.</summary>
    internal static PowerMeterSpec ParseSpec(string text)
    {
        try
        {
            return PowerMeterSpec.Parse(text);
        }
        catch (PowerSpecException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static int ReadMeter(PowerMeterSpec spec, TimeSpan duration, bool json, CancellationToken cancellationToken)
    {
        var seconds = duration.TotalSeconds;
        var (samples, failed, failure) = spec.Kind == "csv" ? ReadLog(spec.Target!) : ReadLive(spec, seconds, json ? Console.Error : Console.Out, cancellationToken);
        var capture = new PowerCapture(spec.Kind, samples, samples.FirstOrDefault().Seconds, samples.LastOrDefault().Seconds, failed, failure);
        var (start, end) = (capture.Start, capture.End);
        var summary = new ReadSummary(
            spec.Kind, samples.Count, end - start,
            PowerIntegration.MeanPower(samples, start, end), PowerIntegration.MinPower(samples, start, end),
            PowerIntegration.PeakPower(samples, start, end), PowerIntegration.Energy(samples, start, end),
            failed, capture.Status);
        if (json)
        {
            JsonOutput.Write(summary);
        }
        else
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{summary.Meter}: {summary.Samples} samples over {summary.Seconds:0.###} s, mean {summary.MeanW:0.####} W, min {summary.MinW:0.####} W, max {summary.MaxW:0.####} W, energy {summary.EnergyJ:0.####} J; {summary.Status}"));
        }
        return capture.Complete && samples.Count > 0 ? CliApplication.Success : CliApplication.WorkFailed;
    }

    private static (List<PowerSample> Samples, int Failed, string? Failure) ReadLive(PowerMeterSpec spec, double seconds, TextWriter live, CancellationToken cancellationToken)
    {
        using var meter = PowerMeterFactory.OpenMeter(spec);
        PowerMeterFactory.EnsureMetering(meter);
        var interval = Math.Max(meter.MinimumInterval.TotalSeconds, 0.1);
        var samples = new List<PowerSample>();
        var (failed, inARow) = (0, 0);
        var start = MonotonicClock.Now;
        for (var next = start; MonotonicClock.Now - start < seconds && !cancellationToken.IsCancellationRequested; next += interval)
        {
            if (meter.TryRead(out var reading, out var why))
            {
                var now = MonotonicClock.Now;
                samples.Add(new PowerSample(now, reading.Watts, reading.Joules));
                inARow = 0;
                live.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{now - start,8:0.000} s {reading.Watts,10:0.0000} W{(reading.Volts is { } v ? $" {v,9:0.000} V" : "")}{(reading.Amps is { } a ? $" {a,9:0.0000} A" : "")}"));
            }
            else
            {
                failed++;
                Console.Error.WriteLine($"cnnperf meters: read failed: {why}");
                if (++inARow >= MaxFailuresInARow)
                {
                    return (samples, failed, $"{meter.Name} failed {inARow} reads in a row: {why}");
                }
            }
            var wait = next + interval - MonotonicClock.Now;
            if (wait > 0)
            {
                cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(wait));
            }
        }
        return (samples, failed, null);
    }

    private static (List<PowerSample> Samples, int Failed, string? Failure) ReadLog(string path) =>
        (PowerLog.Load(path).Select(e => new PowerSample(e.UnixSeconds, e.Watts)).ToList(), 0, null);
}
