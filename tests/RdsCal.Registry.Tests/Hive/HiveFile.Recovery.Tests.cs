using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

public class HiveFileRecoveryTests
{
    [TestDataFact]
    public void New_format_logs_recover_exactly_what_Windows_10_recovered()
    {
        using var recovered = HiveFile.Open(TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive"));
        using var windows = HiveFile.Open(TestData.Real("yarp", "NewDirtyHive1", "RecoveredHive_Windows10"));
        Assert.True(recovered.WasDirty);
        Assert.True(recovered.WasRecovered);
        Assert.Contains(recovered.Diagnostics, d => d.Code == HiveDiagnosticCode.RecoveredFromLogs);
        Assert.Equal(TreeFacts.Flatten(windows.Root).Keys, TreeFacts.Flatten(recovered.Root).Keys);
        Assert.Equal(TreeFacts.Flatten(windows.Root).Values, TreeFacts.Flatten(recovered.Root).Values);
        Assert.NotNull(recovered.Root.Open("Key3\\Key3_3"));
        // yarp's own check: the hive bins data is byte-identical to Windows' result.
        Assert.True(windows.Bytes.Span.Slice(4096, (int)windows.Header.DataSize)
            .SequenceEqual(recovered.Bytes.Span.Slice(4096, (int)recovered.Header.DataSize)));
    }

    [TestDataFact]
    public void Recovery_never_touches_the_files_on_disk()
    {
        string hive = TestData.CopyToTemp(TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive"));
        string dir = Path.GetDirectoryName(hive)!;
        File.Copy(TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive.LOG1"), Path.Combine(dir, "newdirtyhive.log1"));
        File.Copy(TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive.LOG2"), Path.Combine(dir, "NEWDIRTYHIVE.Log2"));
        byte[] before = File.ReadAllBytes(hive);
        using (var h = HiveFile.Open(hive))
        {
            Assert.True(h.WasRecovered);
        }
        Assert.Equal(before, File.ReadAllBytes(hive));
    }

    [TestDataFact]
    public void Without_logs_a_dirty_hive_is_read_with_a_staleness_warning()
    {
        string hive = TestData.CopyToTemp(TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive"));
        using var h = HiveFile.Open(hive);
        Assert.False(h.WasRecovered);
        Assert.Contains(h.Diagnostics, d => d.Code == HiveDiagnosticCode.DirtyWithoutLogs && d.Message.Contains("stale", StringComparison.Ordinal));
        Assert.NotNull(h.Root.Open("Key1"));
    }

    [TestDataFact]
    public void Old_format_log_repairs_a_hive_with_a_bad_base_block()
    {
        using var h = HiveFile.Open(TestData.Real("yarp", "BadBaseBlockHive", "BadBaseBlockHive"));
        Assert.True(h.WasRecovered);
        Assert.True(h.Header.ChecksumValid);
        // The log's pages delete subkey '1' and add '5000\find_me_in_log' relative to the base hive.
        Assert.Equal(4999, h.Root.Open("key_with_many_subkeys")!.EnumerateSubkeys().Count());
        Assert.NotNull(h.Root.Open("key_with_many_subkeys\\5000\\find_me_in_log"));
        Assert.Null(h.Root.Open("key_with_many_subkeys\\1"));
    }

    [TestDataFact]
    public void Logs_with_bad_checksums_or_damaged_data_are_rejected_with_a_reason()
    {
        foreach (string dir in new[] { "BadLogHive1", "BadLogHive2", "BadLogHive3" })
        {
            using var h = HiveFile.Open(TestData.Real("yarp", dir, "BadLogHive"));
            Assert.False(h.WasRecovered, dir);
            Assert.Contains(h.Diagnostics, d => d.Code == HiveDiagnosticCode.LogRejected);
            Assert.Contains(h.Diagnostics, d => d.Code == HiveDiagnosticCode.DirtyWithoutLogs);
        }
    }

    [TestDataFact]
    public void Windows_10_SYSTEM_recovers_from_LOG1_and_LOG2_in_sequence_order()
    {
        byte[] primary = TestData.Bytes(TestData.Real("regipy", "SYSTEM_B.gz"));
        var logs = new[]
        {
            new TransactionLogSource("SYSTEM_B.LOG1", TestData.Bytes(TestData.Real("regipy", "SYSTEM_B.LOG1.gz"))),
            new TransactionLogSource("SYSTEM_B.LOG2", TestData.Bytes(TestData.Real("regipy", "SYSTEM_B.LOG2.gz"))),
        };
        using var dirty = HiveFile.Load(primary, [], new HiveOpenOptions { ApplyLogs = false });
        using var h = HiveFile.Load(primary, logs);
        Assert.True(h.WasRecovered);
        Assert.False(h.Header.IsDirty);
        Assert.True(h.Header.PrimarySequence > dirty.Header.PrimarySequence);
        var (keys, values) = TreeFacts.Flatten(h.Root);
        Assert.DoesNotContain(h.Diagnostics, d => d.Code is HiveDiagnosticCode.SubkeySkipped or HiveDiagnosticCode.SubkeysOutOfOrder);
        var (oldKeys, oldValues) = TreeFacts.Flatten(dirty.Root);
        Assert.False(values.SetEquals(oldValues), "replaying the logs must change the data");
        Assert.Equal(1u, h.Root.Open("ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core")!.GetValue("LicensingMode")!.AsDWord());
    }

    [TestDataFact]
    public void Windows_10_NTUSER_replays_every_consecutive_entry_of_both_logs()
    {
        using var h = HiveFile.Open(TestData.Real("regipy", "transactions_NTUSER.DAT"));
        Assert.True(h.WasRecovered);
        Assert.Equal(588u, h.Header.PrimarySequence);
        Assert.Contains(h.Diagnostics, d => d.Message.Contains("replaying 23 log entries", StringComparison.Ordinal));
        TreeFacts.Flatten(h.Root);
    }
}
