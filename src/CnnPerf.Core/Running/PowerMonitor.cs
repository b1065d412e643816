using CnnPerf.Metrics;
using CnnPerf.Power;

namespace CnnPerf.Running;

/// <summary>
/// Records power on the host while each configuration runs (in a worker or in process) and adds the power and
/// energy metrics of its measured phase (<see cref="PowerMetrics"/>) and the samples to its result. The phase
/// boundaries and the samples share CLOCK_MONOTONIC, so a worker's phases line up with the host's samples.
/// </summary>
public sealed class PowerMonitor : IConfigurationMonitor, IDisposable
{
    private readonly Func<IPowerRecorder> _createRecorder;
    private IPowerRecorder? _recorder;

    /// <summary>Creates the monitor.</summary>
    /// <param name="createRecorder">Creates the recorder of one configuration (for example <see cref="PowerMeterFactory.CreateRecorder"/>); the monitor disposes it.</param>
    public PowerMonitor(Func<IPowerRecorder> createRecorder)
    {
        _createRecorder = createRecorder;
    }

    /// <inheritdoc />
    public void Start(RunConfiguration configuration)
    {
        _recorder?.Dispose();
        _recorder = _createRecorder();
        _recorder.Start();
        WaitForNextSample(_recorder);
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
                return result with { Power = capture.Samples };
            }
            var measured = new PowerPhase(result.Phases.MeasuredStartNs / 1e9, result.Phases.MeasuredEndNs / 1e9);
            var summary = PowerMetrics.Compute(capture, measured, inferences);
            return result with { Metrics = [.. result.Metrics, .. summary.Values], Power = capture.Samples };
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
