<#
.SYNOPSIS
    ConfigMgr configuration item discovery script: reports whether this session host's RDS licensing is as
    the organisation wants it, as the setting's value.
.DESCRIPTION
    Runs rdscal.exe status --json (read-only) and writes one value: "Compliant", or "NonCompliant: ..." with
    what differs. Set the configuration item's setting to data type String with the compliance rule
    "equals Compliant", and examples/intune/Remediate-RdsCalLicensing.ps1 as its remediation script.
    A non-zero exit means the script itself failed (ConfigMgr reports an error, not non-compliance): that is
    what happens when rdscal cannot read the host.
    Windows PowerShell 5.1 syntax: ConfigMgr runs scripts in Windows PowerShell, which cannot load the pwsh 7
    RdsCal module, so this calls rdscal.exe. ConfigMgr passes no arguments: edit the defaults below.
#>
[CmdletBinding()]
param(
    [string] $RdsCal = 'C:\Program Files\rdscal\rdscal.exe',
    # PerUser, PerDevice, or empty to accept any mode.
    [string] $ExpectedMode = 'PerUser',
    # In the order the hosts should ask them; empty to accept any.
    [string[]] $ExpectedServers = @('lic01.corp.invalid', 'lic02.corp.invalid'),
    [ValidateSet('error', 'warning', 'info', 'none')]
    [string] $FailOn = 'error',
    # Offline hives instead of the live registry (tests, or a mounted image).
    [string] $SystemHive,
    [string] $SoftwareHive
)

$hiveArgs = @()
if ($SystemHive) { $hiveArgs += @('--system', $SystemHive) }
if ($SoftwareHive) { $hiveArgs += @('--software', $SoftwareHive) }
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$json = & $RdsCal status --json --fail-on $FailOn @hiveArgs
$exit = $LASTEXITCODE
if ($exit -ne 0 -and $exit -ne 3) {
    # rdscal has said why on stderr, which ConfigMgr records with the failure.
    exit $exit
}
$status = ($json -join "`n") | ConvertFrom-Json

$differs = @()
$servers = @($status.licenseServers.effective) -join ','
if ($ExpectedMode -and $status.licensingMode.effective -ne $ExpectedMode) {
    $differs += "mode $($status.licensingMode.effective), expected $ExpectedMode"
}
if ($ExpectedServers.Count -gt 0 -and $servers.ToLowerInvariant() -ne ($ExpectedServers -join ',').ToLowerInvariant()) {
    $differs += "servers '$servers', expected '$($ExpectedServers -join ',')'"
}
if ($exit -eq 3) {
    $differs += 'findings ' + (@($status.findings | Where-Object { $_.severity -ne 'info' } | ForEach-Object { $_.code }) -join ' ')
}
if ($differs.Count -eq 0) { 'Compliant' } else { 'NonCompliant: ' + ($differs -join '; ') }
# Without it, the exit code would be rdscal's (3 on findings), which ConfigMgr would take for a failed script.
exit 0
