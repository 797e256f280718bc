#!/bin/sh
# Runs the probe's network tests inside a network namespace of their own (loopback only, no resolver), so nothing
# they do can leave the machine. Needs unprivileged user namespaces (unshare -r). Build the test projects first, in
# the configuration named by CONFIGURATION (Release unless set: CONFIGURATION=Debug for a Debug build).
set -eu
cd "$(dirname "$0")/.."
export CONFIGURATION="${CONFIGURATION:-Release}"
exec unshare -rn sh -c '
  ip link set lo up
  dotnet test tests/RdsCal.Licensing.Tests -c "$CONFIGURATION" --no-build --filter "FullyQualifiedName~RdsCal.Licensing.Tests.Probes"
  dotnet test tests/RdsCal.Cli.Tests -c "$CONFIGURATION" --no-build --filter "FullyQualifiedName~ProbeCommandTests"
  dotnet test tests/RdsCal.PowerShell.Tests -c "$CONFIGURATION" --no-build --filter "FullyQualifiedName~TestRdsCalLicenseServerTests"
'
