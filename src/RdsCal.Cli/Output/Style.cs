namespace RdsCal.Cli.Output;

/// <summary>ANSI colour when the terminal has it, plain text otherwise.</summary>
internal sealed class Style(bool color)
{
    public string Bold(string s) => Wrap("1", s);
    public string Dim(string s) => Wrap("2", s);
    public string Red(string s) => Wrap("31", s);
    public string Yellow(string s) => Wrap("33", s);
    public string Green(string s) => Wrap("32", s);
    public string Cyan(string s) => Wrap("36", s);

    private string Wrap(string code, string s) => color ? $"\u001b[{code}m{s}\u001b[0m" : s;
}
