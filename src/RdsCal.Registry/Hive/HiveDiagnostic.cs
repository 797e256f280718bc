namespace RdsCal.Registry.Hive;

/// <summary>What kind of thing a <see cref="HiveDiagnostic"/> reports.</summary>
public enum HiveDiagnosticCode
{
    /// <summary>The hive is dirty and no usable transaction log was found: data may be stale.</summary>
    DirtyWithoutLogs = 1,
    /// <summary>The hive was dirty and was recovered in memory from its transaction logs.</summary>
    RecoveredFromLogs,
    /// <summary>A transaction log was rejected (bad checksum, wrong hive, bad entry).</summary>
    LogRejected,
    /// <summary>A subkey list names the same key twice, or a key whose parent is another key.</summary>
    SubkeySkipped,
    /// <summary>A subkey list is not sorted: Windows' binary search may miss keys in it.</summary>
    SubkeysOutOfOrder,
}

/// <summary>A warning about a hive that was still read: where it is and what it means.</summary>
/// <param name="Code">What happened.</param>
/// <param name="FileOffset">Absolute file offset, or -1.</param>
/// <param name="Message">Words for people.</param>
public sealed record HiveDiagnostic(HiveDiagnosticCode Code, long FileOffset, string Message)
{
    /// <inheritdoc />
    public override string ToString() => FileOffset >= 0 ? $"{Message} (at file offset 0x{FileOffset:X})" : Message;
}
