using RdsCal.Licensing.Changes;

namespace RdsCal.Cli.Output;

/// <summary>The library's refusals worded for the command line: what rdscal found, then what to give or run instead.</summary>
internal static class RefusalText
{
    public static string Of(ChangeRefusal refusal) => refusal.Reason switch
    {
        ChangeRefusalReason.SystemNeeded => $"{refusal.Explanation}: give --system FILE (a SYSTEM hive or .reg export whose Select\\Current names an existing control set)",
        ChangeRefusalReason.SoftwareNeeded => $"{refusal.Explanation}: give --software FILE",
        ChangeRefusalReason.PolicyGoverns => $"{refusal.Explanation}. Change the GPO, or give --policy to write the local policy value.",
        ChangeRefusalReason.NoLicenseServer => $"{refusal.Explanation} ('rdscal set-servers'), or give --lab for an evaluation host",
        ChangeRefusalReason.GraceNoLongerMatters => $"{refusal.Explanation} ('rdscal explain 1128'); give --lab only on an evaluation host",
        ChangeRefusalReason.ClientStoreOnSessionHost => $"{refusal.Explanation} with 'rdscal client reset'; give --force only to reset this host's own store as a client",
        ChangeRefusalReason.JournalNotWritable => $"{refusal.Explanation}; give --journal FILE in a folder you can write",
        ChangeRefusalReason.EntryNotFound => $"{refusal.Explanation} (see 'rdscal history')",
        _ => refusal.Explanation,
    };
}
