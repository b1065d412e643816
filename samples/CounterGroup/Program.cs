// Opens a counter group around a workload and prints the counts:
//   dotnet run --project samples/CounterGroup
// Hardware events are added when this machine exposes a PMU; otherwise the probe says why not.
using System.Runtime.InteropServices;
using CnnPerf.Native.Perf;

IPerfEvent[] wanted =
[
    SoftwareEvent.TaskClock, SoftwareEvent.PageFaults, SoftwareEvent.ContextSwitches,
    HardwareEvent.Instructions, HardwareEvent.CpuCycles,
];
var builder = new PerfEventBuilder { Inherit = true, Disabled = true };
var probe = PerfEventProbe.Probe(wanted, builder);
foreach (var missing in probe.Where(p => !p.Opened))
{
    Console.WriteLine($"skipping {missing.Event.Name}: {missing.Errno}: {missing.Hint}");
}

using var group = builder.OpenGroup([.. probe.Where(p => p.Opened).Select(p => p.Event)]);
group.Enable();
var before = group.Read();

// The workload: two threads (created after the group opened, so inherit counts them) each sum a fresh
// 8 MiB native buffer.
var sums = new double[2];
var threads = Enumerable.Range(0, 2).Select(i => new Thread(() => sums[i] = SumFreshBuffer(8 << 20))).ToList();
threads.ForEach(t => t.Start());
threads.ForEach(t => t.Join());

var delta = group.Read().Since(before);
group.Disable();
for (var i = 0; i < delta.Events.Count; i++)
{
    var value = delta.Values[i];
    Console.WriteLine($"{delta.Events[i].Name,-18} {value.Scaled,16:N0}   (running {value.RunningShare:P0})");
}
var instructions = delta.Events.Contains(HardwareEvent.Instructions) ? delta[HardwareEvent.Instructions].Scaled : double.NaN;
var cycles = delta.Events.Contains(HardwareEvent.CpuCycles) ? delta[HardwareEvent.CpuCycles].Scaled : double.NaN;
Console.WriteLine($"IPC {DerivedMetrics.Ipc(instructions, cycles):F2}   (checksum {sums.Sum()})");

static unsafe double SumFreshBuffer(int bytes)
{
    var buffer = (byte*)NativeMemory.AllocZeroed((nuint)bytes);
    try
    {
        var sum = 0.0;
        for (var i = 0; i < bytes; i += 64)
        {
            buffer[i] = (byte)i;
            sum += buffer[i];
        }
        return sum;
    }
    finally
    {
        NativeMemory.Free(buffer);
    }
}
