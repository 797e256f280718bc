using RdsCal.Registry;

namespace RdsCal.Registry.Tests;

public class RegistryNameTests
{
    [Fact]
    public void Sharp_s_is_not_expanded_and_sorts_after_capital_S()
    {
        string[] names = ["ß2", "SS3", "ss1"];
        Array.Sort(names, (IComparer<string>)RegistryName.Comparer);
        Assert.Equal(["ss1", "SS3", "ß2"], names);
        Assert.False(RegistryName.NamesEqual("ß", "SS"));
    }

    [Fact]
    public void Characters_between_Z_and_a_sort_as_Windows_upper_cases_them()
    {
        // '_' (0x5F) sits between 'Z' and 'a'; upper-casing puts 'a' (as 'A') before it.
        Assert.True(RegistryName.Compare("a", "_") < 0);
        Assert.True(RegistryName.Compare("Z", "_") < 0);
    }

    [Fact]
    public void Comparison_is_case_insensitive_for_Latin_and_Cyrillic()
    {
        Assert.True(RegistryName.NamesEqual("Services", "services"));
        Assert.True(RegistryName.NamesEqual("привет", "ПРИВЕТ"));
        Assert.False(RegistryName.NamesEqual("abc", "abcd"));
    }

    [Fact]
    public void Hash_matches_the_lh_formula()
    {
        uint expected = 0;
        foreach (char c in "ABC")
        {
            expected = (37 * expected) + c;
        }
        Assert.Equal(expected, RegistryName.Hash("abc"));
    }
}
