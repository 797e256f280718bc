using System.Collections.Concurrent;

namespace RdsCal.EventLog.Tests;

/// <summary>
/// The 13 real .evtx files in ../shared/testdata/real/evtx (gzipped there), decompressed once per test process into
/// its temporary root: the independent readers need plain files, and the files are never copied into the repository.
/// </summary>
internal static class EvtxFiles
{
    public const string Security = "security.evtx";
    public const string System = "system.evtx";
    public const string BadChunkMagic = "sample_with_a_bad_chunk_magic.evtx";

    /// <summary>Files whose only record neither independent reader can read.</summary>
    public static readonly string[] Hostile = ["MSExchange_Management_wec.evtx", "issue_201.evtx"];

    public static readonly string[] All =
    [
        "2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS-Operational.evtx",
        "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager-Operational.evtx",
        "2-vss_7-System.evtx",
        "Application_no_crc32.evtx",
        "MSExchange_Management_wec.evtx",
        "issue_201.evtx",
        "new-user-security.evtx",
        "sample-with-irregular-bool-values.evtx",
        "sample-with-zero-data-size-event.evtx",
        BadChunkMagic,
        Security,
        "security_bad_string_cache.evtx",
        System,
    ];

    private static readonly ConcurrentDictionary<string, Lazy<string>> Plain = new();
    private static readonly Lazy<string> Folder = new(() => Directory.CreateTempSubdirectory("rdscal-evtx-").FullName);

    public static TheoryData<string> Names => [.. All];

    /// <summary>The gzipped original in the shared test data.</summary>
    public static string Gzipped(string name) => TestData.Real("evtx", name + ".gz");

    /// <summary>A decompressed copy (shared by the tests of this process; read-only by convention).</summary>
    public static string Path(string name) => Plain.GetOrAdd(name, n => new Lazy<string>(() =>
    {
        string target = global::System.IO.Path.Combine(Folder.Value, n);
        File.WriteAllBytes(target, TestData.Bytes(Gzipped(n)));
        return target;
    })).Value;

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));
}
