using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace RdsCal.PowerShell.Tests;

/// <summary>
/// A runspace with the RdsCal module imported from the test output (RdsCal.psd1, the format file and the
/// help), as <c>Import-Module</c> would load it; commands run in process.
/// </summary>
internal sealed class ModuleSession : IDisposable
{
    private readonly Runspace runspace;

    public ModuleSession()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(Path.Combine(AppContext.BaseDirectory, "RdsCal.psd1"));
        runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
    }

    public static string Samples => Path.Combine(RdsCal.Tests.TestData.RepositoryRoot, "samples");

    /// <summary>Runs a script; <c>$args</c> holds <paramref name="arguments"/>. Terminating errors throw.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, params object[] arguments)
    {
        using var ps = System.Management.Automation.PowerShell.Create(runspace);
        ps.AddScript(script);
        foreach (object a in arguments)
        {
            ps.AddArgument(a);
        }
        var output = ps.Invoke();
        return (output, ps.Streams.Error.ToList());
    }

    /// <summary>Runs one cmdlet that must fail with a terminating error, and returns its record.</summary>
    public ErrorRecord Terminating(string cmdlet, IDictionary<string, object>? parameters = null)
    {
        using var ps = System.Management.Automation.PowerShell.Create(runspace);
        ps.AddCommand(cmdlet);
        if (parameters is not null)
        {
            ps.AddParameters((System.Collections.IDictionary)parameters);
        }
        var e = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke());
        return e.ErrorRecord;
    }

    public void Dispose() => runspace.Dispose();
}
