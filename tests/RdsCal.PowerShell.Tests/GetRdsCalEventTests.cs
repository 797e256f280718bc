using RdsCal.Licensing.Events;
using RdsCal.Tests;

namespace RdsCal.PowerShell.Tests;

public sealed class GetRdsCalEventTests : IDisposable
{
    private readonly ModuleSession session = new();

    public void Dispose() => session.Dispose();

    [TestDataFact]
    public void All_gives_every_record_with_the_properties_of_the_json_contract()
    {
        string log = TestData.Real("evtx", "system.evtx.gz");
        var (output, errors) = session.Run("Get-RdsCalEvent $args[0] -All", log);
        Assert.Empty(errors);
        var events = output.Select(o => Assert.IsType<LoggedEvent>(o.BaseObject)).ToList();
        var expected = EventLogScan.Of([log]).Read(new EventQuery { All = true }).ToList();
        Assert.Equal(expected.Count, events.Count);
        Assert.Equal(expected[0].RecordId, events[0].RecordId);
        Assert.All(events, e => Assert.Null(e.Known));
    }

    [TestDataFact]
    public void Licensing_only_by_default_and_folders_come_from_the_pipeline()
    {
        var (output, errors) = session.Run("Get-Item $args[0] | Get-RdsCalEvent", Path.GetDirectoryName(TestData.Real("evtx", "system.evtx.gz"))!);
        Assert.All(output, o => Assert.NotNull(((LoggedEvent)o.BaseObject).Known));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var (_, errors) = session.Run("Get-RdsCalEvent /nonexistent/System.evtx");
        Assert.Contains("System.evtx", Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }
}
