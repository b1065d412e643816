using System.Numerics;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>Vectorised reductions and element-wise operations on float arrays.</summary>
internal static unsafe class VectorMath
{
    /// <summary>Sum of <paramref name="count"/> values.</summary>
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

    /// <summary><c>output = clamp(input * scale + shift)</c> for <paramref name="count"/> values.</summary>
    public static void ScaleShiftClamp(float* input, float* output, int count, float scale, float shift, Activation activation)
    {
        var s = new Vector<float>(scale);
        var t = new Vector<float>(shift);
        var lo = new Vector<float>(activation.Low);
        var hi = new Vector<float>(activation.High);
        var i = 0;
        for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Store(Vector.Min(Vector.Max(Vector.FusedMultiplyAdd(Vector.Load(input + i), s, t), lo), hi), output + i);
        }
        for (; i < count; i++)
        {
            output[i] = Math.Min(Math.Max(input[i] * scale + shift, activation.Low), activation.High);
        }
    }

    /// <summary><c>output = clamp(a + b)</c> for <paramref name="count"/> values.</summary>
    public static void AddClamp(float* a, float* b, float* output, int count, Activation activation)
    {
        var lo = new Vector<float>(activation.Low);
        var hi = new Vector<float>(activation.High);
        var i = 0;
        for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Store(Vector.Min(Vector.Max(Vector.Load(a + i) + Vector.Load(b + i), lo), hi), output + i);
        }
        for (; i < count; i++)
        {
            output[i] = Math.Min(Math.Max(a[i] + b[i], activation.Low), activation.High);
        }
    }
}
