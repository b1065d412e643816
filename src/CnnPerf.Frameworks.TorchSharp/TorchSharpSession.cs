using System.Diagnostics;
using CnnPerf.Backends;
using CnnPerf.Frameworks.TorchSharp.Graph;
using TorchSharp;

namespace CnnPerf.Frameworks.TorchSharp;

/// <summary>An ONNX model interpreted on libtorch. Not thread-safe.</summary>
internal sealed class TorchSharpSession : IInferenceSession
{
    private readonly GraphRunner _runner;
    private readonly GraphProgram _program;
    private readonly int _threads;
    private readonly string _backendName;

    /// <summary>Uploads the program's constants and runs it once on zeros, which fixes the output shape and warms up.</summary>
    public TorchSharpSession(GraphProgram program, int threads, string backendName)
    {
        _program = program;
        _threads = threads;
        _backendName = backendName;
        _runner = new GraphRunner(program, backendName);
        try
        {
            ApplyThreads();
            var (_, shape) = _runner.Run(new Tensor(program.InputShape));
            OutputShape = new TensorShape([.. shape.Select(d => checked((int)d))]);
        }
        catch
        {
            _runner.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public TensorShape InputShape => _program.InputShape;

    /// <inheritdoc />
    public TensorShape OutputShape { get; }

    /// <inheritdoc />
    public void Run(Tensor input, Tensor output)
    {
        CheckShapes(input, output);
        ApplyThreads();
        var (values, _) = _runner.Run(input);
        values.CopyTo(output.Data, 0);
    }

    /// <inheritdoc />
    public IReadOnlyList<LayerTiming> ProfileLayers(Tensor input, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        CheckShapes(input, null);
        ApplyThreads();
        var ticks = new long[_program.Nodes.Count];
        for (var run = 0; run < runs; run++)
        {
            _runner.Run(input, ticks);
        }
        return [.. _program.Nodes.Select((node, i) =>
            new LayerTiming(node.Name, node.OpType, ticks[i] * 1000.0 / Stopwatch.Frequency / runs))];
    }

    /// <inheritdoc />
    public void Dispose() => _runner.Dispose();

    /// <summary>Torch's thread count is process-wide: set it for this session when another one changed it.</summary>
    private void ApplyThreads()
    {
        if (torch.get_num_threads() != _threads)
        {
            torch.set_num_threads(_threads);
        }
    }

    private void CheckShapes(Tensor input, Tensor? output)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Shape != InputShape)
        {
            throw new InferenceException(_backendName, _program.ModelName, $"input shape {input.Shape} differs from the model's {InputShape}");
        }
        if (output is not null && output.Shape != OutputShape)
        {
            throw new InferenceException(_backendName, _program.ModelName, $"output shape {output.Shape} differs from the model's {OutputShape}");
        }
    }
}
