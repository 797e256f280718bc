using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;
using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Plans;

/// <summary>
/// What a licensing intent becomes: a change set (paths under <c>SYSTEM\…</c> and <c>SOFTWARE\…</c>), the
/// warnings the admin must read, or the reason rdscal refuses.
/// </summary>
/// <param name="Changes">The change, or null when refused.</param>
/// <param name="Warnings">What to know before and after applying, in neutral words (<see cref="WarningTexts"/> for a front end to word).</param>
/// <param name="Refusal">Why the change is refused, or null.</param>
public sealed record LicensingPlan(ChangeSet? Changes, IReadOnlyList<string> Warnings, ChangeRefusal? Refusal)
{
    private readonly IReadOnlyList<RemedyText>? _warningTexts;

    /// <summary><see cref="Warnings"/> with the actions they name as data, for each front end to word.</summary>
    public IReadOnlyList<RemedyText> WarningTexts
    {
        get => _warningTexts ?? [.. Warnings.Select(RemedyText.Plain)];
        init => _warningTexts = value;
    }

    /// <summary>
    /// On a live host, the Win32_TerminalServiceSetting method that makes the running service take the new
    /// setting without a restart (ChangeMode, SetSpecifiedLicenseServerList), called after the registry change.
    /// </summary>
    public WmiCall? LiveFollowUp { get; init; }

    /// <summary>
    /// License server shapes that current Windows does not read and that this change leaves in place; each front
    /// end offers its own way to remove them with the change.
    /// </summary>
    public IReadOnlyList<LicenseServerShape> LegacyShapesKept { get; init; } = [];

    /// <summary>The kept legacy shapes as a sentence without any front end's option name, or null when there are none.</summary>
    public string? LegacyShapesNote => LegacyShapesKept.Count == 0
        ? null
        : $"Legacy license server shapes remain ({string.Join("; ", LegacyShapesKept.Select(l => $"{l.Kind} at {l.From.Path}"))})";

    /// <summary>A refused plan.</summary>
    public static LicensingPlan Refuse(ChangeRefusalReason reason, string explanation, string? target = null, params string[] warnings) =>
        new(null, warnings, new ChangeRefusal(reason, explanation, target));

    /// <summary>True when there is nothing to change.</summary>
    public bool NothingToDo => Refusal is null && (Changes?.IsEmpty ?? true);
}

/// <summary>A WMI method of Win32_TerminalServiceSetting (root\cimv2\TerminalServices) and its arguments.</summary>
/// <param name="Method">ChangeMode or SetSpecifiedLicenseServerList.</param>
/// <param name="Arguments">Argument name to value (a number, or a string array).</param>
public sealed record WmiCall(string Method, IReadOnlyDictionary<string, object> Arguments);
