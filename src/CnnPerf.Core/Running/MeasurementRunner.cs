using System.Diagnostics;
using CnnPerf.Backends;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Models;

namespace CnnPerf.Running;

/// <summary>
/// Measures one configuration in the calling process: starts the counters, loads the model, warms up, measures
/// and profiles. The one measurement code path: the in-process executor calls it directly, and the worker
/// process calls it for the worker executor.
/// </summary>
public sealed class MeasurementRunner
{
    private const int AdaptiveCheckInterval = 5;
    private readonly Func<ICounterSource>? _counters;
    private readonly IProcessProbe _process;

    /// <summary>Creates a runner.</summary>
    /// <param name="counters">Creates the counter source of one configuration (started before the backend loads, disposed after); null for no counters.</param>
    /// <param name="process">Reads CPU time, memory and threads; the Linux probe when null.</param>
    public MeasurementRunner(Func<ICounterSource>? counters = null, IProcessProbe? process = null)
    {
        _counters = counters;
        _process = process ?? new LinuxProcessProbe();
    }

    /// <summary>Raised when a phase starts: <c>load</c>, <c>warmup</c>, <c>measured</c>, <c>profile</c>.</summary>
    public event Action<string>? PhaseStarted;

    /// <summary>
    /// Measures <paramref name="configuration"/> on <paramref name="backend"/>. Never throws for a problem of the
    /// configuration, model or backend: those come back as a failed result. Cancellation stops after the current
    /// inference and returns an interrupted result.
    /// </summary>
    public RunResult Run(RunConfiguration configuration, IInferenceBackend backend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(backend);
        var problems = configuration.Validate().ToList();
        if (backend.Name != configuration.Backend)
        {
            problems.Add($"configuration names backend '{configuration.Backend}' but '{backend.Name}' was given");
        }
        if (!backend.Availability.IsAvailable)
        {
            problems.Add($"backend {backend.Name} is unavailable: {backend.Availability.Reason}");
        }
        PreparedModel? model = null;
        if (backend.Availability.IsAvailable && problems.Count == 0)
        {
            try
            {
                // The model file is read once: the backend validates and loads from the same prepared model.
                model = backend.Prepare(configuration.Model);
                problems.AddRange(backend.Validate(model, configuration.Options));
            }
            catch (InferenceException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0)
        {
            return RunResult.Failed(configuration, new RunFailure(FailureKind.Invalid, string.Join("; ", problems)), backend.Version);
        }
        try
        {
            return Measure(configuration, backend, model!, cancellationToken);
        }
        catch (RejectedAtLoad e)
        {
            return RunResult.Failed(configuration, new RunFailure(FailureKind.Invalid, e.Message), backend.Version);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var message = e is CnnPerfException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            return RunResult.Failed(configuration, new RunFailure(FailureKind.Error, message.ReplaceLineEndings(" ")), backend.Version);
        }
    }

    private RunResult Measure(RunConfiguration configuration, IInferenceBackend backend, PreparedModel model, CancellationToken cancellationToken)
    {
        if (configuration.PinCpus.Count > 0)
        {
            _process.PinToCpus(configuration.PinCpus);
        }
        var threadsBefore = _process.ThreadIds();
        using var counters = _counters?.Invoke();
        counters?.Start();
        CounterSnapshot ReadCounters() => counters?.Read() ?? CounterSnapshot.Empty;

        PhaseStarted?.Invoke("load");
        var loadStart = Stopwatch.GetTimestamp();
        using var session = Load(configuration, backend, model);
        var loadEnd = Stopwatch.GetTimestamp();
        var threadsAfterLoad = _process.ThreadIds();
        var input = Tensor.Random(session.InputShape, configuration.InputSeed);
        var output = new Tensor(session.OutputShape);

        PhaseStarted?.Invoke("warmup");
        var warmup = new List<double>();
        while (!configuration.Warmup.IsDone(warmup, Stopwatch.GetElapsedTime(loadEnd)) && !cancellationToken.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            session.Run(input, output);
            warmup.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        PhaseStarted?.Invoke("measured");
        var phase = MeasurePhase(configuration, session, input, output, ReadCounters, cancellationToken);

        var layers = (IReadOnlyList<LayerTiming>)[];
        if (configuration.ProfileLayerRuns > 0 && !cancellationToken.IsCancellationRequested)
        {
            PhaseStarted?.Invoke("profile");
            layers = session.ProfileLayers(input, configuration.ProfileLayerRuns);
        }
        var threadsCreated = threadsAfterLoad.Union(phase.ThreadsAfter).Count(t => !threadsBefore.Contains(t));
        var firstInferenceMs = warmup.Count > 0 ? warmup[0] : phase.Samples.FirstOrDefault()?.LatencyMs ?? double.NaN;
        var metrics = RunMetrics.Compute(configuration, phase, Stopwatch.GetElapsedTime(loadStart, loadEnd).TotalMilliseconds,
            firstInferenceMs, warmup.Count, threadsCreated);
        var status = cancellationToken.IsCancellationRequested ? RunStatus.Interrupted : RunStatus.Ok;
        // Taken after the measured phase: a counter that stopped mid-run or was not counted says so.
        var counterStatus = CounterMetrics.MarkNotCounted(counters?.Probe() ?? [], phase.Counters);
        var timeline = new PhaseTimeline(ToNanoseconds(loadStart), ToNanoseconds(loadEnd), ToNanoseconds(phase.StartTimestamp), ToNanoseconds(phase.EndTimestamp));
        return new RunResult(configuration, status, metrics, phase.Samples, layers, timeline, counterStatus, backend.Version, null);
    }

    /// <summary>Loads the session; a model or backend problem found here, before measuring, is <see cref="FailureKind.Invalid"/> as in validation.</summary>
    private static IInferenceSession Load(RunConfiguration configuration, IInferenceBackend backend, PreparedModel model)
    {
        IInferenceSession session;
        try
        {
            session = backend.Load(model, configuration.Options);
        }
        catch (InferenceException e)
        {
            throw new RejectedAtLoad(e);
        }
        if (session.InputShape[0] != configuration.Batch)
        {
            session.Dispose();
            throw new RejectedAtLoad(new InferenceException(backend.Name, configuration.Model.Name,
                $"the model's input {session.InputShape} has batch {session.InputShape[0]}, the configuration asks for {configuration.Batch}"));
        }
        return session;
    }

    /// <summary>The backend refused the model while loading it.</summary>
    private sealed class RejectedAtLoad(InferenceException problem) : Exception(problem.Message.ReplaceLineEndings(" "), problem);

    private MeasuredPhase MeasurePhase(RunConfiguration configuration, IInferenceSession session, Tensor input, Tensor output,
        Func<CounterSnapshot> readCounters, CancellationToken cancellationToken)
    {
        var policy = configuration.Measurement;
        var perInference = configuration.CountersPerInference;
        var starts = new List<long>(policy.Iterations);
        var latencies = new List<double>(policy.Iterations);
        var snapshots = new List<CounterSnapshot>(perInference ? policy.Iterations + 1 : 2);

        var cpuBefore = _process.CpuTime();
        var rssBefore = _process.ResidentBytes();
        snapshots.Add(readCounters());
        var phaseStart = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested && !IsDone(policy, latencies, phaseStart))
        {
            var start = Stopwatch.GetTimestamp();
            session.Run(input, output);
            var end = Stopwatch.GetTimestamp();
            starts.Add(start);
            latencies.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            if (perInference)
            {
                snapshots.Add(readCounters());
            }
        }
        if (!perInference)
        {
            snapshots.Add(readCounters());
        }
        var phaseEnd = Stopwatch.GetTimestamp();
        var cpuAfter = _process.CpuTime();

        var samples = new InferenceSample[latencies.Count];
        for (var i = 0; i < samples.Length; i++)
        {
            var counters = perInference ? Scaled(snapshots[i + 1].Since(snapshots[i])) : EmptyCounters;
            samples[i] = new InferenceSample(i, ToNanoseconds(starts[i]), latencies[i], counters);
        }
        return new MeasuredPhase(samples, phaseStart, phaseEnd, snapshots[^1].Since(snapshots[0]), cpuAfter - cpuBefore,
            rssBefore, _process.ResidentBytes(), _process.PeakResidentBytes(), _process.ThreadIds());
    }

    private static readonly IReadOnlyDictionary<string, double> EmptyCounters = new Dictionary<string, double>();

    private static Dictionary<string, double> Scaled(CounterSnapshot delta) =>
        CounterMetrics.ToMetricValues(delta).Where(m => m.Provenance != Provenance.Derived).ToDictionary(m => m.Id, m => m.Value, StringComparer.Ordinal);

    private static bool IsDone(MeasurementPolicy policy, List<double> latencies, long phaseStart)
    {
        var n = latencies.Count;
        switch (policy.Mode)
        {
            case MeasurementMode.Iterations:
                return n >= policy.Iterations;
            case MeasurementMode.Duration:
                return n >= 1 && Stopwatch.GetElapsedTime(phaseStart) >= policy.Duration;
            default:
                if (n >= 1 && Stopwatch.GetElapsedTime(phaseStart) >= policy.TimeCap)
                {
                    return true;
                }
                if (n < policy.MinIterations || n % Math.Max(AdaptiveCheckInterval, n / 20) != 0)
                {
                    return false;
                }
                return RunMetrics.MedianRelativeHalfWidth(latencies) <= policy.TargetRelativeHalfWidth;
        }
    }

    private static long ToNanoseconds(long timestamp) => (long)(timestamp * (1e9 / Stopwatch.Frequency));
}
