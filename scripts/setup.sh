#!/usr/bin/env bash
# Installs what CnnPerf needs on Debian/Ubuntu beyond the .NET 10 SDK, once:
#   libgtk-3-0   OpenCV's native library (OpenCvSharp4 runtime) links against it
#   patchelf     the TorchSharp load fix on Debian 12 (see src/CnnPerf.Frameworks.TorchSharp)
#   gcc, linux-libc-dev   compile the perf_event_attr layout check and the test workloads
#   linux-perf   'perf stat', the reference the tests compare 'cnnperf stat' with
#   valgrind     simulated hardware counters on machines without a PMU
#   chromium     the report test renders report.html headless
# As root it installs what is missing; otherwise it prints the one line to run.
set -euo pipefail

packages=(libgtk-3-0 patchelf gcc linux-libc-dev linux-perf valgrind chromium fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: not a Debian-based system; install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages; run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
