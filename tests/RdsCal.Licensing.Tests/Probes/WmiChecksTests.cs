using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>Every documented answer and every failure of the probe's WMI methods, worded; none is ok without an answer that says ok.</summary>
public class WmiChecksTests
{
    [Theory]
    [InlineData(0u, ProbeOutcome.Unavailable, "0 (LS_CONNECTABLE_UNKNOWN): the connectivity status cannot be determined")]
    [InlineData(1u, ProbeOutcome.Ok, "1 (LS_CONNECTABLE_VALID_WS08R2): the session host can connect to a valid Windows Server 2008 R2 license server")]
    [InlineData(2u, ProbeOutcome.Ok, "2 (LS_CONNECTABLE_VALID_WS08): the session host can connect to a valid Windows Server 2008 license server")]
    [InlineData(3u, ProbeOutcome.Problem, "3 (LS_CONNECTABLE_BETA_RTM_MISMATCH): connectable, but one of the two runs a beta version of Windows (beta/RTM mismatch)")]
    [InlineData(4u, ProbeOutcome.Problem, "4 (LS_CONNECTABLE_LOWER_VERSION): connectable, but the license server is of a lower version than the session host (incompatible)")]
    [InlineData(5u, ProbeOutcome.Problem, "5 (LS_CONNECTABLE_NOT_IN_TSCGROUP): the license server's security group policy is on and this host is not in its Terminal Server Computers (RDS Endpoint Servers) group")]
    [InlineData(6u, ProbeOutcome.Problem, "6 (LS_NOT_CONNECTABLE): the session host cannot connect to the license server")]
    [InlineData(7u, ProbeOutcome.Problem, "7 (LS_CONNECTABLE_UNKNOWN_VALIDITY): connectable, but the validity of the license server cannot be determined")]
    [InlineData(8u, ProbeOutcome.Problem, "8 (LS_CONNECTABLE_BUT_ACCESS_DENIED): connectable, but the account has no administrator rights on the license server (access denied)")]
    [InlineData(9u, ProbeOutcome.Ok, "9 (LS_CONNECTABLE_VALID_WS08R2_VDI): the session host can connect to a valid Windows Server 2008 R2 VDI license server")]
    [InlineData(10u, ProbeOutcome.Unavailable, "10 (LS_CONNECTABLE_FEATURE_NOT_SUPPORTED): the feature is not supported")]
    [InlineData(11u, ProbeOutcome.Ok, "11 (LS_CONNECTABLE_VALID_LS): the license server is valid")]
    [InlineData(12u, ProbeOutcome.Unavailable, "12: a value Microsoft does not document")]
    public void Every_documented_connectivity_status_is_worded(uint value, ProbeOutcome outcome, string words)
    {
        var row = WmiChecks.ConnectivityRow(FakeWmi.Connectivity(WmiAnswerStatus.Answered, value, 0), 5, "here");

        Assert.Equal(ProbeCheck.Connectivity, row.Check);
        Assert.Equal(outcome, row.Outcome);
        Assert.Equal("Win32_TerminalServiceSetting.GetTStoLSConnectivityStatus returned 0, status " + words, row.Evidence);
        Assert.Equal(5, row.ElapsedMs);
        Assert.Equal("here", row.RanFrom);
    }

    [Theory]
    [InlineData(0u, ProbeOutcome.Ok, "0: activated")]
    [InlineData(1u, ProbeOutcome.Problem, "1: not activated")]
    [InlineData(2u, ProbeOutcome.Unavailable, "2: activation status unknown")]
    [InlineData(3u, ProbeOutcome.Unavailable, "3: a value Microsoft does not document")]
    public void Every_documented_activation_status_is_worded(uint value, ProbeOutcome outcome, string words)
    {
        var row = WmiChecks.ActivationRow(FakeWmi.Activation(WmiAnswerStatus.Answered, value, 0), 1, null);

        Assert.Equal(outcome, row.Outcome);
        Assert.Equal("Win32_TSLicenseServer.GetActivationStatus returned 0, status " + words, row.Evidence);
    }

    public static TheoryData<WmiAnswerStatus, uint?, string?, string> Failures => new()
    {
        { WmiAnswerStatus.AccessDenied, null, "AccessDenied (0x80041003): Access denied", "WMI denied access to Win32_TSLicenseServer (administrators only; run elevated, as an administrator of that machine): AccessDenied (0x80041003): Access denied" },
        { WmiAnswerStatus.RpcUnavailable, null, "0x800706BA: The RPC server is unavailable.", "the RPC server is unavailable (the machine does not answer DCOM/WMI: name, firewall or service): 0x800706BA: The RPC server is unavailable." },
        { WmiAnswerStatus.NamespaceMissing, null, "InvalidNamespace (0x8004100E): Invalid namespace", "the WMI namespace root\\cimv2 is missing: InvalidNamespace (0x8004100E): Invalid namespace" },
        { WmiAnswerStatus.ClassMissing, null, "InvalidClass (0x80041010): Invalid class", "the WMI class root\\cimv2:Win32_TSLicenseServer is missing: InvalidClass (0x80041010): Invalid class" },
        { WmiAnswerStatus.TimedOut, null, "Timedout (0x80043001): Timed out", "WMI gave no answer in time: Timedout (0x80043001): Timed out" },
        { WmiAnswerStatus.MethodFailed, 2147749889u, null, "Win32_TSLicenseServer.GetActivationStatus returned 2147749889" },
        { WmiAnswerStatus.Unavailable, null, "WMI exists only on Windows", "WMI is not available: WMI exists only on Windows" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Every_failure_is_unavailable_with_the_reason_never_ok(WmiAnswerStatus status, uint? returned, string? detail, string reason)
    {
        var activation = WmiChecks.ActivationRow(FakeWmi.Activation(status, returned: returned, detail: detail), 0, null);
        var connectivity = WmiChecks.ConnectivityRow(FakeWmi.Connectivity(status, returned: returned, detail: detail), 0, null);

        Assert.Equal(ProbeOutcome.Unavailable, activation.Outcome);
        Assert.Equal("Win32_TSLicenseServer.GetActivationStatus: " + reason, activation.Evidence);
        Assert.Equal(ProbeOutcome.Unavailable, connectivity.Outcome);
        Assert.StartsWith("Win32_TerminalServiceSetting.GetTStoLSConnectivityStatus: ", connectivity.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_without_an_answered_status_is_not_trusted()
    {
        // A value beside a failure (a provider that filled the out parameter and returned non-zero) says nothing.
        var row = WmiChecks.ActivationRow(FakeWmi.Activation(WmiAnswerStatus.MethodFailed, value: 0, returned: 5), 0, null);

        Assert.Equal(ProbeOutcome.Unavailable, row.Outcome);
        Assert.Equal("Win32_TSLicenseServer.GetActivationStatus: Win32_TSLicenseServer.GetActivationStatus returned 5", row.Evidence);
    }

    [OffWindowsFact]
    public void Off_Windows_this_machines_queries_are_unavailable_with_the_reason()
    {
        var live = LiveQueries.ThisMachine();

        var activation = WmiChecks.ActivationRow(live.LicenseServer.GetActivationStatus("127.0.0.1"), 0, null);
        var connectivity = WmiChecks.ConnectivityRow(live.TerminalServiceSetting.GetTStoLSConnectivityStatus("127.0.0.1"), 0, null);

        Assert.Equal((ProbeOutcome.Unavailable, "Win32_TSLicenseServer.GetActivationStatus: WMI is not available: WMI exists only on Windows"), (activation.Outcome, activation.Evidence));
        Assert.Equal((ProbeOutcome.Unavailable, "Win32_TerminalServiceSetting.GetTStoLSConnectivityStatus: WMI is not available: WMI exists only on Windows"), (connectivity.Outcome, connectivity.Evidence));
    }

    [Fact]
    public void A_settings_implementation_written_before_the_probe_answers_unavailable_not_a_value()
    {
        ITerminalServiceSettings older = new OlderSettings();

        var answer = older.GetTStoLSConnectivityStatus("127.0.0.1");

        Assert.Equal((WmiAnswerStatus.Unavailable, (uint?)null), (answer.Status, answer.Value));
        Assert.Equal("WMI is not available: this implementation does not ask it", answer.Reason);
    }

    private sealed class OlderSettings : ITerminalServiceSettings
    {
        public ServiceUpdate Invoke(RdsCal.Licensing.Plans.WmiCall call) => throw new InvalidOperationException();

        public GracePeriodQuery GetGracePeriodDays() => throw new InvalidOperationException();
    }
}
