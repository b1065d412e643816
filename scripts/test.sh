#!/usr/bin/env bash
# Sets up the machine, builds and runs every test project, and ends with one line:
# "N passed, N failed, N skipped" summed over all test projects (skipped tests are listed with their reason).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Test assemblies run in parallel; tests of category Exclusive compare CPU time with wall time and need the
# machine to themselves, so they run afterwards, alone.
dotnet test CnnPerf.slnx -c Release --filter "TestCategory!=Exclusive" \
  --logger trx --results-directory "$results" --logger "console;verbosity=minimal"
test_exit=$?
dotnet test tests/CnnPerf.Cli.Tests -c Release --no-build --filter "TestCategory=Exclusive" \
  --logger trx --results-directory "$results" --logger "console;verbosity=minimal"
exclusive_exit=$?
[ $test_exit -eq 0 ] && test_exit=$exclusive_exit

dotnet run scripts/test-summary.cs -- "$results"
summary_exit=$?

if [ $test_exit -ne 0 ] && [ $summary_exit -eq 0 ]; then
  echo "dotnet test exited with $test_exit without a failed test (build error or test host crash): see above" >&2
  exit 1
fi
exit $summary_exit
