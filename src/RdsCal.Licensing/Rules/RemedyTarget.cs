namespace RdsCal.Licensing.Rules;

/// <summary>The machine a remedy is carried out on: acting on the wrong one can do harm (a client reset on a session host deletes the server's own store).</summary>
public enum RemedyTarget
{
    /// <summary>The RD Session Host the users connect to.</summary>
    SessionHost,
    /// <summary>The RD license server that issues CALs.</summary>
    LicenseServer,
    /// <summary>The machine running the Remote Desktop client (its MSLicensing store).</summary>
    ConnectingClient,
    /// <summary>The machine whose registry was read, whatever its role (for example, to give rdscal better input).</summary>
    MachineRead,
}

/// <summary>How remedies name their machine.</summary>
public static class RemedyTargets
{
    /// <summary>The words a remedy starts with, e.g. "On the RD Session Host: ".</summary>
    public static string Prefix(RemedyTarget target) => target switch
    {
        RemedyTarget.SessionHost => "On the RD Session Host: ",
        RemedyTarget.LicenseServer => "On the license server: ",
        RemedyTarget.ConnectingClient => "On the connecting client: ",
        _ => "On the machine whose registry was read: ",
    };

    /// <summary>The machine's name for listings: <c>session host</c>, <c>license server</c>, <c>connecting client</c>, <c>machine read</c>.</summary>
    public static string Name(RemedyTarget target) => target switch
    {
        RemedyTarget.SessionHost => "session host",
        RemedyTarget.LicenseServer => "license server",
        RemedyTarget.ConnectingClient => "connecting client",
        _ => "machine read",
    };
}
