// Measures the energy per "inference" of a small matrix-multiply workload with the power meter named on the
// command line, e.g.  dotnet run --project samples/PowerEnergy -- rapl
//                     dotnet run --project samples/PowerEnergy -- ina219:bus=1,address=0x40,shunt=0.1,max-current=3.2
// Without an argument it lists the meters this machine has, or why each kind is absent.
using CnnPerf;
using CnnPerf.Power;

if (args.Length == 0)
{
    foreach (var probe in PowerMeterCatalog.Probe())
    {
        Console.WriteLine(probe.Available ? $"{probe.Kind,-10} {string.Join("; ", probe.Devices)}" : $"{probe.Kind,-10} none: {probe.Reason}");
    }
    return 0;
}

try
{
    using var recorder = PowerMeterFactory.CreateRecorder(PowerMeterSpec.Parse(args[0]));
    recorder.Start();

    // Idle baseline first, then the measured phase; both bounded by CLOCK_MONOTONIC timestamps.
    var idleStart = MonotonicClock.Now;
    Thread.Sleep(TimeSpan.FromSeconds(1));
    var idle = new PowerPhase(idleStart, MonotonicClock.Now);

    const int inferences = 50;
    var measuredStart = MonotonicClock.Now;
    var checksum = 0.0;
    for (var i = 0; i < inferences; i++)
    {
        checksum += MultiplyOnce(128);
    }
    var measured = new PowerPhase(measuredStart, MonotonicClock.Now);
    Thread.Sleep(50); // let the meter take one sample after the phase, for the boundary interpolation

    var summary = PowerMetrics.Compute(recorder.Stop(), measured, inferences, idle);
    foreach (var value in summary.Values)
    {
        Console.WriteLine($"{value.Id,-34} {value.Value,12:0.####} {value.Unit}");
    }
    Console.WriteLine($"{summary.Samples} samples in the measured phase; {summary.Status} (checksum {checksum:0})");
    return summary.Complete ? 0 : 1;
}
catch (CnnPerfException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static double MultiplyOnce(int n)
{
    var a = new double[n * n];
    var b = new double[n * n];
    var c = new double[n * n];
    for (var i = 0; i < a.Length; i++)
    {
        (a[i], b[i]) = (i % 7, i % 5);
    }
    for (var i = 0; i < n; i++)
    {
        for (var k = 0; k < n; k++)
        {
            for (var j = 0; j < n; j++)
            {
                c[i * n + j] += a[i * n + k] * b[k * n + j];
            }
        }
    }
    return c[^1];
}
