using BenchmarkDotNet.Running;
using CnnPerf.Benchmarks.Backends;

// `backends [RUNS] [MODEL...]` compares the inference backends side by side (one child process per configuration).
// Otherwise lists the benchmarks, or runs those a filter selects: dotnet run -c Release -- --filter '*GroupRead*'
return args.FirstOrDefault() switch
{
    BackendComparison.Command => BackendComparison.Run(args[1..]),
    BackendMeasurement.Command => BackendMeasurement.Run(args[1..]),
    _ => RunSwitcher(args),
};

static int RunSwitcher(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(BackendComparison).Assembly).Run(args);
    return 0;
}
