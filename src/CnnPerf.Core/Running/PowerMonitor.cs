using CnnPerf.Metrics;
using CnnPerf.Power;

namespace CnnPerf.Running;

/// <summary>
/// Records power on the host while each configuration runs (in a worker or in process) and adds the power and
/// energy metrics of its measured phase (<see cref="PowerMetrics"/>), the samples and whether they are complete
/// (<see cref="RunResult.PowerStatus"/>) to its result. The phase
/// boundaries and the samples share CLOCK_MONOTONIC, so a worker's phases line up with the host's samples.
/// Before each configuration starts, the monitor records an idle baseline (nothing runs for
/// <see cref="IdleDuration"/>), which gives <c>power.idle_w</c> and the dynamic energy per inference.
/// </summary>
public sealed class PowerMonitor : IConfigurationMonitor, IDisposable
{
    private readonly Func<IPowerRecorder> _createRecorder;
    private IPowerRecorder? _recorder;
    private PowerPhase? _idle;

    /// <summary>Creates the monitor.</summary>
    /// <param name="createRecorder">Creates the recorder of one configuration (for example <see cref="PowerMeterFactory.CreateRecorder"/>); the monitor disposes it.</param>
    /// <param name="idleDuration">How long the idle baseline before each configuration lasts; null for one second, zero for none.</param>
    public PowerMonitor(Func<IPowerRecorder> createRecorder, TimeSpan? idleDuration = null)
    {
        _createRecorder = createRecorder;
        IdleDuration = idleDuration ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>Length of the idle baseline recorded before each configuration (zero: none).</summary>
    public TimeSpan IdleDuration { get; }

    /// <inheritdoc />
    public void Start(RunConfiguration configuration)
    {
        _recorder?.Dispose();
        _recorder = _createRecorder();
        _recorder.Start();
        WaitForNextSample(_recorder);
        _idle = null;
        if (IdleDuration > TimeSpan.Zero)
        {
            var start = MonotonicClock.Now;
            Thread.Sleep(IdleDuration);
            _idle = new PowerPhase(start, MonotonicClock.Now);
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException"><see cref="Start"/> was not called.</exception>
    public RunResult Complete(RunResult result)
    {
        var recorder = _recorder ?? throw new InvalidOperationException("the power monitor was not started");
        _recorder = null;
        using (recorder)
        {
            WaitForNextSample(recorder);
            var capture = recorder.Stop();
            var inferences = (long)result.ValueOf(MetricIds.MeasuredInferences);
            if (result.Phases.MeasuredEndNs <= result.Phases.MeasuredStartNs || !(inferences > 0))
            {
                return result with { Power = capture.Samples, PowerStatus = capture.Status };
            }
            var measured = new PowerPhase(result.Phases.MeasuredStartNs / 1e9, result.Phases.MeasuredEndNs / 1e9);
            var summary = PowerMetrics.Compute(capture, measured, inferences, _idle);
            return result with { Metrics = [.. result.Metrics, .. summary.Values], Power = capture.Samples, PowerStatus = summary.Status };
        }
    }

    /// <summary>
    /// Waits (at most <see cref="SampleWait"/>) until a live sampler takes its next sample, so that the samples
    /// begin before the configuration starts and end after its measured phase ended: energy needs both ends.
    /// </summary>
    private static void WaitForNextSample(IPowerRecorder recorder)
    {
        if (recorder is not PowerSampler sampler)
        {
            return;
        }
        var count = sampler.SampleCount;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (sampler.SampleCount == count && sampler.Failure is null && waited.Elapsed < SampleWait)
        {
            Thread.Sleep(1);
        }
    }

    private static readonly TimeSpan SampleWait = TimeSpan.FromSeconds(2);

    /// <summary>Stops and disposes a recorder left running.</summary>
    public void Dispose()
    {
        _recorder?.Dispose();
        _recorder = null;
    }
}
