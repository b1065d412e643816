using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>Vectorised reductions and element-wise operations on float arrays.</summary>
internal static unsafe class VectorMath
{
    /// <summary>Sum of <paramref name="count"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Sum(float* values, int count)
    {
        var acc = Vector<float>.Zero;
        var i = 0;
        for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
        {
            acc += Vector.Load(values + i);
        }
        var sum = Vector.Sum(acc);
        for (; i < count; i++)
        {
            sum += values[i];
        }
        return sum;
    }

    /// <summary>Dot product of two arrays of <paramref name="count"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(float* a, float* b, int count)
    {
        Vector<float> acc0 = Vector<float>.Zero, acc1 = Vector<float>.Zero;
        var w = Vector<float>.Count;
        var i = 0;
        for (; i <= count - 2 * w; i += 2 * w)
        {
            acc0 = Vector.FusedMultiplyAdd(Vector.Load(a + i), Vector.Load(b + i), acc0);
            acc1 = Vector.FusedMultiplyAdd(Vector.Load(a + i + w), Vector.Load(b + i + w), acc1);
        }
        var sum = Vector.Sum(acc0 + acc1);
        for (; i < count; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /// <summary>
    /// Dot products of <paramref name="a"/> with four rows of <paramref name="count"/> values, <paramref name="stride"/>
    /// floats apart, starting at <paramref name="b"/>: each vector of <paramref name="a"/> is loaded once for all
    /// four, and eight independent accumulators keep the multiply-adds from waiting on each other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot4(float* a, float* b, long stride, int count, float* results)
    {
        Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector<float> t0 = default, t1 = default, t2 = default, t3 = default;
        float* b0 = b, b1 = b + stride, b2 = b + 2 * stride, b3 = b + 3 * stride;
        var w = Vector<float>.Count;
        var i = 0;
        for (; i <= count - 2 * w; i += 2 * w)
        {
            var x = Vector.Load(a + i);
            var y = Vector.Load(a + i + w);
            s0 = Vector.FusedMultiplyAdd(x, Vector.Load(b0 + i), s0);
            t0 = Vector.FusedMultiplyAdd(y, Vector.Load(b0 + i + w), t0);
            s1 = Vector.FusedMultiplyAdd(x, Vector.Load(b1 + i), s1);
            t1 = Vector.FusedMultiplyAdd(y, Vector.Load(b1 + i + w), t1);
            s2 = Vector.FusedMultiplyAdd(x, Vector.Load(b2 + i), s2);
            t2 = Vector.FusedMultiplyAdd(y, Vector.Load(b2 + i + w), t2);
            s3 = Vector.FusedMultiplyAdd(x, Vector.Load(b3 + i), s3);
            t3 = Vector.FusedMultiplyAdd(y, Vector.Load(b3 + i + w), t3);
        }
        results[0] = Vector.Sum(s0 + t0);
        results[1] = Vector.Sum(s1 + t1);
        results[2] = Vector.Sum(s2 + t2);
        results[3] = Vector.Sum(s3 + t3);
        for (; i < count; i++)
        {
            results[0] += a[i] * b0[i];
            results[1] += a[i] * b1[i];
            results[2] += a[i] * b2[i];
            results[3] += a[i] * b3[i];
        }
    }

    /// <summary>
    /// Clamps each lane to [<paramref name="low"/>, <paramref name="high"/>] with the CPU's own minimum and maximum,
    /// one instruction each (the IEEE <see cref="Vector.Min{T}"/> and <see cref="Vector.Max{T}"/> take three each on
    /// x86-64). The value goes second, where x86-64 returns a NaN operand, so a NaN stays NaN on every CPU; a
    /// negative zero may stay negative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Clamp(Vector<float> value, Vector<float> low, Vector<float> high) =>
        Vector.MinNative(high, Vector.MaxNative(low, value));

    /// <summary>The 512-bit form of <see cref="Clamp(Vector{float}, Vector{float}, Vector{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Clamp(Vector512<float> value, Vector512<float> low, Vector512<float> high) =>
        Vector512.MinNative(high, Vector512.MaxNative(low, value));

    /// <summary><c>output = clamp(input * scale + shift)</c> for <paramref name="count"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScaleShiftClamp(float* input, float* output, int count, float scale, float shift, Activation activation)
    {
        var s = new Vector<float>(scale);
        var t = new Vector<float>(shift);
        var lo = new Vector<float>(activation.Low);
        var hi = new Vector<float>(activation.High);
        var i = 0;
        for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Store(Clamp(Vector.FusedMultiplyAdd(Vector.Load(input + i), s, t), lo, hi), output + i);
        }
        for (; i < count; i++)
        {
            output[i] = Math.Min(Math.Max(input[i] * scale + shift, activation.Low), activation.High);
        }
    }

    /// <summary><c>output = clamp(a + b)</c> for <paramref name="count"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddClamp(float* a, float* b, float* output, int count, Activation activation)
    {
        var lo = new Vector<float>(activation.Low);
        var hi = new Vector<float>(activation.High);
        var i = 0;
        for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Store(Clamp(Vector.Load(a + i) + Vector.Load(b + i), lo, hi), output + i);
        }
        for (; i < count; i++)
        {
            output[i] = Math.Min(Math.Max(a[i] + b[i], activation.Low), activation.High);
        }
    }

    /// <summary>Zeroes <paramref name="count"/> floats: a short run (a row's border, a few vectors) without a call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(float* target, int count)
    {
        var i = 0;
        for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Store(Vector<float>.Zero, target + i);
        }
        for (; i < count; i++)
        {
            target[i] = 0f;
        }
    }

    /// <summary>Copies <paramref name="count"/> floats that do not overlap: a short run (one image row) without a call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(float* source, float* target, int count)
    {
        var i = 0;
        for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Store(Vector.Load(source + i), target + i);
        }
        for (; i < count; i++)
        {
            target[i] = source[i];
        }
    }

    /// <summary>Splits <c>2 * count</c> values into the even-indexed ones and the odd-indexed ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Deinterleave(float* source, float* even, float* odd, int count)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var order = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            for (; i <= count - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var first = Vector256.Shuffle(Vector256.Load(source + 2 * i), order);
                var second = Vector256.Shuffle(Vector256.Load(source + 2 * i + Vector256<float>.Count), order);
                Vector256.Create(first.GetLower(), second.GetLower()).Store(even + i);
                Vector256.Create(first.GetUpper(), second.GetUpper()).Store(odd + i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var low = Vector128.Create(0, 2, 0, 2);
            var high = Vector128.Create(1, 3, 1, 3);
            for (; i <= count - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var first = Vector128.Load(source + 2 * i);
                var second = Vector128.Load(source + 2 * i + Vector128<float>.Count);
                Vector128.Create(Vector128.Shuffle(first, low).GetLower(), Vector128.Shuffle(second, low).GetLower()).Store(even + i);
                Vector128.Create(Vector128.Shuffle(first, high).GetLower(), Vector128.Shuffle(second, high).GetLower()).Store(odd + i);
            }
        }
        for (; i < count; i++)
        {
            even[i] = source[2 * i];
            odd[i] = source[2 * i + 1];
        }
    }
}
