using CnnPerf.Backends;
using CnnPerf.Frameworks.Validation;
using CnnPerf.Models;

namespace CnnPerf.Frameworks.OpenCv;

/// <summary>
/// OpenCV's DNN module (through OpenCvSharp) with its own OPENCV backend on the CPU target. Reads ONNX files
/// and Caffe models (<c>.prototxt</c> + <c>.caffemodel</c>); <see cref="BackendOptions.Threads"/> sets OpenCV's
/// thread count (a process-wide setting in OpenCV, so every load and run sets it again); per-layer timings
/// come from OpenCV's performance profile. No backend-specific settings.
/// When OpenCV's native library cannot load (typically <c>libgtk-3.so.0</c> missing) the backend reports
/// itself unavailable instead of failing.
/// </summary>
public sealed class OpenCvBackend : IInferenceBackend
{
    /// <summary>The backend's name, <c>opencv</c>.</summary>
    public const string BackendName = "opencv";

    private static readonly Lazy<BackendAvailability> SystemAvailability = new(() => OpenCvNativeProbe.System.Probe());

    private readonly Lazy<BackendAvailability> _availability;

    /// <summary>Creates the backend; the native library is probed on first use of <see cref="Availability"/>.</summary>
    public OpenCvBackend() => _availability = SystemAvailability;

    /// <summary>Creates the backend over a given probe (for tests that simulate a missing library).</summary>
    internal OpenCvBackend(OpenCvNativeProbe probe) => _availability = new Lazy<BackendAvailability>(probe.Probe);

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string? Version => Availability.IsAvailable ? OpenCvSharp.Cv2.GetVersionString() : null;

    /// <inheritdoc />
    public BackendAvailability Availability => _availability.Value;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(PreparedModel model, BackendOptions options) => [.. Problems(model, options).Select(p => p.Message)];

    /// <inheritdoc />
    public IInferenceSession Load(PreparedModel model, BackendOptions options)
    {
        BackendChecks.ThrowIfAny(Problems(model, options));
        return OpenCvSession.Open(model, options);
    }

    private List<InferenceException> Problems(PreparedModel model, BackendOptions options) =>
        BackendChecks.Check(BackendName, Availability, model, options, [], [ModelFormat.Onnx, ModelFormat.Caffe]);
}
