namespace CnnPerf.Frameworks.Managed.Kernels;

/// <summary>The shape of a 2-D max or average pooling of one image (output size already resolved by <see cref="CnnPerf.Onnx.SpatialWindow"/>, ceil mode included).</summary>
internal sealed record PoolingGeometry(
    int Channels, int InHeight, int InWidth, int OutHeight, int OutWidth,
    int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth,
    int PadTop, int PadLeft, int PadBottom, int PadRight, bool IsMax, bool CountIncludePad);
