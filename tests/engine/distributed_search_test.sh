#!/usr/bin/env bash
# A whole `nat search --distributed` with two ranks on this machine (Gloo over loopback, launched by
# packaging/nat-launch.sh as torchrun would): the run finishes, rank 0 alone wrote the folder, and
# bad distributed starts fail with one clear line.
# Usage: distributed_search_test.sh NAT_EXECUTABLE NAT_LAUNCH_SCRIPT
set -euo pipefail
nat="$1"
launch="$2"
tmp="$(mktemp -d /tmp/nat-dist-search-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
run="$tmp/run"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
settings=(--set train_subset=600 --set validation_size=200 --set bn_calibration_images=64
          --set warmup_largest_epochs=1 --set warmup_sampled_epochs=1 --set initial_archive=6
          --set iterations=1 --set candidates_per_iteration=3 --set nsga_population=16
          --set nsga_generations=3 --set distribution_top=6 --set adapt_epochs=0.5 --set batch_size=50
          --set subnets_per_step=1)

export OMP_NUM_THREADS=1 NAT_DIST_TIMEOUT_S=120
"$launch" --nproc 2 --master-port "$port" -- "$nat" search --distributed --out "$run" --seed 7 "${settings[@]}" \
    >"$tmp/out.txt" 2>"$tmp/err.txt" || { cat "$tmp/err.txt"; exit 1; }
grep -q "distributed: rank 0 of 2 (gloo)" "$tmp/err.txt" || { echo "rank 0 did not report the group"; cat "$tmp/err.txt"; exit 1; }
if grep -q "rank 1 of 2" "$tmp/err.txt"; then echo "rank 1 printed progress"; exit 1; fi
[ "$(grep -c "search finished" "$tmp/out.txt")" -eq 1 ] || { echo "expected one final line (rank 0)"; cat "$tmp/out.txt"; exit 1; }
"$nat" status "$run" | grep -q "status     finished"
archive=$(grep -c '"type":"arch"' "$run/journal.jsonl")
[ "$archive" -eq 9 ] || { echo "archive has $archive architectures, expected 6 + 3"; exit 1; }
ids=$(grep '"type":"arch"' "$run/journal.jsonl" | grep -o '"id":[0-9]*' | sort -u | wc -l)
[ "$ids" -eq 9 ] || { echo "journal ids repeat: rank 1 must not write"; exit 1; }
points=$(wc -l <"$run/curves.jsonl")
steps=$(grep -o '"step":[0-9]*' "$run/curves.jsonl" | sort -u | wc -l)
[ "$points" -ge 1 ] && [ "$points" -eq "$steps" ] || { echo "curves: $points points for $steps steps (one writer expected)"; exit 1; }

# Resuming a finished run: both ranks stop with the same clear error.
set +e
"$launch" --nproc 2 --master-port "$port" -- "$nat" resume --distributed "$run" >/dev/null 2>"$tmp/err2.txt"
rc=$?
set -e
[ "$rc" -ne 0 ] || { echo "resume of a finished run succeeded"; exit 1; }
grep -q "is already finished" "$tmp/err2.txt" || { cat "$tmp/err2.txt"; exit 1; }

# Without the launcher's environment: one line naming the missing variable, exit status 2.
set +e
env -u WORLD_SIZE -u RANK "$nat" search --distributed --out "$tmp/run2" 2>"$tmp/err3.txt"
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "exit status $rc, expected 2"; cat "$tmp/err3.txt"; exit 1; }
grep -q "WORLD_SIZE is not set" "$tmp/err3.txt" || { cat "$tmp/err3.txt"; exit 1; }
[ ! -e "$tmp/run2" ] || { echo "a failed start created the run folder"; exit 1; }
echo "distributed search: 2 ranks, archive $archive: OK"
