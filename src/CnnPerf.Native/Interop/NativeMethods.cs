using System.Runtime.InteropServices;

namespace CnnPerf.Native.Interop;

/// <summary>
/// Every native call of CnnPerf.Native, in one place. Each returns -1 and sets errno on failure
/// (<c>SetLastError = true</c>); callers pass failures to <see cref="Errno"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string LibC = "libc";

    /// <summary><c>ioctl(fd, PERF_EVENT_IOC_ENABLE, flags)</c>.</summary>
    public const ulong PerfEventIocEnable = 0x2400;

    /// <summary><c>ioctl(fd, PERF_EVENT_IOC_DISABLE, flags)</c>.</summary>
    public const ulong PerfEventIocDisable = 0x2401;

    /// <summary><c>ioctl(fd, PERF_EVENT_IOC_RESET, flags)</c>; never used on inherited counters.</summary>
    public const ulong PerfEventIocReset = 0x2403;

    /// <summary><c>ioctl(fd, PERF_EVENT_IOC_ID, u64 *id)</c> (_IOR('$', 7, u64)).</summary>
    public const ulong PerfEventIocId = 0x80082407;

    /// <summary>ioctl argument: apply to the whole group of the leader.</summary>
    public const ulong PerfIocFlagGroup = 1;

    /// <summary><c>PERF_FLAG_FD_CLOEXEC</c>: the counter's fd is closed on exec.</summary>
    public const ulong PerfFlagFdCloexec = 8;

    /// <summary><c>RUSAGE_SELF</c>.</summary>
    public const int RusageSelf = 0;

    /// <summary><c>RUSAGE_CHILDREN</c>.</summary>
    public const int RusageChildren = -1;

    /// <summary><c>RUSAGE_THREAD</c>.</summary>
    public const int RusageThread = 1;

    /// <summary>The <c>perf_event_open</c> system call number of the running architecture.</summary>
    public static long PerfEventOpenSyscall { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 298,
        Architecture.Arm64 => 241,
        Architecture.Arm => 364,
        Architecture.X86 => 336,
        Architecture.RiscV64 or Architecture.LoongArch64 => 241,
        _ => -1,
    };

    /// <summary>
    /// <c>int syscall(SYS_perf_event_open, struct perf_event_attr *attr, pid_t pid, int cpu, int group_fd,
    /// unsigned long flags)</c>.
    /// </summary>
    [LibraryImport(LibC, EntryPoint = "syscall", SetLastError = true)]
    public static partial long PerfEventOpen(long number, PerfEventAttr* attr, long pid, long cpu, long groupFd, ulong flags);

    /// <summary><c>int ioctl(int fd, unsigned long request, unsigned long arg)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, ulong arg);

    /// <summary><c>int ioctl(int fd, unsigned long request, u64 *arg)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, ulong request, ulong* arg);

    /// <summary><c>ssize_t read(int fd, void *buf, size_t count)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nuint count);

    /// <summary><c>int close(int fd)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary><c>int getrusage(int who, struct rusage *usage)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "getrusage", SetLastError = true)]
    public static partial int GetRusage(int who, RUsage* usage);

    /// <summary><c>int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "sched_setaffinity", SetLastError = true)]
    public static partial int SchedSetAffinity(int pid, nuint cpuSetSize, ulong* mask);

    /// <summary><c>int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)</c>; returns the bytes written.</summary>
    [LibraryImport(LibC, EntryPoint = "sched_getaffinity", SetLastError = true)]
    public static partial int SchedGetAffinity(int pid, nuint cpuSetSize, ulong* mask);

    /// <summary><c>_SC_CLK_TCK</c> for <see cref="SysConf"/>.</summary>
    public const int ScClkTck = 2;

    /// <summary><c>long sysconf(int name)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "sysconf", SetLastError = true)]
    public static partial long SysConf(int name);

    /// <summary><c>PROT_READ | PROT_WRITE</c>.</summary>
    public const int ProtReadWrite = 0x1 | 0x2;

    /// <summary><c>PROT_READ | PROT_EXEC</c>.</summary>
    public const int ProtReadExecute = 0x1 | 0x4;

    /// <summary><c>MAP_PRIVATE | MAP_ANONYMOUS</c>.</summary>
    public const int MapPrivateAnonymous = 0x02 | 0x20;

    /// <summary><c>void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)</c>; returns <c>MAP_FAILED</c> (-1) on failure.</summary>
    [LibraryImport(LibC, EntryPoint = "mmap", SetLastError = true)]
    public static partial nint MemoryMap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    /// <summary><c>int mprotect(void *addr, size_t len, int prot)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "mprotect", SetLastError = true)]
    public static partial int MemoryProtect(nint address, nuint length, int protection);

    /// <summary><c>pid_t gettid(void)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "gettid")]
    public static partial int GetTid();

    /// <summary><c>int kill(pid_t pid, int sig)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary>
    /// <c>int sigaction(int signum, const struct sigaction *act, struct sigaction *oldact)</c>, for queries only
    /// (<paramref name="action"/> null): glibc's struct sigaction starts with the handler on every Linux architecture, and
    /// the caller's buffer is larger than the struct.
    /// </summary>
    [LibraryImport(LibC, EntryPoint = "sigaction", SetLastError = true)]
    public static partial int SigAction(int signal, void* action, void* oldAction);

    /// <summary><c>sighandler_t signal(int signum, sighandler_t handler)</c>; returns <c>SIG_ERR</c> (-1) on failure.</summary>
    [LibraryImport(LibC, EntryPoint = "signal", SetLastError = true)]
    public static partial nint Signal(int signal, nint handler);

    /// <summary><c>SIG_DFL</c>.</summary>
    public const nint SignalDefault = 0;

    /// <summary><c>SIG_IGN</c>.</summary>
    public const nint SignalIgnore = 1;

    /// <summary><c>O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC</c>: open a device to look at it, without making it the controlling terminal or waiting for it.</summary>
    public const int OpenToInspect = 0x2 | 0x100 | 0x800 | 0x80000;

    /// <summary><c>int open(const char *pathname, int flags)</c>.</summary>
    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    /// <summary><c>int isatty(int fd)</c>: 1 for a terminal, 0 (errno ENOTTY) otherwise.</summary>
    [LibraryImport(LibC, EntryPoint = "isatty", SetLastError = true)]
    public static partial int IsATty(int fd);
}
