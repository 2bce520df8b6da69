#!/usr/bin/env bash
# bench/report.sh: time `casualty report` on the embedded data beside the
# analyst stack's pipeline (peer_report.py: pandas, matplotlib, xlsxwriter)
# on the same figures, side by side in one run, and print the ratio. The
# project's target is a ratio of at most 1/6 (0.167), with no process
# tuning in the library (issue 17).
#
# usage: bench/report.sh [PEER_DIR] [RUNS]
#   PEER_DIR  folder holding peer_report.py (default: ../shared/bench from
#             the repository, or ../../shared/bench from a worktree under
#             /work/wt)
#   RUNS      timed runs of each, alternating, after one warm-up (default: 5)
#
# The peer needs Debian's python3-pandas, python3-matplotlib and
# python3-xlsxwriter (apt-get install them); without them this script says
# so and times casualty alone.
set -euo pipefail
cd "$(dirname "$0")/.."
peer_dir=${1:-}
if [ -z "$peer_dir" ]; then
  peer_dir=../shared/bench
  [ -f "$peer_dir/peer_report.py" ] || [ ! -f ../../shared/bench/peer_report.py ] || peer_dir=../../shared/bench
fi
runs=${2:-5}
py=/usr/bin/python3   # Debian's python: a pyenv shim does not see Debian's packages

work=$(mktemp -d "${TMPDIR:-/tmp}/casualty-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

go build -o "$work/casualty" ./cmd/casualty

peer=""
if [ ! -f "$peer_dir/peer_report.py" ]; then
  echo "peer: $peer_dir/peer_report.py not found (pass the folder as the first argument); timing casualty alone" >&2
elif ! "$py" -c 'import pandas, matplotlib, xlsxwriter' 2>/dev/null; then
  echo "peer: missing Python packages; apt-get install -y python3-pandas python3-matplotlib python3-xlsxwriter; timing casualty alone" >&2
else
  peer="$peer_dir/peer_report.py"
  # The same figures for both: the embedded data's current estimates, in
  # the four columns the peer reads (month,area,metric,value).
  "$work/casualty" data --format csv | "$py" -c '
import csv, sys
r = csv.reader(sys.stdin); w = csv.writer(sys.stdout, lineterminator="\n")
for row in r: w.writerow(row[:4])' > "$work/hrmmu4.csv"
fi

# measure CMD...: run CMD quietly and print its wall time and its CPU time
# (user + system, children included) in seconds. On a busy machine the
# CPU time is the steadier of the two.
measure() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.4f %.4f\n", a[1], a[2] + a[3] }'
}

run_ours() { "$work/casualty" report --out "$work/ours-$1"; }
run_peer() { "$py" "$peer" "$work/hrmmu4.csv" "$work/peer-$1"; }

load0=$(cut -d' ' -f1-3 /proc/loadavg)
# One untimed warm-up each (page cache, Python bytecode), then alternate.
run_ours warm >/dev/null 2>&1
[ -n "$peer" ] && run_peer warm >/dev/null 2>&1
ours_wall=() ours_cpu=() peer_wall=() peer_cpu=()
for i in $(seq "$runs"); do
  read -r w c < <(measure run_ours "$i"); ours_wall+=("$w"); ours_cpu+=("$c")
  if [ -n "$peer" ]; then
    read -r w c < <(measure run_peer "$i"); peer_wall+=("$w"); peer_cpu+=("$c")
  fi
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "load average before: $load0"
printf 'casualty report (embedded data, all formats, %s files): wall median %.3f s, CPU median %.3f s over %d runs\n' \
  "$(cd "$work/ours-1" && find . -type f | wc -l)" "$(median "${ours_wall[@]}")" "$(median "${ours_cpu[@]}")" "$runs"
if [ -n "$peer" ]; then
  printf 'peer_report.py (pandas, same figures):                  wall median %.3f s, CPU median %.3f s over %d runs\n' \
    "$(median "${peer_wall[@]}")" "$(median "${peer_cpu[@]}")" "$runs"
  printf 'ratio casualty/peer: wall %s, CPU %s (target: at most 0.167, 1/6)\n' \
    "$(ratio "$(median "${ours_wall[@]}")" "$(median "${peer_wall[@]}")")" \
    "$(ratio "$(median "${ours_cpu[@]}")" "$(median "${peer_cpu[@]}")")"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
