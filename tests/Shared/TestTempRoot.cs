using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RdsCal.Tests;

/// <summary>
/// Gives each test process one temporary root and removes it when the process ends, so a test run leaves
/// nothing in /tmp even where a test (or a tool it starts) does not clean up after itself. TMPDIR (and
/// XDG_DATA_HOME, where rdscal's default journal goes) is pointed at the root before any test runs: Path.GetTempPath, Directory.CreateTempSubdirectory and the external tools
/// the tests start all honour it. A root left by a test process that was killed is removed by the next run.
/// </summary>
internal static class TestTempRoot
{
    private const string Prefix = "rdscal-tests-";

    public static string? Path { get; private set; }

#pragma warning disable CA2255 // A test assembly, not a library: the root must exist before the first test creates a folder.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        string system = System.IO.Path.GetTempPath();
        RemoveOrphans(system);
        string root = System.IO.Path.Combine(system, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..(Prefix.Length + 16)]);
        Directory.CreateDirectory(root);
        Path = root;
        Environment.SetEnvironmentVariable("TMPDIR", root);
        // rdscal's default journal lives under LocalApplicationData (XDG_DATA_HOME here): commands a test runs without
        // --journal record their changes inside the root, never in the user's own journal.
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", System.IO.Path.Combine(root, "data-home"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveDetached(root);
    }

    /// <summary>
    /// The test runner kills its test host shortly after the last test, which can cut a large Directory.Delete
    /// short; an rm started here outlives the host.
    /// </summary>
    private static void RemoveDetached(string root)
    {
        try
        {
            var psi = new ProcessStartInfo("rm") { UseShellExecute = false };
            psi.ArgumentList.Add("-rf");
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(root);
            using var rm = Process.Start(psi);
            if (rm is not null && rm.WaitForExit(TimeSpan.FromMilliseconds(50)))
            {
                return;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Remove(root);
        }
    }

    private static void Remove(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still open at exit: the next run's orphan sweep removes the root.
        }
    }

    /// <summary>Deletes roots whose process no longer runs (only ours: the name carries the owning process id).</summary>
    private static void RemoveOrphans(string system)
    {
        foreach (string dir in Directory.EnumerateDirectories(system, Prefix + "*"))
        {
            string tail = System.IO.Path.GetFileName(dir)[Prefix.Length..];
            int dash = tail.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(tail[..dash], out int pid) && !IsRunning(pid))
            {
                Remove(dir);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
