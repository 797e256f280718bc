#!/usr/bin/env bash
# Whole-process comparison of a full hive export: rdscal against hivexregedit, reglookup and regfexport,
# on the 12 MB Windows 10 SYSTEM hive (regipy SYSTEM_B). Needs hyperfine, libhivex-bin,
# libwin-hivex-perl, reglookup and libregf-utils. Prints hyperfine's table (Markdown) on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/testdata/real/regipy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
zcat "$data/SYSTEM_B.gz" > "$work/SYSTEM_B"
dotnet publish src/RdsCal.Cli -c Release -o "$work/rdscal" -p:PublishReadyToRun=true -r linux-x64 --self-contained false >/dev/null
rdscal="$work/rdscal/rdscal"
# The hive is dirty; without its logs beside it every tool reads the primary as it is (rdscal warns).
hyperfine --warmup 2 --runs 10 --export-markdown "$work/export.md" \
  -n "rdscal export" "$rdscal export $work/SYSTEM_B -o $work/out.reg 2>/dev/null" \
  -n "reglookup" "reglookup $work/SYSTEM_B > $work/out.rl 2>/dev/null" \
  -n "hivexregedit --export" "hivexregedit --export $work/SYSTEM_B '\\' > $work/out.hx 2>/dev/null" \
  -n "regfexport" "regfexport $work/SYSTEM_B > $work/out.rf 2>/dev/null" >&2
cat "$work/export.md"
echo
# Open the hive and read one value five levels deep, whole process (startup included).
hyperfine --warmup 2 --runs 20 --export-markdown "$work/one.md" \
  -n "rdscal status --system (one hive)" "$rdscal status --system $work/SYSTEM_B --json > /dev/null 2>&1" \
  -n "hivexget (one value)" "hivexget $work/SYSTEM_B 'ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core' LicensingMode > /dev/null" >&2
cat "$work/one.md"
