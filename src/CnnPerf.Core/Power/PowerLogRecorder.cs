using CnnPerf.Native.Power.Logs;

namespace CnnPerf.Power;

/// <summary>
/// Records power from an external CSV log (see <see cref="PowerLog"/>) written by another instrument: at
/// <see cref="Stop"/> it reads the log and maps its wall-clock times onto the monotonic timeline, keeping the
/// entries that cover the recording (plus one on each side for interpolation at the boundaries).
/// </summary>
public sealed class PowerLogRecorder : IPowerRecorder
{
    private readonly string _path;
    private double _start = double.NaN;

    /// <summary>Creates a recorder for the log at <paramref name="path"/>.</summary>
    public PowerLogRecorder(string path)
    {
        _path = path;
    }

    /// <inheritdoc/>
    public string Meter => "csv";

    /// <inheritdoc/>
    public void Start() => _start = MonotonicClock.Now;

    /// <inheritdoc/>
    public PowerCapture Stop()
    {
        var end = MonotonicClock.Now;
        var start = double.IsNaN(_start) ? end : _start;
        IReadOnlyList<PowerLogEntry> entries;
        try
        {
            entries = PowerLog.Load(_path);
        }
        catch (CnnPerfException e)
        {
            return new PowerCapture(Meter, [], start, end, 0, e.Message);
        }
        catch (IOException e)
        {
            return new PowerCapture(Meter, [], start, end, 0, $"cannot read {_path}: {e.Message}");
        }
        var aligned = Align(entries, MonotonicClock.FromUnixSeconds(0));
        return new PowerCapture(Meter, Window(aligned, start, end), start, end, 0, null);
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    /// <summary>Log entries as samples on the monotonic timeline, given the monotonic time of the Unix epoch.</summary>
    public static IReadOnlyList<PowerSample> Align(IReadOnlyList<PowerLogEntry> entries, double monotonicAtUnixEpoch) =>
        entries.Select(e => new PowerSample(monotonicAtUnixEpoch + e.UnixSeconds, e.Watts)).ToArray();

    /// <summary>The samples inside [start, end] plus the nearest one before and after.</summary>
    public static IReadOnlyList<PowerSample> Window(IReadOnlyList<PowerSample> samples, double start, double end)
    {
        var first = 0;
        while (first + 1 < samples.Count && samples[first + 1].Seconds <= start)
        {
            first++;
        }
        var last = samples.Count - 1;
        while (last - 1 >= 0 && samples[last - 1].Seconds >= end)
        {
            last--;
        }
        return last < first ? [] : samples.Skip(first).Take(last - first + 1).ToArray();
    }
}
