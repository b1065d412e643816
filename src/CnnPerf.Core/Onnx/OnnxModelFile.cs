namespace CnnPerf.Onnx;

/// <summary>Writes ONNX model files (<see cref="OnnxModel.Load(string, string?, bool)"/> reads them).</summary>
public static class OnnxModelFile
{
    /// <summary>
    /// Writes the bytes of an ONNX model atomically: to a temporary file unique to this call first, then renamed, so
    /// concurrent writers (threads or processes) of the same path never leave or read a partial file.
    /// </summary>
    public static void Save(byte[] model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, model);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
