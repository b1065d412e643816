using System.Runtime.InteropServices;

namespace CnnPerf.Frameworks.Managed.Memory;

/// <summary>
/// A 64-byte aligned block of native memory holding floats; blocks of 16 KiB and more start on a page boundary,
/// so that where a layer's buffers fall relative to each other in the caches does not depend on what the
/// allocator happened to hand out before. Kernels address it by pointer, so it never moves and the garbage
/// collector never sees it. The owner disposes it.
/// </summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    private const nuint CacheLineSize = 64;
    private const nuint PageSize = 4096;
    private const long PageAlignedFloats = 4096;

    private float* _pointer;

    /// <summary>Allocates <paramref name="length"/> floats, zero-filled.</summary>
    public NativeBuffer(long length)
    {
        Length = Math.Max(length, 1);
        _pointer = (float*)NativeMemory.AlignedAlloc((nuint)(Length * sizeof(float)), Length >= PageAlignedFloats ? PageSize : CacheLineSize);
        NativeMemory.Clear(_pointer, (nuint)(Length * sizeof(float)));
    }

    /// <summary>Number of floats.</summary>
    public long Length { get; }

    /// <summary>The first float.</summary>
    public float* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return _pointer;
        }
    }

    /// <summary>Allocates a buffer holding a copy of <paramref name="values"/>.</summary>
    public static NativeBuffer From(ReadOnlySpan<float> values)
    {
        var buffer = new NativeBuffer(values.Length);
        values.CopyTo(new Span<float>(buffer._pointer, values.Length));
        return buffer;
    }

    /// <summary>Frees the memory.</summary>
    public void Dispose()
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
