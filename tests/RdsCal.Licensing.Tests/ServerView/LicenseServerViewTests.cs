using System.Text.Json;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.ServerView;
using RdsCal.Licensing.Tests.Probes;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests.ServerView;

/// <summary>The license server's own view through fake WMI: every documented answer and every failure, worded.</summary>
public class LicenseServerViewTests
{
    private static readonly DateTimeOffset Future = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Past = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static FakeWmi Answering(uint activation = 0, bool inGroup = true) =>
        new(activation: FakeWmi.Activation(WmiAnswerStatus.Answered, activation, 0))
        {
            KeyPacks = KeyPackList.Of([new KeyPack(5, 2, 1, 4, "Windows Server 2012", 20, 2, 18, Future, "RDS Per User CAL"), new KeyPack(6, 4, 0, 7, null, 0, 1, 0, null, null)]),
            Issued = IssuedLicenseList.Of([
                new IssuedLicense(1, 6, null, "PC1", "hw-1", 1, Past, Future),
                new IssuedLicense(2, 6, "PROBE\\ann", "PC2", "hw-2", 2, Past, Past),
                new IssuedLicense(3, 6, null, "PC2", "hw-2", 9, null, null)]),
            InTslsGroup = FakeWmi.Said("IsLSinTSLSGroup", inGroup),
        };

    [Fact]
    public void An_answering_server_gives_every_part_in_order_with_its_evidence_and_asks_this_machine()
    {
        var wmi = Answering();

        var report = LicenseServerView.Read(wmi.Queries);

        Assert.Equal(LicenseServerView.PartNames, report.Parts.Select(p => p.Part));
        Assert.All(report.Parts, p => Assert.Equal(ProbeOutcome.Ok, p.Outcome));
        Assert.Equal("Win32_TSLicenseServer.GetActivationStatus returned 0, status 0: activated", report.Parts[0].Evidence);
        Assert.StartsWith("Win32_TSLicenseKeyPack answered: 2 key packs: #5 Per User, Windows Server 2012 (and 2012 R2) (ProductVersionID 4), volume: 20 total, 2 issued, 18 available", report.Parts[1].Evidence, StringComparison.Ordinal);
        Assert.Equal("Win32_TSIssuedLicense answered: 3 licenses issued to 2 clients (1 active, 1 temporary, 1 undocumented); 1 past their expiry date", report.Parts[2].Evidence);
        Assert.Equal("IsLSinTSLSGroup(\"\") (the license server's own domain) returned true: the license server is in the domain's Terminal Server License Servers group", report.Parts[3].Evidence);
        Assert.Equal(["activation .", "key packs .", "issued licenses .", "IsLSinTSLSGroup . "], wmi.Asked);
        Assert.Equal(Environment.MachineName, report.Server);
    }

    [Fact]
    public void Key_packs_and_issued_licenses_keep_the_raw_numbers_beside_the_documented_words()
    {
        var report = LicenseServerView.Read(Answering().Queries);

        Assert.Equal(
            [new InstalledKeyPack(5, 1, "perUser", 2, "volume", 4, "Windows Server 2012 (and 2012 R2)", "Windows Server 2012", 20, 2, 18, Future), new InstalledKeyPack(6, 0, "perDevice", 4, "temporary", 7, null, null, 0, 1, 0, null)],
            report.KeyPacks);
        Assert.Equal(
            [new IssuedCal(1, 6, 1, "temporary", "PC1", null, "hw-1", Past, Future), new IssuedCal(2, 6, 2, "active", "PC2", "PROBE\\ann", "hw-2", Past, Past), new IssuedCal(3, 6, 9, "undocumented", "PC2", null, "hw-2", null, null)],
            report.IssuedLicenses);
    }

    [Theory]
    [InlineData(0u, "unknown")]
    [InlineData(3u, "upgrade")]
    [InlineData(4u, "revoked")]
    [InlineData(5u, "pending")]
    [InlineData(6u, "concurrent")]
    public void Every_documented_license_status_has_its_word(uint status, string word)
    {
        var wmi = new FakeWmi { Issued = IssuedLicenseList.Of([new IssuedLicense(1, 1, null, "PC1", null, status, null, null)]) };

        var issued = Assert.Single(LicenseServerView.Read(wmi.Queries).IssuedLicenses);

        Assert.Equal(word, issued.Status);
    }

    [Fact]
    public void No_issued_license_is_an_answer_and_says_per_user_CALs_are_not_listed()
    {
        var wmi = new FakeWmi { Issued = IssuedLicenseList.Of([]) };

        var part = LicenseServerView.Read(wmi.Queries).Parts[2];

        Assert.Equal((ProbeOutcome.Ok, "Win32_TSIssuedLicense answered: no license has been issued (Per User CALs are not issued as licenses here: they are tracked in AD)"), (part.Outcome, part.Evidence));
    }

    [Fact]
    public void Not_activated_and_outside_the_group_are_problems()
    {
        var report = LicenseServerView.Read(Answering(activation: 1, inGroup: false).Queries);

        Assert.Equal((ProbeOutcome.Problem, "Win32_TSLicenseServer.GetActivationStatus returned 0, status 1: not activated"), (report.Parts[0].Outcome, report.Parts[0].Evidence));
        Assert.Equal(ProbeOutcome.Problem, report.Parts[3].Outcome);
        Assert.EndsWith("returned false: the license server is not in the domain's Terminal Server License Servers group, which per-user CAL tracking and reporting need", report.Parts[3].Evidence, StringComparison.Ordinal);
    }

    public static TheoryData<WmiAnswerStatus, string> Failures() => new()
    {
        { WmiAnswerStatus.AccessDenied, "WMI denied access to {0} (administrators only; run elevated, as an administrator of that machine): E_ACCESSDENIED" },
        { WmiAnswerStatus.NamespaceMissing, "the WMI namespace root\\cimv2 is missing: E_ACCESSDENIED" },
        { WmiAnswerStatus.ClassMissing, "the WMI class root\\cimv2:{0} is missing: E_ACCESSDENIED" },
        { WmiAnswerStatus.RpcUnavailable, "the RPC server is unavailable (the machine does not answer DCOM/WMI: name, firewall or service): E_ACCESSDENIED" },
        { WmiAnswerStatus.TimedOut, "WMI gave no answer in time: E_ACCESSDENIED" },
        { WmiAnswerStatus.Unavailable, "WMI is not available: E_ACCESSDENIED" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Every_WMI_failure_makes_each_part_unavailable_with_the_reason(WmiAnswerStatus status, string reason)
    {
        // The detail is whatever WMI said; one text serves every status so the wording is what differs.
        const string Detail = "E_ACCESSDENIED";
        var wmi = new FakeWmi(activation: FakeWmi.Activation(status, detail: Detail))
        {
            KeyPacks = KeyPackList.Failed(status, Detail),
            Issued = IssuedLicenseList.Failed(status, Detail),
            InTslsGroup = FakeWmi.LicenseServer("IsLSinTSLSGroup", status, detail: Detail),
        };

        var report = LicenseServerView.Read(wmi.Queries);

        Assert.All(report.Parts, p => Assert.Equal(ProbeOutcome.Unavailable, p.Outcome));
        Assert.Equal($"Win32_TSLicenseServer.GetActivationStatus: {string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, "Win32_TSLicenseServer")}", report.Parts[0].Evidence);
        Assert.Equal($"Win32_TSLicenseKeyPack: {string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, "Win32_TSLicenseKeyPack")}", report.Parts[1].Evidence);
        Assert.Equal($"Win32_TSIssuedLicense: {string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, "Win32_TSIssuedLicense")}", report.Parts[2].Evidence);
        Assert.Equal($"Win32_TSLicenseServer.IsLSinTSLSGroup: {string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, "Win32_TSLicenseServer")}", report.Parts[3].Evidence);
        Assert.Empty(report.KeyPacks);
        Assert.Empty(report.IssuedLicenses);
    }

    [Fact]
    public void A_non_zero_return_is_unavailable_with_the_code()
    {
        var wmi = new FakeWmi(activation: FakeWmi.Activation(WmiAnswerStatus.MethodFailed, returned: 5))
        {
            InTslsGroup = FakeWmi.LicenseServer("IsLSinTSLSGroup", WmiAnswerStatus.MethodFailed, returned: 2147749889),
        };

        var report = LicenseServerView.Read(wmi.Queries);

        Assert.Equal((ProbeOutcome.Unavailable, "Win32_TSLicenseServer.GetActivationStatus: Win32_TSLicenseServer.GetActivationStatus returned 5"), (report.Parts[0].Outcome, report.Parts[0].Evidence));
        Assert.Equal((ProbeOutcome.Unavailable, "Win32_TSLicenseServer.IsLSinTSLSGroup: Win32_TSLicenseServer.IsLSinTSLSGroup returned 2147749889"), (report.Parts[3].Outcome, report.Parts[3].Evidence));
    }

    [Fact]
    public void A_group_answer_that_is_not_a_boolean_is_not_taken_for_one()
    {
        var wmi = new FakeWmi { InTslsGroup = FakeWmi.LicenseServer("IsLSinTSLSGroup", WmiAnswerStatus.Answered, 7, 0) };

        var part = LicenseServerView.Read(wmi.Queries).Parts[3];

        Assert.Equal((ProbeOutcome.Unavailable, "IsLSinTSLSGroup(\"\") (the license server's own domain) returned 7, not a boolean"), (part.Outcome, part.Evidence));
    }

    [OffWindowsFact]
    public void Off_Windows_every_part_is_unavailable_because_WMI_exists_only_on_Windows()
    {
        var report = LicenseServerView.Read(LiveQueries.ThisMachine());

        Assert.All(report.Parts, p =>
        {
            Assert.Equal(ProbeOutcome.Unavailable, p.Outcome);
            Assert.EndsWith("WMI is not available: WMI exists only on Windows", p.Evidence, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Json_has_the_documented_shape_with_numbers_beside_words_and_utc_dates()
    {
        using var text = new StringWriter();
        LicenseServerJsonWriter.Write(LicenseServerView.Read(Answering().Queries), text);

        using var doc = JsonDocument.Parse(text.ToString());
        var root = doc.RootElement;
        Assert.Equal(["schemaVersion", "server", "ranAs", "parts", "keyPacks", "issuedLicenses"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["part", "outcome", "evidence", "elapsedMs"], root.GetProperty("parts")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["ok", "ok", "ok", "ok"], root.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("outcome").GetString()));
        var pack = root.GetProperty("keyPacks")[0];
        Assert.Equal((1, "perUser", "Windows Server 2012 (and 2012 R2)", "2099-01-01T00:00:00Z"), (pack.GetProperty("productType").GetInt32(), pack.GetProperty("type").GetString(), pack.GetProperty("version").GetString(), pack.GetProperty("expires").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("keyPacks")[1].GetProperty("version").ValueKind);
        var issued = root.GetProperty("issuedLicenses")[1];
        Assert.Equal((2, "active", "PC2", "PROBE\\ann"), (issued.GetProperty("licenseStatus").GetInt32(), issued.GetProperty("status").GetString(), issued.GetProperty("issuedToComputer").GetString(), issued.GetProperty("issuedToUser").GetString()));
    }
}
