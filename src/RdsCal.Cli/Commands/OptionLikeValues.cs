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
            if (token.Value.Length > 1 && token.Value[0] == '-')
            {
                string command = (result.Parent as CommandResult)?.Command.Name ?? "rdscal";
                result.AddError($"{command}: '{token.Value}' is not one of its options (a file whose name starts with '-' is given as ./{token.Value})");
                return;
            }
        }
    }
}
