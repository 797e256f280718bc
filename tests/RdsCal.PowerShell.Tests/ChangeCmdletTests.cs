using System.Management.Automation;
using RdsCal.Licensing;
using RdsCal.Licensing.Changes;
using RdsCal.Tests;

namespace RdsCal.PowerShell.Tests;

/// <summary>
/// The changing cmdlets on copies of the scenario hives and the shipped .reg samples: ShouldProcess, the journal,
/// undo, and refusals as terminating errors worded with this module's parameters.
/// </summary>
public sealed class ChangeCmdletTests : IDisposable
{
    private readonly ModuleSession session = new();
    private readonly TempFolder temp = new();

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }

    private string Journal => temp.File("journal.jsonl");

    // Writable copies of a scenario's hives in the temp folder.
    private (string System, string Software) Hives(string scenario)
    {
        string system = temp.File("SYSTEM"), software = temp.File("SOFTWARE");
        File.Copy(TestData.Scenario(scenario, "SYSTEM"), system);
        File.Copy(TestData.Scenario(scenario, "SOFTWARE"), software);
        // The test data is read-only; the copies must not be.
        File.SetAttributes(system, FileAttributes.Normal);
        File.SetAttributes(software, FileAttributes.Normal);
        return (system, software);
    }

    private LicensingMode Mode(string system, string software) =>
        ((RdsCalStatus)session.Run("Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1]", system, software).Output.Single().BaseObject).LicensingMode.Effective;

    [TestDataFact]
    public void Set_mode_WhatIf_changes_nothing_then_the_change_is_journalled_and_undone()
    {
        var (system, software) = Hives("healthy-peruser");
        byte[] before = File.ReadAllBytes(system);

        var (none, whatIfErrors) = session.Run("Set-RdsCalMode PerDevice -SystemHive $args[0] -SoftwareHive $args[1] -Journal $args[2] -WhatIf", system, software, Journal);
        Assert.Empty(whatIfErrors);
        Assert.Empty(none);
        Assert.Equal(before, File.ReadAllBytes(system));
        Assert.False(File.Exists(Journal));

        var (output, errors) = session.Run("Set-RdsCalMode -Mode PerDevice -SystemHive $args[0] -SoftwareHive $args[1] -Journal $args[2]", system, software, Journal);
        Assert.Empty(errors);
        var change = Assert.IsType<HistoryItem>(Assert.Single(output).BaseObject);
        Assert.Equal("applied", change.Status);
        Assert.Equal("set the licensing mode to PerDevice (2)", change.Description);
        Assert.True(File.Exists(change.BackupPath));
        Assert.Equal(LicensingMode.PerDevice, Mode(system, software));

        var (history, _) = session.Run("Get-RdsCalHistory $args[0]", Journal);
        Assert.Equal(change.Id, ((HistoryItem)Assert.Single(history).BaseObject).Id);

        var (undone, undoErrors) = session.Run("Get-RdsCalHistory $args[0] | Undo-RdsCalChange -Journal $args[0] -Confirm:$false", Journal);
        Assert.Empty(undoErrors);
        Assert.Equal($"undo of {change.Id}", ((HistoryItem)Assert.Single(undone).BaseObject).Status);
        Assert.Equal(LicensingMode.PerUser, Mode(system, software));
        var (after, _) = session.Run("Get-RdsCalHistory $args[0]", Journal);
        Assert.Equal([$"undone by {((HistoryItem)undone[0].BaseObject).Id}", $"undo of {change.Id}"], after.Select(o => ((HistoryItem)o.BaseObject).Status));
    }

    [Fact]
    public void A_policy_refusal_is_a_terminating_error_worded_with_this_modules_parameters()
    {
        var error = session.Terminating("Set-RdsCalMode", new Dictionary<string, object>
        {
            ["Mode"] = "PerDevice",
            ["SystemHive"] = Path.Combine(ModuleSession.Samples, "gpo-override", "SYSTEM.reg"),
            ["SoftwareHive"] = Path.Combine(ModuleSession.Samples, "gpo-override", "SOFTWARE.reg"),
            ["Journal"] = Journal,
        });
        Assert.Equal("ChangeRefused.PolicyGoverns,RdsCal.PowerShell.Cmdlets.SetRdsCalModeCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal(@"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicensingMode", error.TargetObject);
        Assert.Contains("add -Policy to write the local policy value", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeRefusalReason.PolicyGoverns, Assert.IsType<ChangeRefusedException>(error.Exception).Refusal.Reason);
        Assert.False(File.Exists(Journal));
    }

    [Fact]
    public void A_change_to_reg_exports_writes_a_change_script_and_never_the_inputs()
    {
        string system = temp.File("SYSTEM.reg"), software = temp.File("SOFTWARE.reg"), script = temp.File("change.reg");
        File.Copy(Path.Combine(ModuleSession.Samples, "unconfigured", "SYSTEM.reg"), system);
        File.Copy(Path.Combine(ModuleSession.Samples, "unconfigured", "SOFTWARE.reg"), software);
        byte[] before = File.ReadAllBytes(system);
        var (output, errors) = session.Run("Set-RdsCalLicenseServer lic01.contoso.com, 192.0.2.10 -SystemHive $args[0] -SoftwareHive $args[1] -Journal $args[2] -ChangeScriptPath $args[3]", system, software, Journal, script);
        Assert.Empty(errors);
        Assert.Single(output);
        Assert.Equal(before, File.ReadAllBytes(system));
        string text = File.ReadAllText(script);
        Assert.Contains("\"SpecifiedLicenseServers\"=hex(7):", text, StringComparison.Ordinal);
        var again = session.Terminating("Set-RdsCalLicenseServer", new Dictionary<string, object>
        {
            ["Name"] = new[] { "lic02.contoso.com" },
            ["SystemHive"] = system,
            ["SoftwareHive"] = software,
            ["Journal"] = Journal,
            ["ChangeScriptPath"] = script,
        });
        Assert.Equal(ErrorCategory.ResourceExists, again.CategoryInfo.Category);
        Assert.Contains("-Force", again.ErrorDetails.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_resets_ask_for_confirmation_by_default_and_every_changing_cmdlet_supports_WhatIf()
    {
        var (impact, _) = session.Run("Get-Command -Module RdsCal | Where-Object { $_.Parameters.ContainsKey('WhatIf') } | ForEach-Object { '{0}={1}' -f $_.Name, ($_.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact) } | Sort-Object");
        Assert.Equal(
            ["Backup-RdsCalSettings=Low", "Reset-RdsCalCertificate=High", "Reset-RdsCalClientStore=High", "Reset-RdsCalGracePeriod=High",
             "Restore-RdsCalSettings=High", "Set-RdsCalLicenseServer=Medium", "Set-RdsCalMode=Medium", "Undo-RdsCalChange=High"],
            impact.Select(o => o.ToString()));
    }

    [TestDataFact]
    public void A_grace_reset_without_a_license_server_is_refused_unless_Lab()
    {
        var (system, software) = Hives("unconfigured");
        var error = session.Terminating("Reset-RdsCalGracePeriod", new Dictionary<string, object> { ["SystemHive"] = system, ["SoftwareHive"] = software, ["Journal"] = Journal, ["Confirm"] = false });
        Assert.Equal("ChangeRefused.NoLicenseServer,RdsCal.PowerShell.Cmdlets.ResetRdsCalGracePeriodCommand", error.FullyQualifiedErrorId);
        Assert.Contains("add -Lab for an evaluation host", error.ErrorDetails.Message, StringComparison.Ordinal);
        var (output, errors) = session.Run("Reset-RdsCalGracePeriod -Lab -SystemHive $args[0] -SoftwareHive $args[1] -Journal $args[2] -Confirm:$false 3>$null", system, software, Journal);
        Assert.Empty(errors);
        Assert.Equal("reset the grace period (delete the timebomb)", ((HistoryItem)Assert.Single(output).BaseObject).Description);
        var (status, _) = session.Run("(Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1]).GracePeriod.TimebombPresent", system, software);
        Assert.False((bool)status.Single().BaseObject);
    }

    [TestDataFact]
    public void A_grace_reset_with_a_license_server_is_refused_unless_Lab()
    {
        var (system, software) = Hives("healthy-peruser");
        byte[] before = File.ReadAllBytes(system);
        var error = session.Terminating("Reset-RdsCalGracePeriod", new Dictionary<string, object> { ["SystemHive"] = system, ["SoftwareHive"] = software, ["Journal"] = Journal, ["Confirm"] = false });
        Assert.Equal("ChangeRefused.GraceNoLongerMatters,RdsCal.PowerShell.Cmdlets.ResetRdsCalGracePeriodCommand", error.FullyQualifiedErrorId);
        Assert.Contains("no longer matters here", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("add -Lab only on an evaluation host", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(system));
    }

    [TestDataTheory]
    [MemberData(nameof(FrontEndCases.Rows), MemberType = typeof(FrontEndCases))]
    public void Each_change_of_the_shared_table_ends_as_it_does_in_the_cli(string scenario, string[] cli, string cmdlet, string expected)
    {
        _ = cli;
        var (system, software) = Hives(scenario);
        byte[] before = FrontEndCases.Bytes(system, software);
        var (output, errors) = session.Run($"{cmdlet} -SystemHive $args[0] -SoftwareHive $args[1] -Journal $args[2] -Confirm:$false 3>$null", system, software, Journal);
        if (expected.StartsWith("refused: ", StringComparison.Ordinal))
        {
            Assert.Empty(output);
            Assert.StartsWith($"ChangeRefused.{expected["refused: ".Length..]},", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(before, FrontEndCases.Bytes(system, software));
        }
        else if (expected == "nothing to do")
        {
            Assert.Empty(output);
            Assert.Empty(errors);
            Assert.Equal(before, FrontEndCases.Bytes(system, software));
        }
        else
        {
            Assert.Empty(errors);
            Assert.IsType<HistoryItem>(Assert.Single(output).BaseObject);
            Assert.Equal(expected, FrontEndCases.After(system, software));
        }
    }

    [TestDataFact]
    public void Backup_then_restore_brings_the_settings_back()
    {
        var (system, software) = Hives("healthy-peruser");
        string backup = temp.File("before.reg");
        session.Run("Backup-RdsCalSettings $args[2] -SystemHive $args[0] -SoftwareHive $args[1]", system, software, backup);
        session.Run("Set-RdsCalMode PerDevice -SystemHive $args[0] -SoftwareHive $args[1] -Journal $args[2]", system, software, Journal);
        Assert.Equal(LicensingMode.PerDevice, Mode(system, software));
        var (restored, errors) = session.Run("Restore-RdsCalSettings $args[2] -SystemHive $args[0] -SoftwareHive $args[1] -Journal $args[3] -Confirm:$false", system, software, backup, Journal);
        Assert.Empty(errors);
        Assert.Equal("restore before.reg", ((HistoryItem)Assert.Single(restored).BaseObject).Description);
        Assert.Equal(LicensingMode.PerUser, Mode(system, software));
    }

    [Fact]
    public void Undo_needs_exactly_one_of_Id_and_Last_and_names_a_missing_entry()
    {
        var both = session.Terminating("Undo-RdsCalChange", new Dictionary<string, object> { ["Id"] = "x", ["Last"] = true, ["Journal"] = Journal });
        Assert.Equal(ErrorCategory.InvalidArgument, both.CategoryInfo.Category);
        File.WriteAllText(Journal, string.Empty);
        var missing = session.Terminating("Undo-RdsCalChange", new Dictionary<string, object> { ["Id"] = "20990101", ["Journal"] = Journal, ["Confirm"] = false });
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
        Assert.Contains("Get-RdsCalHistory", missing.ErrorDetails.Message, StringComparison.Ordinal);
    }
}
