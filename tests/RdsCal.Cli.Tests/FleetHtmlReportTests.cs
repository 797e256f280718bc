using System.Diagnostics;
using System.Text.RegularExpressions;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>Loads the HTML report in a real browser (Debian's headless Chromium) and reads back what the page's script found.</summary>
public partial class FleetHtmlReportTests
{
    internal static readonly string? Chromium = new[] { "chromium", "chromium-browser" }
        .FirstOrDefault(n => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, n))));

    [ChromiumFact]
    public void Every_host_appears_in_the_browser_and_the_page_has_no_script_errors()
    {
        if (Chromium is null)
        {
            Assert.Fail("chromium is not installed (apt-get install chromium; .ci/run installs it)");
        }
        using var scratch = new TempFolder();
        var names = new List<string>();
        foreach (string scenario in Directory.GetDirectories(TestData.Scenario()))
        {
            string target = scratch.Folder("fleet", Path.GetFileName(scenario));
            foreach (string file in Directory.GetFiles(scenario))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
        // Markup in a host name must be shown, not run.
        string hostile = scratch.Folder("fleet", "<img src=x onerror=alert(1)>");
        File.Copy(TestData.Scenario("unconfigured", "SYSTEM.reg"), Path.Combine(hostile, "SYSTEM.reg"));
        File.WriteAllText(scratch.File("fleet", "broken.json"), "{");
        string html = scratch.File("report.html");
        var (exit, _, err) = CliRunner.Run("fleet", scratch.File("fleet"), "--html", html);
        Assert.True(exit == 4, err);
        string page = File.ReadAllText(html);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.Contains("content=\"default-src 'none';", page, StringComparison.Ordinal);

        string profile = scratch.Folder("chromium-profile");
        var psi = new ProcessStartInfo(Chromium!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
            "--dump-dom", new Uri(html).AbsoluteUri,
        })
        {
            psi.ArgumentList.Add(a);
        }
        using var browser = Process.Start(psi)!;
        var stderr = browser.StandardError.ReadToEndAsync();
        var stdout = browser.StandardOutput.ReadToEndAsync();
        Assert.True(browser.WaitForExit(TimeSpan.FromSeconds(90)), "chromium did not finish within 90 s");
        string dom = stdout.Result;
        Assert.True(browser.ExitCode == 0, stderr.Result);
        Directory.Delete(profile, recursive: true);

        var check = SelfCheck().Match(dom);
        Assert.True(check.Success, "the page's self-check element is missing from the DOM");
        Assert.Equal("8", check.Groups["rows"].Value);
        Assert.Equal("8", check.Groups["shown"].Value);
        Assert.Equal("0", check.Groups["errors"].Value);
        Assert.Equal("ok", check.Groups["sort"].Value);
        Assert.Equal("self-check ok", check.Groups["text"].Value);
        Assert.DoesNotContain("Uncaught", stderr.Result, StringComparison.Ordinal);
        var rows = HostCell().Matches(dom).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(8, rows.Count);
        foreach (string name in new[] { "healthy-peruser", "policy-overrides", "unconfigured", "legacy-shapes", "WKS-WIN732BITA", "client-store", "broken", "&lt;img src=x onerror=alert(1)&gt;" })
        {
            Assert.Contains(name, rows);
        }
        Assert.DoesNotContain("<img src=\"x\"", dom, StringComparison.Ordinal);
        // Per-host details carry each finding's registry evidence.
        Assert.Contains("<li><code>HKLM\\SYSTEM\\ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core\\LicensingMode = 5</code></li>", dom, StringComparison.Ordinal);
    }

    [GeneratedRegex("<p id=\"selfcheck\" data-rows=\"(?<rows>\\d*)\" data-script-errors=\"(?<errors>\\d*)\" data-shown=\"(?<shown>\\d*)\" data-sort=\"(?<sort>\\w*)\">(?<text>[^<]*)</p>")]
    private static partial Regex SelfCheck();

    [GeneratedRegex("<tr data-status=\"\\w+\"><td><a href=\"#h\\d+\">([^<]*)</a>")]
    private static partial Regex HostCell();
}

/// <summary>Needs the test data and Chromium; skipped with the reason when either is absent, except in CI (CI=true), where it fails instead.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (TestData.Root is null)
        {
            Skip = "../shared/testdata is absent beside the repository";
        }
        else if (FleetHtmlReportTests.Chromium is null && !ci)
        {
            Skip = "chromium is not installed (apt-get install chromium)";
        }
    }
}
