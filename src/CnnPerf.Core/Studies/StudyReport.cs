using System.Globalization;
using CnnPerf.Metrics;
using CnnPerf.Modeling;
using CnnPerf.Power;
using CnnPerf.Reports;

namespace CnnPerf.Studies;

/// <summary>Analyses a <see cref="StoredStudy"/> and turns it, with the analysis, into a report.</summary>
public static class StudyReport
{
    private static readonly string[] SimdFlags = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "neon", "asimd", "sve"];

    /// <summary>Correlations, linear models and the layer-wise predictor's validation over the study.</summary>
    public static StudyAnalysisResult Analyze(StoredStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return StudyAnalysis.Run(study.Results, study.LayerTimings, study.Features);
    }

    /// <summary>The report's data: the study's context, results, latencies and unavailable counters with the analysis.</summary>
    public static ReportData Data(StoredStudy study, StudyAnalysisResult analysis)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(analysis);
        return new ReportData
        {
            Title = study.Runs.Count > 0 ? $"CnnPerf study on {study.Runs[^1].Machine.Hostname}" : "CnnPerf study",
            Context = Context(study),
            Results = study.Results,
            LatencySamples = study.LatencySamples,
            Correlations = analysis.Correlations,
            CorrelationMatrix = analysis.CorrelationMatrix,
            RegressionModels = analysis.RegressionModels,
            CrossValidations = analysis.CrossValidations,
            LayerwiseValidations = analysis.LayerwiseValidations,
            UnavailableCounters = Unavailable(study),
            Notes = study.Notes,
        };
    }

    /// <summary>Analyses the study and writes <c>report.html</c> and <c>report.md</c> (with <c>charts/</c>) into <paramref name="directory"/>.</summary>
    /// <returns>The files written and the analysis they show.</returns>
    /// <exception cref="IOException">The folder or a file cannot be written.</exception>
    public static (ReportFiles Files, StudyAnalysisResult Analysis) Write(StoredStudy study, string directory)
    {
        var analysis = Analyze(study);
        return (ReportWriter.Write(Data(study, analysis), directory), analysis);
    }

    private static List<KeyValuePair<string, string>> Context(StoredStudy study)
    {
        var context = new List<KeyValuePair<string, string>> { new("Results store", study.StorePath) };
        if (study.Runs.Count == 0)
        {
            return context;
        }

        var (first, last) = (study.Runs[0], study.Runs[^1]);
        var m = last.Machine;
        context.Add(new("Runs", study.Runs.Count == 1
            ? $"1, started {Utc(last.StartedUtc)}"
            : $"{study.Runs.Count}, started {Utc(first.StartedUtc)} to {Utc(last.StartedUtc)} (context of the latest)"));
        context.Add(new("Host", m.Hostname));
        context.Add(new("CPU", m.CpuModel ?? "unknown"));
        var flags = m.CpuFlags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        context.Add(new("SIMD", string.Join(" ", SimdFlags.Where(flags.Contains)) is { Length: > 0 } simd ? simd : "none reported"));
        context.Add(new("Logical cores", m.LogicalCores.ToString(CultureInfo.InvariantCulture)));
        context.Add(new("Frequency", $"{Mhz(m.FrequencyMhz)} now, {Mhz(m.MaxFrequencyMhz)} max, governor {m.Governor ?? "not exposed"}"));
        context.Add(new("Kernel", m.Kernel));
        context.Add(new("OS", m.OperatingSystem));
        context.Add(new(".NET", m.DotnetVersion));
        context.Add(new("CnnPerf", m.ToolVersion));
        context.AddRange(m.BackendVersions.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, string>($"Backend {p.Key}", p.Value ?? "not available")));
        context.AddRange(m.TemperaturesCelsius.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, string>($"Temperature {p.Key}", p.Value.ToString("F1", CultureInfo.InvariantCulture) + " C")));
        return context;
    }

    private static List<UnavailableCounter> Unavailable(StoredStudy study)
    {
        var unavailable = study.CounterStatuses
            .Where(s => !s.Available)
            .GroupBy(s => $"{s.EventName} ({s.MetricId})", StringComparer.Ordinal)
            .Select(g => new UnavailableCounter(g.Key, string.Join("; ", g
                .Select(s => string.Join(": ", new[] { s.Errno, s.Reason }.Where(part => !string.IsNullOrWhiteSpace(part))))
                .Select(reason => reason.Length > 0 ? reason : "did not open")
                .Distinct(StringComparer.Ordinal))))
            .ToList();
        var power = MetricIds.PowerMean.Id;
        var incomplete = study.Configurations.Where(c => c.PowerStatus is { } status && status != PowerCapture.CompleteStatus)
            .Select(c => $"{c.Model}/{c.Backend}/{c.Threads}t: {c.PowerStatus}").ToList();
        if (incomplete.Count > 0)
        {
            unavailable.Add(new UnavailableCounter("power meter", string.Join("; ", incomplete)));
        }
        else if (!study.Results.HasColumn(power) || study.Results.Column(power).All(double.IsNaN))
        {
            unavailable.Add(new UnavailableCounter("power meter",
                "no meter was used, so power and energy were not measured ('cnnperf meters' lists the meters found here; give one with --power SPEC)"));
        }

        return unavailable;
    }

    private static string Utc(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Mhz(double? mhz) => mhz is { } value ? value.ToString("F0", CultureInfo.InvariantCulture) + " MHz" : "unknown";
}
