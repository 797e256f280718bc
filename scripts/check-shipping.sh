#!/usr/bin/env bash
# What users install, checked as they would use it: the NuGet packages (the rdscal dotnet tool runs the
# README's main command; the example program builds against the library packages). CI runs this after
# the tests; it prints one "ok:" line per check and stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "check-shipping: FAILED: $*" >&2; exit 1; }
expect() { # expect NAME PATTERN TEXT: TEXT must contain the fixed string PATTERN
  grep -qF -- "$2" <<<"$3" || { printf '%s\n' "$3" >&2; fail "$1: output lacks '$2'"; }
}

version=$(dotnet msbuild src/RdsCal.Cli -getProperty:Version)
packages="$PWD/artifacts/packages"
rm -rf "$packages"
dotnet pack rdscal.slnx -c Release -o "$packages" >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; fail "dotnet pack"; }
for p in rdscal RdsCal.Registry RdsCal.Licensing RdsCal.EventLog; do
  for ext in nupkg snupkg; do
    [[ -f "$packages/$p.$version.$ext" ]] || fail "pack: $p.$version.$ext missing"
  done
done
for p in RdsCal.Registry RdsCal.Licensing RdsCal.EventLog; do
  listing=$(unzip -l "$packages/$p.$version.nupkg")
  expect "$p package" "README.md" "$listing"
  expect "$p package" "lib/net10.0/$p.dll" "$listing"
  expect "$p package" "lib/net10.0/$p.xml" "$listing"
  expect "$p package" '<license type="expression">MIT</license>' "$(unzip -p "$packages/$p.$version.nupkg" "$p.nuspec")"
done
extra=$(ls "$packages" | grep -vE '^(rdscal|RdsCal\.Registry|RdsCal\.Licensing|RdsCal\.EventLog)\.' || true)
[[ -z "$extra" ]] || fail "pack: unexpected packages: $extra"
echo "ok: dotnet pack made rdscal, RdsCal.Registry, RdsCal.Licensing and RdsCal.EventLog $version (nupkg + snupkg)"

# From here on a fresh package cache: a package of the same version packed by an earlier run must not be reused.
export NUGET_PACKAGES="$work/nuget"
dotnet tool install rdscal --add-source "$packages" --tool-path "$work/tools" --version "$version" >/dev/null
out=$("$work/tools/rdscal" status --system samples/unconfigured/SYSTEM.reg --software samples/unconfigured/SOFTWARE.reg) \
  && code=0 || code=$?
[[ $code -eq 0 ]] || fail "installed rdscal status exited $code"
expect "installed rdscal status" "Licensing mode   NotConfigured (raw 5)  from the server setting" "$out"
expect "installed rdscal status" "error   RDS001" "$out"
expect "installed rdscal status" "error   RDS002" "$out"
echo "ok: the installed dotnet tool runs the README's status command"

out=$(dotnet run --project examples/ReadLicensingMode -c Release -p:RdsCalVersion="$version" -- \
  samples/gpo-override/SYSTEM.reg samples/gpo-override/SOFTWARE.reg 2>&1) || { printf '%s\n' "$out" >&2; fail "example ReadLicensingMode"; }
expect "example ReadLicensingMode" "Licensing mode: PerUser (set by: Policy)" "$out"
expect "example ReadLicensingMode" 'Read from: HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicensingMode' "$out"
grep -q '"RdsCal.Licensing/'"$version"'"' examples/ReadLicensingMode/obj/project.assets.json \
  || fail "example ReadLicensingMode did not restore the RdsCal.Licensing package"
echo "ok: examples/ReadLicensingMode builds against the packed library packages and reads the mode"

complete_with() { # complete_with WORD... : what the bash completion script offers for "rdscal WORD..."
  PATH="$work/tools:$PATH" bash -c 'source scripts/completion/rdscal.bash
    COMP_WORDS=(rdscal "$@"); COMP_CWORD=$#; COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
    _rdscal_complete; printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}
[[ "$(complete_with st)" == "status" ]] || fail "bash completion of 'rdscal st': $(complete_with st)"
[[ "$(complete_with status --fail-on w)" == "warning" ]] || fail "bash completion of 'rdscal status --fail-on w'"
echo "ok: bash completion (scripts/completion/rdscal.bash) completes commands and --fail-on values"

# The PowerShell module, published and imported by a real pwsh 7.6.9 (the PowerShell dotnet tool).
dotnet publish src/RdsCal.PowerShell -c Release -o "$work/module" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; fail "dotnet publish src/RdsCal.PowerShell"; }
[[ -f "$work/module/RdsCal.psd1" ]] || fail "the published module has no RdsCal.psd1"
[[ ! -e "$work/module/System.Management.Automation.dll" ]] || fail "the published module carries PowerShell itself"
dotnet tool install PowerShell --version 7.6.9 --tool-path "$work/pwsh" >/dev/null
out=$(PATH="$work/tools:$PATH" RDSCAL_WORK="$work" RDSCAL_MODULE="$work/module/RdsCal.psd1" "$work/pwsh/pwsh" -NoProfile -NonInteractive -Command '
  $ErrorActionPreference = "Stop"
  $PSStyle.OutputRendering = "PlainText"
  Import-Module $env:RDSCAL_MODULE
  "version " + $PSVersionTable.PSVersion
  $all = @(Get-ChildItem -Directory samples | Sort-Object Name | Get-RdsCalStatus)
  $all | Out-String -Width 160
  "synopsis: " + (Get-Help Get-RdsCalStatus).Synopsis
  $m = Join-Path $env:RDSCAL_WORK "ps-machine"
  Copy-Item samples/unconfigured $m -Recurse
  $c = Set-RdsCalMode PerUser -SystemHive "$m/SYSTEM.reg" -SoftwareHive "$m/SOFTWARE.reg" -Journal "$m/journal.jsonl" -ChangeScriptPath "$m/change.reg" 3>$null
  "change: " + $c.Status + " / " + (Get-RdsCalHistory "$m/journal.jsonl").Description
  "script: " + (Select-String -Path "$m/change.reg" -Pattern LicensingMode).Line
  . ./scripts/completion/rdscal.ps1
  "completion: " + ((TabExpansion2 "rdscal status --fail-on w" 25).CompletionMatches.CompletionText -join ",")
' 2>&1) || { printf '%s\n' "$out" >&2; fail "pwsh with the RdsCal module"; }
expect "pwsh" "version 7.6.9" "$out"
# Column widths follow the terminal and timing; the words and their order do not.
grep -qE '^Machine +Mode +Source +Grace +Findings +LicenseServers$' <<<"$out" || fail "pwsh: no status table header"
grep -qE '^gpo-override +PerDevice +Policy +present +ok +lic01.corp.example.com, lic02.corp.example.com$' <<<"$out" || fail "pwsh: gpo-override row"
grep -qE '^unconfigured +NotConf[^ ]* +Server +present +RDS001 RDS002 +none$' <<<"$out" || fail "pwsh: unconfigured row"
expect "pwsh" "synopsis: Shows which RDS licensing mode and license servers are in effect" "$out"
expect "pwsh" "completion: warning" "$out"
expect "pwsh" "change: applied / set the licensing mode to PerUser (4)" "$out"
expect "pwsh" 'script: "LicensingMode"=dword:00000004' "$out"
echo "ok: pwsh 7.6.9 imports the published RdsCal module; Get-RdsCalStatus reads machine folders from the pipeline; Set-RdsCalMode journals a change that Get-RdsCalHistory lists; help and completion work"
