using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using RdsCal.EventLog;
using RdsCal.Licensing.Rules;
using RdsCal.Registry;

namespace RdsCal.Licensing.Tests;

/// <summary>
/// The libraries speak no front end's vocabulary: a string that names a CLI command ("rdscal set-mode") or flag
/// ("--force") would tell PowerShell users to run the CLI. The test reads the user strings (every literal the compiled
/// code loads) of the three built assemblies, so interpolated parts and inlined constants are seen and comments are not.
/// </summary>
public partial class LibraryVocabularyTests
{
    // The CLI's command words (src/RdsCal.Cli/Commands); a word after "rdscal " that is not one of them is prose
    // ("rdscal refuses ...", "rdscal does not ...").
    [GeneratedRegex(@"\brdscal (backup|cals|cals-match|cert|check|client|events|explain|export|fleet|gpo|grace|groups|history|import|new|probe|recover|reset|restore|set|set-mode|set-servers|show|status|undo|verify)\b")]
    private static partial Regex CommandLine();

    // A long option as the CLI spells it: two dashes glued to a lower-case word, at a word start ("a -- b" is prose).
    [GeneratedRegex(@"(^|[\s'""(\[/])--[a-z][a-z-]*")]
    private static partial Regex Flag();

    internal static IEnumerable<string> UserStrings(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            yield return md.GetUserString(handle);
            handle = md.GetNextHandle(handle);
        }
    }

    internal static IEnumerable<string> Offending(Assembly assembly) =>
        UserStrings(assembly).Where(s => CommandLine().IsMatch(s) || Flag().IsMatch(s));

    public static TheoryData<string> Libraries() => [nameof(RdsCal.Registry), nameof(RdsCal.Licensing), nameof(RdsCal.EventLog)];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void No_library_string_names_a_CLI_command_or_flag(string library)
    {
        var assembly = library switch
        {
            nameof(RdsCal.Registry) => typeof(RegistryValue).Assembly,
            nameof(RdsCal.Licensing) => typeof(RuleCatalog).Assembly,
            _ => typeof(EvtxReader).Assembly,
        };
        Assert.NotEmpty(UserStrings(assembly));
        Assert.Empty(Offending(assembly));
    }

    [Theory]
    [InlineData("run 'rdscal set-mode per-user'", true)]
    [InlineData("rdscal client reset", true)]
    [InlineData("unless --force.", true)]
    [InlineData("('--security')", true)]
    [InlineData("rdscal refuses it rather than change it", false)]
    [InlineData("rdscal-backup-20260101T000000.reg", false)]
    [InlineData("a -- b", false)]
    [InlineData("rdscal's source notes", false)]
    public void The_scan_tells_command_lines_from_prose(string text, bool offends)
    {
        Assert.Equal(offends, CommandLine().IsMatch(text) || Flag().IsMatch(text));
    }
}
