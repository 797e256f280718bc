using System.CommandLine;
using System.CommandLine.Parsing;

namespace RdsCal.Cli.Commands;

/// <summary>
/// Refuses file and folder arguments that look like options. System.CommandLine gives a token it does not know as
/// an option to the command's argument when there is one, so a misspelt option would become a path:
/// <c>rdscal new --forse</c> created a hive called <c>--forse</c>. (Server names, modes and entry ids have checks
/// of their own.)
/// </summary>
internal static class OptionLikeValues
{
    // What follows "--" in the arguments being parsed: the POSIX way to give a name that starts with '-'. The
    // validators cannot see the separator (System.CommandLine hands them values only), so Program.Run says it here.
    private static readonly AsyncLocal<HashSet<string>?> Deliberate = new();

    /// <summary>Lets the values after a <c>--</c> in <paramref name="args"/> through until the result is disposed.</summary>
    public static IDisposable Allow(string[] args)
    {
        int separator = Array.IndexOf(args, "--");
        Deliberate.Value = separator < 0 ? null : new HashSet<string>(args[(separator + 1)..], StringComparer.Ordinal);
        return new Reset();
    }

    /// <summary>Adds the check to <paramref name="argument"/> and returns it. A lone <c>-</c> stays allowed.</summary>
    public static Argument<T> RefuseOptionLikeValues<T>(this Argument<T> argument)
    {
        argument.Validators.Add(Check);
        return argument;
    }

    private static void Check(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.Length > 1 && token.Value[0] == '-' && Deliberate.Value?.Contains(token.Value) != true)
            {
                string command = (result.Parent as CommandResult)?.Command.Name ?? "rdscal";
                result.AddError($"{command}: '{token.Value}' is not one of its options (a file whose name starts with '-' is given as ./{token.Value} or after --)");
                return;
            }
        }
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Deliberate.Value = null;
    }
}
