using RdsCal.Registry;
using RdsCal.Registry.Hive;

namespace RdsCal.Cli.Output;

/// <summary>What <c>rdscal recover --json</c> prints: deleted keys as found, deleted values with their data as hex.</summary>
internal sealed record RecoveredRecordsJson(IReadOnlyList<DeletedKey> Keys, IReadOnlyList<RecoveredValueJson> Values)
{
    public static RecoveredRecordsJson From(DeletedRecords found) =>
        new(found.Keys, found.Values.Select(RecoveredValueJson.From).ToList());
}

/// <summary>A deleted value: where it was found, its name, kind (REG_* name), size and bytes as hex.</summary>
internal sealed record RecoveredValueJson(uint CellOffset, string? KeyPath, string Name, string Kind, int Size, string Data, string DataState, string Location)
{
    public static RecoveredValueJson From(DeletedValue v) =>
        new(v.CellOffset, v.KeyPath, v.Value.Name, v.Value.Kind.ToWindowsName(), v.Value.Data.Length, Convert.ToHexString(v.Value.Span), v.DataState, v.Location);
}
