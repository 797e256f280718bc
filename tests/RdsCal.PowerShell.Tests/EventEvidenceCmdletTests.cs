using System.IO.Compression;
using RdsCal.EventLog;
using RdsCal.EventLog.Tests;
using RdsCal.Licensing;
using RdsCal.Licensing.Events;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Sources;
using RdsCal.Registry.Changes;
using RdsCal.Tests;

namespace RdsCal.PowerShell.Tests;

/// <summary>
/// <c>Get-RdsCalStatus -EventPath</c> and <c>Get-RdsCalEvent -ChangeId</c>: the same library operations as
/// <c>status --events</c> and <c>events --since-change</c>, on a real System log whose TermService record was made a
/// 1128 (grace period expired) with its chunk CRCs fixed.
/// </summary>
public sealed class EventEvidenceCmdletTests : IDisposable
{
    private readonly ModuleSession session = new();
    private readonly TempFolder temp = new();

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }

    private static string Sample(string machine, string file) => Path.Combine(ModuleSession.Samples, machine, file);

    private string SystemWith1128()
    {
        using var gz = new GZipStream(File.OpenRead(TestData.Real("evtx", "2-vss_7-System.evtx.gz")), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gz.CopyTo(copy);
        string path = temp.File("System.evtx");
        File.WriteAllBytes(path, EvtxSurgery.WithEventId(copy.ToArray(), r => r.EventSourceName == "TermService" && r.EventId == 1056, 1128));
        return path;
    }

    [TestDataFact]
    public void EventPath_joins_the_logged_events_to_the_findings_as_status_events_does()
    {
        string log = SystemWith1128();
        var (output, errors) = session.Run("Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1] -EventPath $args[2]", Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"), log);
        Assert.Empty(errors);
        var status = Assert.IsType<RdsCalStatus>(Assert.Single(output).BaseObject);

        using var machine = MachineRegistry.Open(Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"));
        var library = StatusReport.Create(machine).WithEvents([log], LiveQueries.Unavailable("not asked").EventLog, DateTime.UtcNow);
        Assert.Equal(library.Findings.Select(f => (f.Code, f.Events.Count)), status.Findings.Select(f => (f.Code, f.Events.Count)));
        var e = Assert.Single(status.Findings.Single(f => f.Code == "RDS002").Events);
        Assert.Equal((1128, 1), (e.EventId, e.Count));
        Assert.Equal(("files", true, 1), (status.EventLog!.From, status.EventLog.Read, status.EventLog.LicensingEvents));
        Assert.Contains("\"eventLog\"", status.StatusJson, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void A_1128_with_a_license_server_is_the_server_side_finding_from_machine_folders_too()
    {
        string log = SystemWith1128();
        string folder = Directory.CreateDirectory(temp.File("rdsh01")).FullName;
        File.Copy(Sample("healthy-perdevice", "SYSTEM.reg"), Path.Combine(folder, "SYSTEM.reg"));
        File.Copy(Sample("healthy-perdevice", "SOFTWARE.reg"), Path.Combine(folder, "SOFTWARE.reg"));
        var (output, errors) = session.Run("$args[0] | Get-RdsCalStatus -EventPath $args[1]", folder, log);
        Assert.Empty(errors);
        var status = Assert.IsType<RdsCalStatus>(Assert.Single(output).BaseObject);
        var f = Assert.Single(status.Findings, x => x.Code == "RDS023");
        Assert.Equal(1128, Assert.Single(f.Events).EventId);
    }

    [Fact]
    public void Without_EventPath_an_offline_status_reads_no_event_log_and_a_missing_one_is_an_error_naming_it()
    {
        var (plain, _) = session.Run("Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1]", Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"));
        var status = Assert.IsType<RdsCalStatus>(Assert.Single(plain).BaseObject);
        Assert.Null(status.EventLog);
        Assert.DoesNotContain("\"eventLog\"", status.StatusJson, StringComparison.Ordinal);

        string missing = temp.File("absent.evtx");
        var (output, errors) = session.Run("Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1] -EventPath $args[2]", Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"), missing);
        Assert.Empty(output);
        Assert.Contains("absent.evtx", Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }

    [TestDataTheory]
    [InlineData(-1, EventTrend.New)]
    [InlineData(+1, EventTrend.Stopped)]
    public void ChangeId_compares_the_events_before_and_after_the_change_as_since_change_does(int side, EventTrend trend)
    {
        string log = SystemWith1128();
        DateTime logged;
        using (var reader = EvtxReader.Open(log))
        {
            logged = reader.ReadAll().Single(r => r.EventId == 1128).TimeCreated!.Value;
        }
        string journal = temp.File("journal.jsonl");
        var entry = new JournalEntry
        {
            Id = ChangeJournal.NewId(),
            Time = new DateTimeOffset(DateTime.SpecifyKind(logged, DateTimeKind.Utc)).AddMinutes(side),
            User = "admin",
            Machine = "RDSH01",
            Target = "SYSTEM",
            Description = "set the license servers to lic01.corp.test",
            Operations = [],
            Version = "0.1.0",
        };
        new ChangeJournal(journal).Append(entry);

        var (output, errors) = session.Run("Get-RdsCalEvent $args[0] -ChangeId $args[1] -Journal $args[2]", log, entry.Id, journal);

        Assert.Empty(errors);
        var effect = Assert.IsType<ChangeEffect>(Assert.Single(output).BaseObject);
        var library = ChangeEffect.OfJournalEntry(journal, entry.Id, EventLogScan.Of([log]), new EventQuery()).Effect;
        Assert.Equal(library.Trends, effect.Trends);
        Assert.Equal((1128, trend), (Assert.Single(effect.Trends).EventId, effect.Trends[0].Trend));
        Assert.Equal(entry.Id, effect.ChangeId);

        var (none, why) = session.Run("Get-RdsCalEvent $args[0] -ChangeId nosuchid -Journal $args[1]", log, journal);
        Assert.Empty(none);
        Assert.Contains("no such change", Assert.Single(why).ToString(), StringComparison.Ordinal);
    }
}
