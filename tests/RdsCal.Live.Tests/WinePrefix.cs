using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using RdsCal.Tests;

namespace RdsCal.Live.Tests;

/// <summary>
/// A fresh WINEPREFIX for one test class: booted once (wineboot -i), its registry files kept as they came out of
/// the boot, and put back before each test seeds its scenario, so every test starts from the same live registry.
/// Disposing stops its wineserver and deletes the prefix.
/// </summary>
public sealed partial class WinePrefix : IDisposable
{
    private static readonly string[] RegistryFiles = ["system.reg", "user.reg", "userdef.reg"];
    private readonly string _root;
    private readonly string _pristine;
    private int _scratch;

    public WinePrefix()
    {
        _root = Directory.CreateTempSubdirectory("rdscal-wine-").FullName;
        Prefix = Path.Combine(_root, "prefix");
        _pristine = Path.Combine(_root, "pristine");
        Directory.CreateDirectory(_pristine);
        if (Wine.Loader is null)
        {
            // Only reached when RDSCAL_REQUIRE_WINE=1 (CI): the tests must fail, not skip.
            return;
        }
        var boot = Start(Wine.Loader, ["wineboot", "-i"], TimeSpan.FromMinutes(5));
        if (boot.Exit != 0)
        {
            throw new InvalidOperationException($"wineboot -i failed ({boot.Exit}): {boot.Err}");
        }
        StopServer();
        foreach (string f in RegistryFiles)
        {
            File.Copy(Path.Combine(Prefix, f), Path.Combine(_pristine, f));
        }
    }

    /// <summary>The WINEPREFIX folder.</summary>
    public string Prefix { get; }

    /// <summary>A new empty folder inside this fixture's root (deleted with it), for journals, exports and backups.</summary>
    public string NewFolder(string name)
    {
        string dir = Path.Combine(_root, $"{name}-{Interlocked.Increment(ref _scratch)}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Puts the booted registry back, then imports a scenario's .reg files with Wine's own <c>reg import</c>.
    /// Wine keeps CurrentControlSet as a key of its own (not a link to ControlSet001), so the control set that
    /// Select\Current names is rewritten to CurrentControlSet.
    /// </summary>
    public void Seed(string scenario)
    {
        Require();
        StopServer();
        foreach (string f in RegistryFiles)
        {
            File.Copy(Path.Combine(_pristine, f), Path.Combine(Prefix, f), overwrite: true);
        }
        var seed = new StringBuilder("Windows Registry Editor Version 5.00\r\n");
        foreach (string part in new[] { "SYSTEM", "SOFTWARE" })
        {
            string source = TestData.Scenario(scenario, part + ".reg");
            if (!File.Exists(source))
            {
                continue;
            }
            string text = File.ReadAllText(source);
            string current = SelectCurrent().Match(text) is { Success: true } m ? $"ControlSet{Convert.ToInt32(m.Groups[1].Value, 16):D3}" : "ControlSet001";
            text = text.Replace($@"\SYSTEM\{current}\", @"\SYSTEM\CurrentControlSet\", StringComparison.OrdinalIgnoreCase)
                .Replace($@"\SYSTEM\{current}]", @"\SYSTEM\CurrentControlSet]", StringComparison.OrdinalIgnoreCase);
            seed.Append(text.AsSpan(text.IndexOf('\n', StringComparison.Ordinal) + 1));
        }
        // One import for both parts: every reg.exe start costs a Wine process start.
        string file = Path.Combine(NewFolder("seed"), scenario + ".reg");
        File.WriteAllText(file, seed.ToString(), new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        var r = Reg("import", Wine.WindowsPath(file));
        if (r.Exit != 0)
        {
            throw new InvalidOperationException($"reg import {file} failed ({r.Exit}): {r.Out}{r.Err}");
        }
    }

    /// <summary>Runs rdscal.exe under Wine.</summary>
    public (int Exit, string Out, string Err) Rdscal(params string[] args) => Rdscal(new Dictionary<string, string>(), args);

    /// <summary>Runs rdscal.exe under Wine with extra environment variables (Wine passes them to Windows programs).</summary>
    public (int Exit, string Out, string Err) Rdscal(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        Require();
        return Start(Wine.Loader!, [Wine.Exe, .. args], TimeSpan.FromMinutes(3), environment);
    }

    /// <summary>
    /// Runs rdscal.exe under Wine with its standard output into a shell pipe whose reader keeps only the first
    /// <paramref name="keep"/> bytes and closes it (<c>| head -c N</c>), or reads it all when <paramref name="keep"/> is null.
    /// </summary>
    public (int Exit, string Out, string Err) RdscalIntoPipe(int? keep, params string[] args)
    {
        Require();
        string reader = keep is { } n ? $"head -c {n}" : "cat";
        return Start("bash", ["-c", $"\"$0\" \"$@\" | {reader} | wc -c; exit ${{PIPESTATUS[0]}}", Wine.Loader!, Wine.Exe, .. args], TimeSpan.FromMinutes(3));
    }

    /// <summary>
    /// Starts rdscal.exe under Wine held at its write step <paramref name="step"/> (<c>RDSCAL_PAUSE_AT</c>), with
    /// whatever locks and open keys it has there, and returns once it says it is holding.
    /// </summary>
    public HeldRdscal Hold(int step, params string[] args) => Hold(step, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Hold(int, string[])"/>, with more environment variables for the held process.</summary>
    public HeldRdscal Hold(int step, Dictionary<string, string> environment, params string[] args)
    {
        Require();
        var psi = StartInfo(Wine.Loader!, [Wine.Exe, .. args], new Dictionary<string, string>(environment) { ["RDSCAL_PAUSE_AT"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        psi.RedirectStandardInput = true;
        return new HeldRdscal(Process.Start(psi)!, TimeSpan.FromMinutes(3));
    }

    /// <summary>A journal path (Windows spelling) in a new folder of this fixture.</summary>
    public string NewJournal() => Wine.WindowsPath(Path.Combine(NewFolder("journal"), "journal.jsonl"));

    /// <summary>Runs Wine's reg.exe, the independent reader and writer.</summary>
    public (int Exit, string Out, string Err) Reg(params string[] args)
    {
        Require();
        return Start(Wine.Loader!, ["reg", .. args], TimeSpan.FromMinutes(2));
    }

    /// <summary>The data column of <c>reg query KEY /v NAME</c> ("REG_DWORD 0x2"), or null when the value or key is absent.</summary>
    public string? Query(string key, string name)
    {
        var r = Reg("query", key, "/v", name);
        if (r.Exit != 0)
        {
            return null;
        }
        var line = r.Out.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.TrimStart().StartsWith(name + "    ", StringComparison.OrdinalIgnoreCase));
        return line is null ? null : string.Join(' ', line.Trim()[name.Length..].Split("    ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>True when <c>reg query KEY</c> finds the key.</summary>
    public bool KeyExists(string key) => Reg("query", key).Exit == 0;

    /// <summary>The bytes of <c>reg export KEY</c>, or an empty array when the key is absent.</summary>
    public byte[] Export(string key)
    {
        string file = Path.Combine(NewFolder("export"), "export.reg");
        var r = Reg("export", key, Wine.WindowsPath(file), "/y");
        return r.Exit == 0 ? File.ReadAllBytes(file) : [];
    }

    public void Dispose()
    {
        if (Wine.Loader is not null && Directory.Exists(Prefix))
        {
            StopServer();
        }
        string? socketDir = ServerSocketFolder();
        Directory.Delete(_root, recursive: true);
        if (socketDir is not null && Directory.Exists(socketDir))
        {
            Directory.Delete(socketDir, recursive: true);
        }
    }

    private static void Require()
    {
        if (Wine.Loader is null)
        {
            throw new InvalidOperationException("RDSCAL_REQUIRE_WINE=1 but wine64 is not installed (apt-get install wine64)");
        }
    }

    /// <summary>Stops this prefix's wineserver and waits until it has saved the registry and exited.</summary>
    private void StopServer()
    {
        Start(Wine.Server, ["-k"], TimeSpan.FromMinutes(1));
        Start(Wine.Server, ["-w"], TimeSpan.FromMinutes(1));
    }

    /// <summary>wineserver's socket folder for this prefix (/tmp/.wine-UID/server-DEV-INODE), which it leaves behind.</summary>
    private string? ServerSocketFolder()
    {
        if (!Directory.Exists(Prefix))
        {
            return null;
        }
        var r = Start("stat", ["-c", "%d %i", Prefix], TimeSpan.FromSeconds(30));
        string[] parts = r.Out.Trim().Split(' ');
        string uid = Start("id", ["-u"], TimeSpan.FromSeconds(30)).Out.Trim();
        return parts.Length == 2 && ulong.TryParse(parts[0], out ulong dev) && ulong.TryParse(parts[1], out ulong ino)
            ? $"/tmp/.wine-{uid}/server-{dev:x}-{ino:x}"
            : null;
    }

    private (int Exit, string Out, string Err) Start(string program, string[] args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var p = Process.Start(StartInfo(program, args, environment ?? new Dictionary<string, string>()))!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }
        return (p.ExitCode, output.Result, err.Result);
    }

    private ProcessStartInfo StartInfo(string program, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["WINEPREFIX"] = Prefix;
        psi.Environment["WINEDEBUG"] = "-all";
        // No Mono or Gecko installer prompts, no window: rdscal is a console program and needs neither.
        psi.Environment["WINEDLLOVERRIDES"] = "mscoree,mshtml=";
        psi.Environment.Remove("DISPLAY");
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }
        return psi;
    }

    [GeneratedRegex(@"\[HKEY_LOCAL_MACHINE\\SYSTEM\\Select\][^\[]*?""Current""=dword:([0-9a-fA-F]{8})", RegexOptions.IgnoreCase)]
    private static partial Regex SelectCurrent();
}
