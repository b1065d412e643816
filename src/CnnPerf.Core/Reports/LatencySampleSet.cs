using CnnPerf.Analysis;

namespace CnnPerf.Reports;

/// <summary>The per-inference latencies of one configuration, for the latency distribution chart.</summary>
/// <param name="Key">The configuration.</param>
/// <param name="Milliseconds">One latency per measured inference.</param>
public sealed record LatencySampleSet(ConfigurationKey Key, IReadOnlyList<double> Milliseconds);
