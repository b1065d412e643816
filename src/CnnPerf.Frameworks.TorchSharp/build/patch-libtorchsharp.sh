#!/bin/sh
# Makes a copy of libLibTorchSharp.so loadable where the system libstdc++ predates GCC 13 (Debian 12).
#
# The library asks for GLIBCXX_3.4.32 for one symbol only, _ZSt21ios_base_library_initv. The copy gets that
# symbol's version cleared and the requirement marked weak (so the loader accepts an older libstdc++), and
# loads a shim library, placed next to it, that defines the symbol.
#
# usage: patch-libtorchsharp.sh SOURCE_LIBRARY STAGING_DIRECTORY
#
# SOURCE_LIBRARY is only read (it lives in the NuGet cache). When the patch is needed, STAGING_DIRECTORY
# receives the patched copy of the library and the shim library it loads from its own folder ($ORIGIN);
# the build copies both to the output folder. The last line printed is the outcome:
#   not-needed  the system libstdc++ has GLIBCXX_3.4.32, or the library does not ask for it
#   patched     the staging directory holds an up-to-date patched copy (reused when still current)
# Exit code 3: the patch is needed but patchelf or gcc is missing.
set -eu

source_library=$1
staging=$2
symbol=_ZSt21ios_base_library_initv
shim=libcnnperf_glibcxx_shim.so
patched="$staging/libLibTorchSharp.so"

system_libstdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 / { print $NF; exit }')
if [ -n "$system_libstdcxx" ] && grep -q 'GLIBCXX_3\.4\.32' "$system_libstdcxx"; then
    echo not-needed
    exit 0
fi
if ! grep -q 'GLIBCXX_3\.4\.32' "$source_library"; then
    echo not-needed
    exit 0
fi

# A patched copy newer than the source and this script is current: nothing to do (fast rebuilds).
script_dir=$(dirname "$0")
if [ -f "$patched" ] && [ -f "$staging/$shim" ] \
    && [ "$patched" -nt "$source_library" ] && [ "$patched" -nt "$0" ] && [ "$staging/$shim" -nt "$script_dir/glibcxx-shim.c" ] \
    && [ "$patched" -nt "$script_dir/weaken-version-need.c" ]; then
    echo patched
    exit 0
fi

for tool in patchelf gcc; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "missing $tool"
        exit 3
    fi
done

mkdir -p "$staging"
gcc -shared -fPIC -O2 -o "$staging/$shim.tmp" "$script_dir/glibcxx-shim.c"
mv -f "$staging/$shim.tmp" "$staging/$shim"
gcc -O2 -o "$staging/weaken-version-need" "$script_dir/weaken-version-need.c"

# Patch a fresh private copy, then rename it into place: the source file (and any hard link to it) is never written.
cp "$source_library" "$patched.tmp"
chmod u+w "$patched.tmp"
patchelf --clear-symbol-version "$symbol" "$patched.tmp"
patchelf --add-needed "$shim" "$patched.tmp"
"$staging/weaken-version-need" "$patched.tmp" GLIBCXX_3.4.32
mv -f "$patched.tmp" "$patched"
echo patched
