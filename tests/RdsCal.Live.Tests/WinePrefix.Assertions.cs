namespace RdsCal.Live.Tests;

/// <summary>The checks every live change test makes the same way.</summary>
public sealed partial class WinePrefix
{
    /// <summary>Runs rdscal.exe, asserts that it exited 0 (showing its stderr when not), and returns its stdout.</summary>
    public string Succeeds(params string[] args)
    {
        var (exit, output, err) = Rdscal(args);
        Assert.True(exit == 0, $"rdscal {string.Join(' ', args)} exited {exit}: {err}");
        return output;
    }

    /// <summary>Runs <c>undo --last</c> on the journal and asserts that <c>reg export</c> of the key gives back exactly <paramref name="before"/>.</summary>
    public void UndoRestores(string journal, string key, byte[] before)
    {
        Succeeds("undo", "--last", "--journal", journal);
        Assert.Equal(before, Export(key));
    }
}
