using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>The cals and cals-match rows over every documented key-pack value and every failure, worded.</summary>
public class KeyPackChecksTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Far = new(2038, 1, 19, 0, 0, 0, TimeSpan.Zero);

    // KeyPackType 2 (volume), ProductType 1 (per user), ProductVersionID 4 (2012), 50 total, 10 issued, 40 available.
    private static KeyPack Pack(uint id = 2, uint kind = 2, uint type = 1, uint version = 4, uint total = 50, uint issued = 10, uint available = 40, DateTimeOffset? expires = null, string? words = null) =>
        new(id, kind, type, version, words, total, issued, available, expires ?? Far, null);

    private static readonly ProbeResult Activated = new(ProbeCheck.Activation, ProbeOutcome.Ok, "activated", 0);

    private static LicensingSnapshot Host(uint mode, string build = "9600", string product = "Windows Server 2012 R2 Standard") =>
        TestMachine.SessionHost().Mode(mode).Version(build, product).Snapshot();

    [Fact]
    public void Cals_lists_every_pack_with_type_version_counts_and_expiry()
    {
        var row = KeyPackChecks.CalsRow(KeyPackList.Of([Pack(), Pack(id: 3, kind: 4, type: 0, version: 3, total: 0, issued: 7, available: 0, expires: Now.AddDays(-1))]), 12, "here", Now);

        Assert.Equal(ProbeOutcome.Ok, row.Outcome);
        Assert.Equal(
            "Win32_TSLicenseKeyPack answered: 2 key packs: #2 Per User, Windows Server 2012 (and 2012 R2) (ProductVersionID 4), volume: 50 total, 10 issued, 40 available, expires 2038-01-19; "
            + "#3 Per Device, Windows Server 2008 R2 (ProductVersionID 3), temporary: 0 total, 7 issued, 0 available, expires 2026-12-06 (expired)",
            row.Evidence);
        Assert.Equal((12L, "here", (uint?)2), (row.ElapsedMs, row.RanFrom, row.Answer));
    }

    [Fact]
    public void A_server_with_no_key_pack_is_a_problem()
    {
        var row = KeyPackChecks.CalsRow(KeyPackList.Of([]), 0, null, Now);

        Assert.Equal((ProbeOutcome.Problem, "Win32_TSLicenseKeyPack answered: no key pack is installed, so the server can issue no permanent CAL"), (row.Outcome, row.Evidence));
    }

    private static KeyPack Unusable(string why) => why switch
    {
        "temporary" => Pack(kind: 4),
        "expired" => Pack(expires: Now.AddSeconds(-1)),
        "none available" => Pack(available: 0, issued: 50),
        _ => Pack(type: 2),
    };

    [Theory]
    [InlineData("temporary")]
    [InlineData("expired")]
    [InlineData("none available")]
    [InlineData("product type 2 (documented as not valid)")]
    public void Packs_that_cannot_give_a_permanent_CAL_do_not_count(string why)
    {
        var pack = Unusable(why);
        var row = KeyPackChecks.CalsRow(KeyPackList.Of([pack]), 0, null, Now);

        Assert.Equal(ProbeOutcome.Problem, row.Outcome);
        Assert.EndsWith("; none has a permanent CAL available", row.Evidence, StringComparison.Ordinal);
        Assert.False(KeyPackChecks.Usable(pack, Now), why);
    }

    [Theory]
    [InlineData(0u, "unknown kind")]
    [InlineData(1u, "retail")]
    [InlineData(3u, "concurrent")]
    [InlineData(5u, "open license")]
    [InlineData(6u, "kind 6 (documented as not supported)")]
    [InlineData(9u, "kind 9 (not documented)")]
    public void Every_documented_key_pack_type_is_worded(uint kind, string words)
    {
        var row = KeyPackChecks.CalsRow(KeyPackList.Of([Pack(kind: kind)]), 0, null, Now);

        Assert.Contains($"(ProductVersionID 4), {words}: 50 total", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undocumented_version_is_said_as_such_with_the_servers_own_words()
    {
        var row = KeyPackChecks.CalsRow(KeyPackList.Of([Pack(version: 6, words: "Windows Server 2019")]), 0, null, Now);

        Assert.Contains("#2 Per User, version not documented (ProductVersionID 6; the server calls it \"Windows Server 2019\"), volume", row.Evidence, StringComparison.Ordinal);
    }

    public static TheoryData<WmiAnswerStatus, string> Failures => new()
    {
        { WmiAnswerStatus.AccessDenied, "WMI denied access to Win32_TSLicenseKeyPack (administrators only; run elevated, as an administrator of that machine): 0x80041003" },
        { WmiAnswerStatus.RpcUnavailable, "the RPC server is unavailable (the machine does not answer DCOM/WMI: name, firewall or service): 0x80041003" },
        { WmiAnswerStatus.NamespaceMissing, "the WMI namespace root\\cimv2 is missing: 0x80041003" },
        { WmiAnswerStatus.ClassMissing, "the WMI class root\\cimv2:Win32_TSLicenseKeyPack is missing: 0x80041003" },
        { WmiAnswerStatus.TimedOut, "WMI gave no answer in time: 0x80041003" },
        { WmiAnswerStatus.Unavailable, "WMI is not available: 0x80041003" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Every_failure_to_read_the_packs_is_unavailable_and_leaves_the_match_unchecked(WmiAnswerStatus status, string reason)
    {
        var list = KeyPackList.Failed(status, "0x80041003");

        var cals = KeyPackChecks.CalsRow(list, 0, null, Now);
        var match = KeyPackChecks.MatchRow(list, Activated, Host(4), 0, null, Now);

        Assert.Equal((ProbeOutcome.Unavailable, "Win32_TSLicenseKeyPack: " + reason), (cals.Outcome, cals.Evidence));
        Assert.Equal((ProbeOutcome.Unavailable, "not checked: the key packs could not be read (see cals)"), (match.Outcome, match.Evidence));
    }

    [Fact]
    public void A_2012_R2_host_in_Per_User_mode_is_covered_by_2012_Per_User_CALs_on_an_activated_server()
    {
        var row = KeyPackChecks.MatchRow(KeyPackList.Of([Pack(type: 0, available: 5), Pack(id: 7)]), Activated, Host(4), 0, null, Now);

        Assert.Equal(ProbeOutcome.Ok, row.Outcome);
        Assert.Equal(
            "40 Per User CALs available for Windows Server 2012 (and 2012 R2) (ProductVersionID 4), which covers this host (this host runs Windows Server 2012 (and 2012 R2) (ProductName \"Windows Server 2012 R2 Standard\", build 9600); Microsoft's RDS CAL version compatibility: a CAL must be of the session host's Windows Server version or later)",
            row.Evidence);
    }

    [Fact]
    public void The_mode_decides_the_CAL_type_a_per_device_host_finds_no_per_user_CAL_enough()
    {
        var row = KeyPackChecks.MatchRow(KeyPackList.Of([Pack(type: 1)]), Activated, Host(2), 0, null, Now);

        Assert.Equal((ProbeOutcome.Problem, "no Per Device CAL is available on this server (the host's mode asks for Per Device CALs; see cals for what is installed)"), (row.Outcome, row.Evidence));
    }

    [Fact]
    public void Documented_CALs_older_than_the_host_are_a_problem()
    {
        var row = KeyPackChecks.MatchRow(KeyPackList.Of([Pack(version: 4)]), Activated, Host(4, "17763", "Windows Server 2019 Datacenter"), 0, null, Now);

        Assert.Equal(ProbeOutcome.Problem, row.Outcome);
        Assert.Equal("only Per User CALs for Windows Server 2012 (and 2012 R2) (ProductVersionID 4), older than this host (this host runs Windows Server 2019 (build 17763); Microsoft's RDS CAL version compatibility: a CAL must be of the session host's Windows Server version or later)", row.Evidence);
    }

    [Fact]
    public void A_version_Microsoft_does_not_document_makes_the_match_unverifiable_and_says_so()
    {
        var row = KeyPackChecks.MatchRow(KeyPackList.Of([Pack(version: 7, words: "Windows Server 2022")]), Activated, Host(4, "20348", "Windows Server 2022 Standard"), 0, null, Now);

        Assert.Equal(ProbeOutcome.Unavailable, row.Outcome);
        Assert.Equal("40 Per User CALs available of a version not documented (version not documented (ProductVersionID 7; the server calls it \"Windows Server 2022\")): whether they cover this host (this host runs Windows Server 2022 (build 20348)) cannot be verified; Win32_TSLicenseKeyPack documents ProductVersionID only up to 4 (Windows Server 2012)", row.Evidence);
    }

    [Theory]
    [InlineData("19045", "Windows 10 Pro", "WinNT", "this host is not a Windows Server (ProductType WinNT, build 19045)")]
    [InlineData("18363", "Windows Server Datacenter", "ServerNT", "this host's build 18363 is not a Windows Server release in Microsoft's CAL compatibility table (2016, 2019, 2022, 2025)")]
    [InlineData("3790", "Windows Server 2003", "ServerNT", "this host's build 3790 (ProductName \"Windows Server 2003\") is not a Windows Server release rdscal can place")]
    public void A_host_version_rdscal_cannot_place_leaves_the_match_unverifiable(string build, string product, string productType, string words)
    {
        var machine = TestMachine.SessionHost().Mode(4).Version(build, product);
        machine.ControlSet.CreateSubkeyPath(@"Control\ProductOptions").SetValue(RdsCal.Registry.RegistryValue.FromString("ProductType", productType));

        var row = KeyPackChecks.MatchRow(KeyPackList.Of([Pack()]), Activated, machine.Snapshot(), 0, null, Now);

        Assert.Equal((ProbeOutcome.Unavailable, $"40 Per User CALs available, but {words}: whether their version covers it cannot be verified"), (row.Outcome, row.Evidence));
    }

    [Theory]
    [InlineData("14393", 4)]
    [InlineData("17763", 5)]
    [InlineData("20348", 6)]
    [InlineData("26100", 7)]
    public void The_compatibility_tables_session_host_rows_are_placed_by_build(string build, int version)
    {
        Assert.Equal(version, WindowsServerVersion.OfSessionHost(build, "ServerNT", "Windows Server").Version);
    }

    [Theory]
    [InlineData(5u, "NotConfigured")]
    [InlineData(6u, "AadPerUser")]
    [InlineData(1u, "RemoteAdministration")]
    public void A_mode_that_asks_for_no_CAL_type_skips_the_match(uint mode, string name)
    {
        var row = KeyPackChecks.MatchRow(KeyPackList.Of([Pack()]), Activated, Host(mode), 0, null, Now);

        Assert.Equal((ProbeOutcome.Skipped, $"not run: the session host's licensing mode is {name}, which asks for no Per User or Per Device CAL"), (row.Outcome, row.Evidence));
    }

    [Fact]
    public void Without_the_session_hosts_registry_the_match_is_unavailable_with_the_reason()
    {
        var row = KeyPackChecks.MatchRow(KeyPackList.Of([Pack()]), Activated, null, 0, null, Now);

        Assert.Equal(ProbeOutcome.Unavailable, row.Outcome);
        Assert.StartsWith("not checked: the session host's licensing mode and Windows version are unknown", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_is_not_activated_matches_nothing_and_one_of_unknown_activation_is_not_ok()
    {
        var list = KeyPackList.Of([Pack()]);

        var notActivated = KeyPackChecks.MatchRow(list, Activated with { Outcome = ProbeOutcome.Problem }, Host(4), 0, null, Now);
        var unknown = KeyPackChecks.MatchRow(list, Activated with { Outcome = ProbeOutcome.Unavailable }, Host(4), 0, null, Now);

        Assert.Equal((ProbeOutcome.Problem, "the server is not activated (see activation), so it issues no permanent Per User CAL"), (notActivated.Outcome, notActivated.Evidence));
        Assert.Equal(ProbeOutcome.Unavailable, unknown.Outcome);
        Assert.EndsWith(", but whether the server is activated is unknown (see activation)", unknown.Evidence, StringComparison.Ordinal);
    }
}
