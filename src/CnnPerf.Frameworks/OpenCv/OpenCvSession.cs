using CnnPerf.Backends;
using CnnPerf.Frameworks.Inspection;
using CnnPerf.Models;
using CnnPerf.Onnx;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace CnnPerf.Frameworks.OpenCv;

/// <summary>
/// A model loaded into an OpenCV DNN <see cref="Net"/> (OPENCV backend, CPU target). The input blob is a Mat
/// header over the caller's pinned tensor array, reused while the caller passes the same tensor.
/// </summary>
internal sealed class OpenCvSession : IInferenceSession
{
    private const int ProfileWarmupRuns = 1;

    private readonly ModelSource _model;
    private readonly int _threads;
    private readonly Net _net;
    private readonly NodeIndex _nodes;
    private readonly List<Mat> _constantInputs;
    private readonly string _inputName;
    private Tensor? _boundInput;
    private Mat? _inputBlob;
    private bool _disposed;

    private OpenCvSession(ModelSource model, int threads, Net net, TensorShape inputShape, string inputName, NodeIndex nodes, List<Mat> constantInputs)
    {
        _constantInputs = constantInputs;
        _inputName = inputName;
        _model = model;
        _threads = threads;
        _net = net;
        _nodes = nodes;
        InputShape = inputShape;
        OutputShape = new TensorShape(1);
        using var output = Forward(new Tensor(inputShape));
        OutputShape = new TensorShape(Enumerable.Range(0, output.Dims).Select(output.Size).ToArray());
    }

    /// <inheritdoc />
    public TensorShape InputShape { get; }

    /// <inheritdoc />
    public TensorShape OutputShape { get; private set; }

    /// <summary>Reads the model and runs it once to learn the output shape.</summary>
    public static OpenCvSession Open(PreparedModel prepared, BackendOptions options)
    {
        var model = prepared.Source;
        var (inputShape, nodes) = model.Format == ModelFormat.Caffe
            ? (CaffeInputShape.Read(model), new NodeIndex())
            : (prepared.Graph.InputShape, new NodeIndex(prepared.Graph));
        Net? net = null;
        try
        {
            Cv2.SetNumThreads(options.Threads);
            net = model.Format == ModelFormat.Caffe ? CvDnn.ReadNetFromCaffe(model.Path, model.WeightsPath!)
                // OpenCV's importer asserts that the graph output declares a shape (before it looks at any operator).
                : prepared.Graph.Output.Dimensions is null ? CvDnn.ReadNetFromOnnx(prepared.Graph.WithDeclaredOutputShape())
                : CvDnn.ReadNetFromOnnx(model.Path);
            if (net is null || net.Empty())
            {
                throw new InferenceException(OpenCvBackend.BackendName, model.Name, "OpenCV read an empty network");
            }
            net.SetPreferableBackend(Backend.OPENCV);
            net.SetPreferableTarget(Target.CPU);
            var (inputName, constantInputs) = model.Format == ModelFormat.Onnx ? (prepared.Graph.Input.Name, ConstantInputs(net, prepared.Graph)) : ("", []);
            return new OpenCvSession(model, options.Threads, net, inputShape, inputName, nodes, constantInputs);
        }
        catch (OpenCVException e)
        {
            net?.Dispose();
            throw OpenCvErrors.Wrap(e, model, "cannot load the model");
        }
        catch
        {
            net?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Run(Tensor input, Tensor output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.Shape.Equals(OutputShape))
        {
            throw new InferenceException(OpenCvBackend.BackendName, _model.Name, $"the output tensor has shape {output.Shape}, the model needs {OutputShape}");
        }
        using var result = Forward(input);
        if (result.Type() != MatType.CV_32F || !result.IsContinuous() || result.Total() != output.Data.Length)
        {
            throw new InferenceException(OpenCvBackend.BackendName, _model.Name, $"OpenCV returned a {result.Type()} output of {result.Total()} elements, expected {output.Data.Length} continuous floats");
        }
        System.Runtime.InteropServices.Marshal.Copy(result.Data, output.Data, 0, output.Data.Length);
    }

    /// <inheritdoc />
    public IReadOnlyList<LayerTiming> ProfileLayers(Tensor input, int runs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var names = _net.GetLayerNames();
        var ticks = new double[names.Length];
        for (var run = 0; run < ProfileWarmupRuns + runs; run++)
        {
            using var result = Forward(input);
            if (run < ProfileWarmupRuns)
            {
                continue;
            }
            _net.GetPerfProfile(out var timings);
            for (var i = 0; i < Math.Min(ticks.Length, timings.Length); i++)
            {
                ticks[i] += timings[i];
            }
        }
        var millisecondsPerTick = 1000.0 / Cv2.GetTickFrequency();
        var openCvTypes = OpenCvLayers.TypesFromDump(_net.Dump());
        var layers = new List<LayerTiming>();
        for (var i = 0; i < names.Length; i++)
        {
            // Layers that OpenCV fused into their predecessor report zero ticks: they did not run.
            if (ticks[i] > 0)
            {
                var layerName = names[i] ?? "";
                var node = OpenCvLayers.NodeName(layerName);
                var op = _nodes.OpTypeOf(node) ?? _nodes.OpTypeOf(OpenCvLayers.ParentNodeName(node)) ?? openCvTypes.GetValueOrDefault(layerName, "?");
                layers.Add(new LayerTiming(node, op, ticks[i] * millisecondsPerTick / runs));
            }
        }
        return layers;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _inputBlob?.Dispose();
        _constantInputs.ForEach(m => m.Dispose());
        _net.Dispose();
    }

    /// <summary>
    /// OpenCV's importer takes every graph input that is not an initializer for a network input, also one a Constant
    /// node produces: those are given their constant values once, here.
    /// </summary>
    private static List<Mat> ConstantInputs(Net net, OnnxModel graph)
    {
        var blobs = new List<Mat>();
        foreach (var name in graph.ListedConstantOutputs)
        {
            var value = graph.Constants[name];
            var blob = Mat.FromPixelData(value.IntDimensions(), MatType.CV_32F, value.ToFloats());
            blobs.Add(blob);
            net.SetInput(blob, name);
        }
        return blobs;
    }

    private Mat Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.Shape.Equals(InputShape))
        {
            throw new InferenceException(OpenCvBackend.BackendName, _model.Name, $"the input tensor has shape {input.Shape}, the model needs {InputShape}");
        }
        var blob = _inputBlob;
        if (blob is null || !ReferenceEquals(input, _boundInput))
        {
            _inputBlob?.Dispose();
            blob = _inputBlob = Mat.FromPixelData(input.Shape.ToArray(), MatType.CV_32F, input.Data);
            _boundInput = input;
        }
        try
        {
            Cv2.SetNumThreads(_threads);
            _net.SetInput(blob, _inputName);
            return _net.Forward();
        }
        catch (OpenCVException e)
        {
            throw OpenCvErrors.Wrap(e, _model, "inference failed");
        }
    }
}
