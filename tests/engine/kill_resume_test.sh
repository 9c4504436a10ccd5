#!/usr/bin/env bash
# Kill test (issue 12): SIGKILLs a tiny `nat search` at random moments (set-up, warm-up, initial
# archive, iterations: the phase of each kill is printed), resumes it each time, lets one resume fail
# on a full disk (injected), and checks the finished run: `nat check` (every journal line parses, no
# architecture measured twice, every checkpoint passes its CRC-32 and loads, state matches the
# checkpoint) and the archive and front equal those of an uninterrupted run with the same seed.
# With NAT_STUDIO it also kills the GUI during a search (offscreen) and finishes that run with `nat resume`.
#
# Usage: kill_resume_test.sh NAT [KILLS] [GUI_KILLS NAT_STUDIO]; NAT_KILL_ITERATIONS=N (default 2)
#   CI: 6 kills and 2 GUI kills; the full version: kill_resume_test.sh build/default/app/nat/nat 30
set -euo pipefail
nat="$1"
kills_wanted="${2:-6}"
gui_kills="${3:-0}"
studio="${4:-}"
iterations="${NAT_KILL_ITERATIONS:-2}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/nat-kill-test-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
seed=7
RANDOM=$((seed * 1000 + kills_wanted))  # reproducible kill moments
settings=(--set train_subset=600 --set validation_size=200 --set bn_calibration_images=64
          --set warmup_largest_epochs=1 --set warmup_sampled_epochs=1 --set initial_archive=6
          --set iterations="$iterations" --set candidates_per_iteration=2 --set nsga_population=16
          --set nsga_generations=3 --set distribution_top=6 --set adapt_epochs=0.5 --set batch_size=50
          --set subnets_per_step=1 --set threads=2)

now_ms() { date +%s%3N; }
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
phase_of() { "$nat" status "$1" 2>/dev/null | sed -n 's/^status *//p' || true; }
finished() { "$nat" status "$1" 2>/dev/null | grep -q "^status *finished"; }
# Changes whenever the run saves progress: a checkpoint (state.json) or a measured architecture (journal).
progress_mark() { echo "$(cksum <"$1/state.json" 2>/dev/null) $(stat -c %s "$1/journal.jsonl" 2>/dev/null)"; }

# Compares two runs: the same architectures (encoding, iteration, validation error after every
# re-evaluation) and the same front.
same_result() {
    local a="$1" b="$2"
    "$nat" front "$a" --csv >"$tmp/front-a.csv"
    "$nat" front "$b" --csv >"$tmp/front-b.csv"
    if ! diff "$tmp/front-a.csv" "$tmp/front-b.csv" >/dev/null; then
        echo "FAIL: the front differs from the uninterrupted run"; diff "$tmp/front-a.csv" "$tmp/front-b.csv" | head -20; return 1
    fi
    "$nat" status "$a" | grep '^archive' >"$tmp/arch-a"
    "$nat" status "$b" | grep '^archive' >"$tmp/arch-b"
    diff "$tmp/arch-a" "$tmp/arch-b" >/dev/null || { echo "FAIL: archive sizes differ: $(cat "$tmp/arch-a") vs $(cat "$tmp/arch-b")"; return 1; }
}

# ---- the uninterrupted reference
t0=$(now_ms)
"$nat" search --out "$tmp/ref" --seed "$seed" "${settings[@]}" >"$tmp/ref.log" 2>&1 || { cat "$tmp/ref.log"; exit 1; }
ref_ms=$(( $(now_ms) - t0 ))
echo "uninterrupted run: $((ref_ms / 1000)) s, $("$nat" status "$tmp/ref" | grep '^archive')"

# Kill moments: uniform in [0.2 s, max_ms]; max_ms spreads the kills over the whole run (each start
# repeats a second or two of set-up, so the later phases are reached too).
max_ms=$(( ref_ms * 2 / (kills_wanted + 1) + 1500 ))
[ "$max_ms" -lt 2500 ] && max_ms=2500

kill_loop() {  # kill_loop RUN WANTED START_COMMAND... ; sets $killed
    local run="$1" wanted="$2"; shift 2
    killed=0
    local attempt=0
    while [ "$killed" -lt "$wanted" ] && ! finished "$run"; do
        attempt=$((attempt + 1))
        if [ "$attempt" -gt $((wanted * 4)) ]; then echo "FAIL: no progress after $attempt starts"; return 1; fi
        if [ ! -f "$run/settings.json" ]; then "$@" >"$tmp/last.log" 2>&1 &
        else "$nat" resume "$run" >"$tmp/last.log" 2>&1 &
        fi
        local pid=$! delay=$((200 + (RANDOM * 32768 + RANDOM) % (max_ms - 200)))
        local t_start
        t_start=$(now_ms)
        if [ $((attempt % 2)) -eq 0 ] && [ -f "$run/settings.json" ]; then
            # Every other start: wait until the run has moved on (a phase, an evaluation, an
            # iteration saved), then kill soon after, so that a slow machine, where every start
            # repeats seconds of set-up, still sees kills in every phase, not only the first.
            local before
            before=$(progress_mark "$run")
            while kill -0 "$pid" 2>/dev/null && [ "$(progress_mark "$run")" = "$before" ]; do
                sleep 0.2
            done
            delay=$((RANDOM % 1500))
        fi
        sleep_ms "$delay"
        if kill -9 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null || true
            killed=$((killed + 1))
            echo "kill $killed after $(( ($(now_ms) - t_start) / 100 ))/10 s: $(phase_of "$run" || echo 'no run folder yet'), $(grep -c '"type":"arch"' "$run/journal.jsonl" 2>/dev/null || echo 0) architectures measured"
        else
            wait "$pid" || { echo "FAIL: a run exited with an error:"; cat "$tmp/last.log"; return 1; }
        fi
    done
}

# ---- the CLI: kills, one full disk, resume to the end
run="$tmp/run"
kill_loop "$run" "$kills_wanted" "$nat" search --out "$run" --seed "$seed" "${settings[@]}"
cli_kills=$killed
if [ ! -f "$run/settings.json" ]; then "$nat" search --out "$run" --seed "$seed" "${settings[@]}" >/dev/null 2>&1; fi
if ! finished "$run"; then
    # The disk is full at the next checkpoint: one clear line, exit status 1, files intact.
    set +e
    NAT_FAULT_INJECT="enospc@0:supernet-w0" "$nat" resume "$run" >"$tmp/full.out" 2>"$tmp/full.err"
    rc=$?
    set -e
    if ! finished "$run"; then
        [ "$rc" -eq 1 ] || { echo "FAIL: disk full gave exit status $rc"; cat "$tmp/full.err"; exit 1; }
        line=$(grep '^nat: error:' "$tmp/full.err")
        echo "disk full: $line"
        echo "$line" | grep -q "no space left on device while writing '$run/supernet-w0.natsn'; the run is saved" ||
            { echo "FAIL: unclear disk-full message"; exit 1; }
        "$nat" check "$run" >/dev/null || { "$nat" check "$run"; echo "FAIL: run damaged by the full disk"; exit 1; }
    fi
    finished "$run" || "$nat" resume "$run" >"$tmp/last.log" 2>&1 || { cat "$tmp/last.log"; exit 1; }
fi
"$nat" check "$run"
finished "$run" || { echo "FAIL: not finished"; exit 1; }
same_result "$run" "$tmp/ref"
echo "CLI kill/resume: $cli_kills kills, result identical to the uninterrupted run: OK"

# ---- the GUI: killed during its search, the run finished by `nat resume`
if [ -n "$studio" ]; then
    export QT_QPA_PLATFORM=offscreen
    gui="$tmp/gui-run"
    cp "$tmp/ref/settings.json" "$tmp/settings.json"
    # Each GUI start is killed; resumes go through the GUI too (--run DIR --resume).
    killed=0
    for k in $(seq 1 "$gui_kills"); do
        if [ ! -f "$gui/settings.json" ]; then "$studio" --start-search "$tmp/settings.json" --out "$gui" >"$tmp/gui.log" 2>&1 &
        else "$studio" --run "$gui" --resume >"$tmp/gui.log" 2>&1 &
        fi
        pid=$!
        delay=$((2500 + RANDOM % (max_ms + 2000)))
        sleep_ms "$delay"
        kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
        wait "$pid" 2>/dev/null || true
        echo "GUI kill $k after $((delay / 100))/10 s: $(phase_of "$gui" || echo 'no run folder yet')"
    done
    [ -f "$gui/settings.json" ] || { echo "FAIL: the GUI never started its search"; cat "$tmp/gui.log"; exit 1; }
    finished "$gui" || "$nat" resume "$gui" >"$tmp/last.log" 2>&1 || { cat "$tmp/last.log"; exit 1; }
    "$nat" check "$gui" >/dev/null || { "$nat" check "$gui"; exit 1; }
    same_result "$gui" "$tmp/ref"
    echo "GUI kill/resume: $killed kills, finished by nat resume, result identical to the uninterrupted run: OK"
fi
