namespace CnnPerf.Power;

/// <summary>
/// Samples a live meter on its own background thread, timestamping every sample with CLOCK_MONOTONIC
/// (<see cref="MonotonicClock"/>), so the workload never waits for the meter. A reading that is not a finite number
/// of watts counts as a failed read. When the meter fails several times
/// in a row or stalls, the capture is marked incomplete and keeps the samples taken so far; the workload goes on.
/// The sampler owns the meter and disposes it.
/// </summary>
public sealed class PowerSampler : IPowerRecorder
{
    private readonly IPowerMeter _meter;
    private readonly PowerSamplerOptions _options;
    private readonly List<PowerSample> _samples = new(4096);
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _stopRequested = new();
    private Thread? _thread;
    private double _start;
    private int _failedReads;
    private string? _failure;
    private PowerCapture? _capture;

    /// <summary>Creates a sampler for <paramref name="meter"/>, which it takes ownership of.</summary>
    public PowerSampler(IPowerMeter meter, PowerSamplerOptions? options = null)
    {
        _meter = meter;
        _options = options ?? PowerSamplerOptions.Default;
        Interval = _options.Interval is { } wanted && wanted > meter.MinimumInterval ? wanted : meter.MinimumInterval;
    }

    /// <inheritdoc/>
    public string Meter => _meter.Name;

    /// <summary>Time between reads: the larger of the requested interval and the meter's minimum (zero: back to back).</summary>
    public TimeSpan Interval { get; }

    /// <summary>Samples taken so far.</summary>
    public int SampleCount
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    /// <summary>Why the capture is already incomplete (the meter failed or stalled), or null while all is well.</summary>
    public string? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("the power sampler was already started");
        }
        _start = MonotonicClock.Now;
        _thread = new Thread(Run) { IsBackground = true, Name = $"power sampler ({Meter})" };
        _thread.Start();
    }

    /// <inheritdoc/>
    public PowerCapture Stop()
    {
        if (_capture is not null)
        {
            return _capture;
        }
        _stopRequested.Set();
        var finished = _thread?.Join(_options.StallTimeout + Interval) ?? true;
        var end = MonotonicClock.Now;
        lock (_gate)
        {
            if (!finished)
            {
                _failure ??= $"{Meter} stalled: a read did not return within {_options.StallTimeout.TotalSeconds:0.###} s";
            }
            _capture = new PowerCapture(Meter, _samples.ToArray(), _thread is null ? end : _start, end, _failedReads, _failure);
            return _capture;
        }
    }

    /// <summary>Stops sampling if needed and disposes the meter.</summary>
    public void Dispose()
    {
        Stop();
        _meter.Dispose();
    }

    private void Run()
    {
        var interval = Interval.TotalSeconds;
        var previous = _start;
        var next = _start;
        var failuresInARow = 0;
        while (!_stopRequested.IsSet)
        {
            bool ok;
            PowerReading reading;
            string? why;
            try
            {
                ok = _meter.TryRead(out reading, out why);
            }
            catch (Exception e)
            {
                (ok, reading, why) = (false, default, $"{e.GetType().Name}: {e.Message}");
            }
            if (ok && !double.IsFinite(reading.Watts))
            {
                (ok, why) = (false, $"{Meter} read {reading.Watts} W, not a number of watts");
            }
            var now = MonotonicClock.Now;
            lock (_gate)
            {
                if (now - previous > _options.StallTimeout.TotalSeconds)
                {
                    _failure ??= $"{Meter} stalled for {now - previous:0.###} s at +{previous - _start:0.###} s";
                }
                previous = now;
                if (ok)
                {
                    _samples.Add(new PowerSample(now, reading.Watts, reading.Joules));
                    failuresInARow = 0;
                }
                else
                {
                    _failedReads++;
                    if (++failuresInARow >= _options.MaxConsecutiveFailures)
                    {
                        _failure ??= $"{Meter} failed at +{now - _start:0.###} s ({failuresInARow} reads in a row): {why}";
                        return;
                    }
                }
            }
            next += interval;
            var wait = next - MonotonicClock.Now;
            if (wait > 0)
            {
                _stopRequested.Wait(TimeSpan.FromSeconds(wait));
            }
            else
            {
                next = MonotonicClock.Now;
            }
        }
    }
}
