namespace RdsCal.Licensing.Live;

/// <summary>The answer of <c>Win32_TerminalServiceSetting.GetGracePeriodDays</c>.</summary>
/// <param name="DaysLeft">Days left in the grace period, when the method returned 0.</param>
/// <param name="Call">How the call ended (<see cref="ServiceUpdate.Taken"/> means it answered).</param>
public sealed record GracePeriodQuery(int? DaysLeft, ServiceUpdate Call);
