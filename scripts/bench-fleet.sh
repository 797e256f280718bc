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

# `bench-fleet.sh aot` (issue 22, item 5): the NativeAOT binary's `fleet --json` over 10,000 collected host folders,
# each HOST/status.json plus a small HOST/events.json (the layout fleet-status.yml fetches with rdscal_events), against
# a plain Python loop that only loads the same files (json.load, nothing else), measured in the same run, and the
# binary's peak memory. Needs clang and zlib1g-dev (NativeAOT), python3 and GNU time; not hyperfine.
if [[ "${1:-}" == "aot" ]]; then
  dotnet publish src/RdsCal.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" >"$work/aot.log" 2>&1 \
    || { tail -20 "$work/aot.log" >&2; exit 1; }
  rdscal="$work/aot/rdscal"
  mkdir -p "$work/templates" "$work/collected"
  for s in healthy-peruser policy-overrides unconfigured legacy-shapes; do
    "$rdscal" status --system "$scenarios/$s/SYSTEM" --software "$scenarios/$s/SOFTWARE" --json > "$work/templates/$s.json"
  done
  # A host's events: what `events --json` writes for a real System log (its TermService record and the event log
  # service's start and stop records, 1056/6005/6006, with --all: no public log holds a licensing event).
  "$rdscal" events --json --all --id 1056 --id 6005 --id 6006 ../shared/testdata/real/evtx/2-vss_7-System.evtx.gz > "$work/templates/events.json"
  templates=("$work"/templates/*-*.json "$work"/templates/unconfigured.json)
  for ((i = 1; i <= 10000; i++)); do
    d="$work/collected/$(printf 'host%05d' "$i")"
    mkdir "$d"
    cp "${templates[i % 4]}" "$d/status.json"
    cp "$work/templates/events.json" "$d/events.json"
  done
  echo "10,000 host folders, $(du -sh --apparent-size "$work/collected" | cut -f1): status.json $(( $(cat "${templates[@]}" | wc -c) / 4 )) bytes on average, events.json $(wc -c < "$work/templates/events.json") bytes ($(grep -o '"recordId"' "$work/templates/events.json" | wc -l) events)" >&2
  cat > "$work/load.py" <<'PY'
import json, os, sys
d, names = sys.argv[1], sys.argv[2:]
n = 0
for host in sorted(os.listdir(d)):
    for name in names:
        with open(os.path.join(d, host, name), encoding="utf-8") as f:
            json.load(f)
        n += 1
print(n)
PY
  # The page cache holds the files for all after the first pass; runs alternate so load on the machine hits them alike.
  python3 "$work/load.py" "$work/collected" status.json events.json >/dev/null
  echo "| run | rdscal fleet --json (NativeAOT) [s] | its max RSS [MB] | python3 json.load, both files [s] | python3 json.load, status.json only [s] |"
  echo "|---:|---:|---:|---:|---:|"
  for run in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$work/t.aot" "$rdscal" fleet "$work/collected" --json >/dev/null
    /usr/bin/time -f "%e %M" -o "$work/t.py" python3 "$work/load.py" "$work/collected" status.json events.json >/dev/null
    /usr/bin/time -f "%e %M" -o "$work/t.py1" python3 "$work/load.py" "$work/collected" status.json >/dev/null
    read -r aot_s aot_kb < "$work/t.aot"
    read -r py_s _ < "$work/t.py"
    read -r py1_s _ < "$work/t.py1"
    echo "| $run | $aot_s | $((aot_kb / 1024)) | $py_s | $py1_s |"
  done
  "$rdscal" fleet "$work/collected" --json > "$work/fleet.json" || true
  python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["totals"]; print("fleet totals:", t)' "$work/fleet.json" >&2
  exit 0
fi
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
