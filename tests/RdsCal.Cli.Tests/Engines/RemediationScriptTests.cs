using System.Text.Json;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests.Engines;

/// <summary>
/// examples/intune and examples/configmgr run under pwsh 7.6.9 on Linux against offline copies of the scenarios,
/// with the built rdscal as their rdscal.exe. Windows PowerShell 5.1 itself is not run here; its syntax is held
/// to by <see cref="Scripts_keep_to_windows_powershell_5_1_syntax"/>.
/// </summary>
[Trait("Category", "Engines")]
public sealed class RemediationScriptTests : IDisposable
{
    private static readonly string[] Servers = ["lic01.corp.invalid", "lic02.corp.invalid"];

    private readonly TempFolder _scratch = new("rdscal-remediation-");

    public static TheoryData<string> Scripts => new(
        "intune/Detect-RdsCalLicensing.ps1", "intune/Remediate-RdsCalLicensing.ps1", "configmgr/Discover-RdsCalLicensing.ps1");

    [TestDataFact]
    public void Detection_prints_one_line_and_exits_1_on_findings_or_another_mode_and_servers()
    {
        var machine = Machine("unconfigured");
        var (exit, output, _) = Run("intune/Detect-RdsCalLicensing.ps1", machine);
        Assert.Equal(ExitCodes.Unexpected, exit);
        Assert.Equal(
            "RDS licensing: NOT COMPLIANT - mode NotConfigured (server), expected PerUser; servers none (none), expected lic01.corp.invalid,lic02.corp.invalid; findings at error or above: RDS001 error, RDS002 error",
            Assert.Single(Lines(output)));

        // A host as wanted, with no error findings: exit 0, so Intune runs no remediation.
        (exit, output, _) = Run("intune/Detect-RdsCalLicensing.ps1", Machine("healthy-peruser"), "-ExpectedServers", "'lic01.contoso.com'");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("RDS licensing: OK - mode PerUser, servers lic01.contoso.com", Assert.Single(Lines(output)));
    }

    [TestDataFact]
    public void Detection_summary_stays_under_2048_characters_and_an_unreadable_host_is_said_so()
    {
        string many = string.Join(",", Enumerable.Range(1, 200).Select(i => $"'license-server-{i:D3}.corp.invalid'"));
        var (exit, output, _) = Run("intune/Detect-RdsCalLicensing.ps1", Machine("unconfigured"), "-ExpectedServers", many);
        Assert.Equal(ExitCodes.Unexpected, exit);
        string line = Assert.Single(Lines(output));
        Assert.Equal(2047, line.Length);
        Assert.EndsWith("...", line, StringComparison.Ordinal);

        (exit, output, _) = Run("intune/Detect-RdsCalLicensing.ps1", ["-SystemHive", Pwsh.Quote(_scratch.File("absent", "SYSTEM"))]);
        Assert.Equal(ExitCodes.Unexpected, exit);
        Assert.Equal($"RDS licensing: NOT READ - rdscal status exited 6: rdscal: error: {_scratch.File("absent", "SYSTEM")}: no such file", Assert.Single(Lines(output)));
    }

    [TestDataFact]
    public void Remediation_with_whatif_changes_nothing_and_without_it_journals_the_mode_and_servers()
    {
        var machine = Machine("unconfigured");
        byte[] before = File.ReadAllBytes(machine[1].Trim('\''));
        string journal = _scratch.File("journal.jsonl");
        var (exit, output, err) = Run("intune/Remediate-RdsCalLicensing.ps1", [.. machine, "-Journal", Pwsh.Quote(journal), "-WhatIf"]);
        Assert.True(exit == 0, output + err);
        Assert.Equal(2, Lines(output).Count(l => l == "what-if: nothing was changed"));
        Assert.Contains("LicensingMode: REG_DWORD 0x00000005 (5) -> REG_DWORD 0x00000004 (4)", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(machine[1].Trim('\'')));
        Assert.False(File.Exists(journal));

        (exit, output, err) = Run("intune/Remediate-RdsCalLicensing.ps1", [.. machine, "-Journal", Pwsh.Quote(journal)]);
        Assert.True(exit == 0, output + err);
        // rdscal's journal: a pending record with the change, then its outcome.
        var records = File.ReadAllLines(journal).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(
            ["set the licensing mode to PerUser (4)", "set the license servers to lic01.corp.invalid, lic02.corp.invalid"],
            records.Where(r => r.TryGetProperty("description", out _)).Select(r => r.GetProperty("description").GetString()));
        Assert.Equal(2, records.Count(r => r.GetProperty("status").GetString() == "applied"));

        // Detection and discovery now find the host as wanted (its remaining finding is a warning at most).
        (exit, output, _) = Run("intune/Detect-RdsCalLicensing.ps1", machine);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("RDS licensing: OK - mode PerUser, servers lic01.corp.invalid,lic02.corp.invalid", Assert.Single(Lines(output)));
        (exit, output, _) = Run("configmgr/Discover-RdsCalLicensing.ps1", machine);
        Assert.Equal((0, "Compliant"), (exit, Assert.Single(Lines(output))));

        // A second run has nothing to do.
        (exit, output, _) = Run("intune/Remediate-RdsCalLicensing.ps1", [.. machine, "-Journal", Pwsh.Quote(journal)]);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(["mode: already PerUser", "servers: already lic01.corp.invalid,lic02.corp.invalid"], Lines(output));
        Assert.Equal(records.Count, File.ReadAllLines(journal).Length);
    }

    [TestDataFact]
    public void Discovery_outputs_the_compliance_value_and_fails_only_when_the_host_cannot_be_read()
    {
        var (exit, output, _) = Run("configmgr/Discover-RdsCalLicensing.ps1", Machine("policy-overrides"), "-ExpectedMode", "PerDevice");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("NonCompliant: mode PerUser, expected PerDevice; servers 'lic01.contoso.com,lic02.contoso.com', expected 'lic01.corp.invalid,lic02.corp.invalid'",
            Assert.Single(Lines(output)));

        (exit, output, _) = Run("configmgr/Discover-RdsCalLicensing.ps1", ["-SystemHive", Pwsh.Quote(_scratch.File("absent", "SYSTEM"))]);
        Assert.NotEqual(ExitCodes.Ok, exit);
        Assert.Empty(Lines(output));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Scripts_keep_to_windows_powershell_5_1_syntax(string script)
    {
        // Tokens and constructs pwsh 7 added: ?? ??= ?. ?[ && || and the ternary ?, plus 7-only parameters and
        // automatic variables these scripts might reach for.
        var (exit, output, err) = Pwsh.Command($$"""
            $tokens = $null; $errors = $null
            [void][System.Management.Automation.Language.Parser]::ParseFile({{Pwsh.Quote(Path.Combine(TestData.RepositoryRoot, "examples", script))}}, [ref]$tokens, [ref]$errors)
            $errors | ForEach-Object { "parse error: $_" }
            $new = 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr', 'QuestionMark'
            $tokens | Where-Object { $new -contains $_.Kind.ToString() } | ForEach-Object { "pwsh 7 token $($_.Kind) at line $($_.Extent.StartLineNumber)" }
            $tokens | Where-Object { $_.Text -in '-AsHashtable', '-Parallel', '$IsWindows', '$IsLinux', '$PSStyle', 'Join-String' } | ForEach-Object { "pwsh 7 only: $($_.Text) at line $($_.Extent.StartLineNumber)" }
            'checked'
            """);
        Assert.True(exit == 0, err);
        Assert.Equal(["checked"], Lines(output));
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>A writable copy of a scenario's hives, as the script arguments that point at them.</summary>
    private string[] Machine(string scenario)
    {
        string folder = _scratch.Folder(scenario + "-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (string hive in new[] { "SYSTEM", "SOFTWARE" })
        {
            File.Copy(TestData.Scenario(scenario, hive), Path.Combine(folder, hive));
            // The shared data is read-only, and a copy keeps the mode.
            File.SetAttributes(Path.Combine(folder, hive), FileAttributes.Normal);
        }
        return ["-SystemHive", Pwsh.Quote(Path.Combine(folder, "SYSTEM")), "-SoftwareHive", Pwsh.Quote(Path.Combine(folder, "SOFTWARE"))];
    }

    /// <summary>Runs an example script as the engine would, with the built rdscal as its rdscal.exe; its exit code is pwsh's.</summary>
    private (int Exit, string Out, string Err) Run(string script, string[] machine, params string[] more)
    {
        string path = Path.Combine(TestData.RepositoryRoot, "examples", script);
        string command = $"& {Pwsh.Quote(path)} -RdsCal {Pwsh.Quote(BuiltRdscal.Script(_scratch.Path))} {string.Join(' ', machine.Concat(more))}; exit $LASTEXITCODE";
        return Pwsh.Command(command);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
