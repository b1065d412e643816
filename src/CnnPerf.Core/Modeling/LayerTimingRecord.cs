using CnnPerf.Analysis;

namespace CnnPerf.Modeling;

/// <summary>A measured per-layer time of one configuration, as a framework's profiler reports it.</summary>
/// <param name="Configuration">The configuration (model, backend, threads).</param>
/// <param name="NodeName">The node (layer) name.</param>
/// <param name="OpType">The operator type.</param>
/// <param name="Milliseconds">Mean time of the layer per inference.</param>
public sealed record LayerTimingRecord(ConfigurationKey Configuration, string NodeName, string OpType, double Milliseconds);
