using System.Xml.Linq;
using RdsCal.Licensing.Events;

namespace RdsCal.Cli.Tests;

/// <summary>
/// <c>rdscal events</c> and Windows Event Forwarding: the subscription it prints for the collector, and reading the
/// collector's log, whose records carry each original computer.
/// </summary>
public sealed class EventsForwardingTests
{
    [Fact]
    public void Wef_subscription_prints_the_librarys_subscription_for_wecutil()
    {
        var (exit, output, err) = CliRunner.Run("events", "--wef-subscription");
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Equal(ForwardingSubscription.Xml(), output.Replace("\r\n", "\n", StringComparison.Ordinal));
        var root = XDocument.Parse(output).Root!;
        Assert.Equal(XName.Get("Subscription", "http://schemas.microsoft.com/2006/03/windows/events/subscription"), root.Name);
        Assert.Empty(err);
    }

    [Fact]
    public void Wef_subscription_with_an_input_is_a_usage_error_on_one_line()
    {
        var (exit, output, err) = CliRunner.Run("events", "--wef-subscription", "System.evtx");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(output);
        Assert.Equal("rdscal: error: --wef-subscription takes no FILE|DIR: it prints the subscription for the collector\n", err.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
