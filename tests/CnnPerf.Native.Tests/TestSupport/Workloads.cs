using System.Runtime.InteropServices;

namespace CnnPerf.Native.Tests.TestSupport;

/// <summary>Work whose effect on counters is known: CPU spinning and touching fresh native pages.</summary>
public static class Workloads
{
    /// <summary>Spins the CPU for a fixed amount of arithmetic; returns a value so the work is not removed.</summary>
    public static double Spin(int iterations)
    {
        var sum = 0.0;
        for (var i = 0; i < iterations; i++)
        {
            sum += Math.Sqrt(i) * 1.0000001;
        }
        return sum;
    }

    /// <summary>
    /// Maps <paramref name="pages"/> fresh anonymous pages (no huge pages, not recycled by an allocator) and writes
    /// one byte to each: exactly one page fault per page.
    /// </summary>
    public static unsafe void TouchFreshPages(int pages)
    {
        var pageSize = Environment.SystemPageSize;
        var length = (nuint)((long)pages * pageSize);
        var memory = (byte*)mmap(0, length, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        Assert.That((nint)memory, Is.Not.EqualTo((nint)(-1)), "mmap failed");
        try
        {
            madvise((nint)memory, length, MadvNoHugePage);
            for (var i = 0; i < pages; i++)
            {
                memory[(long)i * pageSize] = 1;
            }
        }
        finally
        {
            munmap((nint)memory, length);
        }
    }

    /// <summary>Number of open perf event file descriptors of this process (links to <c>anon_inode:[perf_event]</c>).</summary>
    public static int OpenPerfEventDescriptors() =>
        Directory.GetFileSystemEntries("/proc/self/fd").Count(fd => new FileInfo(fd).LinkTarget == "anon_inode:[perf_event]");

    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 2, MapAnonymous = 0x20, MadvNoHugePage = 15;

    [DllImport("libc")]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc")]
    private static extern int munmap(nint address, nuint length);

    [DllImport("libc")]
    private static extern int madvise(nint address, nuint length, int advice);
}
