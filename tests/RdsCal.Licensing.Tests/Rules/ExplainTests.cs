using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Tests;

public class ExplainTests
{
    [Theory]
    [InlineData("1069", "RDS001")]
    [InlineData("1130", "RDS002")]
    [InlineData("1128", "RDS002")]
    [InlineData("1003", "RDS007")]
    [InlineData("1004", "RDS010")]
    [InlineData("1028", "RDS008")]
    [InlineData("4105", "RDS015")]
    [InlineData("4141", "RDS013")]
    [InlineData("no Remote Desktop License Servers available", "RDS002")]
    [InlineData("The remote session was disconnected because there are no Remote Desktop License Servers available to provide a license.", "RDS002")]
    [InlineData("client access license could not be upgraded or renewed", "RDS008")]
    [InlineData("The Remote Desktop trial period has expired", "RDS001")]
    [InlineData("An Error occurred in the Licensing Protocol", "RDS007")]
    [InlineData("error occurred in the licensing protocol", "RDS010")]
    [InlineData("rds006", "RDS006")]
    public void Finds_the_rules_that_explain_an_event_or_message(string query, string code) =>
        Assert.Contains(RuleCatalog.Explain(query), r => r.Code == code);

    [Fact]
    public void Unrelated_text_matches_nothing() => Assert.Empty(RuleCatalog.Explain("the printer is out of paper"));

    [Fact]
    public void Every_rule_has_a_unique_code_steps_and_a_remedy()
    {
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Code).Distinct().Count());
        Assert.All(RuleCatalog.All, r =>
        {
            Assert.Matches("^RDS[0-9]{3}$", r.Code);
            Assert.NotEmpty(r.Steps);
            Assert.False(string.IsNullOrWhiteSpace(r.Remedy));
        });
    }
}
