#!/usr/bin/env bash
# The NativeAOT build (issue 11, item 4): publishes rdscal for linux-x64 with PublishAot, which must give
# no trim or AOT warning (warnings are errors here, and the log is searched too), then checks that the
# native binary prints the same status JSON and history as the JIT build. Needs clang and zlib1g-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-aot: FAILED: $*" >&2; exit 1; }

dotnet publish src/RdsCal.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" >"$work/aot.log" 2>&1 \
  || { grep -E 'warning|error' "$work/aot.log" >&2 || cat "$work/aot.log" >&2; fail "NativeAOT publish"; }
warnings=$(grep -cE 'warning (IL|CS|CA)[0-9]+' "$work/aot.log" || true)
[[ "$warnings" -eq 0 ]] || { grep -E 'warning (IL|CS|CA)[0-9]+' "$work/aot.log" >&2; fail "$warnings warning(s) in the NativeAOT publish"; }
echo "ok: NativeAOT publish of rdscal (linux-x64) with 0 trim/AOT warnings"

dotnet build src/RdsCal.Cli -c Release -o "$work/jit" >/dev/null
args=(status --system samples/gpo-override/SYSTEM.reg --software samples/gpo-override/SOFTWARE.reg --gpo samples/gpo-override/Machine-registry.pol --json)
# readAt is the time of each run; everything else must match byte for byte.
"$work/aot/rdscal" "${args[@]}" | grep -v '"readAt"' > "$work/aot.json"
dotnet "$work/jit/rdscal.dll" "${args[@]}" | grep -v '"readAt"' > "$work/jit.json"
cmp -s "$work/aot.json" "$work/jit.json" || { diff "$work/jit.json" "$work/aot.json" >&2; fail "AOT and JIT status --json differ"; }
grep -q '"effective": "PerDevice"' "$work/aot.json" || fail "AOT status --json lacks the policy's PerDevice mode"
cp -r samples/unconfigured "$work/machine"
"$work/aot/rdscal" set-mode per-user --system "$work/machine/SYSTEM.reg" --software "$work/machine/SOFTWARE.reg" \
  --journal "$work/journal.jsonl" --out "$work/change.reg" >/dev/null
aot_history=$("$work/aot/rdscal" history --json --journal "$work/journal.jsonl")
jit_history=$(dotnet "$work/jit/rdscal.dll" history --json --journal "$work/journal.jsonl")
[[ "$aot_history" == "$jit_history" ]] || fail "AOT and JIT history --json differ"
grep -q '"description": "set the licensing mode to PerUser (4)"' <<<"$aot_history" || fail "AOT history --json lacks the change"
echo "ok: the native binary prints the same status --json and history --json as the JIT build"
