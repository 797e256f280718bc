using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS015: explain-only: the license server cannot write Per User CAL attributes in Active Directory.</summary>
public sealed class PerUserAdAttributesRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS015";
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "License server cannot update Per User CAL attributes in Active Directory";
    /// <inheritdoc />
    public override string Remedy => "Add the license server's computer account to the 'Terminal Server License Servers' group of each domain whose users it licenses, then restart the Remote Desktop Licensing service.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "In Active Directory Users and Computers, add the license server's computer account to the domain's 'Terminal Server License Servers' group.",
        "Restart the Remote Desktop Licensing service on the license server.",
        "This is an Active Directory permission (msTS* attributes); it cannot be seen or fixed in the registry.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [4105, 75];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages => ["Terminal Server License Servers", "license attributes"];
    /// <inheritdoc />
    public override bool DetectableOffline => false;

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot) => [];
}
