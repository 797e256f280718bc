#!/usr/bin/env bash
# Fleet audit at scale (issue 12): 10,000 hosts as status --json files and 1,000 hosts as hive folders,
# generated here from the scenario data into a temporary folder under /tmp (deleted on exit, never
# committed). Compares the hive fleet with a shell loop of hivexget reading only LicensingMode from each
# host's SYSTEM, and records peak memory (max RSS) at two fleet sizes to show it does not grow with the
# number of hosts. Needs hyperfine, libhivex-bin and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
scenarios=../shared/testdata/scenarios
work=$(mktemp -d /tmp/rdscal-bench-fleet.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet publish src/RdsCal.Cli -c Release -o "$work/rdscal" -p:PublishReadyToRun=true -r linux-x64 --self-contained false >/dev/null
rdscal="$work/rdscal/rdscal"
hive_scenarios=(healthy-peruser policy-overrides unconfigured legacy-shapes)

# One status --json report per scenario, then copies named host00001.json … (the name is the host's).
mkdir -p "$work/templates"
for s in "${hive_scenarios[@]}"; do
  "$rdscal" status --system "$scenarios/$s/SYSTEM" --software "$scenarios/$s/SOFTWARE" --json > "$work/templates/$s.json"
done
make_json_fleet() { # count dir
  mkdir -p "$2"
  for ((i = 1; i <= $1; i++)); do
    cp "$work/templates/${hive_scenarios[i % 4]}.json" "$2/$(printf 'host%05d' "$i").json"
  done
}
make_hive_fleet() { # count dir
  for ((i = 1; i <= $1; i++)); do
    d="$2/$(printf 'rdsh%04d' "$i")"
    mkdir -p "$d"
    cp "$scenarios/${hive_scenarios[i % 4]}/SYSTEM" "$scenarios/${hive_scenarios[i % 4]}/SOFTWARE" "$d/"
  done
}
make_json_fleet 1000 "$work/json1k"
make_json_fleet 10000 "$work/json10k"
make_hive_fleet 100 "$work/hive100"
make_hive_fleet 1000 "$work/hive1k"
echo "fleets generated in $work: $(du -sh "$work/json10k" | cut -f1) of JSON, $(du -sh "$work/hive1k" | cut -f1) of hives" >&2

# The shell loop the issue sets as the bar: one hivexget per host, LicensingMode only (all scenario
# hives use ControlSet001, so the loop need not read Select\Current first: the most favourable case).
cat > "$work/hivexget-loop.sh" <<LOOP
for d in "$work"/hive1k/*/; do
  hivexget "\$d/SYSTEM" 'ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core' LicensingMode
done > /dev/null
LOOP

hyperfine --warmup 1 --runs 5 --export-markdown "$work/hives.md" \
  -n "rdscal fleet (1,000 hive folders)" "$rdscal fleet $work/hive1k > /dev/null" \
  -n "hivexget loop (1,000 SYSTEM hives, LicensingMode only)" "bash $work/hivexget-loop.sh" >&2
cat "$work/hives.md"
echo
hyperfine --warmup 1 --runs 5 --export-markdown "$work/json.md" \
  -n "rdscal fleet (10,000 status --json files)" "$rdscal fleet $work/json10k > /dev/null" \
  -n "rdscal fleet (10,000 files) --json --html --csv" "$rdscal fleet $work/json10k --json --html $work/r.html --csv $work/r.csv --force > /dev/null 2>&1" >&2
cat "$work/json.md"
echo
echo "| fleet | hosts | wall [s] | max RSS [MB] |"
echo "|:---|---:|---:|---:|"
for case in "json1k 1000" "json10k 10000" "hive100 100" "hive1k 1000"; do
  set -- $case
  /usr/bin/time -f "%e %M" -o "$work/time" "$rdscal" fleet "$work/$1" --json --html "$work/r.html" --csv "$work/r.csv" --force > /dev/null 2>&1
  read -r wall kb < "$work/time"
  echo "| $1 (all outputs) | $2 | $wall | $((kb / 1024)) |"
done
