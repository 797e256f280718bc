#!/usr/bin/env bash
# Whole-process comparison: set one value in the 12 MB Windows 10 SYSTEM hive (regipy SYSTEM_B, recovered
# and saved clean once first so both tools start from the same clean hive) and save it, rdscal import
# against hivexregedit --merge. Then growth: the same value rewritten 1,000 times.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
zcat ../shared/testdata/real/regipy/SYSTEM_B.gz > "$work/SYSTEM_B"
zcat ../shared/testdata/real/regipy/SYSTEM_B.LOG1.gz > "$work/SYSTEM_B.LOG1"
zcat ../shared/testdata/real/regipy/SYSTEM_B.LOG2.gz > "$work/SYSTEM_B.LOG2"
dotnet publish src/RdsCal.Cli -c Release -o "$work/rdscal" -p:PublishReadyToRun=true -r linux-x64 --self-contained false >/dev/null
rdscal="$work/rdscal/rdscal"
# One import recovers the hive from its logs and saves it clean; both tools then edit that clean hive.
printf 'Windows Registry Editor Version 5.00\r\n' > "$work/empty.reg"
"$rdscal" import "$work/SYSTEM_B" "$work/empty.reg" --prefix 'HKEY_LOCAL_MACHINE\SYSTEM' --no-backup >/dev/null
cp "$work/SYSTEM_B" "$work/base"
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core]\r\n"LicensingMode"=dword:00000004\r\n' > "$work/one.reg"
printf 'Windows Registry Editor Version 5.00\n\n[\\ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core]\n"LicensingMode"=dword:00000004\n' > "$work/one.hivex.reg"
hyperfine --warmup 2 --runs 10 --export-markdown "$work/set.md" \
  --prepare "cp $work/base $work/a" -n "rdscal import (one value, with backup)" "$rdscal import $work/a $work/one.reg --prefix 'HKEY_LOCAL_MACHINE\\SYSTEM' >/dev/null" \
  --prepare "cp $work/base $work/b" -n "rdscal import (one value, --no-backup)" "$rdscal import $work/b $work/one.reg --prefix 'HKEY_LOCAL_MACHINE\\SYSTEM' --no-backup >/dev/null" \
  --prepare "cp $work/base $work/c" -n "hivexregedit --merge (one value)" "hivexregedit --merge $work/c --prefix '' $work/one.hivex.reg" >&2
cat "$work/set.md"
echo
cp "$work/base" "$work/grow"
before=$(stat -c %s "$work/grow")
for i in $(seq 1 1000); do
  printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server\\RCM]\r\n"Blob"=hex:%s\r\n' \
    "$(head -c $((200 + i % 9 * 97)) /dev/urandom | od -An -v -tx1 | tr -s ' \n' ',' | sed 's/^,//;s/,$//')" > "$work/blob.reg"
  "$rdscal" import "$work/grow" "$work/blob.reg" --prefix 'HKEY_LOCAL_MACHINE\SYSTEM' --no-backup >/dev/null
done
after=$(stat -c %s "$work/grow")
echo "growth after 1,000 rewrites of one value: $before -> $after bytes (+$((after - before)))"
"$rdscal" verify "$work/grow" | tail -1
hivexsh -w "$work/grow" </dev/null && echo "hivexsh opens the result"
