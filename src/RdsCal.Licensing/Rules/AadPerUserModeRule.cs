using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>
/// RDS022: the licensing mode is AAD Per User (6), which the Administrative Template describes as licensed by a service
/// plan assigned to each user in Microsoft Entra ID (Azure AD), not by CALs from a license server.
/// </summary>
public sealed class AadPerUserModeRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.AadPerUserMode;
    /// <inheritdoc />
    public override Severity Severity => Severity.Info;
    /// <inheritdoc />
    public override string Title => "AAD Per User licensing mode: users need an Entra ID service plan that includes RDS, not CALs";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "nothing to change on the host for licensing; make sure every user who connects has a service plan that supports RDS licenses assigned in Microsoft Entra ID (Azure AD). A license server is not needed in this mode.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "In Microsoft Entra ID, check that each user who connects has a licence whose service plans include Remote Desktop Services.",
        "On the RD Session Host, look for events 50215 ('unable to retrieve user licensing information from AAD') and 50216 ('unable to validate RDS license') in the RemoteConnectionManager Admin log; their error code says why a user was refused.",
        "What else the mode needs (the host's join state, network access to Entra ID) is not documented on a Microsoft page rdscal has found: treat any further requirement as unverified.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.PolicyCspTerminalServer("TS_LICENSING_MODE, 'Set the Remote Desktop licensing mode': 'AAD Per User licensing mode requires that each user account connecting to this RD Session Host server have a service plan that supports RDS licenses assigned in AAD', whereas Per User and Per Device need CALs issued from an RD Licensing server"),
        LearnPages.TermsrvMessageTable("events 50215 and 50216 (builds 19041 and later): the host could not retrieve the user's licensing information from AAD, or could not validate the RDS license"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicensingMode", @"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core\LicensingMode"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [50215, 50216];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "unable to retrieve user licensing information from AAD",
        "unable to validate RDS license",
    ];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.SystemKnown && !snapshot.PolicyKnown || snapshot.Mode.Effective != LicensingMode.AadPerUser)
        {
            yield break;
        }
        string servers = snapshot.Servers.Effective.Count == 0
            ? "No license server is configured, and this mode does not need one."
            : $"License servers are configured ({string.Join(", ", snapshot.Servers.Effective)}), but this mode does not take CALs from them.";
        yield return Found($"The licensing mode is AAD Per User: each connecting user needs a service plan that supports RDS licenses assigned in Microsoft Entra ID (Azure AD). {servers}",
            $"{snapshot.Mode.From?.Path} = {snapshot.Mode.Raw}");
    }
}
