namespace RdsCal.Licensing.Tests;

public class LicensingModeTests
{
    public static TheoryData<LicensingMode> Modes() => new(Enum.GetValues<LicensingMode>());

    [Theory]
    [MemberData(nameof(Modes))]
    public void Every_mode_is_named_as_the_enum_names_it(LicensingMode mode) =>
        // Name() spells the names out for NativeAOT; a mode added to the enum but not to Name() prints a number.
        Assert.Equal(Enum.GetName(mode), mode.Name());

    [Fact]
    public void A_value_with_no_name_prints_its_number() => Assert.Equal("3", ((LicensingMode)3).Name());

    [Theory]
    [InlineData(0u, LicensingMode.PersonalTerminalServer)]
    [InlineData(2u, LicensingMode.PerDevice)]
    [InlineData(4u, LicensingMode.PerUser)]
    [InlineData(6u, LicensingMode.AadPerUser)]
    [InlineData(3u, LicensingMode.Unknown)]
    public void A_stored_number_means_its_mode(uint raw, LicensingMode mode) => Assert.Equal(mode, LicensingModes.FromRaw(raw));

    [Fact]
    public void Findings_are_ordered_over_every_severity_most_severe_first() =>
        // Diagnose keeps only the findings of the severities it walks: a severity missing here would drop findings.
        Assert.Equal(Enum.GetValues<RdsCal.Licensing.Rules.Severity>().OrderDescending(), RdsCal.Licensing.Rules.RuleCatalog.MostSevereFirst);
}
