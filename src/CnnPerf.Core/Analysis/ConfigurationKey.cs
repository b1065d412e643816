namespace CnnPerf.Analysis;

/// <summary>Identifies one measured configuration of a study: a model run by a backend at a thread count.</summary>
/// <param name="Model">Model name (zoo name or file name).</param>
/// <param name="Backend">Backend name, for example <c>onnxruntime</c>.</param>
/// <param name="Threads">Thread count the backend was asked to use.</param>
public sealed record ConfigurationKey(string Model, string Backend, int Threads)
{
    /// <summary>A short label such as <c>resnet18/onnxruntime/2t</c>.</summary>
    public override string ToString() => $"{Model}/{Backend}/{Threads}t";
}
