using CnnPerf.Features;

namespace CnnPerf.Modeling;

/// <summary>Turns the static features of a layer (<see cref="LayerFeatures"/>) into the input of the layer-wise predictor.</summary>
public static class LayerFeatureVector
{
    /// <summary>Names of the feature values, in order: MACs, parameters, input and output activation bytes, kernel area, stride product.</summary>
    public static IReadOnlyList<string> Names { get; } = ["macs", "parameters", "input_bytes", "output_bytes", "kernel_area", "stride"];

    /// <summary>
    /// The layer type the per-type models key on: the ONNX operator, with convolutions split into <c>Conv</c>,
    /// <c>Conv/depthwise</c> (one group per input channel) and <c>Conv/grouped</c>, whose cost per MAC differs widely.
    /// </summary>
    public static string LayerType(LayerFeatures layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer.OpType != "Conv" || layer.Groups <= 1)
        {
            return layer.OpType;
        }

        var inputChannels = layer.InputShape.Count > 1 ? layer.InputShape[1] : 0;
        return layer.Groups == inputChannels ? "Conv/depthwise" : "Conv/grouped";
    }

    /// <summary>The predictor input of one layer (features in the order of <see cref="Names"/>).</summary>
    public static LayerInput ToInput(LayerFeatures layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return new LayerInput(
            layer.NodeName,
            LayerType(layer),
            [
                layer.Macs,
                layer.Parameters,
                layer.InputActivationBytes,
                layer.OutputActivationBytes,
                Product(layer.KernelShape),
                Product(layer.Strides),
            ]);
    }

    private static double Product(IReadOnlyList<long> values) => values.Count == 0 ? 0 : values.Aggregate(1.0, (product, v) => product * v);
}
