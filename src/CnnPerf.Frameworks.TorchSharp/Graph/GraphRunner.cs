using System.Diagnostics;
using CnnPerf.Backends;
using TorchSharp;
using TorchTensor = TorchSharp.torch.Tensor;

namespace CnnPerf.Frameworks.TorchSharp.Graph;

/// <summary>
/// Runs a <see cref="GraphProgram"/> on libtorch: the constants are uploaded once, each run evaluates the nodes in
/// order inside a dispose scope and frees every intermediate value after its last reader.
/// </summary>
internal sealed class GraphRunner : IDisposable
{
    private readonly GraphProgram _program;
    private readonly string _backendName;
    private readonly TorchTensor?[] _constants;
    private bool _disposed;

    /// <summary>Uploads the program's constants to torch tensors.</summary>
    public GraphRunner(GraphProgram program, string backendName)
    {
        _program = program;
        _backendName = backendName;
        _constants = new TorchTensor?[program.SlotCount];
        try
        {
            foreach (var (slot, value) in program.Constants)
            {
                _constants[slot] = torch.tensor(value.ToFloats(), [.. value.Dimensions]);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the graph on <paramref name="input"/> and returns the output values and shape. When
    /// <paramref name="nodeTicks"/> is given, adds each node's elapsed <see cref="Stopwatch"/> ticks to it.
    /// </summary>
    /// <exception cref="InferenceException">A node failed; the message names it.</exception>
    public (float[] Values, long[] Shape) Run(Tensor input, long[]? nodeTicks = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        var values = (TorchTensor?[])_constants.Clone();
        values[_program.InputSlot] = torch.tensor(input.Data, [.. input.Shape.Dimensions.Select(d => (long)d)]);
        var nodes = _program.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var start = nodeTicks is null ? 0 : Stopwatch.GetTimestamp();
            values[node.OutputSlot] = Evaluate(node, values);
            if (nodeTicks is not null)
            {
                nodeTicks[i] += Stopwatch.GetTimestamp() - start;
            }
            foreach (var slot in node.ReleasedSlots)
            {
                values[slot]!.Dispose();
                values[slot] = null;
            }
        }
        using var output = values[_program.OutputSlot]!.contiguous();
        return (output.data<float>().ToArray(), output.shape);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var constant in _constants)
        {
            constant?.Dispose();
        }
    }

    private TorchTensor Evaluate(CompiledNode node, TorchTensor?[] values)
    {
        var inputs = new TorchTensor?[node.InputSlots.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = node.InputSlots[i] >= 0 ? values[node.InputSlots[i]] : null;
        }
        try
        {
            return node.Kernel(inputs);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var detail = e.Message.Split('\n', 2)[0].Trim();
            var shapes = string.Join(", ", inputs.Select(t => t is null ? "-" : "[" + string.Join(",", t.shape) + "]"));
            throw new InferenceException(_backendName, _program.ModelName, $"torch failed on inputs {shapes}: {detail}", node.Name, node.OpType, e);
        }
    }
}
