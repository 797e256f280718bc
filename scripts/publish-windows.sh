#!/usr/bin/env bash
# Builds rdscal.exe for Windows admins on any OS: one self-contained win-x64 file (the .NET runtime inside,
# nothing to install), compressed. Not trimmed: System.Management reaches WMI through built-in COM interop,
# which trimming removes, and the journal's System.Text.Json reflection gives trim warnings (see README).
# Usage: scripts/publish-windows.sh [OUTPUT-DIR]   (default artifacts/win-x64); prints the file and its size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/win-x64}")
# Its own intermediate folders, so a publish never races a Linux build or test run over obj/.
build=$(mktemp -d -t rdscal-publish-XXXXXX)
trap 'rm -rf "$build"' EXIT
dotnet publish src/RdsCal.Cli -c Release -r win-x64 --self-contained true --artifacts-path "$build" -o "$out" \
  -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
  -p:DebugType=none -p:GenerateDocumentationFile=false -nologo -v quiet
files=$(find "$out" -maxdepth 1 -type f | wc -l)
if [ "$files" -ne 1 ]; then
  echo "publish-windows: expected rdscal.exe alone in $out, found $files files" >&2
  exit 1
fi
echo "$out/rdscal.exe $(stat -c %s "$out/rdscal.exe") bytes"
