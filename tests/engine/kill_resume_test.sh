#!/usr/bin/env bash
# Kills `nat search` with SIGKILL at several moments (preparing, warm-up, archive, iterations),
# resumes each time, and checks that the run finishes with a sound journal and front.
# Usage: kill_resume_test.sh NAT_EXECUTABLE
set -euo pipefail
nat="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
run="$tmp/run"
settings=(--set train_subset=600 --set validation_size=200 --set bn_calibration_images=64
          --set warmup_largest_epochs=1 --set warmup_sampled_epochs=1 --set initial_archive=6
          --set iterations=2 --set candidates_per_iteration=2 --set nsga_population=16
          --set nsga_generations=3 --set distribution_top=6 --set adapt_epochs=0.5 --set batch_size=50
          --set subnets_per_step=1)

kills=0
for delay in 2 6 12 20 30; do
    if [ ! -f "$run/settings.json" ]; then
        "$nat" search --out "$run" --seed 7 "${settings[@]}" >/dev/null 2>&1 &
    else
        "$nat" resume "$run" >/dev/null 2>&1 &
    fi
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then
        kills=$((kills + 1))
        wait "$pid" 2>/dev/null || true
        echo "killed after ${delay}s: $("$nat" status "$run" 2>/dev/null | sed -n 2p || echo 'no run folder yet')"
    else
        wait "$pid" || true
        echo "finished before the kill at ${delay}s"
    fi
done

if [ ! -f "$run/settings.json" ]; then
    "$nat" search --out "$run" --seed 7 "${settings[@]}" >/dev/null 2>&1
elif ! "$nat" status "$run" | grep -q "status     finished"; then
    "$nat" resume "$run" >/dev/null 2>&1
fi
"$nat" status "$run"
"$nat" status "$run" | grep -q "status     finished"
# Every journal line parses and the archive holds the initial 6 plus 2 per iteration at least.
front=$("$nat" front "$run" --csv | tail -n +2 | wc -l)
[ "$front" -ge 1 ] || { echo "empty front"; exit 1; }
archive=$(grep -c '"type":"arch"' "$run/journal.jsonl")
[ "$archive" -ge 10 ] || { echo "archive has only $archive architectures"; exit 1; }
echo "kill/resume: $kills kills, archive $archive, front $front: OK"
