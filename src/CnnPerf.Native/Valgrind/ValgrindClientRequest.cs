using System.Runtime.InteropServices;
using CnnPerf.Native.Interop;

namespace CnnPerf.Native.Valgrind;

/// <summary>
/// Valgrind client requests from .NET. A client request is a fixed, otherwise meaningless instruction sequence
/// that the valgrind core recognises in the instruction stream; run natively it does nothing and returns the
/// default value. The sequence (that of valgrind.h for x86-64 and arm64) is written once into an executable page
/// and called as an unmanaged function.
/// </summary>
public static unsafe class ValgrindClientRequest
{
    /// <summary>The core request <c>VG_USERREQ__RUNNING_ON_VALGRIND</c>.</summary>
    public const uint RunningOnValgrindRequest = 0x1001;

    private static readonly Lazy<nint> Code = new(WriteCode);

    /// <summary>Whether this process architecture has a client request sequence here (x86-64 and arm64 Linux).</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Whether this process runs under valgrind (false where client requests are not supported).</summary>
    public static bool IsRunningOnValgrind => IsSupported && Send(RunningOnValgrindRequest, 0) != 0;

    /// <summary>Sends a client request; returns valgrind's answer, or <paramref name="defaultResult"/> when not under valgrind.</summary>
    /// <param name="request">The request code (a tool's requests start at <c>VG_USERREQ_TOOL_BASE</c>).</param>
    /// <param name="defaultResult">The result when the process does not run under valgrind.</param>
    /// <param name="arguments">Up to five request arguments.</param>
    /// <exception cref="PlatformNotSupportedException">Not x86-64 or arm64 Linux.</exception>
    /// <exception cref="ArgumentException">More than five arguments.</exception>
    /// <exception cref="SystemCallException">The executable page could not be mapped.</exception>
    public static ulong Send(uint request, ulong defaultResult, params ReadOnlySpan<ulong> arguments)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException($"valgrind client requests are implemented for x86-64 and arm64 Linux, not {RuntimeInformation.ProcessArchitecture} {RuntimeInformation.OSDescription}");
        }
        if (arguments.Length > 5)
        {
            throw new ArgumentException($"a client request takes at most 5 arguments, got {arguments.Length}", nameof(arguments));
        }
        var block = stackalloc ulong[6];
        block[0] = request;
        for (var i = 0; i < 5; i++)
        {
            block[i + 1] = i < arguments.Length ? arguments[i] : 0;
        }
        var function = (delegate* unmanaged<ulong*, ulong, ulong>)Code.Value;
        return function(block, defaultResult);
    }

    /// <summary>
    /// The request as a function <c>ulong request(ulong* block, ulong defaultResult)</c>: the block's address goes
    /// where valgrind reads it (rax / x4), the default where it writes the answer (rdx / x3), then the special
    /// preamble (rotations that leave the register unchanged) and the marker instruction, then the answer returns.
    /// </summary>
    private static byte[] Sequence() => RuntimeInformation.ProcessArchitecture == Architecture.X64
        ?
        [
            0x48, 0x89, 0xF8,             // mov rax, rdi
            0x48, 0x89, 0xF2,             // mov rdx, rsi
            0x48, 0xC1, 0xC7, 0x03,       // rol rdi, 3
            0x48, 0xC1, 0xC7, 0x0D,       // rol rdi, 13
            0x48, 0xC1, 0xC7, 0x3D,       // rol rdi, 61
            0x48, 0xC1, 0xC7, 0x33,       // rol rdi, 51
            0x48, 0x87, 0xDB,             // xchg rbx, rbx: rdx = request(rax)
            0x48, 0x89, 0xD0,             // mov rax, rdx
            0xC3,                         // ret
        ]
        : Words(
            0xAA0003E4,                   // mov x4, x0
            0xAA0103E3,                   // mov x3, x1
            0x93CC0D8C,                   // ror x12, x12, #3
            0x93CC358C,                   // ror x12, x12, #13
            0x93CCCD8C,                   // ror x12, x12, #51
            0x93CCF58C,                   // ror x12, x12, #61
            0xAA0A014A,                   // orr x10, x10, x10: x3 = request(x4)
            0xAA0303E0,                   // mov x0, x3
            0xD65F03C0);                  // ret

    private static byte[] Words(params uint[] words) => [.. words.SelectMany(BitConverter.GetBytes)];

    private static nint WriteCode()
    {
        var code = Sequence();
        var size = (nuint)Environment.SystemPageSize;
        var page = NativeMethods.MemoryMap(0, size, NativeMethods.ProtReadWrite, NativeMethods.MapPrivateAnonymous, -1, 0);
        if (page == -1)
        {
            throw Errno.SystemCall("mmap(client request page)", Errno.Last);
        }
        Marshal.Copy(code, 0, page, code.Length);
        if (NativeMethods.MemoryProtect(page, size, NativeMethods.ProtReadExecute) != 0)
        {
            throw Errno.SystemCall("mprotect(client request page, PROT_READ|PROT_EXEC)", Errno.Last);
        }
        return page;
    }
}
