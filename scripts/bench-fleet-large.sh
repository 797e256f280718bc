#!/usr/bin/env bash
# Peak memory of `rdscal fleet` over six hosts whose SYSTEM is a gzipped 900 MB hive (issue 21, item 7): the hosts
# are read one after another within the fleet's memory budget, not side by side. Usage: bench-fleet-large.sh [RDSCAL]
set -euo pipefail
cd "$(dirname "$0")/.."
rdscal=${1:-}
if [[ -z $rdscal ]]; then
  dotnet build src/RdsCal.Cli -c Release -v q -nologo >/dev/null
  rdscal=src/RdsCal.Cli/bin/Release/net10.0/rdscal
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/pad-hive.py ../shared/testdata/real/regipy/SYSTEM.gz "$work/SYSTEM" 900
gzip -1 -c "$work/SYSTEM" > "$work/SYSTEM.gz"
rm "$work/SYSTEM"
for i in 1 2 3 4 5 6; do mkdir -p "$work/fleet/host$i"; cp "$work/SYSTEM.gz" "$work/fleet/host$i/"; done
/usr/bin/time -f "fleet over 6 gzipped 900 MB hives: %e s wall, %M KB max RSS, exit %x" "$rdscal" fleet "$work/fleet" --json > "$work/fleet.json"
/usr/bin/time -f "status on one of them: %e s wall, %M KB max RSS, exit %x" "$rdscal" status --system "$work/fleet/host1/SYSTEM.gz" > /dev/null
