<#
.SYNOPSIS
    Remediation script (Intune Remediations, and a ConfigMgr configuration item): applies the chosen RDS
    licensing mode and license servers through rdscal's journalled change.
.DESCRIPTION
    Reads the host with rdscal.exe status --json, then runs rdscal.exe set-mode and set-servers only for what
    differs. Each change is journalled by rdscal (rdscal history lists it, rdscal undo reverts it) and backed
    up first. Where Group Policy sets the value, the change is refused unless -Policy is given (which writes
    the local policy value; a domain GPO still wins: fix that GPO instead). -WhatIf passes --what-if to rdscal,
    which prints each plan and writes nothing. Exits 0 when the host is as chosen, 1 when a change failed.
    Windows PowerShell 5.1 syntax: both engines run Windows PowerShell, which cannot load the pwsh 7 RdsCal
    module. Intune and ConfigMgr pass no arguments: edit the defaults below.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $RdsCal = 'C:\Program Files\rdscal\rdscal.exe',
    [ValidateSet('PerUser', 'PerDevice')]
    [string] $Mode = 'PerUser',
    # In the order the hosts should ask them.
    [string[]] $Servers = @('lic01.corp.invalid', 'lic02.corp.invalid'),
    [switch] $Policy,
    [string] $Journal,
    # Offline hives instead of the live registry (tests, or a mounted image).
    [string] $SystemHive,
    [string] $SoftwareHive
)

$common = @()
if ($SystemHive) { $common += @('--system', $SystemHive) }
if ($SoftwareHive) { $common += @('--software', $SoftwareHive) }
$change = $common
if ($Journal) { $change += @('--journal', $Journal) }
if ($Policy) { $change += '--policy' }
if ($WhatIfPreference) { $change += '--what-if' }

[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$json = & $RdsCal status --json @common
if ($LASTEXITCODE -ne 0 -and $LASTEXITCODE -ne 3) {
    Write-Output "rdscal status exited $LASTEXITCODE; nothing changed"
    exit 1
}
$status = ($json -join "`n") | ConvertFrom-Json
$failed = $false

if ($status.licensingMode.effective -ne $Mode) {
    $word = if ($Mode -eq 'PerUser') { 'per-user' } else { 'per-device' }
    & $RdsCal set-mode $word @change
    if ($LASTEXITCODE -ne 0) { $failed = $true; Write-Output "rdscal set-mode $word exited $LASTEXITCODE" }
} else {
    Write-Output "mode: already $Mode"
}

$current = @($status.licenseServers.effective) -join ','
if ($current.ToLowerInvariant() -ne ($Servers -join ',').ToLowerInvariant()) {
    & $RdsCal set-servers @Servers @change
    if ($LASTEXITCODE -ne 0) { $failed = $true; Write-Output "rdscal set-servers exited $LASTEXITCODE" }
} else {
    Write-Output "servers: already $current"
}

if ($failed) { exit 1 }
exit 0
