namespace CnnPerf.Models;

/// <summary>The file format of a model.</summary>
public enum ModelFormat
{
    /// <summary>An ONNX protobuf file.</summary>
    Onnx,
    /// <summary>A Caffe network description (.prototxt) with its weights (.caffemodel).</summary>
    Caffe,
}
