using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using RdsCal.Licensing.Fleet;
using RdsCal.Registry;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>ConvertTo-RdsCalFleetReport</c>: the fleet audit of <c>rdscal fleet</c> over status objects from the pipeline,
/// local (<c>Get-ChildItem machines | Get-RdsCalStatus</c>) or from remoting (<c>Invoke-Command -HostName …
/// { Get-RdsCalStatus }</c>, rebuilt from their <c>StatusJson</c>), and over the error records of hosts that did not
/// answer, which become unreadable hosts. Groups hosts by configuration fingerprint, compares them with the norm,
/// and writes the HTML, JSON and CSV reports of <c>rdscal fleet</c>; returns the audit.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "RdsCalFleetReport")]
[OutputType(typeof(FleetReport))]
public sealed class ConvertToRdsCalFleetReportCommand : PSCmdlet, IDisposable
{
    private readonly FleetAudit _audit = new();
    private FleetBaseline? _baseline;
    private FleetHtmlWriter? _html;
    private FleetJsonWriter? _json;
    private FleetCsvWriter? _csv;

    /// <summary>Status objects (from Get-RdsCalStatus, here or through remoting), or error records of hosts that could not be read.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Write the self-contained HTML report here.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HtmlPath { get; set; }

    /// <summary>Write the JSON audit (as rdscal fleet --json) here.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? JsonPath { get; set; }

    /// <summary>Write one CSV row per host here.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CsvPath { get; set; }

    /// <summary>Compare every host with this host of the fleet, or with this <c>status --json</c> report (a name ending in .json), instead of the majority.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Baseline { get; set; }

    /// <summary>Replace existing report files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        foreach (string? path in new[] { HtmlPath, JsonPath, CsvPath })
        {
            if (path is not null && Path.Exists(GetUnresolvedProviderPathFromPSPath(path)) && !Force)
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"{path} exists; add -Force to replace it"), "ReportExists", ErrorCategory.ResourceExists, path));
            }
        }
        if (Baseline is not null)
        {
            try
            {
                _baseline = FleetBaseline.FromArgument(Baseline, GetUnresolvedProviderPathFromPSPath);
            }
            catch (FileNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "BaselineNotFound", ErrorCategory.ObjectNotFound, Baseline));
            }
            catch (StatusJsonFormatException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "BaselineNotAReport", ErrorCategory.InvalidData, Baseline));
            }
        }
        _html = HtmlPath is null ? null : new FleetHtmlWriter();
        _json = JsonPath is null ? null : new FleetJsonWriter();
        _csv = CsvPath is null ? null : new FleetCsvWriter();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }
        HostAudit host;
        try
        {
            host = ToHost(InputObject);
        }
        catch (StatusJsonFormatException e)
        {
            WriteError(InputErrors.From(e, InputObject));
            return;
        }
        _audit.Add(host);
        _html?.Add(host);
        _json?.Add(host);
        _csv?.Add(host);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        FleetReport report;
        try
        {
            report = _audit.Complete(_baseline);
        }
        catch (FleetBaselineException e)
        {
            string why = e.Problem == FleetBaselineProblem.NoSuchHost ? "no host of that name in the fleet" : "that host could not be read, so it cannot be the baseline";
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-Baseline {e.Host}: {why} (give a host name or a status --json file)"), "BaselineNotFound", ErrorCategory.ObjectNotFound, e.Host));
            return;
        }
        var options = new OutputOptions { ReplaceExisting = Force };
        _html?.FinishFile(report, GetUnresolvedProviderPathFromPSPath(HtmlPath!), DateTimeOffset.UtcNow, options);
        _csv?.FinishFile(GetUnresolvedProviderPathFromPSPath(CsvPath!), options);
        _json?.FinishFile(report, GetUnresolvedProviderPathFromPSPath(JsonPath!), options);
        WriteObject(report);
    }

    /// <summary>Releases the report spools.</summary>
    public void Dispose()
    {
        _html?.Dispose();
        _json?.Dispose();
        _csv?.Dispose();
    }

    private static HostAudit ToHost(PSObject input)
    {
        // Remoting adds PSComputerName: the name the caller asked for, which the audit keeps beside the computer name reported.
        string? session = input.Properties["PSComputerName"]?.Value as string;
        switch (input.BaseObject)
        {
            case RdsCalStatus status:
                var local = HostAudit.FromReport(status.Machine, status.Sources.System?.Path ?? status.Sources.Software?.Path ?? status.Machine, status.Report);
                return session is null ? local : local.CollectedUnder(session);
            case ErrorRecord error:
                return Unreachable(error);
        }
        string? json = input.Properties["StatusJson"]?.Value as string;
        string name = session ?? input.Properties["Machine"]?.Value as string ?? "unnamed";
        if (json is null)
        {
            throw new StatusJsonFormatException(name, $"a {input.BaseObject.GetType().Name} is not a status (no StatusJson property: pipe Get-RdsCalStatus objects)");
        }
        var host = StatusJsonReader.Parse(Encoding.UTF8.GetBytes(json), session is null ? name : $"{session}: Get-RdsCalStatus", input.Properties["Machine"]?.Value as string ?? name);
        return session is null ? host : host.CollectedUnder(session);
    }

    // New-PSSession and Invoke-Command report a host they could not reach as an error record whose target is its
    // runspace (SSH) or names the computer (RemotingErrorRecord); with -ErrorVariable
    // those records can be piped in beside the statuses, so the host is in the report with the reason.
    private static HostAudit Unreachable(ErrorRecord error)
    {
        string name = (error as RemotingErrorRecord)?.OriginInfo?.PSComputerName
            ?? (error.TargetObject as Runspace)?.ConnectionInfo?.ComputerName
            ?? error.TargetObject?.ToString()
            ?? "unnamed";
        return HostAudit.Unreadable(name, "PowerShell remoting", $"not collected: {error.Exception.Message}");
    }
}
