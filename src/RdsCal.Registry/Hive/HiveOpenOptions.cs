namespace RdsCal.Registry.Hive;

/// <summary>How a hive is opened. The defaults suit real and hostile files alike.</summary>
public sealed record HiveOpenOptions
{
    /// <summary>The default options.</summary>
    public static HiveOpenOptions Default { get; } = new();

    /// <summary>Replay transaction logs in memory when the hive is dirty (default true). Files on disk are never changed.</summary>
    public bool ApplyLogs { get; init; } = true;

    /// <summary>Log files to use instead of looking for NAME.LOG, NAME.LOG1 and NAME.LOG2 beside the hive.</summary>
    public IReadOnlyList<string>? LogPaths { get; init; }

    /// <summary>How deep keys may nest before the hive is judged cyclic or hostile (Windows allows 512).</summary>
    public int MaxDepth { get; init; } = 512;
}
