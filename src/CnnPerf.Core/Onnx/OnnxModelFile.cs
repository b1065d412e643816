using Google.Protobuf;

namespace CnnPerf.Onnx;

/// <summary>Reads and writes ONNX model files.</summary>
public static class OnnxModelFile
{
    /// <summary>Reads an ONNX model.</summary>
    /// <exception cref="CnnPerfException">The file is missing, truncated, corrupt or has no graph.</exception>
    public static ModelProto Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CnnPerfException($"ONNX file not found: {path}");
        }
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CnnPerfException($"'{path}' is not a valid ONNX file (corrupt or truncated protobuf: {e.Message})", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
        {
            throw new CnnPerfException($"'{path}' is not a valid ONNX file: it holds no graph nodes");
        }
        return model;
    }

    /// <summary>
    /// Writes an ONNX model atomically: to a temporary file unique to this call first, then renamed, so
    /// concurrent writers (threads or processes) of the same path never leave or read a partial file.
    /// </summary>
    public static void Save(ModelProto model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
            {
                model.WriteTo(stream);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
