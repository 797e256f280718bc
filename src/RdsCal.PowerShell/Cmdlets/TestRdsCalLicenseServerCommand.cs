using System.Management.Automation;
using RdsCal.Licensing.Probes;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Test-RdsCalLicenseServer</c>: checks the license servers themselves as <c>rdscal probe</c> does (the same library
/// operation, <see cref="ProbeRun"/>): name resolution, TCP 135 and 445, the session host's connectivity verdict, the
/// server's activation, key packs and groups, and whether it holds CALs of the host's mode and version. The servers are
/// those named with <c>-Name</c>, or the effective ones of hive files or of this machine.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RdsCalLicenseServer", DefaultParameterSetName = "Files")]
[OutputType(typeof(RdsCalLicenseServerProbe))]
public sealed class TestRdsCalLicenseServerCommand : MachineCmdlet
{
    /// <summary>The license servers to probe, as named (otherwise the effective ones of the hives or of this machine).</summary>
    [Parameter(ParameterSetName = "Names", Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>The bound on each name lookup and TCP connect, in seconds (above 0, at most 60; default 3).</summary>
    [Parameter]
    public double Timeout { get; set; } = 3;

    /// <summary>Another account to ask the license servers' WMI as (the session host's own verdict always uses the computer account).</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    private readonly List<string> _names = [];

    /// <inheritdoc />
    protected override void ProcessRecord() => _names.AddRange(Name);

    // Names from the pipeline are probed together, so the findings that speak about all servers (RDS021) see them all.
    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var request = new ProbeRequest
        {
            Servers = _names,
            Machine = Named() with { PolicyFiles = (PolicyFile ?? []).Select(FileSystemPath).ToList() },
            Timeout = Timeout > 0 && Timeout <= ProbeRequest.MaxTimeout.TotalSeconds ? TimeSpan.FromSeconds(Timeout) : TimeSpan.Zero,
            Credential = Credential?.GetNetworkCredential(),
        };
        try
        {
            var report = ProbeRun.RunAsync(request, CancellationToken.None).GetAwaiter().GetResult();
            // The findings' remedies in cmdlet lines, as Get-RdsCalStatus words them.
            WriteObject(new RdsCalLicenseServerProbe(Environment.MachineName, report with { Findings = [.. report.Findings.Select(CmdletWording.Instance.Word)] }));
        }
        catch (ProbeRefusedException e)
        {
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(Words(e), e), "Probe" + e.Reason, ErrorCategory.InvalidArgument, SystemHive ?? SoftwareHive));
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            WriteError(InputErrors.From(e, SystemHive ?? SoftwareHive));
        }
    }

    private string Words(ProbeRefusedException e) => e.Reason switch
    {
        ProbeRefusalReason.TimeoutOutOfRange => FormattableString.Invariant($"-Timeout {Timeout}: give seconds above 0 and at most {ProbeRequest.MaxTimeout.TotalSeconds}."),
        ProbeRefusalReason.LiveRegistryNeedsWindows => "Give -Name, or -SystemHive/-SoftwareHive (the servers a hive names, checked from here): this machine's own settings exist only on Windows.",
        ProbeRefusalReason.ServersAndFiles => "Give either -Name or -SystemHive/-SoftwareHive, not both: the servers come from one of them.",
        _ => $"{char.ToUpperInvariant(e.Message[0])}{e.Message[1..]}: give -Name.",
    };
}
