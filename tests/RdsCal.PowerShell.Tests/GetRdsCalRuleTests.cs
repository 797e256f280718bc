using System.Management.Automation;
using RdsCal.Licensing.Rules;

namespace RdsCal.PowerShell.Tests;

public sealed class GetRdsCalRuleTests : IDisposable
{
    private readonly ModuleSession session = new();

    public void Dispose() => session.Dispose();

    [Fact]
    public void Lists_the_whole_catalogue_in_order()
    {
        var (output, errors) = session.Run("Get-RdsCalRule");
        Assert.Empty(errors);
        Assert.Equal(RuleCatalog.All.Select(r => r.Code), output.Select(o => ((DiagnosticRule)o.BaseObject).Code));
    }

    [Fact]
    public void Each_rule_carries_its_fix_in_cmdlet_words_however_often_it_is_asked_for()
    {
        var (output, errors) = session.Run("Get-RdsCalRule RDS007; Get-RdsCalRule RDS007");
        Assert.Empty(errors);
        Assert.Equal(2, output.Count);
        string fix = (string)output[1].Properties["Fix"].Value;
        Assert.Contains("'Reset-RdsCalClientStore'", fix, StringComparison.Ordinal);
        var steps = (string[])output[1].Properties["FixSteps"].Value;
        Assert.Contains(steps, s => s.Contains("'Undo-RdsCalChange -Last'", StringComparison.Ordinal) && s.EndsWith("unless -Force.", StringComparison.Ordinal));
        Assert.DoesNotContain(steps.Append(fix), s => s.Contains("'rdscal ", StringComparison.Ordinal));
    }

    [Fact]
    public void Codes_take_wildcards_and_an_unknown_code_is_an_error()
    {
        var (output, errors) = session.Run("Get-RdsCalRule rds00[12], RDS999");
        Assert.Equal(["RDS001", "RDS002"], output.Select(o => ((DiagnosticRule)o.BaseObject).Code.ToString()));
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("RDS999", error.TargetObject);
    }

    [Fact]
    public void Explain_finds_the_same_rules_as_the_catalogue()
    {
        var (output, _) = session.Run("Get-RdsCalRule -Explain 1069");
        Assert.Equal(RuleCatalog.Explain("1069").Select(r => r.Code), output.Select(o => o.BaseObject).OfType<DiagnosticRule>().Select(r => r.Code));
        Assert.NotEmpty(output);
    }

    [Fact]
    public void Explain_of_an_event_gives_the_event_with_its_text_log_and_sources_first_as_the_cli_does()
    {
        var (output, _) = session.Run("Get-RdsCalRule -Explain 50282");
        var ev = Assert.IsType<Licensing.Events.LicensingEvent>(output[0].BaseObject);
        Assert.Equal(Licensing.Events.ExplainResult.For("50282").Event, ev);
        Assert.Equal(Licensing.Events.EventCatalog.RcmAdmin, ev.Channel);
        Assert.NotEmpty(ev.Sources);
        Assert.Equal([RuleCode.NoLicenseServer], output.Skip(1).Select(o => ((DiagnosticRule)o.BaseObject).Code));
        var (text, _) = session.Run("Get-RdsCalRule -Explain 50282 | Select-Object -First 1 | Out-String -Width 300");
        Assert.Contains("WindowsSays : The Remote Desktop Session Host server does not have a Remote Desktop license server specified.", text[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_of_an_invented_text_says_it_is_not_a_windows_message()
    {
        var (output, errors) = session.Run("Get-RdsCalRule -Explain 'The Remote Desktop trial period has expired' 3>&1");
        Assert.Empty(errors);
        Assert.StartsWith("This is not a Windows message", Assert.Single(output).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_view_is_a_table_of_code_severity_events_and_title()
    {
        var (output, _) = session.Run("Get-RdsCalRule RDS001 | Out-String -Width 120");
        string[] lines = output[0].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rule = RuleCatalog.All.Single(r => r.Code.ToString() == "RDS001");
        Assert.Equal("Code    Severity Events           Title", lines[0]);
        Assert.Equal($"RDS001  Error    {string.Join(',', rule.EventIds),-16} {rule.Title}", lines[2]);
    }
}
