using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>The groups row: every answer of IsSecureAccessAllowed, IsTSinTSCGroup and IsLSinTSLSGroup, and every failure, worded.</summary>
public class GroupChecksTests
{
    private static GroupChecks.Answers Answers(WmiAnswer secure, WmiAnswer tsc, WmiAnswer tsls, LicensingMode? mode = LicensingMode.PerUser, string domain = "corp.invalid") =>
        new(secure, tsc, tsls, "RDSH1", domain, mode);

    private static WmiAnswer Yes(string method) => FakeWmi.Said(method, true);

    private static WmiAnswer No(string method) => FakeWmi.Said(method, false);

    [Fact]
    public void All_three_saying_yes_is_ok_with_each_answer_as_evidence()
    {
        var row = GroupChecks.Row(Answers(Yes("IsSecureAccessAllowed"), Yes("IsTSinTSCGroup"), Yes("IsLSinTSLSGroup")), 3, "here");

        Assert.Equal(ProbeOutcome.Ok, row.Outcome);
        Assert.Equal(
            "IsSecureAccessAllowed(RDSH1) returned true: this host may request CALs from it; "
            + "IsTSinTSCGroup(RDSH1) returned true: in the license server's Terminal Server Computers (RDS Endpoint Servers) group; "
            + "IsLSinTSLSGroup(corp.invalid) returned true: the license server is in the domain's Terminal Server License Servers group",
            row.Evidence);
    }

    [Fact]
    public void A_refusal_by_the_security_group_is_a_problem()
    {
        var answers = Answers(No("IsSecureAccessAllowed"), No("IsTSinTSCGroup"), Yes("IsLSinTSLSGroup"));

        var row = GroupChecks.Row(answers, 0, null);

        Assert.Equal(ProbeOutcome.Problem, row.Outcome);
        Assert.StartsWith("IsSecureAccessAllowed(RDSH1) returned false: the license server does not let RDSH1 request CALs: its \"License server security group\" policy is on and the host is not in its Terminal Server Computers (RDS Endpoint Servers) group; ", row.Evidence, StringComparison.Ordinal);
        Assert.True(GroupChecks.Refuses(answers.SecureAccess));
    }

    [Fact]
    public void Outside_the_terminal_server_computers_group_alone_is_no_problem_when_access_is_allowed()
    {
        var row = GroupChecks.Row(Answers(Yes("IsSecureAccessAllowed"), No("IsTSinTSCGroup"), Yes("IsLSinTSLSGroup")), 0, null);

        Assert.Equal(ProbeOutcome.Ok, row.Outcome);
        Assert.Contains("IsTSinTSCGroup(RDSH1) returned false: not in the license server's Terminal Server Computers (RDS Endpoint Servers) group; that matters only where its security group policy is on (see IsSecureAccessAllowed)", row.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LicensingMode.PerUser, ProbeOutcome.Problem, "the license server is not in the domain's Terminal Server License Servers group: per-user CAL tracking and reporting do not work, and this host uses Per User CALs")]
    [InlineData(LicensingMode.PerDevice, ProbeOutcome.Ok, "the license server is not in the domain's Terminal Server License Servers group (per-user CAL tracking and reporting need it; this host does not use Per User CALs)")]
    public void Outside_the_domains_license_servers_group_matters_in_per_user_mode(LicensingMode mode, ProbeOutcome outcome, string words)
    {
        var row = GroupChecks.Row(Answers(Yes("IsSecureAccessAllowed"), Yes("IsTSinTSCGroup"), No("IsLSinTSLSGroup"), mode, domain: ""), 0, null);

        Assert.Equal(outcome, row.Outcome);
        Assert.EndsWith($"IsLSinTSLSGroup(\"\" (the license server's own domain)) returned false: {words}", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_call_leaves_the_row_unavailable_never_ok()
    {
        var denied = FakeWmi.LicenseServer("IsTSinTSCGroup", WmiAnswerStatus.AccessDenied, detail: "0x80070005");

        var row = GroupChecks.Row(Answers(Yes("IsSecureAccessAllowed"), denied, Yes("IsLSinTSLSGroup")), 0, null);

        Assert.Equal(ProbeOutcome.Unavailable, row.Outcome);
        Assert.Contains("IsTSinTSCGroup(RDSH1): WMI denied access to Win32_TSLicenseServer (administrators only; run elevated, as an administrator of that machine): 0x80070005", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_failure_and_a_non_boolean_value_are_unavailable()
    {
        var failed = FakeWmi.LicenseServer("IsSecureAccessAllowed", WmiAnswerStatus.MethodFailed, returned: 2147749889u);
        var odd = FakeWmi.LicenseServer("IsLSinTSLSGroup", WmiAnswerStatus.Answered, 2, 0);

        var row = GroupChecks.Row(Answers(failed, Yes("IsTSinTSCGroup"), odd), 0, null);

        Assert.Equal(ProbeOutcome.Unavailable, row.Outcome);
        Assert.StartsWith("IsSecureAccessAllowed(RDSH1): Win32_TSLicenseServer.IsSecureAccessAllowed returned 2147749889; ", row.Evidence, StringComparison.Ordinal);
        Assert.EndsWith("IsLSinTSLSGroup(corp.invalid) returned 2, not a boolean", row.Evidence, StringComparison.Ordinal);
        Assert.False(GroupChecks.Refuses(failed));
    }
}
