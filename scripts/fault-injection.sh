#!/usr/bin/env bash
# Kill and fault-injection harness for rdscal's changing commands (see docs/reliability.md).
#
# For every command below and every numbered write step N it takes (RDSCAL_TRACE_STEPS lists them):
#   kill:   run it with RDSCAL_CRASH_AT=N, which SIGKILLs the process at step N;
#   error:  run it with RDSCAL_FAIL_AT=N, which throws an I/O error at step N;
# and for every rename, link, fsync, write and pwrite64 system call K it makes (.NET writes files with pwrite64;
# write is mostly the console):
#   strace: run it under `strace -e inject=SYSCALL:error=EIO|ENOSPC:when=K` (ENOSPC for the two write calls).
# After each trial it checks:
#   - a failed run (exit 8) left every input byte-identical and no temporary file or hive backup beside them; any
#     other failing exit did that too, or else completed the change and recorded it as applied (e.g. standard
#     output failing after the change);
#   - before anything settles the journal, no entry claims "applied" unless every hive holds the change;
#   - the next run of the same command settles the journal and succeeds; then the machine holds the intended
#     state, every hive passes `rdscal verify`, exactly one entry is applied and none is pending, no temporary
#     file is left, and `undo --last` brings back the original keys and values.
# Then `import` and `gpo set`, journalled like the others (import_trials, gpo_trials): a kill and an I/O error at
# every write step, the next run settles, and undo restores (an import's export byte for byte; a gpo set's old values
# with a higher gpt.ini version).
# Then a two-hive change killed at every step and settled by a run with another journal, and by a run naming only
# --system (marker_trials: the interrupted change is found from the markers beside its files).
# The edge cases of issue 21 follow (edge_trials): kills of a change made through symbolic links, settled by a run
# naming the real files; kills of import at every step (the next import leaves no temporary file); two gpo set
# runs at once (no setting lost); EROFS and ENOSPC on a lock file (exit 8 at once, nothing changed); a change with
# standard output closed (exit 9, the change complete and applied).
# Usage: scripts/fault-injection.sh [--quick|--edges]   (--quick: no strace sweep; --edges: import, gpo set, the marker cases and the edge cases only)
# Paths must not contain spaces (the argument lists are built by word splitting).
set -uo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Runs that name no --journal record in the default journal under XDG_DATA_HOME: inside the work folder, never
# the user's own.
export XDG_DATA_HOME="$work/data-home"
started=$(date +%s)
echo "started $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(nproc) cores, $(dotnet --version 2>/dev/null | sed 's/^/.NET SDK /'), $(strace -V 2>/dev/null | head -1)"
dotnet build src/RdsCal.Cli -c Release -v q -nologo >/dev/null || { echo "build failed"; exit 1; }
# A copy of the build, so that rebuilding the tree while the sweep runs does not change the program under test.
cp -r src/RdsCal.Cli/bin/Release/net10.0 "$work/bin"
rdscal=(dotnet "$work/bin/rdscal.dll")
data=../shared/testdata/scenarios
trials=0
failures=0

fail() { failures=$((failures + 1)); echo "FAIL [$1]: $2"; }

# prepare DIR SCENARIO: fresh writable copies of the scenario's hives.
prepare() {
  rm -rf "$1"; mkdir -p "$1"
  for h in SYSTEM SOFTWARE; do
    if [ -f "$data/$2/$h" ]; then cp "$data/$2/$h" "$1/" && chmod 644 "$1/$h"; fi
  done
}

# hives DIR: the hive files present.
hives() { for h in SYSTEM SOFTWARE; do [ -f "$1/$h" ] && echo "$h"; done; }

# inputs DIR: the --system/--software/--journal arguments for the hives present.
inputs() {
  [ -f "$1/SYSTEM" ] && printf '%s\n' --system "$1/SYSTEM"
  [ -f "$1/SOFTWARE" ] && printf '%s\n' --software "$1/SOFTWARE"
  printf '%s\n' --journal "$1/j/journal.jsonl"
}

# Sorted export lines of the hives: the keys and values, for comparing before and after.
facts() { for h in $(hives "$1"); do "${rdscal[@]}" export "$1/$h" 2>/dev/null | tr -d '\r' | sort; done; }

# settle LABEL DIR EXPECTED-SERVERS-OR-MODE ARGS...: the checks after a trial (see the header).
settle() {
  local label=$1 dir=$2 expect=$3; shift 3
  local out
  out=$("${rdscal[@]}" "$@" $(inputs "$dir") 2>&1) \
    || { fail "$label" "next run failed: $out"; return; }
  local status
  status=$("${rdscal[@]}" status --json $(inputs "$dir" | head -n -2))
  grep -q -- "$expect" <<<"$status" || fail "$label" "state after the next run lacks $expect"
  for h in $(hives "$dir"); do
    "${rdscal[@]}" verify "$dir/$h" >/dev/null 2>&1 || fail "$label" "$h fails verify"
  done
  local history applied pending
  history=$("${rdscal[@]}" history --json --journal "$dir/j/journal.jsonl" 2>/dev/null)
  applied=$(grep -c '"status": "applied' <<<"$history")
  pending=$(grep -c '"status": "pending' <<<"$history")
  [ "$applied" = 1 ] && [ "$pending" = 0 ] || fail "$label" "journal has $applied applied and $pending pending entries"
  ls -A "$dir" | grep -q '\.tmp$' && fail "$label" "temporary files left: $(ls -A "$dir" | grep '\.tmp$' | tr '\n' ' ')"
  "${rdscal[@]}" undo --last --journal "$dir/j/journal.jsonl" >/dev/null 2>&1 || fail "$label" "undo --last failed"
  diff -q <(facts "$dir") "$work/original.facts" >/dev/null || fail "$label" "undo did not restore the original keys and values"
}

# untouched LABEL DIR: a failed run left the inputs as they were and nothing beside them.
untouched() {
  for h in $(hives "$2"); do
    cmp -s "$2/$h" "$work/pristine/$h" || fail "$1" "$h changed although the run failed"
  done
  ls -A "$2" | grep -Eq '\.tmp$|rdscal-backup' && fail "$1" "left beside the hives: $(ls -A "$2" | grep -E '\.tmp$|rdscal-backup' | tr '\n' ' ')"
  grep -q '"status": "applied' <("${rdscal[@]}" history --json --journal "$2/j/journal.jsonl" 2>/dev/null) && fail "$1" "journal claims applied"
}

# truthful LABEL DIR EXPECTED: after an exit other than 0 or 8 (the runtime failing to start, a journal that cannot
# be created, standard output failing after the change was made), either nothing changed, or the change is complete
# and the journal says "applied".
truthful() {
  if grep -q '"status": "applied' <("${rdscal[@]}" history --json --journal "$2/j/journal.jsonl" 2>/dev/null); then
    grep -q -- "$3" <<<"$("${rdscal[@]}" status --json $(inputs "$2" | head -n -2))" || fail "$1" "journal claims applied but the hives lack $3"
    ls -A "$2" | grep -q '\.tmp$' && fail "$1" "temporary files left: $(ls -A "$2" | grep '\.tmp$' | tr '\n' ' ')"
  else
    untouched "$1" "$2"
  fi
}

# begin SCENARIO ARGS...: pristine copy and its facts.
begin() {
  local scenario=$1; shift
  prepare "$work/pristine" "$scenario"
  facts "$work/pristine" > "$work/original.facts"
}

# summary NAME PHASE TRIALS-BEFORE FAILURES-BEFORE
summary() { echo "$1: $2: $((trials - $3)) trials, $((failures - $4)) failures"; }

# step_trials SCENARIO EXPECT ARGS...: a kill and an I/O error at every numbered write step.
step_trials() {
  local scenario=$1 expect=$2; shift 2
  local name="$scenario: $*" t0=$trials f0=$failures
  begin "$scenario"
  prepare "$work/t" "$scenario"
  local steps
  steps=$(RDSCAL_TRACE_STEPS=1 "${rdscal[@]}" "$@" $(inputs "$work/t") 2>&1 >/dev/null | grep -c '^rdscal-step ')
  local n mode code out
  for n in $(seq 1 "$steps"); do
    for mode in RDSCAL_CRASH_AT RDSCAL_FAIL_AT; do
      trials=$((trials + 1))
      prepare "$work/t" "$scenario"
      out=$(env "$mode=$n" "${rdscal[@]}" "$@" $(inputs "$work/t") 2>&1); code=$?
      case "$mode:$code" in
        RDSCAL_CRASH_AT:137) ;;
        RDSCAL_FAIL_AT:8) untouched "$name $mode=$n" "$work/t" ;;
        RDSCAL_FAIL_AT:0) grep -q "could not record it as applied" <<<"$out" || fail "$name $mode=$n" "exit 0 without the journal warning" ;;
        *) fail "$name $mode=$n" "exit $code: $out" ;;
      esac
      settle "$name $mode=$n" "$work/t" "$expect" "$@"
    done
  done
  summary "$name" "kill and I/O error at each of $steps write steps" "$t0" "$f0"
}

# strace_trials SCENARIO EXPECT ARGS...: EIO into every rename, link and fsync call, ENOSPC into every write and
# pwrite64 call.
strace_trials() {
  local scenario=$1 expect=$2; shift 2
  local name="$scenario: $*" t0=$trials f0=$failures
  begin "$scenario"
  local call errno k count code out
  for call in rename link fsync write pwrite64; do
    prepare "$work/t" "$scenario"
    strace -f -qq -e trace=$call -o "$work/strace.log" "${rdscal[@]}" "$@" $(inputs "$work/t") >/dev/null 2>&1
    count=$(grep -c "$call(" "$work/strace.log")
    errno=EIO; case $call in write | pwrite64) errno=ENOSPC ;; esac
    echo "$name: $count $call calls, $errno into each"
    for k in $(seq 1 "$count"); do
      trials=$((trials + 1))
      prepare "$work/t" "$scenario"
      out=$(strace -f -qq -o /dev/null -e trace=$call -e inject=$call:error=$errno:when=$k "${rdscal[@]}" "$@" $(inputs "$work/t") 2>&1); code=$?
      case $code in
        0) ;;
        8) untouched "$name $call#$k=$errno" "$work/t" ;;
        *) if grep -q "Unhandled exception" <<<"$out"; then fail "$name $call#$k=$errno" "exit $code: $(head -c 300 <<<"$out")"; fi
           truthful "$name $call#$k=$errno" "$work/t" "$expect" ;;
      esac
      settle "$name $call#$k=$errno" "$work/t" "$expect" "$@"
    done
  done
  summary "$name" "strace fault injection" "$t0" "$f0"
}

# one_applied LABEL JOURNAL: exactly one entry applied and none pending.
one_applied() {
  local history applied pending
  history=$("${rdscal[@]}" history --json --journal "$2" 2>/dev/null)
  applied=$(grep -c '"status": "applied' <<<"$history")
  pending=$(grep -c '"status": "pending' <<<"$history")
  [ "$applied" = 1 ] && [ "$pending" = 0 ] || fail "$1" "journal has $applied applied and $pending pending entries"
}

# import_trials: a kill and an I/O error at every write step of an import that sets a value, deletes a value and a
# key tree and creates keys. A failed run (exit 8) left the hive byte-identical and nothing beside it; the next
# import settles and succeeds, the hive verifies, one entry is applied and none pending, no temporary file is
# left, and `undo --last` leaves the hive exporting byte for byte as before.
import_trials() {
  local t0=$trials f0=$failures n mode code out steps label
  local name="import edits.reg (a value set, a value and a key tree deleted, keys created) into unconfigured SYSTEM"
  local dir="$work/imp" journal="$work/imp/j/journal.jsonl"
  printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server]\r\n"fDenyTSConnections"=dword:00000001\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server\\RCM]\r\n"Certificate"=-\r\n\r\n[-HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\ProductOptions]\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\Added\\Deeper]\r\n"New"="value"\r\n' \
    | iconv -f UTF-8 -t UTF-16 > "$work/edits.reg"
  prepare "$dir" unconfigured
  "${rdscal[@]}" export "$dir/SYSTEM" > "$work/import-before.reg"
  steps=$(RDSCAL_TRACE_STEPS=1 "${rdscal[@]}" import "$dir/SYSTEM" "$work/edits.reg" --journal "$journal" 2>&1 >/dev/null | grep -c '^rdscal-step ')
  for n in $(seq 1 "$steps"); do
    for mode in RDSCAL_CRASH_AT RDSCAL_FAIL_AT; do
      trials=$((trials + 1)); label="$name $mode=$n"
      prepare "$dir" unconfigured
      out=$(env "$mode=$n" "${rdscal[@]}" import "$dir/SYSTEM" "$work/edits.reg" --journal "$journal" 2>&1); code=$?
      case "$mode:$code" in
        RDSCAL_CRASH_AT:137) ;;
        RDSCAL_FAIL_AT:8)
          cmp -s "$dir/SYSTEM" "$data/unconfigured/SYSTEM" || fail "$label" "SYSTEM changed although the run failed"
          ls -A "$dir" | grep -Eq '\.tmp$|rdscal-backup' && fail "$label" "left beside the hive: $(ls -A "$dir" | grep -E '\.tmp$|rdscal-backup' | tr '\n' ' ')" ;;
        RDSCAL_FAIL_AT:0) grep -q "could not record it as applied" <<<"$out" || fail "$label" "exit 0 without the journal warning" ;;
        *) fail "$label" "exit $code: $out" ;;
      esac
      out=$("${rdscal[@]}" import "$dir/SYSTEM" "$work/edits.reg" --journal "$journal" 2>&1) || { fail "$label" "next import failed: $out"; continue; }
      "${rdscal[@]}" verify "$dir/SYSTEM" >/dev/null 2>&1 || fail "$label" "SYSTEM fails verify"
      one_applied "$label" "$journal"
      ls -A "$dir" | grep -q '\.tmp$' && fail "$label" "temporary files left: $(ls -A "$dir" | grep '\.tmp$' | tr '\n' ' ')"
      "${rdscal[@]}" undo --last --journal "$journal" >/dev/null 2>&1 || fail "$label" "undo --last failed"
      cmp -s <("${rdscal[@]}" export "$dir/SYSTEM") "$work/import-before.reg" || fail "$label" "undo did not leave the hive exporting byte for byte as before"
    done
  done
  summary "$name" "kill and I/O error at each of $steps write steps" "$t0" "$f0"
}

# gpo_version DIR: the whole gpt.ini Version number.
gpo_version() { grep -i '^Version=' "$1/gpt.ini" | tr -d '\r' | cut -d= -f2; }

# gpo_trials: a kill and an I/O error at every write step of `gpo set --mode per-user --servers lic1.contoso.com` on
# a folder that sets per-device. A failed run (exit 8) left gpt.ini and Registry.pol byte-identical and no temporary
# file; the next run settles and succeeds, the policy is per-user with the server, the version rose by one, one entry
# is applied and none pending, no temporary file is left; `undo --last` puts per-device back, without the server,
# with the version raised once more.
gpo_trials() {
  local t0=$trials f0=$failures n mode code out steps label v0 show
  local name="gpo set --mode per-user --servers lic1.contoso.com over a per-device folder"
  local dir="$work/gpo-t" journal="$work/gpo-j/journal.jsonl"
  local gpo_args=(gpo set "$dir" --mode per-user --servers lic1.contoso.com --journal "$journal")
  gpo_reset() {
    rm -rf "$dir" "$work/gpo-j" "$work/gpo-setup"
    "${rdscal[@]}" gpo set "$dir" --mode per-device --journal "$work/gpo-setup/journal.jsonl" >/dev/null 2>&1 || fail "$name" "setting up the folder failed"
    cp "$dir/gpt.ini" "$work/gpo-gpt.ini"; cp "$dir/Machine/Registry.pol" "$work/gpo-Registry.pol"
  }
  gpo_reset
  v0=$(gpo_version "$dir")
  steps=$(RDSCAL_TRACE_STEPS=1 "${rdscal[@]}" "${gpo_args[@]}" 2>&1 >/dev/null | grep -c '^rdscal-step ')
  for n in $(seq 1 "$steps"); do
    for mode in RDSCAL_CRASH_AT RDSCAL_FAIL_AT; do
      trials=$((trials + 1)); label="$name $mode=$n"
      gpo_reset
      out=$(env "$mode=$n" "${rdscal[@]}" "${gpo_args[@]}" 2>&1); code=$?
      case "$mode:$code" in
        RDSCAL_CRASH_AT:137) ;;
        RDSCAL_FAIL_AT:8)
          cmp -s "$dir/gpt.ini" "$work/gpo-gpt.ini" && cmp -s "$dir/Machine/Registry.pol" "$work/gpo-Registry.pol" || fail "$label" "a file changed although the run failed"
          find "$dir" -name '*.tmp' | grep -q . && fail "$label" "temporary files left: $(find "$dir" -name '*.tmp' | tr '\n' ' ')" ;;
        RDSCAL_FAIL_AT:0) grep -q "could not record it as applied" <<<"$out" || fail "$label" "exit 0 without the journal warning" ;;
        *) fail "$label" "exit $code: $out" ;;
      esac
      out=$("${rdscal[@]}" "${gpo_args[@]}" 2>&1) || { fail "$label" "next run failed: $out"; continue; }
      show=$("${rdscal[@]}" gpo show "$dir" 2>&1)
      grep -q 'LicensingMode = REG_DWORD 4' <<<"$show" && grep -q 'LicenseServers = REG_SZ "lic1.contoso.com"' <<<"$show" || fail "$label" "the policy is not what was asked: $show"
      [ "$(gpo_version "$dir")" = $((v0 + 1)) ] || fail "$label" "version $(gpo_version "$dir"), expected $((v0 + 1))"
      one_applied "$label" "$journal"
      find "$dir" -name '*.tmp' | grep -q . && fail "$label" "temporary files left: $(find "$dir" -name '*.tmp' | tr '\n' ' ')"
      "${rdscal[@]}" undo --last --journal "$journal" >/dev/null 2>&1 || fail "$label" "undo --last failed"
      show=$("${rdscal[@]}" gpo show "$dir" 2>&1)
      grep -q 'LicensingMode = REG_DWORD 2' <<<"$show" && ! grep -q LicenseServers <<<"$show" || fail "$label" "undo did not put the old policy back: $show"
      [ "$(gpo_version "$dir")" = $((v0 + 2)) ] || fail "$label" "version after undo $(gpo_version "$dir"), expected $((v0 + 2))"
    done
  done
  summary "$name" "kill and I/O error at each of $steps write steps" "$t0" "$f0"
}

# count_status JOURNAL STATUS: how many entries of the journal have that status.
count_status() { grep -c "\"status\": \"$2" <("${rdscal[@]}" history --json --journal "$1" 2>/dev/null); }

# marker_trials: issue 21 item 2. The two-hive set-servers killed at every write step, then settled by a run that
# uses another journal, and by a run naming only --system: the interrupted change is found from the markers beside
# the hives, settled in its own journal first (its other hive and its journal locked too), and nothing is left pending.
marker_trials() {
  local t0=$trials f0=$failures n steps out code label j j1 j2 status
  local name="set-servers lic09.contoso.com --policy --remove-legacy (legacy-shapes) killed, then a run with another journal"
  local args=(set-servers lic09.contoso.com --policy --remove-legacy)
  begin legacy-shapes
  prepare "$work/t" legacy-shapes
  steps=$(RDSCAL_TRACE_STEPS=1 "${rdscal[@]}" "${args[@]}" $(inputs "$work/t") 2>&1 >/dev/null | grep -c '^rdscal-step ')
  for n in $(seq 1 "$steps"); do
    trials=$((trials + 1)); label="$name, kill at $n"
    prepare "$work/t" legacy-shapes
    j1="$work/t/j/journal.jsonl"; j2="$work/t/other/journal.jsonl"
    out=$(RDSCAL_CRASH_AT=$n "${rdscal[@]}" "${args[@]}" $(inputs "$work/t") 2>&1); code=$?
    [ "$code" = 137 ] || fail "$label" "exit $code: $out"
    out=$("${rdscal[@]}" "${args[@]}" --system "$work/t/SYSTEM" --software "$work/t/SOFTWARE" --journal "$j2" 2>&1) || { fail "$label" "the run with another journal failed: $out"; continue; }
    grep -q '"lic09.contoso.com"' <<<"$("${rdscal[@]}" status --json --system "$work/t/SYSTEM" --software "$work/t/SOFTWARE")" || fail "$label" "the hives lack the change"
    for h in SYSTEM SOFTWARE; do "${rdscal[@]}" verify "$work/t/$h" >/dev/null 2>&1 || fail "$label" "$h fails verify"; done
    [ "$(count_status "$j1" pending)" = 0 ] || fail "$label" "the first journal still has a pending entry"
    [ $(( $(count_status "$j1" applied) + $(count_status "$j2" applied) )) = 1 ] || fail "$label" "not exactly one applied entry in the two journals"
    ls -A "$work/t" | grep -Eq '\.tmp$|rdscal-pending' && fail "$label" "left beside the hives: $(ls -A "$work/t" | grep -E '\.tmp$|rdscal-pending' | tr '\n' ' ')"
    if [ "$(count_status "$j1" applied)" = 1 ]; then j=$j1; else j=$j2; fi
    "${rdscal[@]}" undo --last --journal "$j" >/dev/null 2>&1 || fail "$label" "undo --last failed"
    diff -q <(facts "$work/t") "$work/original.facts" >/dev/null || fail "$label" "undo did not restore the original keys and values"
  done
  summary "$name" "kill at each of $steps write steps" "$t0" "$f0"

  t0=$trials; f0=$failures
  name="set-servers lic09.contoso.com --policy --remove-legacy (legacy-shapes) killed, then set-mode per-user naming only --system"
  for n in $(seq 1 "$steps"); do
    trials=$((trials + 1)); label="$name, kill at $n"
    prepare "$work/t" legacy-shapes
    j1="$work/t/j/journal.jsonl"
    out=$(RDSCAL_CRASH_AT=$n "${rdscal[@]}" "${args[@]}" $(inputs "$work/t") 2>&1); code=$?
    [ "$code" = 137 ] || fail "$label" "exit $code: $out"
    out=$("${rdscal[@]}" set-mode per-user --system "$work/t/SYSTEM" --journal "$j1" 2>&1) || { fail "$label" "the run naming only --system failed: $out"; continue; }
    [ "$(count_status "$j1" pending)" = 0 ] || fail "$label" "a pending entry is left"
    for h in SYSTEM SOFTWARE; do "${rdscal[@]}" verify "$work/t/$h" >/dev/null 2>&1 || fail "$label" "$h fails verify"; done
    # Only SYSTEM was locked: a kill before the entry leaves SOFTWARE's staged file (and marker) for the next run
    # that locks SOFTWARE; nothing is pending on it.
    ls -A "$work/t" | grep -Eq '^\.SYSTEM\..*(\.tmp|rdscal-pending)$' && fail "$label" "left beside SYSTEM: $(ls -A "$work/t" | grep -E '^\.SYSTEM\..*(\.tmp|rdscal-pending)$' | tr '\n' ' ')"
    # The interrupted change is either whole (completed or found applied) or gone (rolled back: SOFTWARE as it was).
    status=$("${rdscal[@]}" status --json --system "$work/t/SYSTEM" --software "$work/t/SOFTWARE")
    if [ "$(count_status "$j1" applied)" = 2 ]; then
      grep -q '"lic09.contoso.com"' <<<"$status" || fail "$label" "recorded as applied but the hives lack it"
    else
      cmp -s "$work/t/SOFTWARE" "$work/pristine/SOFTWARE" || fail "$label" "rolled back but SOFTWARE changed"
    fi
  done
  summary "$name" "kill at each of $steps write steps" "$t0" "$f0"
}

# edge_trials: the cases of issue 21 (see the header).
edge_trials() {
  local t0=$trials f0=$failures n steps out code name
  # A change through symbolic links, killed at every step, settled by a run naming the real files: the lock,
  # staged files, backups and journal parts all name the real files, so the second run finds what the first left.
  name="symlinked hives: set-servers lic09.contoso.com --policy --remove-legacy"
  begin legacy-shapes
  prepare "$work/t" legacy-shapes
  mkdir -p "$work/t/links"; ln -s ../SYSTEM "$work/t/links/SYSTEM"; ln -s ../SOFTWARE "$work/t/links/SOFTWARE"
  steps=$(RDSCAL_TRACE_STEPS=1 "${rdscal[@]}" set-servers lic09.contoso.com --policy --remove-legacy --system "$work/t/links/SYSTEM" --software "$work/t/links/SOFTWARE" --journal "$work/t/j/journal.jsonl" 2>&1 >/dev/null | grep -c '^rdscal-step ')
  for n in $(seq 1 "$steps"); do
    trials=$((trials + 1))
    prepare "$work/t" legacy-shapes
    mkdir -p "$work/t/links"; ln -s ../SYSTEM "$work/t/links/SYSTEM"; ln -s ../SOFTWARE "$work/t/links/SOFTWARE"
    out=$(RDSCAL_CRASH_AT=$n "${rdscal[@]}" set-servers lic09.contoso.com --policy --remove-legacy --system "$work/t/links/SYSTEM" --software "$work/t/links/SOFTWARE" --journal "$work/t/j/journal.jsonl" 2>&1); code=$?
    [ "$code" = 137 ] || fail "$name kill at $n" "exit $code: $out"
    [ -L "$work/t/links/SYSTEM" ] && [ -L "$work/t/links/SOFTWARE" ] || fail "$name kill at $n" "a link was replaced"
    ls -A "$work/t/links" | grep -qv '^SYSTEM$\|^SOFTWARE$' && fail "$name kill at $n" "files beside the links: $(ls -A "$work/t/links" | tr '\n' ' ')"
    settle "$name kill at $n" "$work/t" '"lic09.contoso.com"' set-servers lic09.contoso.com --policy --remove-legacy
    [ -L "$work/t/links/SYSTEM" ] || fail "$name kill at $n" "the link was replaced by the next run or undo"
  done
  summary "$name" "kill at each of $steps write steps, settled through the real files" "$t0" "$f0"

  # import killed at every step: the next import settles nothing but leaves no temporary file and a sound hive.
  t0=$trials; f0=$failures; name="import healthy-perdevice/SYSTEM.reg into unconfigured/SYSTEM"
  prepare "$work/t" unconfigured
  steps=$(RDSCAL_TRACE_STEPS=1 "${rdscal[@]}" import "$work/t/SYSTEM" samples/healthy-perdevice/SYSTEM.reg 2>&1 >/dev/null | grep -c '^rdscal-step ')
  for n in $(seq 1 "$steps"); do
    trials=$((trials + 1))
    prepare "$work/t" unconfigured
    out=$(RDSCAL_CRASH_AT=$n "${rdscal[@]}" import "$work/t/SYSTEM" samples/healthy-perdevice/SYSTEM.reg 2>&1); code=$?
    [ "$code" = 137 ] || fail "$name kill at $n" "exit $code: $out"
    "${rdscal[@]}" verify "$work/t/SYSTEM" >/dev/null 2>&1 || fail "$name kill at $n" "the killed import left a hive that fails verify"
    out=$("${rdscal[@]}" import "$work/t/SYSTEM" samples/healthy-perdevice/SYSTEM.reg 2>&1) || fail "$name kill at $n" "next import failed: $out"
    ls -A "$work/t" | grep -q '\.tmp$' && fail "$name kill at $n" "temporary files left: $(ls -A "$work/t" | grep '\.tmp$' | tr '\n' ' ')"
    "${rdscal[@]}" verify "$work/t/SYSTEM" >/dev/null 2>&1 || fail "$name kill at $n" "SYSTEM fails verify after the next import"
  done
  summary "$name" "kill at each of $steps write steps, then import again" "$t0" "$f0"

  # Two gpo set runs at once, ten times: both settings must be in Registry.pol each time.
  t0=$trials; f0=$failures; name="gpo set --mode and gpo set --servers at once"
  for n in $(seq 1 10); do
    trials=$((trials + 1))
    rm -rf "$work/gpo"; mkdir -p "$work/gpo"
    "${rdscal[@]}" gpo set "$work/gpo" --mode per-user >/dev/null 2>"$work/gpo-a.err" & local a=$!
    "${rdscal[@]}" gpo set "$work/gpo" --servers lic1.contoso.com >/dev/null 2>"$work/gpo-b.err" & local b=$!
    wait "$a" || fail "$name #$n" "--mode run failed: $(cat "$work/gpo-a.err")"
    wait "$b" || fail "$name #$n" "--servers run failed: $(cat "$work/gpo-b.err")"
    out=$("${rdscal[@]}" gpo show "$work/gpo" 2>&1)
    grep -q LicensingMode <<<"$out" && grep -q LicenseServers <<<"$out" || fail "$name #$n" "a setting was lost: $out"
    ls -A "$work/gpo" "$work/gpo/Machine" | grep -q '\.tmp$' && fail "$name #$n" "temporary files left"
  done
  summary "$name" "10 pairs of concurrent runs" "$t0" "$f0"

  # EROFS at the lock file's open and ENOSPC at its write: exit 8 at once, the file named, nothing changed.
  t0=$trials; f0=$failures; name="set-mode per-user with the SYSTEM lock file failing"
  local call errno
  for call in openat:EROFS pwrite64:ENOSPC; do
    trials=$((trials + 1))
    begin unconfigured
    prepare "$work/t" unconfigured
    errno=${call#*:}; call=${call%:*}
    out=$(timeout 60 strace -f -qq -o /dev/null -P "$work/t/.SYSTEM.rdscal-lock" -e trace=$call -e inject=$call:error=$errno "${rdscal[@]}" set-mode per-user $(inputs "$work/t") 2>&1); code=$?
    [ "$code" = 8 ] && grep -q "its lock file" <<<"$out" || fail "$name $call=$errno" "exit $code: $out"
    untouched "$name $call=$errno" "$work/t"
  done
  summary "$name" "EROFS and ENOSPC into the lock file" "$t0" "$f0"

  # Standard output closed: the change completes and is journalled, rdscal exits 9 (output lost), never 134.
  t0=$trials; f0=$failures; name="set-mode per-user with standard output closed"
  trials=$((trials + 1))
  begin unconfigured
  prepare "$work/t" unconfigured
  "${rdscal[@]}" set-mode per-user $(inputs "$work/t") >&- 2>/dev/null; code=$?
  [ "$code" = 9 ] || fail "$name" "exit $code"
  grep -q '"status": "applied' <("${rdscal[@]}" history --json --journal "$work/t/j/journal.jsonl" 2>/dev/null) || fail "$name" "the change is not recorded as applied"
  summary "$name" "one run" "$t0" "$f0"
}

commands=(
  "legacy-shapes|\"lic09.contoso.com\"|set-servers lic09.contoso.com --policy --remove-legacy"
  "unconfigured|\"effective\": \"PerUser\"|set-mode per-user"
  "client-store|\"present\": false|client reset"
  "healthy-peruser|\"certificates\": \\[\\]|cert reset"
)
if [ "$quick" = "--edges" ]; then
  import_trials
  gpo_trials
  marker_trials
  edge_trials
  echo "$trials trials, $failures failures in $(( ($(date +%s) - started) / 60 )) min"
  [ "$failures" = 0 ]
  exit
fi
# Every command's kill and error trials first (the quick part), then the edge cases, then the strace sweep.
for c in "${commands[@]}"; do
  IFS='|' read -r scenario expect command <<<"$c"
  # shellcheck disable=SC2086
  step_trials "$scenario" "$expect" $command
done
import_trials
gpo_trials
marker_trials
edge_trials
if [ "$quick" != "--quick" ]; then
  for c in "${commands[@]}"; do
    IFS='|' read -r scenario expect command <<<"$c"
    # shellcheck disable=SC2086
    strace_trials "$scenario" "$expect" $command
  done
fi
echo "$trials trials, $failures failures in $(( ($(date +%s) - started) / 60 )) min"
[ "$failures" = 0 ]
