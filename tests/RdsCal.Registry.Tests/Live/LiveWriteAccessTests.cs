using RdsCal.Registry.Live;

namespace RdsCal.Registry.Tests.Live;

/// <summary>The check every live change passes first; privilege failures are injected through a fake token.</summary>
public class LiveWriteAccessTests
{
    [Fact]
    public void An_unelevated_process_is_refused_before_any_privilege_is_touched()
    {
        var token = new FakeToken(elevated: false, refuse: null);
        var e = Assert.Throws<ElevationRequiredException>(() => LiveWriteAccess.Require(token));
        Assert.Equal("changing the live registry needs an elevated process (this one runs with a filtered, non-administrator token); nothing was changed", e.Message);
        Assert.Empty(token.Asked);
    }

    [Fact]
    public void A_privilege_that_cannot_be_enabled_is_named()
    {
        var token = new FakeToken(elevated: true, refuse: "SeRestorePrivilege");
        var e = Assert.Throws<ElevationRequiredException>(() => LiveWriteAccess.Require(token));
        Assert.Equal("SeRestorePrivilege, which this process's token does not hold", e.Missing);
        Assert.Equal(["SeBackupPrivilege", "SeRestorePrivilege"], token.Asked);
    }

    [Fact]
    public void An_elevated_process_holding_both_privileges_passes()
    {
        var token = new FakeToken(elevated: true, refuse: null);
        LiveWriteAccess.Require(token);
        Assert.Equal(["SeBackupPrivilege", "SeRestorePrivilege"], token.Asked);
    }

    private sealed class FakeToken(bool elevated, string? refuse) : IProcessPrivileges
    {
        public List<string> Asked { get; } = [];

        public bool IsElevated => elevated;

        public bool TryEnable(IReadOnlyList<string> names, out string? failed)
        {
            Asked.AddRange(names);
            failed = names.FirstOrDefault(n => n == refuse);
            return failed is null;
        }
    }
}
