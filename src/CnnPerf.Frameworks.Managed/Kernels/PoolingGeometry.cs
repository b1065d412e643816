namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>The shape of a 2-D max or average pooling of one image (output size already resolved, ceil mode included).</summary>
internal sealed record PoolingGeometry(
    int Channels, int InHeight, int InWidth, int OutHeight, int OutWidth,
    int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth,
    int PadTop, int PadLeft, int PadBottom, int PadRight, bool IsMax, bool CountIncludePad)
{
    /// <summary>Output size for one dimension, floor or ceil mode.</summary>
    public static int OutputSize(int input, int kernel, int stride, int padBegin, int padEnd, bool ceil)
    {
        var span = input + padBegin + padEnd - kernel;
        var size = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        // In ceil mode the last window must start inside the input or the leading padding.
        if (ceil && (size - 1) * stride >= input + padBegin)
        {
            size--;
        }
        return size;
    }
}
