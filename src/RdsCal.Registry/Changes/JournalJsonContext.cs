using System.Text.Json.Serialization;

namespace RdsCal.Registry.Changes;

/// <summary>The journal's JSON, generated at compile time (no reflection, so it works under NativeAOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(JournalStatusLine))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
