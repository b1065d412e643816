namespace CnnPerf.Frameworks.Managed.Kernels.Scalar;

/// <summary>
/// The reference convolution: the textbook seven nested loops in double precision, with bias, residual and a
/// clamp. Every convolution technique is checked against it.
/// </summary>
internal static class ScalarConvolution
{
    /// <summary>Convolves one image ([IC, H, W]) with weights [OC, IC/g, KH, KW].</summary>
    public static float[] Run(ConvolutionGeometry g, float[] input, float[] weights, float[] bias, float[]? residual, Activation activation)
    {
        var output = new float[g.OutChannels * g.OutPlane];
        for (var o = 0; o < g.OutChannels; o++)
        {
            var group = o / g.OutChannelsPerGroup;
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                for (var ox = 0; ox < g.OutWidth; ox++)
                {
                    double sum = bias[o];
                    for (var c = 0; c < g.InChannelsPerGroup; c++)
                    {
                        var channel = group * g.InChannelsPerGroup + c;
                        for (var ky = 0; ky < g.KernelHeight; ky++)
                        {
                            var iy = g.InputRow(oy, ky);
                            for (var kx = 0; kx < g.KernelWidth; kx++)
                            {
                                var ix = g.InputColumn(ox, kx);
                                if (iy >= 0 && iy < g.InHeight && ix >= 0 && ix < g.InWidth)
                                {
                                    sum += (double)weights[((o * g.InChannelsPerGroup + c) * g.KernelHeight + ky) * g.KernelWidth + kx]
                                        * input[(channel * g.InHeight + iy) * g.InWidth + ix];
                                }
                            }
                        }
                    }
                    var index = o * g.OutPlane + oy * g.OutWidth + ox;
                    if (residual is not null)
                    {
                        sum += residual[index];
                    }
                    output[index] = Math.Min(Math.Max((float)sum, activation.Low), activation.High);
                }
            }
        }
        return output;
    }
}
