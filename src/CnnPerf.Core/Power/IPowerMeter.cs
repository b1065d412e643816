namespace CnnPerf.Power;

/// <summary>
/// A live power meter: reads one sample when asked, or says why it could not. Implementations may block for
/// up to one conversion or frame; a <see cref="PowerSampler"/> calls them from its own thread.
/// </summary>
public interface IPowerMeter : IDisposable
{
    /// <summary>Short name of the meter kind, for example <c>ina219</c>, <c>um25c</c>, <c>rapl</c>.</summary>
    string Name { get; }

    /// <summary>The shortest useful time between two reads (the device's own update period).</summary>
    TimeSpan MinimumInterval { get; }

    /// <summary>Reads one sample.</summary>
    /// <param name="reading">The sample when the read succeeded.</param>
    /// <param name="failure">Why the read failed (one line), when it did.</param>
    /// <returns>True when <paramref name="reading"/> holds a sample.</returns>
    bool TryRead(out PowerReading reading, out string? failure);
}
