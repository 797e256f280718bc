namespace RdsCal.Registry.Hive;

/// <summary>How <see cref="HiveEditor.Save(string?, HiveSaveOptions?)"/> replaces a file.</summary>
public sealed record HiveSaveOptions
{
    /// <summary>The default: keep a backup of the original.</summary>
    public static HiveSaveOptions Default { get; } = new();

    /// <summary>Keep the original as NAME.rdscal-backup-TIMESTAMP beside it (default true).</summary>
    public bool Backup { get; init; } = true;

    /// <summary>Called before each step of a save with the step's name; tests throw from it to simulate a crash there.</summary>
    internal Action<string>? BeforeStep { get; init; }
}

/// <summary>What a save did beside writing the hive.</summary>
/// <param name="Path">The hive written.</param>
/// <param name="BackupPath">Where the original was kept, or null.</param>
/// <param name="MovedLogs">Stale transaction logs moved aside (old path, new path).</param>
public sealed record HiveSaveResult(string Path, string? BackupPath, IReadOnlyList<(string From, string To)> MovedLogs);
