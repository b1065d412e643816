using CnnPerf.Models;

namespace CnnPerf.Frameworks.Tests.TestModels;

/// <summary>Model files the tests use besides the tiny generated graphs.</summary>
internal static class TestModelFiles
{
    /// <summary>Writes a copy of <paramref name="source"/> cut to half its length.</summary>
    public static ModelSource Truncated(ModelSource source, string directory)
    {
        var bytes = File.ReadAllBytes(source.Path);
        var path = Path.Combine(directory, source.Name + "_truncated.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        return ModelSource.FromOnnxFile(path);
    }

    /// <summary>Writes a file of seeded random bytes with an .onnx extension.</summary>
    public static ModelSource Corrupt(string directory)
    {
        var bytes = new byte[4096];
        new Random(11).NextBytes(bytes);
        var path = Path.Combine(directory, "corrupt.onnx");
        File.WriteAllBytes(path, bytes);
        return ModelSource.FromOnnxFile(path);
    }
}
