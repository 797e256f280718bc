using System.Text.Json.Serialization;

namespace RdsCal.Cli.Output;

/// <summary>
/// Source-generated serialisation for the documents the CLI prints with <c>--json</c> (besides the
/// status report, which the library's StatusJsonWriter writes field by field): no reflection, so the
/// NativeAOT build prints the same JSON as the JIT build.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RecoveredRecordsJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
