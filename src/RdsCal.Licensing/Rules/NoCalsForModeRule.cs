using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS021: explain-only: the license server holds no (available) CALs of the mode the host uses.</summary>
public sealed class NoCalsForModeRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.NoCalsForMode;
    /// <inheritdoc />
    public override Severity Severity => Severity.Error;
    /// <inheritdoc />
    public override string Title => "The license server has no available CALs of the mode the host uses";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.LicenseServer;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"install CALs of the type the session host's mode asks for (Per User or Per Device, of a compatible version), or change the host's mode to the CAL type you own ('{Mentions.SetMode()}' on the RD Session Host).");
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Of($"On the RD Session Host, read the mode in effect: '{Mentions.Status()}' (or WMI Win32_TerminalServiceSetting.LicensingType)."),
        RemedyText.Plain("On the license server, open Remote Desktop Licensing Manager: compare the installed CAL type and version with the host's mode and Windows version, and check the available count."),
        RemedyText.Of($"On the license server, install the matching CALs; or on the RD Session Host, switch the mode to the CAL type installed ('{Mentions.EitherMode}')."),
    ];
    /// <inheritdoc />
    public override string HowToTell =>
        "The license server is reachable and activated, but Remote Desktop Licensing Manager lists no CALs of the host's mode (Per User vs Per Device), none available, or only an incompatible version; events 1004 and 1028 on the host point the same way.";
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.NoLicenseServersAvailable("the license server needs a CAL for each user and device; the CAL and session host versions must be compatible; use the appropriate CAL type"),
        LearnPages.InstallCals("how to install CALs on the license server"),
        LearnPages.Event1028("event 1028: the licensing mode configured on the RD Session Host must match the type of RDS CALs available on the license server"),
        LearnPages.CalAvailabilityMonitor("for event 1028: the licensing mode configured on the RD Session Host must match the type of RDS CALs available on the license server"),
        LearnPages.AzureNoLicenseServer("causes: no CALs installed, more users than CALs, CALs not configured properly"),
        LearnPages.SetErrorInfoPdu("the client is told 'There are no Client Access Licenses available for the target remote computer' (0x102) or 'The Client Access License stored by the client could not be upgraded or renewed' (0x109), shown by the connecting client"),
        LearnPages.Event1004("event 1004 'cannot issue a client license': one of its causes is a licensing mode that does not match the type of CALs installed on the license server"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core\LicensingMode", @"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicensingMode"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1128, 50280, 1129, 50281, 1004, 1028, 50180];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "License server <name> is not available",
        "cannot issue a client license",
        "because its license could not be renewed",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> ClientMessages =>
    [
        "There are no Client Access Licenses available for the target remote computer",
        "The Client Access License stored by the client could not be upgraded or renewed",
    ];

    /// <inheritdoc />
    public override bool DetectableOffline => false;

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot) => [];
}
