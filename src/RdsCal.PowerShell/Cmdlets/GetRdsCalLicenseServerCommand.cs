using System.Management.Automation;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.ServerView;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Get-RdsCalLicenseServer</c>: the license server's own licensing database through WMI, as <c>rdscal server</c> reads
/// it (the same library operation, <see cref="LicenseServerView"/>): activation, key packs, issued licenses and who holds
/// them, and the domain group membership. Off Windows every part is unavailable with the reason.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RdsCalLicenseServer")]
[OutputType(typeof(RdsCalLicenseServer))]
public sealed class GetRdsCalLicenseServerCommand : PSCmdlet
{
    /// <summary>Another license server to read through remote WMI (default: this machine).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ComputerName { get; set; }

    /// <summary>Another account to ask a remote license server's WMI as (WMI refuses one for this machine).</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var credential = Credential?.GetNetworkCredential();
        var live = LiveQueries.ThisMachine(credential);
        string? account = credential is null ? null : credential.Domain.Length > 0 ? $"{credential.Domain}\\{credential.UserName}" : credential.UserName;
        if (ComputerName is not { Length: > 0 })
        {
            WriteObject(new RdsCalLicenseServer(LicenseServerView.Read(live, null, account)));
            return;
        }
        foreach (string server in ComputerName)
        {
            WriteObject(new RdsCalLicenseServer(LicenseServerView.Read(live, server, account)));
        }
    }
}
