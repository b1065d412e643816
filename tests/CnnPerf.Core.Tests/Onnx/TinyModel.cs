using CnnPerf.Models;
using CnnPerf.Onnx;

namespace CnnPerf.Core.Tests.Onnx;

/// <summary>A real, minimal ONNX file (Relu of a [1,4] input) for tests whose backend is a fake but whose runner reads the model.</summary>
internal static class TinyModel
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("cnnperf-core-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    /// <summary>The model saved under <paramref name="name"/> in the test process's temporary folder.</summary>
    public static ModelSource Save(string name)
    {
        var path = Path.Combine(Folder.Value, $"{name}.onnx");
        new OnnxModelWriter(name).Input("x", 1, 4).Output("y", 1, 4).Node("Relu", "relu", ["x"], ["y"]).Save(path);
        return new ModelSource(name, path, ModelFormat.Onnx);
    }
}
