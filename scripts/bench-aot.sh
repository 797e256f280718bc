#!/usr/bin/env bash
# Whole-process timings of the NativeAOT build (issue 11, item 4), one hyperfine run per comparison:
#   1. `rdscal status` on a scenario (reads SYSTEM and SOFTWARE, diagnoses) against `hivexget` reading
#      one value of the same SYSTEM hive (hyperfine, then 300 interleaved rounds); also on the 12 MB SYSTEM_B.
#   2. a full export of the 12 MB Windows 10 SYSTEM hive (regipy SYSTEM_B) against reglookup.
# Needs clang (NativeAOT's linker), hyperfine, libhivex-bin and reglookup. Prints hyperfine's tables
# (Markdown) on stdout. RDSCAL=path/to/rdscal skips the publish and times that binary instead.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/testdata
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z "${RDSCAL:-}" ]]; then
  dotnet publish src/RdsCal.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" >&2
  RDSCAL="$work/aot/rdscal"
fi
scenario=$data/scenarios/healthy-peruser
zcat "$data/real/regipy/SYSTEM_B.gz" > "$work/SYSTEM_B"
# CPU time (user + system) per run, from hyperfine's JSON: steadier than wall time on a shared machine.
cpu() {
  python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))["results"]
base=min(x["user"]+x["system"] for x in r)
print()
for x in r:
    c=x["user"]+x["system"]
    name=x["command"]
    print(f"CPU (user + system), {name}: {c*1000:.1f} ms ({c/base:.2f}x)")' "$1"
}
mode='ControlSet001\Control\Terminal Server\RCM\Licensing Core'

hyperfine -N --warmup 5 --runs 50 --export-markdown "$work/status.md" --export-json "$work/status.json" \
  -n "rdscal status (AOT; SYSTEM + SOFTWARE, diagnosed)" "$RDSCAL status --system $scenario/SYSTEM --software $scenario/SOFTWARE" \
  -n "hivexget (one value of SYSTEM)" "hivexget $scenario/SYSTEM '$mode' LicensingMode" >&2
cat "$work/status.md"
cpu "$work/status.json"
echo
python3 scripts/interleaved-cpu.py 300 \
  "hivexget (one value of SYSTEM)=hivexget $scenario/SYSTEM '$mode' LicensingMode" \
  "rdscal status (AOT; SYSTEM + SOFTWARE, diagnosed)=$RDSCAL status --system $scenario/SYSTEM --software $scenario/SOFTWARE"
echo
hyperfine -N --warmup 3 --runs 30 --export-markdown "$work/status-big.md" --export-json "$work/status-big.json" \
  -n "rdscal status --system SYSTEM_B (AOT)" "$RDSCAL status --system $work/SYSTEM_B" \
  -n "hivexget SYSTEM_B (one value)" "hivexget $work/SYSTEM_B '$mode' LicensingMode" >&2
cat "$work/status-big.md"
cpu "$work/status-big.json"
echo
# SYSTEM_B is dirty; without its logs beside it both tools read the primary as it is (rdscal warns).
hyperfine --warmup 2 --runs 10 --export-markdown "$work/export.md" --export-json "$work/export.json" \
  -n "rdscal export (AOT)" "$RDSCAL export $work/SYSTEM_B -o $work/out.reg --force 2>/dev/null" \
  -n "rdscal export (AOT) to standard output" "$RDSCAL export $work/SYSTEM_B > $work/out-stdout.reg 2>/dev/null" \
  -n "reglookup" "reglookup $work/SYSTEM_B > $work/out.rl 2>/dev/null" >&2
cat "$work/export.md"
cpu "$work/export.json"
