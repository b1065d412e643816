using CnnPerf.Frameworks.Managed.Layers;

namespace CnnPerf.Frameworks.Managed.Planning;

/// <summary>
/// The planner's result: layers in execution order and the value table. Every value has a shape and a root
/// (itself, or the value it aliases); constant roots have their data.
/// </summary>
internal sealed record GraphPlan(
    IReadOnlyList<Layer> Layers, IReadOnlyList<int[]> Shapes, IReadOnlyList<int> Roots,
    IReadOnlyDictionary<int, float[]> Constants, int Input, int Output);
