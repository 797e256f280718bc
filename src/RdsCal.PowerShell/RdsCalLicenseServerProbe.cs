using System.Globalization;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.Rules;

namespace RdsCal.PowerShell;

/// <summary>
/// What <c>Test-RdsCalLicenseServer</c> returns: the properties mirror the <c>rdscal probe --json</c> contract
/// (docs/probe-json.md): <c>Servers[].Name</c>, <c>Servers[].Source</c>, <c>Servers[].Checks[].Check</c>,
/// <c>.Outcome</c>, <c>.Evidence</c>, <c>.ElapsedMs</c>, and <c>Findings</c>, with the contract's words
/// (<c>dns</c>, <c>ok</c>, <c>discovered</c>…).
/// </summary>
public sealed class RdsCalLicenseServerProbe
{
    internal RdsCalLicenseServerProbe(string computerName, ProbeReport report)
    {
        ComputerName = computerName;
        Report = report;
        Servers = [.. report.Servers.Select(s => new RdsCalProbedServer(s))];
    }

    /// <summary>The machine the probe ran on (the checks' "from here").</summary>
    public string ComputerName { get; }

    /// <summary>The library's report this object presents.</summary>
    public ProbeReport Report { get; }

    /// <summary>The servers in the order probed, each with one row per check.</summary>
    public IReadOnlyList<RdsCalProbedServer> Servers { get; }

    /// <summary>The findings the problems make (RDS013, RDS015, RDS019, RDS020, RDS021), with their evidence.</summary>
    public IReadOnlyList<Finding> Findings => Report.Findings;

    /// <summary>
    /// The whole probe as <c>rdscal probe --json</c> writes it. Remoting (<c>Invoke-Command</c>) serialises objects one
    /// level deep, so the nested rows arrive as strings; this arrives whole (<c>ConvertFrom-Json</c> on the caller).
    /// </summary>
    public string ProbeJson
    {
        get
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            ProbeJsonWriter.Write(Report, text);
            return text.ToString();
        }
    }
}

/// <summary>One probed license server: the JSON contract's <c>servers[]</c> element.</summary>
public sealed class RdsCalProbedServer
{
    internal RdsCalProbedServer(ServerProbe server)
    {
        Name = server.Target.Name;
        Source = ProbeCheckNames.Of(server.Target.Source);
        Note = server.Target.Note;
        Checks = [.. server.Checks.Select(c => new RdsCalProbeCheck(c))];
    }

    /// <summary>The name as probed (qualified where a hive gave a DNS suffix).</summary>
    public string Name { get; }

    /// <summary>Where the name came from: <c>policy</c>, <c>serverSetting</c>, <c>given</c> or <c>discovered</c>.</summary>
    public string Source { get; }

    /// <summary>How the name was derived from the configured one, or null.</summary>
    public string? Note { get; }

    /// <summary>One row per check, in the contract's order.</summary>
    public IReadOnlyList<RdsCalProbeCheck> Checks { get; }

    /// <summary>The name and each check's outcome, e.g. <c>ls1 (given): dns ok, tcp135 problem, …</c>.</summary>
    public override string ToString() => $"{Name} ({Source}): {string.Join(", ", Checks.Select(c => $"{c.Check} {c.Outcome}"))}";
}

/// <summary>One check's row: the JSON contract's <c>checks[]</c> element, and where it ran from.</summary>
public sealed class RdsCalProbeCheck
{
    internal RdsCalProbeCheck(ProbeResult row)
    {
        Check = ProbeCheckNames.Of(row.Check);
        Outcome = ProbeCheckNames.Of(row.Outcome);
        Evidence = row.Evidence;
        ElapsedMs = row.ElapsedMs;
        RanFrom = row.RanFrom;
    }

    /// <summary><c>dns</c>, <c>tcp135</c>, <c>tcp445</c>, <c>connectivity</c>, <c>activation</c>, <c>cals</c>, <c>groups</c> or <c>cals-match</c>.</summary>
    public string Check { get; }

    /// <summary><c>ok</c>, <c>problem</c>, <c>unavailable</c> or <c>skipped</c>.</summary>
    public string Outcome { get; }

    /// <summary>The raw answer the outcome rests on (addresses, a socket error, a return code, an HRESULT) and its meaning.</summary>
    public string Evidence { get; }

    /// <summary>Wall-clock milliseconds the check took.</summary>
    public long ElapsedMs { get; }

    /// <summary>The machine and account it ran as, where that changes the answer, else null.</summary>
    public string? RanFrom { get; }

    /// <summary>The check, its outcome and evidence on one line.</summary>
    public override string ToString() => $"{Check} {Outcome}: {Evidence}";
}
