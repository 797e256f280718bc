namespace RdsCal.EventLog;

/// <summary>The BinXml value types ([MS-EVEN6] 2.2.15 and libyal's EVTX document); an array has <see cref="ArrayFlag"/> set.</summary>
public enum EvtxValueType : byte
{
    /// <summary>No value: an optional substitution left out, or an empty one.</summary>
    Null = 0x00,

    /// <summary>A UTF-16 little-endian string.</summary>
    String = 0x01,

    /// <summary>A string in the system's ANSI code page (read as Windows-1252).</summary>
    AnsiString = 0x02,

    /// <summary>A signed byte.</summary>
    Int8 = 0x03,

    /// <summary>An unsigned byte.</summary>
    UInt8 = 0x04,

    /// <summary>A signed 16-bit integer.</summary>
    Int16 = 0x05,

    /// <summary>An unsigned 16-bit integer.</summary>
    UInt16 = 0x06,

    /// <summary>A signed 32-bit integer.</summary>
    Int32 = 0x07,

    /// <summary>An unsigned 32-bit integer.</summary>
    UInt32 = 0x08,

    /// <summary>A signed 64-bit integer.</summary>
    Int64 = 0x09,

    /// <summary>An unsigned 64-bit integer.</summary>
    UInt64 = 0x0A,

    /// <summary>An IEEE 754 single.</summary>
    Real32 = 0x0B,

    /// <summary>An IEEE 754 double.</summary>
    Real64 = 0x0C,

    /// <summary>A 32-bit boolean (0 is false, anything else true).</summary>
    Boolean = 0x0D,

    /// <summary>Bytes, shown as upper-case hexadecimal.</summary>
    Binary = 0x0E,

    /// <summary>A GUID, shown with braces.</summary>
    Guid = 0x0F,

    /// <summary>A pointer-sized unsigned integer (4 or 8 bytes), shown in hexadecimal.</summary>
    SizeT = 0x10,

    /// <summary>A FILETIME (100 ns ticks since 1601, UTC).</summary>
    FileTime = 0x11,

    /// <summary>A SYSTEMTIME (eight 16-bit fields, UTC).</summary>
    SystemTime = 0x12,

    /// <summary>A security identifier, shown as S-1-….</summary>
    Sid = 0x13,

    /// <summary>A 32-bit integer shown in hexadecimal.</summary>
    HexInt32 = 0x14,

    /// <summary>A 64-bit integer shown in hexadecimal.</summary>
    HexInt64 = 0x15,

    /// <summary>An event handle (not expected in files).</summary>
    EvtHandle = 0x20,

    /// <summary>A nested BinXml fragment: the value is XML.</summary>
    BinXml = 0x21,

    /// <summary>EvtXml (not expected in files; read as bytes).</summary>
    EvtXml = 0x23,

    /// <summary>The flag marking an array of the type in the low seven bits.</summary>
    ArrayFlag = 0x80,
}
