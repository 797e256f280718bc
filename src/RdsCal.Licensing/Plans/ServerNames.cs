using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace RdsCal.Licensing.Plans;

/// <summary>Validates license server names: DNS names (FQDN or NetBIOS-style single label), IPv4 or IPv6.</summary>
public static partial class ServerNames
{
    /// <summary>Why the name is not acceptable, or null when it is.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "empty name";
        }
        if (name.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(name.Trim('[', ']'), out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? null : $"'{name}' is not a valid IPv6 address";
        }
        if (DigitsAndDots().IsMatch(name))
        {
            var parts = name.Split('.');
            return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255)
                ? null
                : $"'{name}' is not a valid IPv4 address";
        }
        string host = name.TrimEnd('.');
        if (host.Length > 253)
        {
            return $"'{name}' is longer than 253 characters";
        }
        foreach (string label in host.Split('.'))
        {
            if (!Label().IsMatch(label))
            {
                return $"'{name}' is not a valid DNS name (label '{label}': 1-63 letters, digits or hyphens, not starting or ending with a hyphen)";
            }
        }
        return null;
    }

    [GeneratedRegex("^[0-9.]+$")]
    private static partial Regex DigitsAndDots();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex Label();
}
