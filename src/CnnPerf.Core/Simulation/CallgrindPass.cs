using CnnPerf.Metrics;
using CnnPerf.Running;

namespace CnnPerf.Simulation;

/// <summary>
/// Simulated counters of one configuration: its worker runs once under <c>valgrind --tool=callgrind
/// --instr-atstart=no --cache-sim=yes --branch-sim=yes</c> (cachegrind's cache and branch simulator, which
/// callgrind shares, with client requests to switch it on for a phase). Start-up, JIT compilation, model load and
/// warm-up run unsimulated; the worker's <see cref="CallgrindPhaseCounterSource"/> switches the simulation on at
/// the measured phase and dumps the counts of each thread after every inference. The first simulated inference
/// fills the empty simulated caches and is not counted; the metrics are the mean of the next
/// <see cref="SimulationOptions.Inferences"/>, counted on the inference thread.
/// </summary>
public sealed class CallgrindPass
{
    private const string OutputName = "callgrind.out";

    private readonly IReadOnlyList<string> _workerCommand;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _valgrind;

    /// <summary>Creates the pass; locates valgrind now.</summary>
    /// <param name="workerCommand">The worker command line (see <see cref="WorkerOptions.Command"/>).</param>
    /// <param name="options">Geometry, inferences and time budget.</param>
    /// <param name="environment">Environment variables of the worker (the pass adds the phase marker request and the runtime settings valgrind needs).</param>
    /// <exception cref="CnnPerfException">Valgrind is missing (the message names the Debian package).</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public CallgrindPass(IReadOnlyList<string> workerCommand, SimulationOptions options, IReadOnlyDictionary<string, string>? environment = null)
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
        _environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            [CallgrindPhaseCounterSource.EnvironmentVariable] = "1",
            // No background recompilation during the simulated phase, and no double-mapped code pages (W^X), which
            // valgrind's translation of self-written code does not follow.
            ["DOTNET_TieredCompilation"] = "0",
            ["DOTNET_TieredPGO"] = "0",
            ["DOTNET_EnableWriteXorExecute"] = "0",
        };
    }

    /// <summary>The options.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Simulates <paramref name="configuration"/> and returns its per-inference <c>sim.*</c> metrics.</summary>
    /// <param name="configuration">The configuration (its warm-up, measurement and profiling are replaced by the pass's own).</param>
    /// <param name="timeLimit">The time the valgrind run may take; <see cref="SimulationOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops the valgrind run.</param>
    /// <exception cref="CnnPerfException">The valgrind run failed, ran out of time or dumped too few inferences; the message says which and why.</exception>
    public IReadOnlyList<MetricValue> Run(RunConfiguration configuration, TimeSpan? timeLimit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Directory.CreateTempSubdirectory("cnnperf-callgrind-");
        try
        {
            var simulated = configuration with
            {
                Warmup = WarmupPolicy.Fixed(Options.WarmupInferences),
                Measurement = MeasurementPolicy.ForIterations(1 + Options.Inferences),
                CountersPerInference = true,
                ProfileLayerRuns = 0,
            };
            var output = Path.Combine(folder.FullName, OutputName);
            Simulate(simulated, output, timeLimit ?? Options.Timeout, cancellationToken);
            var inferences = Enumerable.Range(1, 1 + Options.Inferences).Select(part => InferenceThread(folder, part, configuration)).ToList();
            return SimulatedMetrics.PerInference([.. inferences.Skip(1)]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The counts of the thread that ran inference <paramref name="part"/>: the one with the most instructions in that
    /// dump (at 1 thread every backend infers on the calling thread). Runtime background threads (timers, the thread
    /// pool's gate) wake by wall-clock time, which valgrind stretches, so leaving them out keeps runs repeatable.
    /// </summary>
    private static ValgrindProfile InferenceThread(DirectoryInfo folder, int part, RunConfiguration configuration)
    {
        var threads = folder.GetFiles($"{OutputName}.{part}-*").Select(f => ValgrindProfile.Load(f.FullName)).ToList();
        return threads.Count > 0
            ? threads.MaxBy(t => t["Ir"])!
            : throw new CnnPerfException($"the callgrind run of {configuration.Label} wrote no dump {part}: the worker did not mark its inferences (is it this tool's worker?)");
    }

    private void Simulate(RunConfiguration configuration, string outputPath, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> command =
        [
            _valgrind, "--tool=callgrind", "--instr-atstart=no", "--cache-sim=yes", "--branch-sim=yes", "--dump-line=no", "--separate-threads=yes",
            "--callgrind-out-file=" + outputPath, .. Options.Geometry.ToValgrindArguments(), .. _workerCommand,
        ];
        var executor = new WorkerProcessExecutor(new WorkerOptions(command) { Timeout = timeLimit, Environment = _environment, StderrTailLines = 5 });
        var result = executor.Execute(configuration, cancellationToken);
        if (result.Failure is { } failure)
        {
            var detail = failure.StderrTail is { Length: > 0 } tail ? $" ({tail.ReplaceLineEndings(" | ")})" : "";
            throw new CnnPerfException($"the callgrind run of {configuration.Label} failed: {failure.Message}{detail}");
        }
        if (result.Status != RunStatus.Ok)
        {
            throw new CnnPerfException($"the callgrind run of {configuration.Label} was {result.Status.ToString().ToLowerInvariant()}");
        }
    }
}
