#!/usr/bin/env bash
# The GPU checks of issue 11 in one call, for a CUDA machine that has a PyTorch wheel, CMake and ninja
# but no Debian -dev packages. Prepare on the Debian machine: `bash packaging/third-party.sh` (copies
# the header-only dependencies and googletest's sources into .third_party/), carry .third_party along,
# then there:
#
#   bash packaging/gpu-check.sh [OUT]        # OUT: where figures and logs go (default $OUT, ./gpu-out)
#
# Steps (each logged to OUT/summary.txt; a failing step is reported and the next one still runs):
#  1. configure + build core, nat and the tests against the wheel's LibTorch (Release; no Qt, OpenCV,
#     ONNX), googletest from .third_party when the machine has none;
#  2. the GPU tests (`ctest -L gpu`: supernet on CUDA in NCHW, channels-last and bf16, a bf16 training
#     step) and the supernet/trainer/engine tests on that build;
#  3. `nat bench supernet` on CUDA, ofa-mbv3 at 224 px, batch 128, random and largest subnet, with the
#     same network in PyTorch-in-Python: fp32, then bf16 autocast + channels-last;
#  4. one paper-preset NAT iteration on synthetic CIFAR-10-shaped data (noise: timing only), scaled
#     down (GPU_CHECK_SUBSET training images, GPU_CHECK_INIT initial architectures, short warm-up),
#     and a projection of the whole paper search from its measured step and evaluation times.
# Environment: DEVICE (default cuda), PYTHON (default python3), GPU_CHECK_STEPS (bench steps, 10),
# GPU_CHECK_SUBSET (10000), GPU_CHECK_INIT (12), GPU_CHECK_BATCH (bench batch, 128), GPU_CHECK_SET
# (more "--set KEY=VALUE" for the search), JOBS (build jobs, nproc). DEVICE=cpu runs the same
# script on a CPU machine as a rehearsal (keep the sizes small); NAT_BIN=path/to/nat skips the build.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-${OUT:-$root/gpu-out}}"
mkdir -p "$out"
device="${DEVICE:-cuda}"
py="${PYTHON:-python3}"
steps="${GPU_CHECK_STEPS:-10}"
batch="${GPU_CHECK_BATCH:-128}"
subset="${GPU_CHECK_SUBSET:-10000}"
init="${GPU_CHECK_INIT:-12}"
jobs="${JOBS:-$(nproc)}"
build="${GPU_CHECK_BUILD:-$root/build/gpu-check}"
failures=0
log() { echo "[gpu-check $(date -u +%H:%M:%S)] $*" | tee -a "$out/summary.txt"; }
step() {  # step NAME COMMAND...: runs, logs to OUT/NAME.log, reports the exit status
    local name="$1"; shift
    local t0=$SECONDS
    "$@" >"$out/$name.log" 2>&1
    local rc=$?
    log "$name: exit $rc in $((SECONDS - t0)) s"
    if [ $rc -ne 0 ]; then failures=$((failures + 1)); tail -n 25 "$out/$name.log" | sed 's/^/    /' | tee -a "$out/summary.txt"; fi
    return $rc
}

log "device $device; $("$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda,
      torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no CUDA device")' 2>&1)"
prefix="$("$py" -c 'import torch; print(torch.utils.cmake_prefix_path)')" || { log "no PyTorch for $py"; exit 1; }
if [ -n "${NAT_BIN:-}" ]; then  # rehearsal with an existing build: no configure, build or ctest
    nat="$NAT_BIN"
else
    generator=(); command -v ninja >/dev/null && generator=(-G Ninja)
    step configure cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DNAT_BUILD_UI=OFF \
        -DNAT_WITH_OPENCV=OFF -DNAT_WITH_ONNX=OFF -DNAT_THIRD_PARTY_DIR="$root/.third_party" \
        -DCMAKE_PREFIX_PATH="$prefix" || exit 1
    step build cmake --build "$build" -j "$jobs" || exit 1
    nat="$build/app/nat"
    step ctest-gpu ctest --test-dir "$build" -L gpu --output-on-failure
    step ctest-torch ctest --test-dir "$build" -R '^(supernet_test|device_test|engine_test|distributed_test|export_test)$' \
        --output-on-failure -j 2
fi
"$nat" --version | tee -a "$out/summary.txt"

bench=("$nat" bench supernet --device "$device" --preset ofa-mbv3 --batch "$batch" --steps "$steps" --rounds 3
       --python --python-exe "$(command -v "$py")")
step bench-fp32 "${bench[@]}" --channels-last off
[ "$device" != cpu ] && step bench-bf16-cl "${bench[@]}" --channels-last on --bf16
for f in "$out"/bench-*.log; do grep -E '^(ofa|a |b |c |python|median|best)' "$f" | sed "s|^|$(basename "$f" .log): |" >>"$out/summary.txt"; done

# Synthetic CIFAR-10 binary set: 5 × 10,000 training records + 10,000 test records of 1 + 3,072 bytes.
synth="$out/synthetic-cifar10"
"$py" - "$synth" <<'EOF'
import os, sys
d = sys.argv[1]
os.makedirs(d, exist_ok=True)
rng = __import__("random").Random(1)
def write(name, n):
    with open(os.path.join(d, name), "wb") as f:
        for _ in range(n):
            f.write(bytes([rng.randrange(10)]) + os.urandom(3072))
for i in range(1, 6):
    write(f"data_batch_{i}.bin", 10000)
write("test_batch.bin", 10000)
with open(os.path.join(d, "batches.meta.txt"), "w") as f:
    f.write("\n".join(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]) + "\n")
EOF
run="$out/paper-iteration"
rm -rf "$run"
step paper-iteration "$nat" search --dataset "$synth" --preset paper --device "$device" --out "$run" --iterations 1 \
    --set train_subset="$subset" --set initial_archive="$init" --set warmup_largest_epochs=0.2 \
    --set warmup_sampled_epochs=0.2 ${GPU_CHECK_SET:-}
"$py" - "$run" <<'EOF' | tee -a "$out/summary.txt"
# Projection of the whole paper search from the scaled run: step times per phase (curves.jsonl),
# evaluation time per architecture, the iteration's non-training time (iterations.jsonl).
import json, statistics, sys
run = sys.argv[1]
s = json.load(open(f"{run}/settings.json"))["settings"]
# The paper preset's values that the scaled run overrode (core/engine/settings.cpp, "paper").
paper = {"warmup_largest_epochs": 1.0, "warmup_sampled_epochs": 2.0, "initial_archive": 100, "iterations": 30}
curves = [json.loads(l) for l in open(f"{run}/curves.jsonl")]
iters = [json.loads(l) for l in open(f"{run}/iterations.jsonl")]
def step_time(phase):
    t = [c["t"] for c in curves if c["phase"] == phase]
    d = [b - a for a, b in zip(t, t[1:]) if b > a]
    return statistics.median(d) if d else float("nan"), t
full_train = 50000 - s["validation_size"]
spe = full_train / s["batch_size"]
wl, twl = step_time("warmup-largest")
ws, tws = step_time("warmup-sampled")
ad, tad = step_time("adapt")
warmup_end = max(twl + tws)
evals = (min(tad) - warmup_end) / s["initial_archive"] if tad else float("nan")  # initial archive + first NSGA
it_seconds = iters[-1]["seconds"]
adapt_measured = (max(tad) - min(tad)) if tad else 0.0
adapt_full = s["adapt_epochs"] * spe * ad
warmup_full = paper["warmup_largest_epochs"] * spe * wl + paper["warmup_sampled_epochs"] * spe * ws
iteration_full = adapt_full + max(0.0, it_seconds - adapt_measured)
total = warmup_full + paper["initial_archive"] * evals + paper["iterations"] * iteration_full
print(f"paper iteration (scaled: {s['train_subset']} training images, {s['initial_archive']} initial): "
      f"step s: warm-up largest {wl:.3f}, sampled {ws:.3f}, adapt ({s['subnets_per_step']} subnets) {ad:.3f}; "
      f"evaluation ~{evals:.1f} s/architecture; iteration {it_seconds:.0f} s measured")
print(f"projected on full CIFAR-10 ({full_train} training images, batch {s['batch_size']}): warm-up {warmup_full/60:.1f} min, "
      f"initial archive {paper['initial_archive']*evals/60:.1f} min, one iteration {iteration_full/60:.1f} min "
      f"(adaptation {adapt_full/60:.1f}), {paper['iterations']} iterations: total {total/3600:.2f} h")
EOF

log "done: $failures failing step(s); figures in $out/summary.txt"
exit $((failures > 0))
