namespace RdsCal.Licensing.Fleet;

/// <summary>
/// The configuration fingerprint that groups hosts: effective mode and its source, effective license
/// servers and their source, the notifications policy, the role, and the finding codes. Two hosts with
/// equal fingerprints are configured alike as far as licensing is concerned.
/// </summary>
/// <param name="Mode">Effective mode (<c>PerUser</c>, <c>NotConfigured</c>, …).</param>
/// <param name="ModeSource"><c>policy</c>, <c>server</c> or <c>none</c>.</param>
/// <param name="Servers">Effective license servers in order, comma-separated (empty: none).</param>
/// <param name="ServersSource"><c>policy</c>, <c>server</c> or <c>none</c>.</param>
/// <param name="Notifications">The <c>fDisableTerminalServerTooltip</c> policy: <c>hidden by policy</c>, <c>shown by policy</c>, <c>not set</c> or <c>unknown (no SOFTWARE)</c>.</param>
/// <param name="Role"><c>session host</c>, <c>not a session host</c> or <c>unknown</c>.</param>
/// <param name="FindingCodes">Distinct finding codes, sorted and space-separated (empty: none).</param>
public sealed record HostConfiguration(string Mode, string ModeSource, string Servers, string ServersSource, string Notifications, string Role, string FindingCodes)
{
    /// <summary>Builds a fingerprint, normalising lists so that equal settings compare equal.</summary>
    public static HostConfiguration Create(string mode, string modeSource, IEnumerable<string> servers, string serversSource, string notifications, string role, IEnumerable<string> findingCodes) =>
        new(mode, modeSource, string.Join(",", servers), serversSource, notifications, role,
            string.Join(" ", findingCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));

    /// <summary>The notifications policy from the decoded <c>fDisableTerminalServerTooltip</c> value (null: absent).</summary>
    public static string NotificationsFrom(string? decodedValue, bool policyKnown) => decodedValue switch
    {
        _ when !policyKnown => "unknown (no SOFTWARE)",
        null => "not set",
        _ when decodedValue.EndsWith("(1)", StringComparison.Ordinal) => "hidden by policy",
        _ when decodedValue.EndsWith("(0)", StringComparison.Ordinal) => "shown by policy",
        _ => $"policy value {decodedValue}",
    };

    /// <summary>The role from whether the RD Session Host role is installed (null: unknown).</summary>
    public static string RoleFrom(bool? isSessionHost) => isSessionHost switch
    {
        true => "session host",
        false => "not a session host",
        null => "unknown",
    };

    /// <summary>
    /// A short stable identifier of the fingerprint (8 hex digits of its SHA-256), so that outputs written
    /// host by host, before the groups are known, still name each host's group.
    /// </summary>
    public string Id
    {
        get
        {
            string canonical = string.Join('\u001f', Mode, ModeSource, Servers, ServersSource, Notifications, Role, FindingCodes);
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)), 0, 4);
        }
    }

    /// <summary>The effective mode with its source, as a report shows it.</summary>
    public string ModeText => $"{Mode} ({ModeSource})";

    /// <summary>The effective servers with their source, as a report shows it.</summary>
    public string ServersText => Servers.Length == 0 ? "none" : $"{Servers} ({ServersSource})";

    /// <summary>The finding codes, or "none".</summary>
    public string FindingsText => FindingCodes.Length == 0 ? "none" : FindingCodes;

    /// <summary>Every part of the fingerprint that differs from <paramref name="norm"/>, in a fixed order.</summary>
    public IReadOnlyList<ConfigurationDifference> DifferencesFrom(HostConfiguration norm)
    {
        ArgumentNullException.ThrowIfNull(norm);
        var list = new List<ConfigurationDifference>();
        if (Mode != norm.Mode || ModeSource != norm.ModeSource)
        {
            list.Add(new("licensing mode", norm.ModeText, ModeText));
        }
        if (Servers != norm.Servers || ServersSource != norm.ServersSource)
        {
            list.Add(new("license servers", norm.ServersText, ServersText));
        }
        if (Notifications != norm.Notifications)
        {
            list.Add(new("notifications", norm.Notifications, Notifications));
        }
        if (Role != norm.Role)
        {
            list.Add(new("role", norm.Role, Role));
        }
        if (FindingCodes != norm.FindingCodes)
        {
            var mine = Codes(FindingCodes);
            var theirs = Codes(norm.FindingCodes);
            string change = string.Join(" ", mine.Except(theirs).Select(c => "+" + c).Concat(theirs.Except(mine).Select(c => "-" + c)));
            list.Add(new("findings", norm.FindingsText, $"{FindingsText} ({change})"));
        }
        return list;
    }

    private static string[] Codes(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One part of a fingerprint that differs from the norm.</summary>
/// <param name="Setting">Which part (licensing mode, license servers, notifications, role, findings).</param>
/// <param name="Norm">The norm's value.</param>
/// <param name="Value">This group's value.</param>
public sealed record ConfigurationDifference(string Setting, string Norm, string Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Setting}: {Value} instead of {Norm}";
}
