using System.CommandLine;
using System.Globalization;
using CnnPerf.Native.Processes;
using CnnPerf.Running;

namespace CnnPerf.Cli;

/// <summary>The options that choose how long a configuration is measured, shared by <c>run</c> and <c>study</c>.</summary>
internal sealed class MeasurementOptions
{
    public Option<int?> Iterations { get; } = new("--iterations") { Description = "Measure this many inferences" };

    public Option<double?> Duration { get; } = new("--duration") { Description = "Measure for this many seconds" };

    public Option<bool> Adaptive { get; } = new("--adaptive") { Description = "Measure until the 95% CI of the median is within +/-1% (cap 20 s)" };

    public Option<int?> Warmup { get; } = new("--warmup") { Description = "Warm up with exactly this many inferences (default: until latency is stable)" };

    public Option<string[]> Pin { get; } = ListOption.Create("--pin", "Pin to these CPUs before the backend loads, for example 0 or 0-1 or 0,2");

    public Option<int?> Layers { get; } = new("--layers") { Description = "Collect per-layer timings with this many profiled inferences (0: none; default: none for run, 10 for study, 3 for study --quick)" };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Iterations, Duration, Adaptive, Warmup, Pin, Layers })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The measurement policy the options ask for, or null when none was given.</summary>
    /// <exception cref="UsageException">More than one was given.</exception>
    public MeasurementPolicy? Policy(ParseResult parseResult)
    {
        var iterations = parseResult.GetValue(Iterations);
        var duration = parseResult.GetValue(Duration);
        var adaptive = parseResult.GetValue(Adaptive);
        if ((iterations is null ? 0 : 1) + (duration is null ? 0 : 1) + (adaptive ? 1 : 0) > 1)
        {
            throw new UsageException("give at most one of --iterations, --duration and --adaptive");
        }
        return iterations is { } n ? MeasurementPolicy.ForIterations(n)
            : duration is { } seconds ? MeasurementPolicy.ForDuration(Seconds(Duration, seconds))
            : adaptive ? MeasurementPolicy.Adaptive() : null;
    }

    /// <summary>Applies the options to a builder.</summary>
    /// <param name="parseResult">The command line.</param>
    /// <param name="builder">The configuration to complete.</param>
    /// <param name="defaultPolicy">The measurement policy when no option chooses one.</param>
    /// <param name="defaultWarmup">The warm-up policy without <c>--warmup</c>.</param>
    /// <param name="defaultLayerRuns">Profiled inferences for per-layer timings without <c>--layers</c> (0: none).</param>
    public RunConfigurationBuilder Apply(ParseResult parseResult, RunConfigurationBuilder builder, MeasurementPolicy defaultPolicy, WarmupPolicy defaultWarmup,
        int defaultLayerRuns = 0)
    {
        builder.WithMeasurement(Policy(parseResult) ?? defaultPolicy)
            .WithWarmup(parseResult.GetValue(Warmup) is { } warmup ? WarmupPolicy.Fixed(warmup) : defaultWarmup)
            .WithLayerProfile(parseResult.GetValue(Layers) ?? defaultLayerRuns);
        if (parseResult.Joined(Pin) is { } pin)
        {
            builder.PinnedTo([.. Parsed(Pin, CpuList.Parse, pin)]);
        }
        return builder;
    }

    /// <summary>A number of seconds an option gives as a time span; anything but a positive finite number is a usage error.</summary>
    /// <exception cref="UsageException">The value is NaN, infinite, not positive, or beyond what a time span holds.</exception>
    public static TimeSpan Seconds(Option option, double seconds) =>
        double.IsFinite(seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"{option.Name} {seconds.ToString(CultureInfo.InvariantCulture)} is not a positive number of seconds");

    /// <summary>Parses an option's value with a library parser whose errors are usage errors.</summary>
    /// <exception cref="UsageException">The parser refused the value.</exception>
    public static T Parsed<T>(Option option, Func<string, T> parse, string text)
    {
        try
        {
            return parse(text);
        }
        catch (CnnPerfException e)
        {
            throw new UsageException($"{option.Name}: {e.Message}");
        }
    }
}
