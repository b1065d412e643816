namespace CnnPerf.Metrics;

/// <summary>
/// The catalogue of well-known metric ids. Ids are stable: stores, exports and reports key on them.
/// Per-inference values are the measured-phase delta divided by the number of inferences.
/// </summary>
public static class MetricIds
{
    private static readonly Dictionary<string, MetricDefinition> ById = new(StringComparer.Ordinal);

    /// <summary>Mean latency of one inference.</summary>
    public static readonly MetricDefinition LatencyMean = Add("latency.mean_ms", "Latency (mean)", "ms", MetricDirection.LowerIsBetter);
    /// <summary>Shortest latency of one inference.</summary>
    public static readonly MetricDefinition LatencyMin = Add("latency.min_ms", "Latency (min)", "ms", MetricDirection.LowerIsBetter);
    /// <summary>Median latency.</summary>
    public static readonly MetricDefinition LatencyP50 = Add("latency.p50_ms", "Latency (p50)", "ms", MetricDirection.LowerIsBetter);
    /// <summary>90th percentile latency.</summary>
    public static readonly MetricDefinition LatencyP90 = Add("latency.p90_ms", "Latency (p90)", "ms", MetricDirection.LowerIsBetter);
    /// <summary>95th percentile latency.</summary>
    public static readonly MetricDefinition LatencyP95 = Add("latency.p95_ms", "Latency (p95)", "ms", MetricDirection.LowerIsBetter);
    /// <summary>99th percentile latency.</summary>
    public static readonly MetricDefinition LatencyP99 = Add("latency.p99_ms", "Latency (p99)", "ms", MetricDirection.LowerIsBetter);
    /// <summary>Longest latency.</summary>
    public static readonly MetricDefinition LatencyMax = Add("latency.max_ms", "Latency (max)", "ms", MetricDirection.LowerIsBetter);
    /// <summary>Standard deviation of latency.</summary>
    public static readonly MetricDefinition LatencyStdDev = Add("latency.stddev_ms", "Latency (std dev)", "ms", MetricDirection.LowerIsBetter);
    /// <summary>Inferences per second over the measured phase.</summary>
    public static readonly MetricDefinition ThroughputFps = Add("throughput.fps", "Throughput", "1/s", MetricDirection.HigherIsBetter);
    /// <summary>Average number of busy cores (task-clock / wall time).</summary>
    public static readonly MetricDefinition CpuUtilizationCores = Add("cpu.utilization_cores", "CPU utilization", "cores", MetricDirection.Neutral);
    /// <summary>CPU utilization in percent of all cores of the machine.</summary>
    public static readonly MetricDefinition CpuUtilizationPercent = Add("cpu.utilization_percent", "CPU utilization", "%", MetricDirection.Neutral);
    /// <summary>Peak resident set size of the process.</summary>
    public static readonly MetricDefinition MemPeakRss = Add("mem.peak_rss_bytes", "Peak RSS", "bytes", MetricDirection.LowerIsBetter);
    /// <summary>Growth of the resident set size over the measured phase.</summary>
    public static readonly MetricDefinition MemRssGrowth = Add("mem.rss_growth_bytes", "RSS growth", "bytes", MetricDirection.LowerIsBetter);
    /// <summary>Time to load the model into a session.</summary>
    public static readonly MetricDefinition LoadTime = Add("time.load_ms", "Load time", "ms", MetricDirection.LowerIsBetter);
    /// <summary>Latency of the very first inference.</summary>
    public static readonly MetricDefinition FirstInference = Add("time.first_inference_ms", "First inference", "ms", MetricDirection.LowerIsBetter);
    /// <summary>Threads the backend created while loading and running.</summary>
    public static readonly MetricDefinition ThreadsCreated = Add("threads.created", "Threads created", "count", MetricDirection.Neutral);

    /// <summary>Process CPU time per inference as getrusage reports it (user + system).</summary>
    public static readonly MetricDefinition CpuProcessTime = Add("cpu.process_time_ms", "CPU time (getrusage)", "ms", MetricDirection.Neutral);
    /// <summary>Half-width of the 95% confidence interval of the median latency, relative to the median.</summary>
    public static readonly MetricDefinition LatencyMedianCi95 = Add("latency.p50_ci95_relative", "Median CI (95%, +/-)", "ratio", MetricDirection.LowerIsBetter);
    /// <summary>Inferences in the warm-up phase.</summary>
    public static readonly MetricDefinition WarmupInferences = Add("run.warmup_inferences", "Warm-up inferences", "count", MetricDirection.Neutral);
    /// <summary>Inferences in the measured phase.</summary>
    public static readonly MetricDefinition MeasuredInferences = Add("run.measured_inferences", "Measured inferences", "count", MetricDirection.Neutral);
    /// <summary>Wall-clock duration of the measured phase.</summary>
    public static readonly MetricDefinition MeasuredSeconds = Add("run.measured_s", "Measured phase", "s", MetricDirection.Neutral);

    /// <summary>Retired instructions per inference.</summary>
    public static readonly MetricDefinition HwInstructions = Add("hw.instructions", "Instructions", "count", MetricDirection.Neutral);
    /// <summary>CPU cycles per inference.</summary>
    public static readonly MetricDefinition HwCycles = Add("hw.cycles", "Cycles", "count", MetricDirection.Neutral);
    /// <summary>Instructions per cycle.</summary>
    public static readonly MetricDefinition HwIpc = Add("hw.ipc", "IPC", "ratio", MetricDirection.HigherIsBetter);
    /// <summary>Cache references per inference.</summary>
    public static readonly MetricDefinition HwCacheReferences = Add("hw.cache_references", "Cache references", "count", MetricDirection.Neutral);
    /// <summary>Cache misses per inference.</summary>
    public static readonly MetricDefinition HwCacheMisses = Add("hw.cache_misses", "Cache misses", "count", MetricDirection.Neutral);
    /// <summary>Branch instructions per inference.</summary>
    public static readonly MetricDefinition HwBranches = Add("hw.branches", "Branches", "count", MetricDirection.Neutral);
    /// <summary>Mispredicted branches per inference.</summary>
    public static readonly MetricDefinition HwBranchMisses = Add("hw.branch_misses", "Branch misses", "count", MetricDirection.Neutral);
    /// <summary>L1 data cache read accesses per inference.</summary>
    public static readonly MetricDefinition HwL1dReads = Add("hw.l1d_reads", "L1D reads", "count", MetricDirection.Neutral);
    /// <summary>L1 data cache read misses per inference.</summary>
    public static readonly MetricDefinition HwL1dReadMisses = Add("hw.l1d_read_misses", "L1D read misses", "count", MetricDirection.Neutral);
    /// <summary>Last-level cache read accesses per inference.</summary>
    public static readonly MetricDefinition HwLlcReads = Add("hw.llc_reads", "LLC reads", "count", MetricDirection.Neutral);
    /// <summary>Last-level cache read misses per inference.</summary>
    public static readonly MetricDefinition HwLlcMisses = Add("hw.llc_misses", "LLC misses", "count", MetricDirection.Neutral);
    /// <summary>Data TLB read misses per inference.</summary>
    public static readonly MetricDefinition HwDtlbMisses = Add("hw.dtlb_read_misses", "dTLB read misses", "count", MetricDirection.Neutral);
    /// <summary>Stalled frontend cycles per inference.</summary>
    public static readonly MetricDefinition HwStalledFrontend = Add("hw.stalled_cycles_frontend", "Stalled cycles (frontend)", "count", MetricDirection.Neutral);
    /// <summary>Stalled backend cycles per inference.</summary>
    public static readonly MetricDefinition HwStalledBackend = Add("hw.stalled_cycles_backend", "Stalled cycles (backend)", "count", MetricDirection.Neutral);
    /// <summary>Cache misses per kilo-instruction.</summary>
    public static readonly MetricDefinition HwCacheMpki = Add("hw.cache_mpki", "Cache MPKI", "1/kinstr", MetricDirection.LowerIsBetter);
    /// <summary>Branch misses per kilo-instruction.</summary>
    public static readonly MetricDefinition HwBranchMpki = Add("hw.branch_mpki", "Branch MPKI", "1/kinstr", MetricDirection.LowerIsBetter);
    /// <summary>Cache misses / cache references.</summary>
    public static readonly MetricDefinition HwCacheMissRatio = Add("hw.cache_miss_ratio", "Cache miss ratio", "ratio", MetricDirection.LowerIsBetter);
    /// <summary>Branch misses / branches.</summary>
    public static readonly MetricDefinition HwBranchMissRatio = Add("hw.branch_miss_ratio", "Branch miss ratio", "ratio", MetricDirection.LowerIsBetter);

    /// <summary>CPU time of all counted threads per inference (task-clock).</summary>
    public static readonly MetricDefinition SwTaskClock = Add("sw.task_clock_ms", "Task clock", "ms", MetricDirection.Neutral);
    /// <summary>Context switches per inference.</summary>
    public static readonly MetricDefinition SwContextSwitches = Add("sw.context_switches", "Context switches", "count", MetricDirection.Neutral);
    /// <summary>Page faults per inference.</summary>
    public static readonly MetricDefinition SwPageFaults = Add("sw.page_faults", "Page faults", "count", MetricDirection.Neutral);
    /// <summary>Minor page faults per inference.</summary>
    public static readonly MetricDefinition SwMinorFaults = Add("sw.minor_faults", "Minor faults", "count", MetricDirection.Neutral);
    /// <summary>Major page faults per inference.</summary>
    public static readonly MetricDefinition SwMajorFaults = Add("sw.major_faults", "Major faults", "count", MetricDirection.Neutral);
    /// <summary>CPU migrations per inference.</summary>
    public static readonly MetricDefinition SwCpuMigrations = Add("sw.cpu_migrations", "CPU migrations", "count", MetricDirection.Neutral);

    /// <summary>Mean power over the measured phase.</summary>
    public static readonly MetricDefinition PowerMean = Add("power.mean_w", "Power (mean)", "W", MetricDirection.LowerIsBetter);
    /// <summary>Peak power over the measured phase.</summary>
    public static readonly MetricDefinition PowerPeak = Add("power.peak_w", "Power (peak)", "W", MetricDirection.LowerIsBetter);
    /// <summary>Mean idle power measured before the configuration.</summary>
    public static readonly MetricDefinition PowerIdle = Add("power.idle_w", "Power (idle)", "W", MetricDirection.LowerIsBetter);
    /// <summary>Energy of the measured phase.</summary>
    public static readonly MetricDefinition EnergyMeasuredPhase = Add("energy.measured_phase_j", "Energy (measured phase)", "J", MetricDirection.LowerIsBetter);
    /// <summary>Energy per inference.</summary>
    public static readonly MetricDefinition EnergyPerInference = Add("energy.per_inference_mj", "Energy per inference", "mJ", MetricDirection.LowerIsBetter);
    /// <summary>Energy per inference above the idle baseline.</summary>
    public static readonly MetricDefinition EnergyDynamicPerInference = Add("energy.dynamic_per_inference_mj", "Dynamic energy per inference", "mJ", MetricDirection.LowerIsBetter);

    /// <summary>Simulated instructions per inference.</summary>
    public static readonly MetricDefinition SimInstructions = Add("sim.instructions", "Instructions (simulated)", "count", MetricDirection.Neutral);
    /// <summary>Simulated L1 data cache reads per inference.</summary>
    public static readonly MetricDefinition SimD1Reads = Add("sim.d1_reads", "D1 reads (simulated)", "count", MetricDirection.Neutral);
    /// <summary>Simulated L1 data cache misses per inference.</summary>
    public static readonly MetricDefinition SimD1Misses = Add("sim.d1_misses", "D1 misses (simulated)", "count", MetricDirection.Neutral);
    /// <summary>Simulated last-level cache misses per inference.</summary>
    public static readonly MetricDefinition SimLlMisses = Add("sim.ll_misses", "LL misses (simulated)", "count", MetricDirection.Neutral);
    /// <summary>Simulated branches per inference.</summary>
    public static readonly MetricDefinition SimBranches = Add("sim.branches", "Branches (simulated)", "count", MetricDirection.Neutral);
    /// <summary>Simulated branch mispredictions per inference.</summary>
    public static readonly MetricDefinition SimBranchMispredicts = Add("sim.branch_mispredicts", "Branch mispredicts (simulated)", "count", MetricDirection.Neutral);

    /// <summary>Simulated D1 misses / simulated D1 accesses (reads and writes).</summary>
    public static readonly MetricDefinition SimD1MissRatio = Add("sim.d1_miss_ratio", "D1 miss ratio (simulated)", "ratio", MetricDirection.LowerIsBetter);
    /// <summary>Simulated D1 misses per kilo-instruction.</summary>
    public static readonly MetricDefinition SimD1Mpki = Add("sim.d1_mpki", "D1 MPKI (simulated)", "1/kinstr", MetricDirection.LowerIsBetter);
    /// <summary>Simulated last-level cache misses per kilo-instruction.</summary>
    public static readonly MetricDefinition SimLlMpki = Add("sim.ll_mpki", "LL MPKI (simulated)", "1/kinstr", MetricDirection.LowerIsBetter);
    /// <summary>Simulated branch mispredictions / simulated branches.</summary>
    public static readonly MetricDefinition SimBranchMispredictRatio = Add("sim.branch_mispredict_ratio", "Branch mispredict ratio (simulated)", "ratio", MetricDirection.LowerIsBetter);
    /// <summary>Simulated branch mispredictions per kilo-instruction.</summary>
    public static readonly MetricDefinition SimBranchMpki = Add("sim.branch_mpki", "Branch MPKI (simulated)", "1/kinstr", MetricDirection.LowerIsBetter);
    /// <summary>Size of the simulated L1 data cache (the geometry the simulation used).</summary>
    public static readonly MetricDefinition SimD1SizeBytes = Add("sim.d1_size_bytes", "D1 size (simulated)", "bytes", MetricDirection.Neutral);
    /// <summary>Associativity of the simulated L1 data cache.</summary>
    public static readonly MetricDefinition SimD1Ways = Add("sim.d1_ways", "D1 ways (simulated)", "count", MetricDirection.Neutral);
    /// <summary>Size of the simulated last-level cache.</summary>
    public static readonly MetricDefinition SimLlSizeBytes = Add("sim.ll_size_bytes", "LL size (simulated)", "bytes", MetricDirection.Neutral);
    /// <summary>Associativity of the simulated last-level cache.</summary>
    public static readonly MetricDefinition SimLlWays = Add("sim.ll_ways", "LL ways (simulated)", "count", MetricDirection.Neutral);
    /// <summary>Inferences the simulated pass isolated (difference between its two runs).</summary>
    public static readonly MetricDefinition SimInferences = Add("sim.inferences", "Simulated inferences", "count", MetricDirection.Neutral);

    /// <summary>Every well-known metric, in declaration order.</summary>
    public static IReadOnlyCollection<MetricDefinition> All => ById.Values;

    /// <summary>Finds a well-known metric by id.</summary>
    /// <returns>The definition, or null when the id is not in the catalogue.</returns>
    public static MetricDefinition? Find(string id) => ById.GetValueOrDefault(id);

    private static MetricDefinition Add(string id, string displayName, string unit, MetricDirection direction)
    {
        var definition = new MetricDefinition(id, displayName, unit, direction);
        ById.Add(id, definition);
        return definition;
    }
}
