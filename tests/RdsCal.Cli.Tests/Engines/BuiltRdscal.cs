namespace RdsCal.Cli.Tests.Engines;

/// <summary>The rdscal under test as one executable path, as an admin's rdscal_path or $RdsCal names rdscal.exe.</summary>
internal static class BuiltRdscal
{
    /// <summary>A two-line script in <paramref name="folder"/> that execs <c>dotnet rdscal.dll</c> of this build.</summary>
    public static string Script(string folder)
    {
        string script = Path.Combine(folder, "rdscal");
        if (!File.Exists(script))
        {
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            File.WriteAllText(script, $"#!/bin/sh\nexec '{dotnet}' '{Path.Combine(AppContext.BaseDirectory, "rdscal.dll")}' \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        return script;
    }
}
