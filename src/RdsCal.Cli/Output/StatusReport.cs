using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Cli.Output;

/// <summary>What <c>rdscal status</c> shows: the snapshot, the findings, and the reader's warnings per source.</summary>
/// <param name="Snapshot">The licensing state.</param>
/// <param name="Findings">The diagnosis.</param>
/// <param name="SourceWarnings">Warnings from reading each input (dirty hive, logs).</param>
internal sealed record StatusReport(LicensingSnapshot Snapshot, IReadOnlyList<Finding> Findings, IReadOnlyDictionary<string, IReadOnlyList<string>> SourceWarnings);
