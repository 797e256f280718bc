#!/usr/bin/env bash
# Whole-process CPU time and peak memory of reading every record of an .evtx as XML: rdscal against
# evtxexport -f xml (libevtx-utils) and python-evtx (python3-evtx), on security.evtx (2 MiB) and on a 100 MiB log
# made by repeating its chunks. Prints a Markdown table on stdout.
#
# rdscal is the benchmark harness's evtx-xml mode (JIT, startup included) unless RDSCAL_EVENTS names a command
# that prints every record, e.g. RDSCAL_EVENTS="artifacts/aot/rdscal events --all --json" once the CLI has it.
# python-evtx runs on security.evtx only: at about 9 s per MiB it would take a quarter of an hour on 100 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/testdata/real/evtx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release bench/RdsCal.Benchmarks >/dev/null
harness=bench/RdsCal.Benchmarks/bin/Release/net10.0/RdsCal.Benchmarks
zcat "$data/security.evtx.gz" > "$work/security.evtx"
"$harness" evtx-concat "$work/security.evtx" "$work/big.evtx" 1600
rdscal=${RDSCAL_EVENTS:-$harness evtx-xml}

measure() { # measure NAME COMMAND...: user+sys seconds and peak RSS of one run (best of three)
  local name=$1 best="" u s m cpu
  shift
  for _ in 1 2 3; do
    /usr/bin/time -o "$work/time" -f "%U %S %M" "$@" > /dev/null 2>&1
    read -r u s m < "$work/time"
    cpu=$(echo "$u + $s" | bc)
    if [[ -z "$best" ]] || (( $(echo "$cpu < ${best%% *}" | bc) )); then best="$cpu $m"; fi
  done
  printf '| %s | %s s | %s MiB |\n' "$name" "${best%% *}" "$(( ${best##* } / 1024 ))"
}

echo "| reader and input | CPU (user + sys) | peak RSS |"
echo "|---|---|---|"
for f in security big; do
  size=$(( $(stat -c %s "$work/$f.evtx") / 1048576 ))
  # shellcheck disable=SC2086 # $rdscal is a command with arguments
  measure "rdscal, $f.evtx ($size MiB)" $rdscal "$work/$f.evtx"
  measure "evtxexport -f xml, $f.evtx ($size MiB)" evtxexport -f xml "$work/$f.evtx"
done
measure "python-evtx evtx_dump.py, security.evtx" evtx_dump.py "$work/security.evtx"
