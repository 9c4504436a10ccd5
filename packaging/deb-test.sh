#!/usr/bin/env bash
# Builds the Debian package from an already built preset (default: "default"), installs it with
# apt, runs the installed programs from outside the source tree, and removes the package again
# (NAT_KEEP_PACKAGE=1 keeps it installed). Needs root or sudo. Called by test.sh; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"
build="build/$preset"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

echo "== package: cpack in $build"
rm -f "$build"/nat-studio_*.deb
(cd "$build" && cpack -G DEB)
debs=("$build"/nat-studio_*_*.deb)
deb="$(realpath "${debs[0]}")"
dpkg-deb --info "$deb"
dpkg-deb --contents "$deb"

installed() { dpkg-query -W -f='${Status}' nat-studio 2>/dev/null | grep -q "install ok installed"; }
# A re-run would find the same version installed and apt would keep the old files: remove first.
if installed; then $SUDO apt-get remove -y -q nat-studio; fi
# apt reads the .deb as user _apt; a copy in a world-readable folder avoids its sandbox warning.
tmp="$(mktemp -d)"
chmod 755 "$tmp"
install -m 644 "$deb" "$tmp/"
cleanup() {
    if [ "${NAT_KEEP_PACKAGE:-0}" != 1 ] && installed; then $SUDO apt-get remove -y -q nat-studio >/dev/null; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
echo "== package: apt-get install $(basename "$deb")"
$SUDO apt-get install -y -q "$tmp/$(basename "$deb")"

cd "$tmp"  # nothing from the source or build tree from here on
export QT_QPA_PLATFORM=offscreen

echo "== installed: versions"
/usr/bin/nat --version
/usr/bin/nat-studio --version

echo "== installed: no missing libraries"
for exe in /usr/bin/nat /usr/bin/nat-studio; do
    if ldd "$exe" | grep "not found"; then echo "deb-test: $exe misses libraries" >&2; exit 1; fi
done

echo "== installed: desktop files, icons, man pages"
desktop-file-validate /usr/share/applications/nat-studio.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.github.natstudio.NatStudio.metainfo.xml
for f in /usr/share/icons/hicolor/scalable/apps/nat-studio.svg /usr/share/man/man1/nat.1.gz \
         /usr/share/man/man1/nat-studio.1.gz /usr/share/doc/nat-studio/copyright; do
    test -s "$f" || { echo "deb-test: missing $f" >&2; exit 1; }
done
for size in 16 32 48 64 128 256; do
    test -s "/usr/share/icons/hicolor/${size}x${size}/apps/nat-studio.png" || { echo "deb-test: no ${size}px icon" >&2; exit 1; }
done
zcat /usr/share/man/man1/nat.1.gz | groff -man -ww -z

echo "== installed: smoke test (space info, flops, dataset info, GUI start-up)"
/usr/bin/nat space info --preset tiny-mbv3
/usr/bin/nat space sample --preset ofa-mbv3 -n 1 --seed 7 > sample.jsonl
# net.subnet of the sampled architecture (the JSON line's "subnet" object) -> nat flops
/usr/bin/python3 -c 'import json,sys; print(json.dumps(json.loads(open("sample.jsonl").readline())["subnet"]))' > net.subnet
/usr/bin/nat flops net.subnet --classes 10
/usr/bin/nat dataset info fashion-mnist
/usr/bin/nat-studio --screenshot "$tmp/window.png"
test -s "$tmp/window.png"

# --- smoke_search: a one-minute `nat search` from the installed files ------------------------------
# A tiny search on the built-in Fashion-MNIST (1,000 training images, 2 iterations): it must finish,
# and `nat status` / `nat front` must read the run folder it wrote.
smoke_search() {
    local run="$tmp/run"
    timeout 600 /usr/bin/nat search --out "$run" --preset quick --seed 3 \
        --set train_subset=1000 --set validation_size=300 --set bn_calibration_images=100 \
        --set warmup_largest_epochs=1 --set warmup_sampled_epochs=1 --set initial_archive=8 \
        --set iterations=2 --set candidates_per_iteration=3 --set nsga_population=20 \
        --set nsga_generations=5 --set distribution_top=8 --set adapt_epochs=0.5 --set batch_size=64
    /usr/bin/nat status "$run" | grep -q "status     finished"
    /usr/bin/nat front "$run" --csv | head -3
    echo "smoke_search: OK"
}
smoke_search

echo "== package: $(basename "$deb") installed, smoke-tested and removed"
