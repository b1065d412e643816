using System.CommandLine;
using System.Globalization;
using CnnPerf.Counters;
using CnnPerf.Simulation;

namespace CnnPerf.Cli;

/// <summary>
/// <c>--counters hardware|simulated|auto</c> of <c>run</c> and <c>study</c>, with the simulated pass's cache
/// geometry, inferences and time budget.
/// </summary>
internal sealed class CounterOptions
{
    public Option<CounterMode> Mode { get; } = new("--counters")
    {
        Description = "Instruction-flow and memory metrics: hardware (PMU), simulated (valgrind cache and branch simulation after the timed pass) or auto (simulated where there is no PMU)",
        DefaultValueFactory = _ => CounterMode.Hardware,
    };

    public Option<string> Cache { get; } = new("--sim-cache") { Description = $"Simulated caches: {CacheGeometry.Forms}", DefaultValueFactory = _ => "host" };

    public Option<int?> Inferences { get; } = new("--sim-inferences") { Description = "Simulated inferences the sim.* metrics average over, after one that fills the caches (default 2; 1 for study --quick)" };

    public Option<double?> Budget { get; } = new("--sim-timeout") { Description = "Time budget in seconds of the simulated run of a configuration (default 600; 300 for study --quick)" };

    public Option<double?> TotalBudget { get; } = new("--sim-budget")
    {
        Description = "Time in seconds all simulations together may take; the rest go unsimulated, smallest network first in a study (default: no limit; 480 for study --quick)",
    };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Mode, Cache, Inferences, Budget, TotalBudget })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The simulated-counter monitor the options ask for, or null when no simulation is needed.</summary>
    /// <param name="parseResult">The command line.</param>
    /// <param name="defaults">Inferences and time budget when the options do not set them.</param>
    /// <param name="cancellationToken">Stops a running simulation.</param>
    /// <exception cref="UsageException">A malformed geometry or a non-positive number.</exception>
    /// <exception cref="CnnPerfException">Simulation was asked for and valgrind is missing.</exception>
    public SimulatedCounterMonitor? CreateMonitor(ParseResult parseResult, SimulationOptions defaults, CancellationToken cancellationToken)
    {
        CacheGeometry geometry;
        try
        {
            geometry = CacheGeometry.Parse(parseResult.GetValue(Cache)!);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--sim-cache: {e.Message}");
        }
        var options = defaults with
        {
            Geometry = geometry,
            Inferences = parseResult.GetValue(Inferences) ?? defaults.Inferences,
            Timeout = parseResult.GetValue(Budget) is { } seconds ? MeasurementOptions.Seconds(Budget, seconds) : defaults.Timeout,
            Budget = parseResult.GetValue(TotalBudget) is { } total ? MeasurementOptions.Seconds(TotalBudget, total) : defaults.Budget,
        };
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new UsageException(string.Join("; ", problems));
        }
        var mode = parseResult.GetValue(Mode);
        if (mode == CounterMode.Hardware || (mode == CounterMode.Auto && HasInstructionCounter()))
        {
            return null;
        }
        try
        {
            return new SimulatedCounterMonitor(new CallgrindPass(WorkerCommandLine.ForThisTool(), options), cancellationToken);
        }
        catch (CnnPerfException e) when (mode == CounterMode.Auto)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: no PMU and no simulation: {e.Message}"));
            return null;
        }
    }

    private static bool HasInstructionCounter()
    {
        using var perf = new PerfCounterSource();
        return perf.Probe().Any(s => s.MetricId == "hw.instructions" && s.Available);
    }
}
