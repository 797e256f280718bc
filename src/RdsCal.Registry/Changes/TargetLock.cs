using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RdsCal.Registry.Changes;

/// <summary>
/// An exclusive lock on a file rdscal is about to change (a hive, a .reg input, the journal), held for the whole
/// read-plan-check-write cycle so that two writers never both plan from the same state. The lock is a separate
/// file, <c>.NAME.rdscal-lock</c> beside the target, because the target itself is replaced by a rename (a lock on
/// the old file would not stop a writer that opens the new one). It is held as an exclusive open (flock on Unix, a
/// sharing lock on Windows), which the OS releases when the process ends, even when it is killed; the lock file
/// stays (deleting it would let two writers lock two different files of the same name).
/// </summary>
public sealed class TargetLock : IDisposable
{
    private readonly FileStream _stream;

    private TargetLock(string target, string lockPath, FileStream stream)
    {
        Target = target;
        LockPath = lockPath;
        _stream = stream;
    }

    /// <summary>The file the lock protects.</summary>
    public string Target { get; }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>How long a writer waits for another one by default: long enough for any one change to finish.</summary>
    public static TimeSpan DefaultWait { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The lock file for a target, beside the file a symbolic link leads to: a writer naming the link and one
    /// naming the real file must take the same lock.
    /// </summary>
    public static string LockPathFor(string target)
    {
        string full = FileNode.RealPath(target);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.rdscal-lock");
    }

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for a writer that holds it.</summary>
    /// <exception cref="TargetLockedException">Another writer held it for the whole wait; nothing was changed.</exception>
    /// <exception cref="UnrecognizedInputException">The target is a device, pipe, socket or folder: no lock file is created beside it.</exception>
    /// <exception cref="WriteFailedException">
    /// The lock file could not be created or written (a read-only file system, a full disk, a name too long):
    /// reported at once, since waiting would only end in a false "another rdscal is changing this file".
    /// </exception>
    public static TargetLock Acquire(string target, TimeSpan wait)
    {
        // The kind follows links; the message names the path as given.
        RegistryInput.EnsureFileTarget(Path.GetFullPath(target));
        string full = FileNode.RealPath(target);
        string lockPath = LockPathFor(full);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                try
                {
                    // Who holds it, for a person reading the file (a waiting rdscal cannot: reading would need the lock).
                    byte[] holder = Encoding.UTF8.GetBytes($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} since {DateTimeOffset.UtcNow:u}\n");
                    stream.SetLength(0);
                    stream.Write(holder);
                    stream.Flush();
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
                return new TargetLock(full, lockPath, stream);
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException) && !FileNode.IsSharingViolation(e))
            {
                throw new WriteFailedException($"{full}: its lock file {lockPath} cannot be written ({e.Message}); nothing was changed", e);
            }
            catch (IOException e) when (FileNode.IsSharingViolation(e))
            {
                if (clock.Elapsed >= wait)
                {
                    throw new TargetLockedException(full, lockPath, wait, e);
                }
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Takes locks on several targets in one fixed order (so two writers cannot each hold what the other waits for).</summary>
    /// <exception cref="TargetLockedException">One of them stayed locked; the ones taken are released.</exception>
    public static IReadOnlyList<TargetLock> AcquireAll(IEnumerable<string> targets, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var taken = new List<TargetLock>();
        try
        {
            foreach (string t in targets.Select(Path.GetFullPath).DistinctBy(FileNode.RealPath, StringComparer.Ordinal).OrderBy(FileNode.RealPath, StringComparer.Ordinal))
            {
                taken.Add(Acquire(t, wait));
            }
            return taken;
        }
        catch
        {
            foreach (var l in taken)
            {
                l.Dispose();
            }
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files killed writers left beside the target. Every writer names its temporaries
    /// <c>.NAME.rdscal-*.tmp</c> (AtomicFile, a hive save, a staged hive), and only a run holding this lock writes
    /// them, so while it is held any that exist are leftovers. Staged hives (<c>.NAME.rdscal-stage-*.tmp</c>) are
    /// removed only when <paramref name="pendingStaged"/> is given, by the journal that knows which of them a
    /// pending change still needs; a writer without a journal leaves them for one.
    /// </summary>
    /// <param name="pendingStaged">The staged files pending changes still need, or null to leave every staged file.</param>
    /// <returns>One note per file removed, or a warning per file that could not be.</returns>
    public IReadOnlyList<string> RemoveStaleTemporaryFiles(IReadOnlySet<string>? pendingStaged = null)
    {
        var removed = new List<string>();
        string dir = Path.GetDirectoryName(Target) ?? ".";
        if (!Directory.Exists(dir))
        {
            return removed;
        }
        string name = Path.GetFileName(Target);
        foreach (string temp in Directory.EnumerateFiles(dir, $".{name}.rdscal-*.tmp"))
        {
            bool staged = Path.GetFileName(temp).StartsWith($".{name}.rdscal-stage-", StringComparison.Ordinal);
            if (staged && (pendingStaged is null || pendingStaged.Contains(Path.GetFullPath(temp))))
            {
                continue;
            }
            try
            {
                File.Delete(temp);
                removed.Add($"removed a temporary file an interrupted run left: {temp}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                removed.Add($"warning: could not remove the temporary file {temp}: {e.Message}");
            }
        }
        return removed;
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}

/// <summary>Another writer holds the lock on a file rdscal would change; nothing was changed.</summary>
public sealed class TargetLockedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public TargetLockedException(string target, string lockPath, TimeSpan waited, Exception inner)
        : base($"{target}: another rdscal is changing this file (waited {waited.TotalSeconds:0.#} s; its process id is in {lockPath}); nothing was changed: try again when it has finished", inner)
    {
        Target = target;
    }

    /// <summary>Required by analyzers.</summary>
    public TargetLockedException()
    {
        Target = string.Empty;
    }

    /// <summary>Required by analyzers.</summary>
    public TargetLockedException(string message)
        : base(message)
    {
        Target = string.Empty;
    }

    /// <summary>Required by analyzers.</summary>
    public TargetLockedException(string message, Exception inner)
        : base(message, inner)
    {
        Target = string.Empty;
    }

    /// <summary>The file that stayed locked.</summary>
    public string Target { get; }
}
