using System.Runtime.InteropServices;

namespace CnnPerf.Native.Interop;

/// <summary>
/// <c>struct perf_event_attr</c> of <c>linux/perf_event.h</c>, field for field at the kernel's offsets
/// (PERF_ATTR_SIZE_VER8, 136 bytes). Unions keep the name of their first member and, where CnnPerf uses
/// another, that name too. The layout is checked against the C header by a test.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
internal struct PerfEventAttr
{
    /// <summary>sizeof(struct perf_event_attr) for PERF_ATTR_SIZE_VER8.</summary>
    public const int Size = 136;

    /// <summary><c>__u32 type</c>: major type (hardware, software, tracepoint, hw-cache, raw, or a PMU's type).</summary>
    [FieldOffset(0)] public uint Type;
    /// <summary><c>__u32 size</c>: size of the structure, for compatibility.</summary>
    [FieldOffset(4)] public uint AttrSize;
    /// <summary><c>__u64 config</c>: type-specific configuration.</summary>
    [FieldOffset(8)] public ulong Config;
    /// <summary><c>union { __u64 sample_period; __u64 sample_freq; }</c>.</summary>
    [FieldOffset(16)] public ulong SamplePeriod;
    /// <summary><c>__u64 sample_type</c>.</summary>
    [FieldOffset(24)] public ulong SampleType;
    /// <summary><c>__u64 read_format</c>.</summary>
    [FieldOffset(32)] public PerfReadFormat ReadFormat;
    /// <summary>The bit fields from <c>disabled</c> to <c>sigtrap</c>.</summary>
    [FieldOffset(40)] public PerfEventFlags Flags;
    /// <summary><c>union { __u32 wakeup_events; __u32 wakeup_watermark; }</c>.</summary>
    [FieldOffset(48)] public uint WakeupEvents;
    /// <summary><c>__u32 bp_type</c>.</summary>
    [FieldOffset(52)] public uint BpType;
    /// <summary><c>union { __u64 bp_addr; __u64 kprobe_func; __u64 uprobe_path; __u64 config1; }</c>.</summary>
    [FieldOffset(56)] public ulong Config1;
    /// <summary><c>union { __u64 bp_len; __u64 kprobe_addr; __u64 probe_offset; __u64 config2; }</c>.</summary>
    [FieldOffset(64)] public ulong Config2;
    /// <summary><c>__u64 branch_sample_type</c>.</summary>
    [FieldOffset(72)] public ulong BranchSampleType;
    /// <summary><c>__u64 sample_regs_user</c>.</summary>
    [FieldOffset(80)] public ulong SampleRegsUser;
    /// <summary><c>__u32 sample_stack_user</c>.</summary>
    [FieldOffset(88)] public uint SampleStackUser;
    /// <summary><c>__s32 clockid</c>.</summary>
    [FieldOffset(92)] public int ClockId;
    /// <summary><c>__u64 sample_regs_intr</c>.</summary>
    [FieldOffset(96)] public ulong SampleRegsIntr;
    /// <summary><c>__u32 aux_watermark</c>.</summary>
    [FieldOffset(104)] public uint AuxWatermark;
    /// <summary><c>__u16 sample_max_stack</c>.</summary>
    [FieldOffset(108)] public ushort SampleMaxStack;
    /// <summary><c>__u16 __reserved_2</c>.</summary>
    [FieldOffset(110)] public ushort Reserved2;
    /// <summary><c>__u32 aux_sample_size</c>.</summary>
    [FieldOffset(112)] public uint AuxSampleSize;
    /// <summary><c>__u32 __reserved_3</c> (aux_action bits in newer headers).</summary>
    [FieldOffset(116)] public uint Reserved3;
    /// <summary><c>__u64 sig_data</c>: user data for sigtrap.</summary>
    [FieldOffset(120)] public ulong SigData;
    /// <summary><c>__u64 config3</c>: extension of config2 (VER8).</summary>
    [FieldOffset(128)] public ulong Config3;
}
