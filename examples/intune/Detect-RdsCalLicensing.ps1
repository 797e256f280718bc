<#
.SYNOPSIS
    Intune Remediations detection script: is this session host's RDS licensing as the organisation wants it?
.DESCRIPTION
    Runs rdscal.exe status --json (read-only) and compares the licensing mode and license servers in effect
    with the expected ones below, and checks for findings at -FailOn or above. Prints one summary line (Intune
    keeps only the last line of output, up to 2,048 characters) and exits 1 when anything is off, so that
    Intune runs the remediation script; 0 when all is as expected.
    Windows PowerShell 5.1 syntax: Intune runs detection scripts in Windows PowerShell, which cannot load the
    pwsh 7 RdsCal module, so this calls rdscal.exe. Intune passes no arguments: edit the defaults below.
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

$MaxLine = 2047
function Write-Summary([string] $Text) {
    # One line, whatever rdscal's texts hold, and never past what Intune keeps.
    $one = $Text -replace '\s+', ' '
    if ($one.Length -gt $MaxLine) { $one = $one.Substring(0, $MaxLine - 3) + '...' }
    Write-Output $one
}

$hiveArgs = @()
if ($SystemHive) { $hiveArgs += @('--system', $SystemHive) }
if ($SoftwareHive) { $hiveArgs += @('--software', $SoftwareHive) }

# rdscal writes UTF-8; Windows PowerShell decodes native output with the console's code page unless told.
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
# 2>&1 keeps stderr apart as error records, in Windows PowerShell and pwsh alike.
$output = & $RdsCal status --json --fail-on $FailOn @hiveArgs 2>&1
$exit = $LASTEXITCODE
$stderr = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.ToString() }) -join ' '
$json = @($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join "`n"
if ($exit -ne 0 -and $exit -ne 3) {
    Write-Summary "RDS licensing: NOT READ - rdscal status exited ${exit}: $stderr"
    exit 1
}
$status = $json | ConvertFrom-Json

$problems = @()
$mode = $status.licensingMode.effective
$servers = @($status.licenseServers.effective)
if ($ExpectedMode -and $mode -ne $ExpectedMode) {
    $problems += "mode $mode ($($status.licensingMode.source)), expected $ExpectedMode"
}
if ($ExpectedServers.Count -gt 0 -and (($servers -join ',').ToLowerInvariant() -ne ($ExpectedServers -join ',').ToLowerInvariant())) {
    $shown = if ($servers.Count -gt 0) { $servers -join ',' } else { 'none' }
    $problems += "servers $shown ($($status.licenseServers.source)), expected $($ExpectedServers -join ',')"
}
if ($exit -eq 3) {
    $codes = @($status.findings | Where-Object { $_.severity -ne 'info' } | ForEach-Object { "$($_.code) $($_.severity)" })
    $problems += "findings at $FailOn or above: $($codes -join ', ')"
}

# Offline hives may not record a computer name; the line then names none rather than the machine reading them.
$on = if ($status.host.computerName) { " on $($status.host.computerName)" } else { '' }
if ($problems.Count -eq 0) {
    Write-Summary "RDS licensing: OK$on - mode $mode, servers $($servers -join ',')"
    exit 0
}
Write-Summary ("RDS licensing: NOT COMPLIANT$on - " + ($problems -join '; '))
exit 1
