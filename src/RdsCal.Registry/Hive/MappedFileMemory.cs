using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace RdsCal.Registry.Hive;

/// <summary>
/// A read-only memory map of a whole file exposed as <see cref="Memory{T}"/>, so a large hive is
/// paged in only where it is read.
/// </summary>
internal sealed unsafe class MappedFileMemory : MemoryManager<byte>
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;
    private bool _disposed;

    /// <summary>Maps the open file; the map owns <paramref name="file"/> from here on.</summary>
    public MappedFileMemory(FileStream file, long length)
    {
        _length = checked((int)length);
        _map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        _view = _map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _pointer = p + _view.PointerOffset;
    }

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Span<byte>(_pointer, _length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
