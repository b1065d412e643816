namespace CnnPerf.Onnx;

/// <summary>
/// Deterministic pseudo-random weights (xoshiro256** seeded through SplitMix64, normal deviates by
/// Box-Muller): the same seed gives the same values on every machine and .NET version.
/// </summary>
internal sealed class SeededWeights
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareNormal;

    /// <summary>Starts the generator from <paramref name="seed"/>.</summary>
    public SeededWeights(long seed)
    {
        var x = unchecked((ulong)seed);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A uniform deviate in [0, 1) with 53 random bits.</summary>
    public double NextUniform() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal deviate.</summary>
    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        double u1;
        do
        {
            u1 = NextUniform();
        }
        while (u1 <= double.Epsilon);
        var u2 = NextUniform();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = radius * Math.Sin(2.0 * Math.PI * u2);
        return radius * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary><paramref name="count"/> normal values with the given mean and standard deviation.</summary>
    public float[] Normal(long count, double mean, double standardDeviation)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)(mean + standardDeviation * NextNormal());
        }
        return values;
    }

    /// <summary><paramref name="count"/> log-normal values whose logarithm has mean 0 and the given spread.</summary>
    public float[] LogNormal(long count, double logStandardDeviation)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)Math.Exp(logStandardDeviation * NextNormal());
        }
        return values;
    }

    private ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
