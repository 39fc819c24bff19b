#!/bin/sh
# Installs the Debian packages dyad needs to build, test and benchmark, if any
# are missing.  Run by `make demo`, `make check` and .ci/run.  Needs root (or
# sudo) only when something is missing.
set -eu
PKGS="build-essential clang pkg-config libjansson-dev libutf8proc-dev libgumbo-dev libzstd-dev zstd zlib1g-dev
iso-codes wordnet-base python3 gzip util-linux bc time libopenmpi-dev openmpi-bin"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"
else
    echo "install-deps: not root and no sudo. As root, run:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
