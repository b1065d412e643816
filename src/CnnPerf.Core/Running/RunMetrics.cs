using System.Diagnostics;
using CnnPerf.Counters;
using CnnPerf.Metrics;
using CnnPerf.Statistics;

namespace CnnPerf.Running;

/// <summary>Turns the readings of a measured phase into metric values (pure arithmetic).</summary>
internal static class RunMetrics
{
    /// <summary>Every metric of one configuration.</summary>
    public static IReadOnlyList<MetricValue> Compute(RunConfiguration configuration, MeasuredPhase phase, double loadMs,
        double firstInferenceMs, int warmupInferences, int threadsCreated)
    {
        var metrics = new List<MetricValue>();
        void Add(MetricDefinition metric, double value, Provenance provenance = Provenance.Measured, double? runningShare = null) =>
            metrics.Add(new MetricValue(metric.Id, value, metric.Unit, provenance, runningShare));

        var n = phase.Samples.Count;
        var latencies = phase.Samples.Select(s => s.LatencyMs).ToArray();
        var wallSeconds = Stopwatch.GetElapsedTime(phase.StartTimestamp, phase.EndTimestamp).TotalSeconds;
        Add(MetricIds.LatencyMean, SampleStatistics.Mean(latencies));
        Add(MetricIds.LatencyMin, n == 0 ? double.NaN : latencies.Min());
        Add(MetricIds.LatencyP50, SampleStatistics.Percentile(latencies, 50));
        Add(MetricIds.LatencyP90, SampleStatistics.Percentile(latencies, 90));
        Add(MetricIds.LatencyP95, SampleStatistics.Percentile(latencies, 95));
        Add(MetricIds.LatencyP99, SampleStatistics.Percentile(latencies, 99));
        Add(MetricIds.LatencyMax, n == 0 ? double.NaN : latencies.Max());
        Add(MetricIds.LatencyStdDev, SampleStatistics.StandardDeviation(latencies), Provenance.Derived);
        Add(MetricIds.LatencyMedianCi95, MedianRelativeHalfWidth(latencies), Provenance.Derived);
        Add(MetricIds.ThroughputFps, wallSeconds > 0 ? n * configuration.Batch / wallSeconds : double.NaN);

        var counterMetrics = n == 0 ? [] : CounterMetrics.ToMetricValues(phase.Counters, Provenance.Measured, n);
        metrics.AddRange(counterMetrics);
        var taskClock = counterMetrics.FirstOrDefault(m => m.Id == MetricIds.SwTaskClock.Id);
        var busyMs = taskClock is not null ? taskClock.Value * n : phase.CpuTime.TotalMilliseconds;
        var cores = wallSeconds > 0 ? busyMs / 1000.0 / wallSeconds : double.NaN;
        Add(MetricIds.CpuUtilizationCores, cores, Provenance.Derived);
        Add(MetricIds.CpuUtilizationPercent, cores / Environment.ProcessorCount * 100.0, Provenance.Derived);
        Add(MetricIds.CpuProcessTime, n == 0 ? double.NaN : phase.CpuTime.TotalMilliseconds / n);

        Add(MetricIds.MemPeakRss, phase.PeakRss);
        Add(MetricIds.MemRssGrowth, phase.RssAfter - phase.RssBefore);
        Add(MetricIds.LoadTime, loadMs);
        Add(MetricIds.FirstInference, firstInferenceMs);
        Add(MetricIds.ThreadsCreated, threadsCreated);
        Add(MetricIds.WarmupInferences, warmupInferences);
        Add(MetricIds.MeasuredInferences, n);
        Add(MetricIds.MeasuredSeconds, wallSeconds);
        return metrics;
    }

    /// <summary>Half the width of the 95% confidence interval of the median, relative to the median; NaN when undefined.</summary>
    public static double MedianRelativeHalfWidth(IReadOnlyList<double> latencies)
    {
        var interval = SampleStatistics.MedianConfidenceInterval(latencies);
        var median = SampleStatistics.Median(latencies);
        return interval.IsDefined && median != 0 ? (interval.High - interval.Low) / 2 / Math.Abs(median) : double.NaN;
    }
}
