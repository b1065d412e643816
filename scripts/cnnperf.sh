#!/usr/bin/env bash
# Sets up the machine, builds the cnnperf tool (Release) and runs it with the given arguments,
# for example: bash scripts/cnnperf.sh study
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bash "$root/scripts/setup.sh"
dotnet build "$root/src/CnnPerf.Cli/CnnPerf.Cli.csproj" -c Release -v quiet -nologo -clp:ErrorsOnly >&2
exec dotnet "$root/src/CnnPerf.Cli/bin/Release/net10.0/cnnperf.dll" "$@"
