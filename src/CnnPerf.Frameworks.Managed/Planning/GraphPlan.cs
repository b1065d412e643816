using CnnPerf.Frameworks.Managed.Layers;

namespace CnnPerf.Frameworks.Managed.Planning;

/// <summary>
/// The planner's result: layers in execution order and the value table. Every value has a shape, a root
/// (itself, or the value whose memory it shares) and its offset in floats from the root's first float (the
/// inputs of a concatenation written in place lie side by side in its output); constant roots have their data.
/// </summary>
internal sealed record GraphPlan(
    IReadOnlyList<Layer> Layers, IReadOnlyList<int[]> Shapes, IReadOnlyList<int> Roots, IReadOnlyList<long> Offsets,
    IReadOnlyDictionary<int, float[]> Constants, int Input, int Output);
