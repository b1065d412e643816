namespace CnnPerf.Power;

/// <summary>
/// Records power beside a workload: started before it, stopped after it. Made by
/// <see cref="PowerMeterFactory.CreateRecorder"/> from a spec; a live meter is sampled on its own thread
/// (<see cref="PowerSampler"/>), an external log is read at the end (<see cref="PowerLogRecorder"/>).
/// </summary>
public interface IPowerRecorder : IDisposable
{
    /// <summary>The meter's name.</summary>
    string Meter { get; }

    /// <summary>Starts recording. Returns at once.</summary>
    void Start();

    /// <summary>Stops recording and returns everything recorded, never throwing for a meter failure.</summary>
    PowerCapture Stop();
}
