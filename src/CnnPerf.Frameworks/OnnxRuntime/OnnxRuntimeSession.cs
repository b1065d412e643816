using CnnPerf.Backends;
using CnnPerf.Models;
using Microsoft.ML.OnnxRuntime;
using Tensor = CnnPerf.Backends.Tensor;
using CnnPerf.Frameworks.Inspection;

namespace CnnPerf.Frameworks.OnnxRuntime;

/// <summary>
/// A model loaded into an ONNX Runtime <see cref="InferenceSession"/>. Runs bind the caller's tensor arrays
/// directly (pinned <see cref="OrtValue"/>s, reused while the caller passes the same tensors). The shapes come from
/// the graph view; the session keeps only the node names it needs for messages, not the view.
/// </summary>
internal sealed class OnnxRuntimeSession : IInferenceSession
{
    private const int ProfileWarmupRuns = 1;

    private readonly ModelSource _model;
    private readonly NodeIndex _nodes;
    private readonly BackendOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputValues = new OrtValue[1];
    private readonly OrtValue[] _outputValues = new OrtValue[1];
    private Tensor? _boundInput;
    private Tensor? _boundOutput;
    private bool _disposed;

    private OnnxRuntimeSession(PreparedModel model, NodeIndex nodes, BackendOptions options, InferenceSession session)
    {
        _model = model.Source;
        _nodes = nodes;
        _options = options;
        _session = session;
        var graph = model.Graph;
        _inputNames = [graph.Input.Name];
        _outputNames = [graph.Output.Name];
        InputShape = graph.InputShape;
        OutputShape = graph.OutputShape ?? DeclaredByOnnxRuntime(session, graph.Output.Name)
            ?? throw new InferenceException(OnnxRuntimeBackend.BackendName, model.Name, $"the shape of output '{graph.Output.Name}' is neither declared nor inferable");
    }

    /// <inheritdoc />
    public TensorShape InputShape { get; }

    /// <inheritdoc />
    public TensorShape OutputShape { get; }

    /// <summary>Creates the session; throws <see cref="InferenceException"/> when ONNX Runtime cannot load the model.</summary>
    public static OnnxRuntimeSession Open(PreparedModel model, BackendOptions options)
    {
        var nodes = new NodeIndex(model.Graph);
        var session = CreateInferenceSession(model.Source, nodes, options, profilePrefix: null);
        try
        {
            return new OnnxRuntimeSession(model, nodes, options, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Run(Tensor input, Tensor output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Bind(input, output);
        RunBound(_session);
    }

    /// <inheritdoc />
    public IReadOnlyList<LayerTiming> ProfileLayers(Tensor input, int runs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        Bind(input, new Tensor(OutputShape));
        var directory = Directory.CreateTempSubdirectory("cnnperf-ort-profile-");
        try
        {
            using var profiled = CreateInferenceSession(_model, _nodes, _options, Path.Combine(directory.FullName, "trace"));
            for (var i = 0; i < ProfileWarmupRuns + runs; i++)
            {
                RunBound(profiled);
            }
            var tracePath = profiled.EndProfiling();
            return OnnxRuntimeProfile.MeanNodeTimes(File.ReadAllText(tracePath), ProfileWarmupRuns);
        }
        catch (FormatException e)
        {
            throw new InferenceException(OnnxRuntimeBackend.BackendName, _model.Name, $"cannot read the profiler trace: {e.Message}", innerException: e);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _inputValues[0]?.Dispose();
        _outputValues[0]?.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static InferenceSession CreateInferenceSession(ModelSource model, NodeIndex nodes, BackendOptions options, string? profilePrefix)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (GraphOptimization.TryParse(options.GetSetting(GraphOptimization.SettingName, GraphOptimization.DefaultValue), out var level))
        {
            sessionOptions.GraphOptimizationLevel = level;
        }
        if (profilePrefix is not null)
        {
            sessionOptions.ProfileOutputPathPrefix = profilePrefix;
            sessionOptions.EnableProfiling = true;
        }
        try
        {
            return new InferenceSession(model.Path, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw OnnxRuntimeErrors.Wrap(e, model.Name, nodes, "cannot load the model");
        }
    }

    private void Bind(Tensor input, Tensor output)
    {
        CheckShape(input, InputShape, "input");
        CheckShape(output, OutputShape, "output");
        if (!ReferenceEquals(input, _boundInput))
        {
            _inputValues[0]?.Dispose();
            _inputValues[0] = OrtValue.CreateTensorValueFromMemory(input.Data, ToLongs(input.Shape));
            _boundInput = input;
        }
        if (!ReferenceEquals(output, _boundOutput))
        {
            _outputValues[0]?.Dispose();
            _outputValues[0] = OrtValue.CreateTensorValueFromMemory(output.Data, ToLongs(output.Shape));
            _boundOutput = output;
        }
    }

    private void RunBound(InferenceSession session)
    {
        try
        {
            session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
        }
        catch (OnnxRuntimeException e)
        {
            throw OnnxRuntimeErrors.Wrap(e, _model.Name, _nodes, "inference failed");
        }
    }

    private void CheckShape(Tensor tensor, TensorShape expected, string role)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.Shape.Equals(expected))
        {
            throw new InferenceException(OnnxRuntimeBackend.BackendName, _model.Name, $"the {role} tensor has shape {tensor.Shape}, the model needs {expected}");
        }
    }

    /// <summary>The output shape ONNX Runtime found for an output the file does not fully declare, when it has no symbolic dimension.</summary>
    private static TensorShape? DeclaredByOnnxRuntime(InferenceSession session, string output) =>
        session.OutputMetadata.TryGetValue(output, out var metadata) && metadata.Dimensions is { Length: > 0 } dims && dims.All(d => d > 0)
            ? new TensorShape(dims)
            : null;

    private static long[] ToLongs(TensorShape shape) => shape.Dimensions.Select(d => (long)d).ToArray();
}
