using RdsCal.Licensing.Sources;
using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>What the hive walk finds (here an out-of-order subkey list) reaches the status report once.</summary>
public class WalkWarningTests
{
    internal const string LicenseServers = @"ControlSet001\Services\TermService\Parameters\LicenseServers";

    [TestDataFact]
    public void An_out_of_order_subkey_list_found_by_the_snapshot_is_in_the_source_warnings_once()
    {
        using var temp = new TempFolder();
        string system = temp.File("SYSTEM");
        File.WriteAllBytes(system, WithLicenseServersOutOfOrder(TestData.Bytes(TestData.Scenario("legacy-shapes", "SYSTEM"))));

        using var machine = MachineRegistry.Open(system, null);
        var report = StatusReport.Create(machine);

        var warnings = report.SourceWarnings[system];
        string expected = "subkeys of 'LicenseServers' are out of order ('SpecifiedLicenseServers' before 'lic-old.contoso.com'): Windows may not find some of them";
        Assert.Single(warnings, w => w.StartsWith(expected, StringComparison.Ordinal));
        Assert.Single(warnings);
        var hive = ((HiveKey)machine.System!.Root).Hive;
        Assert.Single(hive.Diagnostics, d => d.Code == HiveDiagnosticCode.SubkeysOutOfOrder);
        Assert.Equal(["lic-old.contoso.com"], report.Snapshot.Servers.Shapes.Single(s => s.Kind == Snapshot.LicenseServerShapeKind.PerServerSubkeys).Servers);
    }

    [TestDataFact]
    public void The_untouched_hive_has_no_walk_warning()
    {
        using var machine = MachineRegistry.Open(TestData.Scenario("legacy-shapes", "SYSTEM"), null);
        Assert.Empty(StatusReport.Create(machine).SourceWarnings[TestData.Scenario("legacy-shapes", "SYSTEM")]);
    }

    /// <summary>The hive with LicenseServers' two subkeys (lic-old.contoso.com, SpecifiedLicenseServers) swapped in their list.</summary>
    internal static byte[] WithLicenseServersOutOfOrder(byte[] system)
    {
        uint key;
        using (var hive = HiveFile.Load(system))
        {
            key = ((HiveKey)hive.Root.Open(LicenseServers)!).CellOffset;
        }
        return HostileHive.WithFirstSubkeysSwapped(system, key);
    }
}
