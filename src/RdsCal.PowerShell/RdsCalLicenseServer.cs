using System.Globalization;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.ServerView;

namespace RdsCal.PowerShell;

/// <summary>
/// What <c>Get-RdsCalLicenseServer</c> returns: the properties mirror the <c>rdscal server --json</c> contract
/// (docs/server-json.md): <c>Server</c>, <c>RanAs</c>, <c>Parts[].Part</c>, <c>.Outcome</c>, <c>.Evidence</c>,
/// <c>.ElapsedMs</c>, <c>KeyPacks</c> and <c>IssuedLicenses</c>.
/// </summary>
public sealed class RdsCalLicenseServer
{
    internal RdsCalLicenseServer(LicenseServerReport report)
    {
        Report = report;
        Parts = [.. report.Parts.Select(p => new RdsCalLicenseServerPart(p))];
    }

    /// <summary>The library's view this object presents.</summary>
    public LicenseServerReport Report { get; }

    /// <summary>The license server read.</summary>
    public string Server => Report.Server;

    /// <summary>The machine and account WMI was asked from and as.</summary>
    public string RanAs => Report.RanAs;

    /// <summary>One row per part: <c>activation</c>, <c>keyPacks</c>, <c>issuedLicenses</c>, <c>licenseServersGroup</c>.</summary>
    public IReadOnlyList<RdsCalLicenseServerPart> Parts { get; }

    /// <summary>The installed key packs (type, version, total, issued, available, expiry).</summary>
    public IReadOnlyList<InstalledKeyPack> KeyPacks => Report.KeyPacks;

    /// <summary>The licenses issued (Per Device CALs and temporary licenses) and who holds them.</summary>
    public IReadOnlyList<IssuedCal> IssuedLicenses => Report.IssuedLicenses;

    /// <summary>The whole view as <c>rdscal server --json</c> writes it; arrives whole through <c>Invoke-Command</c>.</summary>
    public string ServerJson
    {
        get
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            LicenseServerJsonWriter.Write(Report, text);
            return text.ToString();
        }
    }
}

/// <summary>One part of the license server view: the JSON contract's <c>parts[]</c> element.</summary>
public sealed class RdsCalLicenseServerPart
{
    internal RdsCalLicenseServerPart(LicenseServerPart part)
    {
        Part = part.Part;
        Outcome = ProbeCheckNames.Of(part.Outcome);
        Evidence = part.Evidence;
        ElapsedMs = part.ElapsedMs;
    }

    /// <summary><c>activation</c>, <c>keyPacks</c>, <c>issuedLicenses</c> or <c>licenseServersGroup</c>.</summary>
    public string Part { get; }

    /// <summary><c>ok</c>, <c>problem</c> or <c>unavailable</c>.</summary>
    public string Outcome { get; }

    /// <summary>The answer the outcome rests on, and its meaning.</summary>
    public string Evidence { get; }

    /// <summary>Wall-clock milliseconds the part took.</summary>
    public long ElapsedMs { get; }

    /// <summary>The part, its outcome and evidence on one line.</summary>
    public override string ToString() => $"{Part} {Outcome}: {Evidence}";
}
