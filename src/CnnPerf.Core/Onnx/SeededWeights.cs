namespace CnnPerf.Onnx;

/// <summary>
/// Deterministic pseudo-random weights: xoshiro256** seeded through SplitMix64, turned into uniform deviates
/// with only IEEE arithmetic (no transcendental functions, whose last bit may differ between C libraries), so
/// the same seed gives bit-identical values on every machine and .NET version.
/// </summary>
internal sealed class SeededWeights
{
    private static readonly double SqrtThree = Math.Sqrt(3.0);

    private ulong _s0, _s1, _s2, _s3;

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

    /// <summary>
    /// <paramref name="count"/> values drawn uniformly with the given mean and standard deviation, that is
    /// from <c>[mean - sqrt(3) sd, mean + sqrt(3) sd)</c> (He-uniform when <c>sd = sqrt(2 / fan_in)</c>).
    /// </summary>
    public float[] Uniform(long count, double mean, double standardDeviation)
    {
        var halfWidth = SqrtThree * standardDeviation;
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)(mean + halfWidth * (2.0 * NextUniform() - 1.0));
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
