using CnnPerf.Metrics;
using CnnPerf.Running;

namespace CnnPerf.Simulation;

/// <summary>
/// Simulated counters of one configuration by the differential method: the configuration's worker runs twice under
/// <c>valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes</c>, with the same load and fixed warm-up, once
/// with 1 measured inference and once with 1 + N; the difference of the two totals divided by N is the cost of
/// one inference, with process start-up, JIT compilation, model load and warm-up cancelled out. (Valgrind 3.19's
/// cachegrind cannot switch instrumentation on for a phase, and its client requests are not callable from .NET.)
/// The two runs go side by side in two processes.
/// </summary>
public sealed class CachegrindPass
{
    private readonly IReadOnlyList<string> _workerCommand;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _valgrind;

    /// <summary>Creates the pass; locates valgrind now.</summary>
    /// <param name="workerCommand">The worker command line (see <see cref="WorkerOptions.Command"/>).</param>
    /// <param name="options">Geometry, inferences and time budget.</param>
    /// <param name="environment">Environment variables of the worker (tiered compilation off is added).</param>
    /// <exception cref="CnnPerfException">Valgrind is missing (the message names the Debian package).</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CachegrindPass(IReadOnlyList<string> workerCommand, CachegrindOptions options, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(workerCommand);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }
        _valgrind = Valgrind.Locate(options.ValgrindPath);
        _workerCommand = workerCommand;
        Options = options;
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["DOTNET_TieredCompilation"] = "0",
            ["DOTNET_TieredPGO"] = "0",
        };
        _environment = variables;
    }

    /// <summary>The options.</summary>
    public CachegrindOptions Options { get; }

    /// <summary>Simulates <paramref name="configuration"/> and returns its per-inference <c>sim.*</c> metrics.</summary>
    /// <exception cref="CnnPerfException">A valgrind run failed or ran out of its time budget; the message says which and why.</exception>
    public IReadOnlyList<MetricValue> Run(RunConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Directory.CreateTempSubdirectory("cnnperf-cachegrind-");
        try
        {
            var simulated = configuration with { Warmup = WarmupPolicy.Fixed(Options.WarmupInferences), CountersPerInference = false, ProfileLayerRuns = 0 };
            var baselinePath = Path.Combine(folder.FullName, "baseline.cachegrind");
            var longerPath = Path.Combine(folder.FullName, "longer.cachegrind");
            var baseline = Task.Run(() => Simulate(simulated with { Measurement = MeasurementPolicy.ForIterations(1) }, baselinePath, cancellationToken), cancellationToken);
            var longer = Simulate(simulated with { Measurement = MeasurementPolicy.ForIterations(1 + Options.Inferences) }, longerPath, cancellationToken);
            var first = baseline.GetAwaiter().GetResult();
            return CachegrindMetrics.PerInference(longer, first, Options.Inferences);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private CachegrindProfile Simulate(RunConfiguration configuration, string outputPath, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> command =
        [
            _valgrind, "--tool=cachegrind", "--cache-sim=yes", "--branch-sim=yes", "--cachegrind-out-file=" + outputPath,
            .. Options.Geometry.ToValgrindArguments(), .. _workerCommand,
        ];
        var executor = new WorkerProcessExecutor(new WorkerOptions(command) { Timeout = Options.Timeout, Environment = _environment, StderrTailLines = 5 });
        var result = executor.Execute(configuration, cancellationToken);
        if (result.Failure is { } failure)
        {
            var detail = failure.StderrTail is { Length: > 0 } tail ? $" ({tail.ReplaceLineEndings(" | ")})" : "";
            throw new CnnPerfException($"the cachegrind run of {configuration.Label} ({configuration.Measurement}) failed: {failure.Message}{detail}");
        }
        if (result.Status != RunStatus.Ok)
        {
            throw new CnnPerfException($"the cachegrind run of {configuration.Label} was {result.Status.ToString().ToLowerInvariant()}");
        }
        return CachegrindProfile.Load(outputPath);
    }
}
