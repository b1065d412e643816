namespace CnnPerf.Frameworks.Preprocessing;

/// <summary>The order of the colour planes in a model's input tensor.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue (torchvision and most ONNX exports).</summary>
    Rgb,
    /// <summary>Blue, green, red (Caffe and OpenCV conventions).</summary>
    Bgr,
}
