using System.Globalization;
using System.Runtime.InteropServices;
using CnnPerf.Native.Interop;
using CnnPerf.Native.Tests.TestSupport;

namespace CnnPerf.Native.Tests.Interop;

/// <summary>Proves the C# structs against the C headers: gcc prints sizeof/offsetof, the test compares.</summary>
public class PerfEventAttrLayoutTests
{
    private const string Header = "/usr/include/linux/perf_event.h";

    // C field name -> C# field name.
    private static readonly (string C, string CSharp)[] Fields =
    [
        ("type", "Type"), ("size", "AttrSize"), ("config", "Config"), ("sample_period", "SamplePeriod"),
        ("sample_type", "SampleType"), ("read_format", "ReadFormat"), ("wakeup_events", "WakeupEvents"),
        ("bp_type", "BpType"), ("config1", "Config1"), ("config2", "Config2"), ("branch_sample_type", "BranchSampleType"),
        ("sample_regs_user", "SampleRegsUser"), ("sample_stack_user", "SampleStackUser"), ("clockid", "ClockId"),
        ("sample_regs_intr", "SampleRegsIntr"), ("aux_watermark", "AuxWatermark"), ("sample_max_stack", "SampleMaxStack"),
        ("aux_sample_size", "AuxSampleSize"), ("sig_data", "SigData"),
    ];

    // C bit field -> C# flag.
    private static readonly (string C, PerfEventFlags Flag)[] Bits =
    [
        ("disabled", PerfEventFlags.Disabled), ("inherit", PerfEventFlags.Inherit), ("pinned", PerfEventFlags.Pinned),
        ("exclusive", PerfEventFlags.Exclusive), ("exclude_user", PerfEventFlags.ExcludeUser),
        ("exclude_kernel", PerfEventFlags.ExcludeKernel), ("exclude_hv", PerfEventFlags.ExcludeHv),
        ("exclude_idle", PerfEventFlags.ExcludeIdle), ("inherit_stat", PerfEventFlags.InheritStat),
        ("enable_on_exec", PerfEventFlags.EnableOnExec), ("exclude_host", PerfEventFlags.ExcludeHost),
        ("exclude_guest", PerfEventFlags.ExcludeGuest), ("inherit_thread", PerfEventFlags.InheritThread),
        ("remove_on_exec", PerfEventFlags.RemoveOnExec),
    ];

    private static Dictionary<string, long>? _c;

    private static Dictionary<string, long> C => _c ??= CompileAndRun();

    [Test]
    public void EveryFieldOfTheHeaderIsAtTheSameOffsetAndSize()
    {
        foreach (var (c, csharp) in Fields)
        {
            Assert.That(Marshal.OffsetOf<PerfEventAttr>(csharp).ToInt64(), Is.EqualTo(C[$"offset.{c}"]), $"offsetof({c})");
            var field = typeof(PerfEventAttr).GetField(csharp)!;
            var size = field.FieldType.IsEnum ? Marshal.SizeOf(Enum.GetUnderlyingType(field.FieldType)) : Marshal.SizeOf(field.FieldType);
            Assert.That(size, Is.EqualTo(C[$"size.{c}"]), $"sizeof({c})");
        }
    }

    [Test]
    public void TheBitFieldsAreTheKernelsBits()
    {
        // The bit fields fill the u64 between read_format and wakeup_events.
        Assert.That(C["flags_word_bytes"], Is.EqualTo(sizeof(ulong)));
        Assert.That(Marshal.OffsetOf<PerfEventAttr>(nameof(PerfEventAttr.Flags)).ToInt64(), Is.EqualTo(C["offset.flags"]));
        foreach (var (c, flag) in Bits)
        {
            Assert.That((ulong)flag, Is.EqualTo((ulong)C[$"bit.{c}"]), $"bit of {c}");
        }
    }

    [Test]
    public void TheStructIsVer8AndConfig3FollowsTheHeadersLastField()
    {
        Assert.That(C["PERF_ATTR_SIZE_VER7"], Is.EqualTo(128));
        Assert.That(Marshal.SizeOf<PerfEventAttr>(), Is.EqualTo(PerfEventAttr.Size).And.EqualTo(136));
        if (C.TryGetValue("offset.config3", out var config3))
        {
            Assert.That(Marshal.OffsetOf<PerfEventAttr>(nameof(PerfEventAttr.Config3)).ToInt64(), Is.EqualTo(config3));
            Assert.That(Marshal.SizeOf<PerfEventAttr>(), Is.EqualTo(C["sizeof"]));
        }
        else
        {
            // Headers older than 6.3 end at sig_data (VER7): config3 is the next u64, making VER8's 136 bytes.
            Assert.That(C["sizeof"], Is.EqualTo(C["PERF_ATTR_SIZE_VER7"]));
            Assert.That(Marshal.OffsetOf<PerfEventAttr>(nameof(PerfEventAttr.Config3)).ToInt64(), Is.EqualTo(C["offset.sig_data"] + 8).And.EqualTo(C["sizeof"]));
            Assert.That(Marshal.SizeOf<PerfEventAttr>(), Is.EqualTo(C["sizeof"] + sizeof(ulong)));
        }
    }

    [Test]
    public void TheIoctlNumbersAreTheHeadersMacros()
    {
        Assert.That(NativeMethods.PerfEventIocEnable, Is.EqualTo((ulong)C["PERF_EVENT_IOC_ENABLE"]));
        Assert.That(NativeMethods.PerfEventIocDisable, Is.EqualTo((ulong)C["PERF_EVENT_IOC_DISABLE"]));
        Assert.That(NativeMethods.PerfEventIocReset, Is.EqualTo((ulong)C["PERF_EVENT_IOC_RESET"]));
        Assert.That(NativeMethods.PerfEventIocId, Is.EqualTo((ulong)C["PERF_EVENT_IOC_ID"]));
        Assert.That(NativeMethods.PerfIocFlagGroup, Is.EqualTo((ulong)C["PERF_IOC_FLAG_GROUP"]));
        Assert.That(NativeMethods.PerfFlagFdCloexec, Is.EqualTo((ulong)C["PERF_FLAG_FD_CLOEXEC"]));
        Assert.That((ulong)PerfReadFormat.Group, Is.EqualTo((ulong)C["PERF_FORMAT_GROUP"]));
        Assert.That(NativeMethods.PerfEventOpenSyscall, Is.EqualTo(C["SYS_perf_event_open"]));
    }

    [Test]
    public void RUsageMatchesStructRusage()
    {
        Assert.That(Marshal.SizeOf<RUsage>(), Is.EqualTo(C["sizeof.rusage"]));
        Assert.That(Marshal.OffsetOf<RUsage>(nameof(RUsage.MaxRss)).ToInt64(), Is.EqualTo(C["offset.ru_maxrss"]));
        Assert.That(Marshal.OffsetOf<RUsage>(nameof(RUsage.MinorFaults)).ToInt64(), Is.EqualTo(C["offset.ru_minflt"]));
        Assert.That(Marshal.OffsetOf<RUsage>(nameof(RUsage.InvoluntaryContextSwitches)).ToInt64(), Is.EqualTo(C["offset.ru_nivcsw"]));
    }

    private static Dictionary<string, long> CompileAndRun()
    {
        Assume.That(File.Exists(Header), Is.True, $"{Header} is missing (Debian package linux-libc-dev)");
        var hasConfig3 = File.ReadAllText(Header).Contains("config3", StringComparison.Ordinal);
        var fields = Fields.Select(f => f.C).ToList();
        if (hasConfig3)
        {
            fields.Add("config3");
        }
        var lines = new List<string>
        {
            "#include <stdio.h>", "#include <stddef.h>", "#include <string.h>", "#include <stdint.h>",
            "#include <sys/resource.h>", "#include <sys/syscall.h>", "#include <linux/perf_event.h>",
            "#define F(f) printf(\"offset.%s %zu\\nsize.%s %zu\\n\", #f, offsetof(struct perf_event_attr, f), #f, sizeof(((struct perf_event_attr *)0)->f));",
            "#define B(f) do { struct perf_event_attr a; memset(&a, 0, sizeof a); a.f = 1; uint64_t w; memcpy(&w, (char *)&a + FLAGS, 8); printf(\"bit.%s %llu\\n\", #f, (unsigned long long)w); } while (0);",
            "#define FLAGS (offsetof(struct perf_event_attr, read_format) + sizeof(__u64))",
            "#define M(m) printf(\"%s %lld\\n\", #m, (long long)(m));",
            "int main(void) {",
            "printf(\"sizeof %zu\\n\", sizeof(struct perf_event_attr));",
            "printf(\"offset.flags %zu\\nflags_word_bytes %zu\\n\", FLAGS, offsetof(struct perf_event_attr, wakeup_events) - FLAGS);",
            "printf(\"sizeof.rusage %zu\\noffset.ru_maxrss %zu\\noffset.ru_minflt %zu\\noffset.ru_nivcsw %zu\\n\", sizeof(struct rusage), offsetof(struct rusage, ru_maxrss), offsetof(struct rusage, ru_minflt), offsetof(struct rusage, ru_nivcsw));",
        };
        lines.AddRange(fields.Select(f => $"F({f})"));
        lines.AddRange(Bits.Select(b => $"B({b.C})"));
        lines.AddRange(new[]
        {
            "PERF_ATTR_SIZE_VER7", "PERF_EVENT_IOC_ENABLE", "PERF_EVENT_IOC_DISABLE", "PERF_EVENT_IOC_RESET", "PERF_EVENT_IOC_ID",
            "PERF_IOC_FLAG_GROUP", "PERF_FLAG_FD_CLOEXEC", "PERF_FORMAT_GROUP", "SYS_perf_event_open",
        }.Select(m => $"M({m})"));
        lines.Add("return 0; }");
        var executable = CProgram.Compile(string.Join('\n', lines), "perf_event_attr_layout");
        var (exitCode, output) = CProgram.Run(executable, []);
        Assert.That(exitCode, Is.Zero, output);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
