using System.CommandLine;
using System.Globalization;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Events;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Reports;

namespace RdsCal.Cli.Commands;

/// <summary>
/// <c>rdscal events FILE.evtx|DIR... [--since TIME] [--until TIME] [--id N]... [--computer NAME] [--all] [--json]
/// [--fail-on LEVEL]</c>: the licensing events Windows logged, newest first (grouped by computer when a collector's
/// log holds several), each with its message, meaning and the rules that explain it; <c>--all</c> streams every
/// record in file order. <c>rdscal events --wef-subscription</c> prints the forwarding subscription for them.
/// </summary>
internal static class EventsCommand
{
    private static readonly string[] Levels = ["error", "warning", "info", "none"];

    public static Command Create(CliConsole console)
    {
        var inputs = new Argument<string[]>("FILE|DIR") { Description = "Event log files (.evtx or .evtx.gz) or folders of them.", Arity = ArgumentArity.ZeroOrMore };
        var since = new Option<string?>("--since") { HelpName = "TIME", Description = "Only events at or after TIME (ISO 8601; UTC unless it gives an offset)." };
        var until = new Option<string?>("--until") { HelpName = "TIME", Description = "Only events before TIME." };
        var ids = new Option<int[]>("--id") { HelpName = "N", Description = "Only this event id (repeatable).", AllowMultipleArgumentsPerToken = false };
        var computer = new Option<string?>("--computer") { HelpName = "NAME", Description = "Only events this computer logged (a forwarded log holds many)." };
        var all = new Option<bool>("--all") { Description = "Every record of any provider, in file order, streamed (for forensic use and cross-checks)." };
        var json = new Option<bool>("--json") { Description = "Print the stable JSON document (schemaVersion 1, docs/events-json.md)." };
        var sinceChange = new Option<string?>("--since-change") { HelpName = "ID", Description = "Compare the licensing events before and after a recorded change (an id from 'rdscal history'): which stopped, which go on, which are new." };
        var journal = ChangeRunner.Journal();
        var wefSubscription = new Option<bool>("--wef-subscription") { Description = "Print a source-initiated Windows Event Forwarding subscription (for 'wecutil cs FILE' on the collector) that forwards exactly these licensing events, then exit." };
        var failOn = new Option<string>("--fail-on") { HelpName = string.Join('|', Levels), Description = "Exit with code 3 when a licensing event at least this severe is present: error, warning, info or none.", DefaultValueFactory = _ => "none" };
        failOn.AcceptOnlyFromAmong(Levels);
        var command = new Command("events", "Show the RDS licensing events Windows logged in .evtx files: time, host, id, level, Windows' message, what it means and the rules that explain it.")
        {
            inputs, since, until, ids, computer, all, json, sinceChange, journal, wefSubscription, failOn,
        };
        command.SetAction(parse =>
        {
            string[] given = parse.GetValue(inputs) ?? [];
            if (parse.GetValue(wefSubscription))
            {
                // The subscription is read by wecutil, not by rdscal: inputs given with it would be silently ignored.
                if (given.Length > 0)
                {
                    throw new UsageException("--wef-subscription takes no FILE|DIR: it prints the subscription for the collector");
                }
                console.Out.Write(ForwardingSubscription.Xml());
                return ExitCodes.Ok;
            }
            var query = new EventQuery
            {
                Since = Time(parse.GetValue(since), "--since"),
                Until = Time(parse.GetValue(until), "--until"),
                Ids = parse.GetValue(ids) ?? [],
                Computer = parse.GetValue(computer),
                All = parse.GetValue(all),
            };
            if (given.Length == 0)
            {
                return Live(console, query, parse.GetValue(json), parse.GetValue(failOn)!);
            }
            var scan = EventLogScan.Of(given);
            if (parse.GetValue(sinceChange) is { } changeId)
            {
                return SinceChange(console, scan, query, changeId, ChangeRunner.JournalPath(parse.GetValue(journal)));
            }
            var shown = new List<LoggedEvent>();
            IEnumerable<LoggedEvent> events = query.All ? scan.Read(query) : scan.Licensing(query);
            if (parse.GetValue(json))
            {
                using var writer = new EventsJsonWriter(console.Out);
                foreach (var e in events)
                {
                    writer.Write(e);
                    Keep(shown, e);
                }
                writer.Finish(scan.Files);
            }
            else
            {
                foreach (var e in query.All ? events : ByComputer(console, events))
                {
                    WriteText(console, e);
                    Keep(shown, e);
                }
                foreach (var f in scan.Files)
                {
                    foreach (string w in f.Warnings)
                    {
                        console.Warn($"{f.Path}: {w}");
                    }
                }
                console.Out.WriteLine($"{shown.Count} licensing event(s){FromComputers(shown)} in {scan.Files.Count} file(s), {scan.Files.Sum(f => f.Records)} record(s) read");
            }
            return FailOn(parse.GetValue(failOn)!, shown) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;
        });
        return command;
    }

    // No file: this machine's channels. Nothing read is an error, never "no events".
    private static int Live(CliConsole console, EventQuery query, bool json, string failOn)
    {
        var log = LiveQueries.ThisMachine().EventLog;
        var events = log.Read(query).ToList();
        foreach (string w in log.Warnings)
        {
            console.Warn(w);
        }
        if (json)
        {
            using var writer = new EventsJsonWriter(console.Out);
            events.ForEach(writer.Write);
            writer.Finish([]);
        }
        else
        {
            foreach (var e in query.All ? events : ByComputer(console, events))
            {
                WriteText(console, e);
            }
            console.Out.WriteLine($"{events.Count(e => e.Known is not null)} licensing event(s){FromComputers([.. events.Where(e => e.Known is not null)])} in this machine's event log");
        }
        return FailOn(failOn, [.. events.Where(e => e.Known is not null)]) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;
    }

    private static int SinceChange(CliConsole console, EventLogScan scan, EventQuery query, string changeId, string journalPath)
    {
        ChangeEffect effect;
        string description;
        try
        {
            (effect, description) = ChangeEffect.OfJournalEntry(journalPath, changeId, scan, query);
        }
        catch (NoSuchChangeException)
        {
            throw new UsageException($"--since-change {changeId}: no such change in {journalPath} (see 'rdscal history')");
        }
        console.Out.WriteLine($"change {effect.ChangeId} ({description}) at {effect.ChangedAt:yyyy-MM-dd HH:mm:ss} UTC");
        console.Out.WriteLine($"split at {effect.EffectiveFrom:yyyy-MM-dd HH:mm:ss} UTC: {effect.Basis}");
        if (effect.Trends.Count == 0)
        {
            console.Out.WriteLine($"no licensing events in {scan.Files.Count} file(s) ({scan.Files.Sum(f => f.Records)} record(s) read), before or after");
        }
        foreach (var t in effect.Trends)
        {
            string last = t.LastAfter is { } l ? $", last {l:yyyy-MM-dd HH:mm} UTC" : string.Empty;
            console.Out.WriteLine(t.Trend switch
            {
                EventTrend.Stopped => $"{t.EventId}: stopped ({t.Before} before, none after)",
                EventTrend.GoesOn => $"{t.EventId}: goes on ({t.Before} before, {t.After} after{last}): 'rdscal explain {t.EventId}'",
                _ => $"{t.EventId}: new ({t.After} after{last}): 'rdscal explain {t.EventId}'",
            });
        }
        return effect.Trends.Any(t => t.Trend != EventTrend.Stopped) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;
    }

    // A collector's ForwardedEvents log holds many computers' events: with more than one, the text groups them by
    // computer (by name, each group newest first) under a line naming it. One computer's output is as it always was.
    // Under --all records stream in file order, so they are never grouped.
    private static IEnumerable<LoggedEvent> ByComputer(CliConsole console, IEnumerable<LoggedEvent> events)
    {
        var groups = events.GroupBy(e => e.Computer ?? "(no computer)", StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var g in groups)
        {
            if (groups.Count > 1)
            {
                console.Out.WriteLine($"{g.Key}: {g.Count()} licensing event(s)");
            }
            foreach (var e in g)
            {
                yield return e;
            }
        }
    }

    private static string FromComputers(List<LoggedEvent> shown)
    {
        int computers = shown.Select(e => e.Computer ?? "(no computer)").Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return computers > 1 ? $" from {computers} computers" : string.Empty;
    }

    // Only licensing events count towards --fail-on and the count, also under --all.
    private static void Keep(List<LoggedEvent> shown, LoggedEvent e)
    {
        if (e.Known is not null)
        {
            shown.Add(e);
        }
    }

    private static bool FailOn(string threshold, List<LoggedEvent> events)
    {
        // Levels: 1 critical, 2 error, 3 warning, 4 information (0 is information too, in classic records).
        int? worst = threshold switch { "error" => 2, "warning" => 3, "info" => 4, _ => null };
        return worst is { } w && events.Any(e => (e.Level is 0 ? 4 : e.Level ?? 4) <= w);
    }

    private static DateTime? Time(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime
            : throw new UsageException($"{option} {text}: not a time (give ISO 8601, for example 2026-11-30 or 2026-11-30T08:00:00Z)");
    }

    private static void WriteText(CliConsole console, LoggedEvent e)
    {
        var o = console.Out;
        string time = e.TimeCreated is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "(no time)";
        o.WriteLine($"{time}  {e.Computer ?? "?"}  {e.EventId?.ToString(CultureInfo.InvariantCulture) ?? "?"}  {e.LevelName}  {e.Provider ?? "?"}");
        if (e.Message is { } message)
        {
            o.WriteLine($"  {message}");
        }
        if (e.Known is { } known)
        {
            o.WriteLine($"  meaning: {known.Meaning}");
            o.WriteLine(e.Rules.Count == 0 ? "  rules: none (no rdscal rule covers its cause)" : $"  rules: {string.Join(", ", e.Rules)} ('rdscal explain {e.EventId}')");
        }
        else if (e.Data.Count > 0)
        {
            o.WriteLine($"  data: {string.Join("; ", e.Data.Select(d => d.Name is null ? d.Value : $"{d.Name}={d.Value}"))}");
        }
    }
}
