namespace CnnPerf.Models;

/// <summary>
/// A model on disk that backends can load: an ONNX file, or a Caffe pair (<c>.prototxt</c> plus
/// <c>.caffemodel</c>) for backends that import Caffe.
/// </summary>
/// <param name="Name">Name used in results (a zoo name such as <c>resnet18</c>, or the file name without extension).</param>
/// <param name="Path">The ONNX file, or the Caffe <c>.prototxt</c>.</param>
/// <param name="Format">The file format.</param>
/// <param name="WeightsPath">The Caffe <c>.caffemodel</c>; null for ONNX.</param>
public sealed record ModelSource(string Name, string Path, ModelFormat Format, string? WeightsPath = null)
{
    /// <summary>An ONNX file; the name is the file name without extension.</summary>
    public static ModelSource FromOnnxFile(string path) =>
        new(System.IO.Path.GetFileNameWithoutExtension(path), System.IO.Path.GetFullPath(path), ModelFormat.Onnx);

    /// <summary>A Caffe model from its network description and weights.</summary>
    public static ModelSource FromCaffe(string prototxtPath, string caffemodelPath) =>
        new(System.IO.Path.GetFileNameWithoutExtension(prototxtPath), System.IO.Path.GetFullPath(prototxtPath), ModelFormat.Caffe, System.IO.Path.GetFullPath(caffemodelPath));
}
