#!/bin/bash
# nat-launch — start the ranks of a data-parallel `nat` job on this machine, with the environment
# torchrun would set (RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT).
# Use it where Python's torchrun is not installed; with torchrun, run
#   torchrun --nproc-per-node N --nnodes M --node-rank K --master-addr HOST --master-port PORT \
#       --no-python nat search --distributed ...
#
#   nat-launch.sh [--nproc N] [--nnodes M] [--node-rank K] [--master-addr HOST] [--master-port PORT] \
#       -- nat search --distributed --out RUN ...
#
# Every node runs the same command with its own --node-rank. When one rank fails, the others are
# stopped (they would otherwise fail at their next collective) and the first failure's status is
# returned. Ctrl-C is passed to every rank (the run is saved and resumable).
set -u
nproc=1 nnodes=1 node_rank=0 master_addr=127.0.0.1 master_port=29500
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --nproc) nproc=$2; shift 2 ;;
        --nnodes) nnodes=$2; shift 2 ;;
        --node-rank) node_rank=$2; shift 2 ;;
        --master-addr) master_addr=$2; shift 2 ;;
        --master-port) master_port=$2; shift 2 ;;
        --) shift; break ;;
        -h|--help) usage ;;
        *) echo "nat-launch: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[ $# -gt 0 ] || { echo "nat-launch: no command after --" >&2; exit 2; }
for v in nproc nnodes node_rank master_port; do
    case "${!v}" in ''|*[!0-9]*) echo "nat-launch: --${v//_/-} must be a non-negative integer, got '${!v}'" >&2; exit 2 ;; esac
done
[ "$nproc" -ge 1 ] && [ "$nnodes" -ge 1 ] && [ "$node_rank" -lt "$nnodes" ] ||
    { echo "nat-launch: need --nproc >= 1, --nnodes >= 1 and --node-rank < --nnodes" >&2; exit 2; }

cores=$(nproc 2>/dev/null || echo 1)
threads=$(( cores / nproc )); [ "$threads" -ge 1 ] || threads=1
world=$(( nproc * nnodes ))
pids=()
for (( i = 0; i < nproc; i++ )); do
    RANK=$(( node_rank * nproc + i )) LOCAL_RANK=$i WORLD_SIZE=$world LOCAL_WORLD_SIZE=$nproc \
    MASTER_ADDR=$master_addr MASTER_PORT=$master_port OMP_NUM_THREADS=${OMP_NUM_THREADS:-$threads} \
        "$@" &
    pids+=($!)
done
trap 'kill -INT "${pids[@]}" 2>/dev/null' INT
trap 'kill -TERM "${pids[@]}" 2>/dev/null' TERM

status=0
remaining=${#pids[@]}
while [ "$remaining" -gt 0 ]; do
    wait -n -p done_pid "${pids[@]}" 2>/dev/null
    rc=$?
    [ -n "${done_pid:-}" ] || break
    remaining=$(( remaining - 1 ))
    if [ "$rc" -ne 0 ] && [ "$status" -eq 0 ]; then
        status=$rc
        echo "nat-launch: a rank exited with status $rc; stopping the others" >&2
        sleep 2  # let the others report the failed collective themselves
        kill -TERM "${pids[@]}" 2>/dev/null
    fi
    unset done_pid
done
wait 2>/dev/null
exit "$status"
