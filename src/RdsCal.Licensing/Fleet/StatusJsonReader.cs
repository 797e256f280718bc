using System.Text;
using System.Text.Json;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;
using RdsCal.Registry;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// Reads a <c>rdscal status --json</c> report (schemaVersion 1, docs/status-json.md) back into the audit
/// model. Accepts UTF-8 with or without a BOM and UTF-16 with a BOM, which Windows PowerShell 5.1's
/// <c>Out-File</c> and <c>&gt;</c> write. Reading is by hand over a <see cref="JsonDocument"/>: no reflection.
/// </summary>
public static class StatusJsonReader
{
    /// <summary>Reports larger than this are refused: a real one is a few kilobytes, even with a full client store.</summary>
    public const int MaxBytes = 16 << 20;

    /// <summary>Reads a report file. The host is named by <c>host.computerName</c>, else by the file name.</summary>
    /// <exception cref="StatusJsonFormatException">The file is not a schemaVersion 1 status report.</exception>
    public static HostAudit Read(string path) => Read(path, Path.GetFileNameWithoutExtension(path));

    /// <summary>
    /// Reads a report file, or a collection placeholder (an object with a <c>collectionError</c> member
    /// with <c>host</c> and <c>reason</c>: what a collector leaves for a host that did not answer), which reads
    /// as an unreadable host with that reason. The host is named by the report's computer name, else by
    /// <paramref name="fallbackName"/>.
    /// </summary>
    /// <exception cref="StatusJsonFormatException">The file is neither a schemaVersion 1 status report nor a placeholder.</exception>
    public static HostAudit Read(string path, string fallbackName)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fallbackName);
        using var file = RegistryInput.OpenRead(path);
        if (file.Length > MaxBytes)
        {
            throw new StatusJsonFormatException(path, $"{file.Length:N0} bytes is too large for a status report (at most {MaxBytes:N0})");
        }
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return Parse(bytes, path, fallbackName);
    }

    /// <summary>Parses report bytes; <paramref name="origin"/> names the input in errors.</summary>
    /// <exception cref="StatusJsonFormatException">The bytes are not a schemaVersion 1 status report.</exception>
    public static HostAudit Parse(ReadOnlyMemory<byte> bytes, string origin, string fallbackName)
    {
        ArgumentNullException.ThrowIfNull(origin);
        try
        {
            using var doc = JsonDocument.Parse(Utf8(bytes, origin), new JsonDocumentOptions { MaxDepth = 32 });
            return FromElement(doc.RootElement, origin, fallbackName);
        }
        catch (JsonException e)
        {
            throw new StatusJsonFormatException(origin, $"not valid JSON: {e.Message}");
        }
    }

    private static ReadOnlyMemory<byte> Utf8(ReadOnlyMemory<byte> bytes, string origin)
    {
        var span = bytes.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return bytes[3..];
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var encoding = span[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            if (span.Length % 2 != 0)
            {
                throw new StatusJsonFormatException(origin, "UTF-16 text with an odd number of bytes");
            }
            return Encoding.UTF8.GetBytes(encoding.GetString(span[2..]));
        }
        return bytes;
    }

    private static HostAudit FromElement(JsonElement root, string origin, string fallbackName)
    {
        var r = new Fields(origin);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new StatusJsonFormatException(origin, "not a status JSON report (the top level is not an object)");
        }
        if (root.TryGetProperty("collectionError", out var placeholder))
        {
            return FromPlaceholder(placeholder, r, origin, fallbackName);
        }
        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
        {
            throw new StatusJsonFormatException(origin, "not a status JSON report (no schemaVersion)");
        }
        if (!version.TryGetInt32(out int v) || v != 1)
        {
            throw new StatusJsonFormatException(origin, $"schemaVersion {version.GetRawText()} is not supported (1 is)");
        }
        var mode = r.Object(root, "licensingMode");
        var servers = r.Object(root, "licenseServers");
        var grace = r.Object(root, "gracePeriod");
        var host = r.Object(root, "host");
        var sources = r.Object(root, "sources");
        bool policyKnown = sources.TryGetProperty("software", out var software) && software.ValueKind == JsonValueKind.Object;
        string? tooltip = null;
        foreach (var p in r.Array(root, "policies").EnumerateArray())
        {
            if (r.String(p, "policies[].name") == "fDisableTerminalServerTooltip")
            {
                tooltip = r.String(p, "policies[].value");
            }
        }
        var findings = new List<HostFinding>();
        foreach (var f in r.Array(root, "findings").EnumerateArray())
        {
            findings.Add(new HostFinding(
                r.String(f, "findings[].code"),
                r.String(f, "findings[].severity") switch
                {
                    "error" => Severity.Error,
                    "warning" => Severity.Warning,
                    "info" => Severity.Info,
                    string other => throw new StatusJsonFormatException(origin, $"findings[].severity '{other}' is not error, warning or info"),
                },
                r.String(f, "findings[].message"),
                r.String(f, "findings[].remedy"),
                [.. r.Array(f, "findings[].evidence").EnumerateArray().Select(e => r.Text(e, "findings[].evidence[]"))]));
        }
        var configuration = HostConfiguration.Create(
            r.String(mode, "licensingMode.effective"), r.String(mode, "licensingMode.source"),
            r.Array(servers, "licenseServers.effective").EnumerateArray().Select(e => r.Text(e, "licenseServers.effective[]")),
            r.String(servers, "licenseServers.source"),
            HostConfiguration.NotificationsFrom(tooltip, policyKnown),
            HostConfiguration.RoleFrom(r.OptionalBool(host, "isSessionHost")),
            findings.Select(f => f.Code));
        int? days = grace.TryGetProperty("daysLeft", out var d) && d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out int n) ? n : null;
        var graceState = new HostGrace(GraceStateOf(grace, r, days), days);
        string? computer = host.TryGetProperty("computerName", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new HostAudit(string.IsNullOrWhiteSpace(computer) ? fallbackName : computer, origin, configuration, HostAudit.Order(findings), graceState, null);
    }

    // The reason is the collector's own words (the play recap's message, stderr of a failed run): kept whole, for
    // the admin to read beside the recap.
    private static HostAudit FromPlaceholder(JsonElement placeholder, Fields r, string origin, string fallbackName)
    {
        if (placeholder.ValueKind != JsonValueKind.Object)
        {
            throw new StatusJsonFormatException(origin, "collectionError is not an object");
        }
        string reason = r.String(placeholder, "collectionError.reason");
        string? host = placeholder.TryGetProperty("host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
        return HostAudit.Unreadable(string.IsNullOrWhiteSpace(host) ? fallbackName : host, origin, $"not collected: {reason}");
    }

    /// <summary>The grace state: the report's <c>gracePeriod.state</c>, or for reports written before it existed, derived as the snapshot derives it.</summary>
    private static GraceState GraceStateOf(JsonElement grace, Fields r, int? days)
    {
        if (grace.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String)
        {
            return state.GetString() switch
            {
                "noKey" => GraceState.NoKey,
                "noTimebomb" => GraceState.NoTimebomb,
                "timebombPresent" => GraceState.TimebombPresent,
                "daysLeft" => GraceState.DaysLeft,
                "ended" => GraceState.Ended,
                _ => GraceState.Unknown,
            };
        }
        return days switch
        {
            > 0 => GraceState.DaysLeft,
            0 => GraceState.Ended,
            _ => r.OptionalBool(grace, "gracePeriod.keyPresent") switch
            {
                true => r.OptionalBool(grace, "gracePeriod.timebombPresent") == true ? GraceState.TimebombPresent : GraceState.NoTimebomb,
                false => GraceState.NoKey,
                null => GraceState.Unknown,
            },
        };
    }

    /// <summary>Typed field access that names the missing or mistyped field.</summary>
    private readonly struct Fields(string origin)
    {
        public JsonElement Object(JsonElement parent, string name) => Get(parent, name, JsonValueKind.Object);

        public JsonElement Array(JsonElement parent, string name) => Get(parent, name, JsonValueKind.Array);

        public string String(JsonElement parent, string name) => Get(parent, name, JsonValueKind.String).GetString()!;

        public string Text(JsonElement element, string name) => element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new StatusJsonFormatException(origin, $"{name} is {Kind(element.ValueKind)}, not a string");

        public bool? OptionalBool(JsonElement parent, string name)
        {
            string leaf = name[(name.LastIndexOf('.') + 1)..];
            if (!parent.TryGetProperty(leaf, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            return e.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new StatusJsonFormatException(origin, $"{name} is {Kind(e.ValueKind)}, not true, false or null"),
            };
        }

        private JsonElement Get(JsonElement parent, string name, JsonValueKind kind)
        {
            string leaf = name[(name.LastIndexOf('.') + 1)..].Replace("[]", string.Empty, StringComparison.Ordinal);
            if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(leaf, out var e))
            {
                throw new StatusJsonFormatException(origin, $"field {name} is missing");
            }
            if (e.ValueKind != kind)
            {
                throw new StatusJsonFormatException(origin, $"{name} is {Kind(e.ValueKind)}, not {Kind(kind)}");
            }
            return e;
        }

        private static string Kind(JsonValueKind k) => k switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
