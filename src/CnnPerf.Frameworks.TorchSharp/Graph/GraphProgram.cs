using CnnPerf.Backends;
using CnnPerf.Frameworks.TorchSharp.Operators;
using CnnPerf.Onnx;

namespace CnnPerf.Frameworks.TorchSharp.Graph;

/// <summary>
/// An ONNX graph compiled for the torch interpreter: the nodes in execution order with their kernels, the value
/// slots they read and write, and the float constants to upload. Compiling touches no native library, so it also
/// serves validation.
/// </summary>
internal sealed class GraphProgram
{
    private GraphProgram(string modelName, TensorShape inputShape, int inputSlot, int outputSlot, int slotCount,
        IReadOnlyList<(int Slot, OnnxTensor Value)> constants, IReadOnlyList<CompiledNode> nodes)
    {
        ModelName = modelName;
        InputShape = inputShape;
        InputSlot = inputSlot;
        OutputSlot = outputSlot;
        SlotCount = slotCount;
        Constants = constants;
        Nodes = nodes;
    }

    /// <summary>The model's name, for messages.</summary>
    public string ModelName { get; }

    /// <summary>The shape of the single graph input (as the graph view resolves it).</summary>
    public TensorShape InputShape { get; }

    /// <summary>The value slot of the graph input.</summary>
    public int InputSlot { get; }

    /// <summary>The value slot of the graph output.</summary>
    public int OutputSlot { get; }

    /// <summary>The number of value slots.</summary>
    public int SlotCount { get; }

    /// <summary>The FLOAT initializers and Constant-node values that nodes read at run time, with their slots.</summary>
    public IReadOnlyList<(int Slot, OnnxTensor Value)> Constants { get; }

    /// <summary>The nodes in execution order.</summary>
    public IReadOnlyList<CompiledNode> Nodes { get; }

    /// <summary>
    /// Compiles a model. Returns the program, or null with every problem found (unsupported operators with their
    /// node, malformed attributes).
    /// </summary>
    public static GraphProgram? Compile(OnnxModel model, string backendName, out IReadOnlyList<InferenceException> problems)
    {
        var compiler = new Compiler(model, backendName);
        var program = compiler.Run();
        problems = compiler.Problems;
        return problems.Count == 0 ? program : null;
    }

    /// <summary>The state of one compilation.</summary>
    private sealed class Compiler(OnnxModel model, string backendName)
    {
        private readonly Dictionary<string, int> _slots = [];
        private readonly List<(int Slot, OnnxTensor Value)> _uploads = [];

        public List<InferenceException> Problems { get; } = [];

        public GraphProgram? Run()
        {
            var inputSlot = SlotOf(model.Input.Name);
            var nodes = new List<(CompiledNode Node, HashSet<int> Reads)>();
            foreach (var node in model.Nodes)
            {
                if (CompileNode(node) is { } compiled)
                {
                    nodes.Add((compiled, compiled.InputSlots.Where(s => s >= 0).ToHashSet()));
                }
            }
            var outputName = model.Output.Name;
            if (!_slots.TryGetValue(outputName, out var outputSlot) || outputSlot == inputSlot)
            {
                Fail($"no node produces the graph output '{outputName}'");
            }
            if (Problems.Count > 0)
            {
                return null;
            }
            return new GraphProgram(model.Name, model.InputShape, inputSlot, outputSlot, _slots.Count, _uploads, PlanReleases(nodes, outputSlot));
        }

        private CompiledNode? CompileNode(OnnxNode node)
        {
            var name = node.Label;
            if (!node.IsDefaultDomain)
            {
                Fail($"operator domain '{node.Domain}' is not supported", name, node.OpType);
                return Skip(node);
            }
            if (!OperatorCatalog.TryGet(node.OpType, out var factory))
            {
                Fail("unsupported operator", name, node.OpType);
                return Skip(node);
            }
            try
            {
                var kernel = factory(new NodeContext(node, model.Opset));
                var inputSlots = node.Inputs.Select(ResolveInput).ToArray();
                return new CompiledNode(name, node.OpType, inputSlots, SlotOf(node.Outputs[0]), kernel, []);
            }
            catch (Exception e) when (e is UnsupportedNodeException or CnnPerfException)
            {
                Fail(e.Message, name, node.OpType);
                return Skip(node);
            }
        }

        /// <summary>Registers the outputs of a node that failed to compile, so its readers report only their own problems.</summary>
        private CompiledNode? Skip(OnnxNode node)
        {
            foreach (var output in node.Outputs)
            {
                SlotOf(output);
            }
            return null;
        }

        /// <summary>The slot a node input reads, -1 when it is absent or a constant that is not a float tensor.</summary>
        private int ResolveInput(string name)
        {
            if (name.Length == 0)
            {
                return -1;
            }
            if (_slots.TryGetValue(name, out var slot))
            {
                return slot;
            }
            if (model.Constant(name) is { } constant)
            {
                if (constant.ElementType != OnnxElementType.Float)
                {
                    return -1;
                }
                slot = SlotOf(name);
                _uploads.Add((slot, constant));
                return slot;
            }
            throw new UnsupportedNodeException($"input '{name}' is produced by no earlier node (the graph must be topologically sorted)");
        }

        private int SlotOf(string name)
        {
            if (!_slots.TryGetValue(name, out var slot))
            {
                slot = _slots.Count;
                _slots[name] = slot;
            }
            return slot;
        }

        /// <summary>Frees each computed value right after its last reader, except the graph output.</summary>
        private List<CompiledNode> PlanReleases(List<(CompiledNode Node, HashSet<int> Reads)> nodes, int outputSlot)
        {
            var constantSlots = _uploads.Select(u => u.Slot).ToHashSet();
            var lastReader = new Dictionary<int, int>();
            for (var i = 0; i < nodes.Count; i++)
            {
                foreach (var slot in nodes[i].Reads)
                {
                    lastReader[slot] = i;
                }
            }
            return [.. nodes.Select((n, i) => n.Node with
            {
                ReleasedSlots = [.. n.Reads.Where(s => lastReader[s] == i && s != outputSlot && !constantSlots.Contains(s)).Order()],
            })];
        }

        private void Fail(string problem, string? nodeName = null, string? opType = null) =>
            Problems.Add(new InferenceException(backendName, model.Name, problem, nodeName, opType));
    }
}
