namespace RdsCal.Licensing.Rules;

/// <summary>One thing the diagnosis found: which rule, how serious, what it means, what to do, and the registry evidence.</summary>
/// <param name="Code">The rule's stable code (RDS001, …).</param>
/// <param name="Severity">How serious.</param>
/// <param name="Message">What is wrong, in this machine's terms.</param>
/// <param name="Remedy">What to do.</param>
/// <param name="Evidence">The registry values (path = value) it rests on.</param>
public sealed record Finding(string Code, Severity Severity, string Message, string Remedy, IReadOnlyList<string> Evidence);
