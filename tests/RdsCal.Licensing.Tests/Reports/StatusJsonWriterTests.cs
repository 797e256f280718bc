using System.Text.Json;
using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.Sources;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests.Reports;

/// <summary>
/// The status JSON document and the fleet audit write findings through one writer, so a host's findings read the
/// same in both (the byte-for-byte contract of <c>status --json</c> itself is checked by the CLI's tests).
/// </summary>
public class StatusJsonWriterTests
{
    [TestDataFact]
    public void Fleet_json_writes_each_finding_as_status_json_does_less_the_rule_details()
    {
        using var machine = MachineRegistry.Open(TestData.Scenario("policy-overrides", "SYSTEM"), TestData.Scenario("policy-overrides", "SOFTWARE"));
        var report = StatusReport.Create(machine);
        Assert.True(report.Findings.Count >= 2, "the scenario should have several findings");

        var status = new StringWriter();
        StatusJsonWriter.Write(report, "rdscal test", status);
        using var statusDoc = JsonDocument.Parse(status.ToString());
        Assert.Equal("rdscal test", statusDoc.RootElement.GetProperty("tool").GetString());
        Assert.Equal(StatusJsonWriter.SchemaVersion, statusDoc.RootElement.GetProperty("schemaVersion").GetInt32());

        var host = HostAudit.FromReport("host", "folder", report);
        var audit = new FleetAudit();
        audit.Add(host);
        var fleet = new StringWriter();
        using (var writer = new FleetJsonWriter())
        {
            writer.Add(host);
            writer.Finish(audit.Complete(), fleet);
        }
        using var fleetDoc = JsonDocument.Parse(fleet.ToString());

        // A code can stand more than once (one finding per legacy shape, …), and the audit orders findings its own way.
        var fromStatus = Fields(statusDoc.RootElement.GetProperty("findings"), except: ["remedyAction", "appliesTo", "sources"]);
        var fromFleet = Fields(fleetDoc.RootElement.GetProperty("hosts")[0].GetProperty("findings"), except: []);
        Assert.Equal(report.Findings.Count, fromFleet.Count);
        Assert.All(fromStatus, f => Assert.StartsWith("code=", f, StringComparison.Ordinal));
        Assert.Equal(fromStatus, fromFleet);
    }

    /// <summary>Each finding as "name=compact json|name=json|…" in its own field order, the findings sorted.</summary>
    private static List<string> Fields(JsonElement findings, string[] except) =>
        [.. findings.EnumerateArray()
            .Select(f => string.Join('|', f.EnumerateObject().Where(p => !except.Contains(p.Name)).Select(p => $"{p.Name}={JsonSerializer.Serialize(p.Value)}")))
            .Order(StringComparer.Ordinal)];

    [TestDataFact]
    public void Each_finding_carries_its_remedy_as_data_and_the_fleet_reads_files_with_and_without_it()
    {
        using var machine = MachineRegistry.Open(TestData.Scenario("legacy-shapes", "SYSTEM"), TestData.Scenario("legacy-shapes", "SOFTWARE"));
        var report = StatusReport.Create(machine);
        var status = new StringWriter();
        StatusJsonWriter.Write(report, "rdscal test", status);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(status.ToString())!;
        var findings = doc["findings"]!.AsArray();
        var legacy = findings.Single(f => f!["code"]!.GetValue<string>() == "RDS006")!["remedyAction"]!;
        Assert.Equal("removeLegacyShapes", legacy["kind"]!.GetValue<string>());
        Assert.Equal("sessionHost", legacy["machine"]!.GetValue<string>());
        Assert.All(findings, f => Assert.NotNull(f!["remedyAction"]));

        var withAction = StatusJsonReader.Parse(System.Text.Encoding.UTF8.GetBytes(status.ToString()), "new.json", "new");
        foreach (var f in findings)
        {
            f!.AsObject().Remove("remedyAction");
        }
        var withoutAction = StatusJsonReader.Parse(System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString()), "old.json", "old");
        Assert.Null(withAction.Error);
        Assert.Equal(report.Findings.Count, withAction.Findings.Count);
        Assert.Equal(withAction.Findings.Select(f => (f.Code, f.Remedy)), withoutAction.Findings.Select(f => (f.Code, f.Remedy)));
    }
}
