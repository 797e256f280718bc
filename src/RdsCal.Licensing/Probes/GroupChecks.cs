using System.Globalization;
using RdsCal.Licensing.Live;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// The <c>groups</c> row: three Win32_TSLicenseServer methods asked of the license server, each worded from its Learn
/// page (learn.microsoft.com/windows/win32/termserv/&lt;method&gt;-win32-tslicenseserver):
/// IsSecureAccessAllowed(this host), which decides whether the license server lets this host request CALs (the
/// "License server security group" policy and the Terminal Server Computers group together); IsTSinTSCGroup(this host),
/// that group's membership alone; IsLSinTSLSGroup(domain), without which per-user CAL tracking and reporting do not
/// work. Ok needs all three answered and IsSecureAccessAllowed saying yes.
/// </summary>
internal static class GroupChecks
{
    /// <summary>The answers the row rests on, and what it says of each.</summary>
    public sealed record Answers(WmiAnswer SecureAccess, WmiAnswer InTscGroup, WmiAnswer InTslsGroup, string? SessionHost, string Domain, LicensingMode? Mode);

    public static ProbeResult Row(Answers a, long elapsedMs, string? ranFrom)
    {
        ArgumentNullException.ThrowIfNull(a);
        string host = a.SessionHost ?? "this host";
        string domain = a.Domain.Length == 0 ? "\"\" (the license server's own domain)" : a.Domain;
        var parts = new List<(ProbeOutcome Outcome, string Words)>
        {
            Part(a.SecureAccess, $"IsSecureAccessAllowed({host})",
                "this host may request CALs from it",
                $"the license server does not let {host} request CALs: its \"License server security group\" policy is on and the host is not in its Terminal Server Computers (RDS Endpoint Servers) group",
                ProbeOutcome.Problem),
            Part(a.InTscGroup, $"IsTSinTSCGroup({host})",
                "in the license server's Terminal Server Computers (RDS Endpoint Servers) group",
                "not in the license server's Terminal Server Computers (RDS Endpoint Servers) group; that matters only where its security group policy is on (see IsSecureAccessAllowed)",
                ProbeOutcome.Ok),
            Part(a.InTslsGroup, $"IsLSinTSLSGroup({domain})",
                "the license server is in the domain's Terminal Server License Servers group",
                a.Mode == LicensingMode.PerUser
                    ? "the license server is not in the domain's Terminal Server License Servers group: per-user CAL tracking and reporting do not work, and this host uses Per User CALs"
                    : "the license server is not in the domain's Terminal Server License Servers group (per-user CAL tracking and reporting need it; this host does not use Per User CALs)",
                a.Mode == LicensingMode.PerUser ? ProbeOutcome.Problem : ProbeOutcome.Ok),
        };
        var outcome = parts.Any(p => p.Outcome == ProbeOutcome.Problem) ? ProbeOutcome.Problem
            : parts.All(p => p.Outcome == ProbeOutcome.Ok) ? ProbeOutcome.Ok
            : ProbeOutcome.Unavailable;
        return new(ProbeCheck.Groups, outcome, string.Join("; ", parts.Select(p => p.Words)), elapsedMs, ranFrom);
    }

    /// <summary>IsSecureAccessAllowed answered 0: the license server refuses this host.</summary>
    public static bool Refuses(WmiAnswer secureAccess) => secureAccess.Status == WmiAnswerStatus.Answered && secureAccess.Value == 0;

    /// <summary>IsLSinTSLSGroup answered 0.</summary>
    public static bool OutsideLicenseServersGroup(WmiAnswer inTslsGroup) => inTslsGroup.Status == WmiAnswerStatus.Answered && inTslsGroup.Value == 0;

    /// <summary>A method not asked because an input it needs is unknown.</summary>
    public static WmiAnswer NotAsked(string method, string why) =>
        new(ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, method, WmiAnswerStatus.Unavailable, Detail: why);

    private static (ProbeOutcome, string) Part(WmiAnswer answer, string call, string yes, string no, ProbeOutcome whenNo)
    {
        if (answer.Status != WmiAnswerStatus.Answered || answer.Value is not { } value)
        {
            return (ProbeOutcome.Unavailable, $"{call}: {answer.Reason ?? "answered without a value"}");
        }
        return value switch
        {
            1 => (ProbeOutcome.Ok, $"{call} returned true: {yes}"),
            0 => (whenNo, $"{call} returned false: {no}"),
            _ => (ProbeOutcome.Unavailable, string.Create(CultureInfo.InvariantCulture, $"{call} returned {value}, not a boolean")),
        };
    }
}
