namespace RdsCal.Registry.RegText;

/// <summary>The two .reg dialects regedit reads.</summary>
public enum RegTextFormat
{
    /// <summary><c>Windows Registry Editor Version 5.00</c>: UTF-16LE with a BOM as regedit writes it.</summary>
    Regedit5,
    /// <summary><c>REGEDIT4</c>: ANSI text; hex(2)/hex(7) data are ANSI bytes.</summary>
    Regedit4,
}
