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
        IReadOnlyList<(int Slot, TensorProto Value)> constants, IReadOnlyList<CompiledNode> nodes)
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

    /// <summary>The shape of the single graph input (symbolic dimensions taken as 1).</summary>
    public TensorShape InputShape { get; }

    /// <summary>The value slot of the graph input.</summary>
    public int InputSlot { get; }

    /// <summary>The value slot of the graph output.</summary>
    public int OutputSlot { get; }

    /// <summary>The number of value slots.</summary>
    public int SlotCount { get; }

    /// <summary>The FLOAT initializers and Constant-node values that nodes read at run time, with their slots.</summary>
    public IReadOnlyList<(int Slot, TensorProto Value)> Constants { get; }

    /// <summary>The nodes in execution order.</summary>
    public IReadOnlyList<CompiledNode> Nodes { get; }

    /// <summary>
    /// Compiles a model. Returns the program, or null with every problem found (unsupported operators with their
    /// node, malformed attributes, more than one input or output).
    /// </summary>
    public static GraphProgram? Compile(ModelProto model, string modelName, string backendName, out IReadOnlyList<InferenceException> problems)
    {
        var compiler = new Compiler(model, modelName, backendName);
        var program = compiler.Run();
        problems = compiler.Problems;
        return problems.Count == 0 ? program : null;
    }

    /// <summary>The state of one compilation.</summary>
    private sealed class Compiler(ModelProto model, string modelName, string backendName)
    {
        private readonly GraphProto _graph = model.Graph;
        private readonly Dictionary<string, TensorProto> _constants = [];
        private readonly Dictionary<string, int> _slots = [];
        private readonly List<(int Slot, TensorProto Value)> _uploads = [];

        public List<InferenceException> Problems { get; } = [];

        public GraphProgram? Run()
        {
            var opset = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
            if (opset == 0)
            {
                Fail("the model imports no version of the default ONNX operator set");
                return null;
            }
            foreach (var initializer in _graph.Initializer)
            {
                _constants[initializer.Name] = initializer;
            }
            var inputShape = ReadInputShape(out var inputName);
            if (_graph.Output.Count != 1)
            {
                Fail($"the graph has {_graph.Output.Count} outputs, only single-output models are supported");
            }
            if (inputName is null || _graph.Output.Count != 1)
            {
                return null;
            }
            var inputSlot = SlotOf(inputName);
            var nodes = new List<(CompiledNode Node, HashSet<int> Reads)>();
            foreach (var node in _graph.Node)
            {
                if (CompileNode(node, opset) is { } compiled)
                {
                    nodes.Add((compiled, compiled.InputSlots.Where(s => s >= 0).ToHashSet()));
                }
            }
            var outputName = _graph.Output[0].Name;
            if (!_slots.TryGetValue(outputName, out var outputSlot) || outputSlot == inputSlot)
            {
                Fail($"no node produces the graph output '{outputName}'");
            }
            if (Problems.Count > 0)
            {
                return null;
            }
            return new GraphProgram(modelName, inputShape!, inputSlot, outputSlot, _slots.Count, _uploads, PlanReleases(nodes, outputSlot));
        }

        private TensorShape? ReadInputShape(out string? inputName)
        {
            inputName = null;
            var inputs = _graph.Input.Where(i => !_constants.ContainsKey(i.Name)).ToList();
            if (inputs.Count != 1)
            {
                Fail($"the graph has {inputs.Count} inputs besides its initializers, only single-input models are supported");
                return null;
            }
            var tensorType = inputs[0].Type?.TensorType;
            if (tensorType is null || tensorType.ElemType != (int)TensorProto.Types.DataType.Float || tensorType.Shape is null)
            {
                Fail($"the graph input '{inputs[0].Name}' must be a FLOAT tensor with a shape");
                return null;
            }
            inputName = inputs[0].Name;
            return new TensorShape([.. tensorType.Shape.Dim.Select(d => d.DimValue > 0 ? checked((int)d.DimValue) : 1)]);
        }

        private CompiledNode? CompileNode(NodeProto node, long opset)
        {
            var name = node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault() ?? node.OpType;
            if (node.Domain is not ("" or "ai.onnx"))
            {
                Fail($"operator domain '{node.Domain}' is not supported", name, node.OpType);
                return Skip(node);
            }
            if (node.OpType == "Constant")
            {
                var value = node.GetTensor("value");
                if (value is null || node.Output.Count != 1)
                {
                    Fail("only Constant nodes with a 'value' tensor are supported", name, node.OpType);
                    return Skip(node);
                }
                value.Name = node.Output[0];
                _constants[node.Output[0]] = value;
                return null;
            }
            if (!OperatorCatalog.TryGet(node.OpType, out var factory))
            {
                Fail("unsupported operator", name, node.OpType);
                return Skip(node);
            }
            try
            {
                var kernel = factory(new NodeContext(node, opset, _constants));
                var inputSlots = node.Input.Select(ResolveInput).ToArray();
                return new CompiledNode(name, node.OpType, inputSlots, SlotOf(node.Output[0]), kernel, []);
            }
            catch (Exception e) when (e is UnsupportedNodeException or CnnPerfException)
            {
                Fail(e.Message, name, node.OpType);
                return Skip(node);
            }
        }

        /// <summary>Registers the outputs of a node that failed to compile, so its readers report only their own problems.</summary>
        private CompiledNode? Skip(NodeProto node)
        {
            foreach (var output in node.Output)
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
            if (_constants.TryGetValue(name, out var constant))
            {
                if (constant.DataType != (int)TensorProto.Types.DataType.Float)
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
            Problems.Add(new InferenceException(backendName, modelName, problem, nodeName, opType));
    }
}
