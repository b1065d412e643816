using BenchmarkDotNet.Running;

// Lists the benchmarks, or runs those a filter selects: dotnet run -c Release -- --filter '*GroupRead*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
