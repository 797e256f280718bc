using System.Text;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests;

public class AtomicFileTests
{
    private static void WriteText(string path, string text, OutputOptions? options = null) =>
        AtomicFile.Write(path, s => s.Write(Encoding.ASCII.GetBytes(text)), options);

    [Fact]
    public void Writes_a_new_file_and_leaves_no_temporary_file()
    {
        using var dir = new TempFolder();
        WriteText(dir.File("a.txt"), "new");
        Assert.Equal("new", File.ReadAllText(dir.File("a.txt")));
        Assert.Equal(["a.txt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_existing_file_is_replaced_only_when_asked()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("a.txt"), "old");
        var e = Assert.Throws<OutputRefusedException>(() => WriteText(dir.File("a.txt"), "new"));
        Assert.Equal(OutputRefusal.Exists, e.Reason);
        Assert.Equal("old", File.ReadAllText(dir.File("a.txt")));
        WriteText(dir.File("a.txt"), "new", new OutputOptions { ReplaceExisting = true });
        Assert.Equal("new", File.ReadAllText(dir.File("a.txt")));
    }

    [Fact]
    public void An_input_is_never_replaced_even_when_asked_nor_through_a_link()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("in.txt"), "input");
        File.CreateSymbolicLink(dir.File("link.txt"), "in.txt");
        var options = new OutputOptions { ReplaceExisting = true, Inputs = [dir.File("in.txt")] };
        Assert.Equal(OutputRefusal.IsInput, Assert.Throws<OutputRefusedException>(() => WriteText(dir.File("in.txt"), "x", options)).Reason);
        Assert.Equal(OutputRefusal.IsInput, Assert.Throws<OutputRefusedException>(() => WriteText(dir.File("link.txt"), "x", options)).Reason);
        Assert.Equal("input", File.ReadAllText(dir.File("in.txt")));
    }

    [Fact]
    public void A_symlinked_target_is_written_through_and_the_link_stays()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("real"));
        File.WriteAllText(dir.File("real/target.txt"), "old");
        File.CreateSymbolicLink(dir.File("link.txt"), "real/target.txt");
        WriteText(dir.File("link.txt"), "new", new OutputOptions { ReplaceExisting = true });
        Assert.Equal("real/target.txt", new FileInfo(dir.File("link.txt")).LinkTarget);
        Assert.Equal("new", File.ReadAllText(dir.File("real/target.txt")));
        Assert.Equal(["target.txt"], Directory.GetFiles(dir.File("real")).Select(Path.GetFileName));
    }

    [LinuxFact]
    public void A_device_is_written_in_place_never_renamed_over()
    {
        WriteText("/dev/null", "discarded");
        Assert.Equal(FileNodeKind.CharacterDevice, FileNode.KindOf("/dev/null"));
    }

    [LinuxFact]
    public void A_named_pipe_is_written_in_place()
    {
        using var dir = new TempFolder();
        string fifo = dir.Fifo("pipe");
        string? received = null;
        var reader = new Thread(() => received = File.ReadAllText(fifo)) { IsBackground = true };
        reader.Start();
        Bounded.Run("write to a FIFO", TimeSpan.FromSeconds(30), () => WriteText(fifo, "through the pipe"));
        Assert.True(reader.Join(TimeSpan.FromSeconds(30)));
        Assert.Equal("through the pipe", received);
        Assert.Equal(FileNodeKind.Fifo, FileNode.KindOf(fifo));
    }

    [Fact]
    public void A_folder_is_refused()
    {
        using var dir = new TempFolder();
        Assert.Equal(OutputRefusal.IsFolder, Assert.Throws<OutputRefusedException>(() => WriteText(dir.Path, "x", new OutputOptions { ReplaceExisting = true })).Reason);
    }

    [LinuxFact]
    public void A_pipe_as_input_is_refused_before_it_is_opened()
    {
        using var dir = new TempFolder();
        string fifo = dir.Fifo("pipe");
        var e = Bounded.Run("a FIFO as input", TimeSpan.FromSeconds(30), () => Assert.Throws<UnrecognizedInputException>(() => RegistryInput.Detect(fifo)));
        Assert.Equal("is a named pipe (FIFO), not a file: rdscal reads only regular files", e.Reason);
    }
}
