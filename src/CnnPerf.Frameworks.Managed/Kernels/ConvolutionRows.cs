using System.Numerics;
using System.Runtime.CompilerServices;

namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>Vectorised row operations shared by the direct and depthwise convolutions.</summary>
internal static unsafe class ConvolutionRows
{
    /// <summary><c>output[ox] += weight * input[ox * stride + offset]</c> for ox in [first, end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(float* output, float* input, float weight, int first, int end, int stride, int offset)
    {
        var ox = first;
        if (stride == 1)
        {
            var w = new Vector<float>(weight);
            var source = input + offset;
            for (; ox <= end - Vector<float>.Count; ox += Vector<float>.Count)
            {
                Vector.Store(Vector.FusedMultiplyAdd(w, Vector.Load(source + ox), Vector.Load(output + ox)), output + ox);
            }
        }
        for (; ox < end; ox++)
        {
            output[ox] += weight * input[ox * stride + offset];
        }
    }

    /// <summary>Adds bias and residual (may be null) to <paramref name="count"/> values and clamps them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Finish(float* values, int count, float bias, float* residual, float low, float high)
    {
        var b = new Vector<float>(bias);
        var lo = new Vector<float>(low);
        var hi = new Vector<float>(high);
        var i = 0;
        for (; i <= count - Vector<float>.Count; i += Vector<float>.Count)
        {
            var v = Vector.Load(values + i) + b;
            if (residual != null)
            {
                v += Vector.Load(residual + i);
            }
            Vector.Store(VectorMath.Clamp(v, lo, hi), values + i);
        }
        for (; i < count; i++)
        {
            var v = values[i] + bias + (residual == null ? 0f : residual[i]);
            values[i] = Math.Min(Math.Max(v, low), high);
        }
    }
}
