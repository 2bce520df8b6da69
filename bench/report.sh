#!/usr/bin/env bash
# bench/report.sh: time `casualty report` on the embedded data beside the
# analyst stack's pipeline (peer_report.py: pandas, matplotlib, xlsxwriter)
# on the same figures, side by side in one run, and print the ratio. The
# project's target is a ratio under 0.10.
#
# usage: bench/report.sh [PEER_DIR] [RUNS]
#   PEER_DIR  folder holding peer_report.py (default: ../shared/bench)
#   RUNS      timed runs of each, alternating, after one warm-up (default: 5)
#
# The peer needs Debian's python3-pandas, python3-matplotlib and
# python3-xlsxwriter (apt-get install them); without them this script says
# so and times casualty alone.
set -euo pipefail
cd "$(dirname "$0")/.."
peer_dir=${1:-../shared/bench}
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

now() { date +%s.%N; }
# elapsed CMD...: run CMD quietly and print its wall time in seconds.
elapsed() {
  local t0 t1
  t0=$(now)
  "$@" >/dev/null 2>&1
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}

run_ours() { "$work/casualty" report --out "$work/ours-$1"; }
run_peer() { "$py" "$peer" "$work/hrmmu4.csv" "$work/peer-$1"; }

# One untimed warm-up each (page cache, Python bytecode), then alternate.
run_ours warm >/dev/null 2>&1
[ -n "$peer" ] && run_peer warm >/dev/null 2>&1
ours=() theirs=()
for i in $(seq "$runs"); do
  ours+=("$(elapsed run_ours "$i")")
  [ -n "$peer" ] && theirs+=("$(elapsed run_peer "$i")")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
m_ours=$(median "${ours[@]}")
printf 'casualty report (embedded data, all formats): median %.3f s over %d runs (%s)\n' "$m_ours" "$runs" "$(printf '%.3f ' "${ours[@]}")"
printf 'files: %s\n' "$(cd "$work/ours-1" && find . -type f | wc -l)"
if [ -n "$peer" ]; then
  m_peer=$(median "${theirs[@]}")
  printf 'peer_report.py (pandas, same figures):        median %.3f s over %d runs (%s)\n' "$m_peer" "$runs" "$(printf '%.3f ' "${theirs[@]}")"
  printf 'ratio casualty/peer: %.3f (target: under 0.10)\n' "$(awk -v a="$m_ours" -v b="$m_peer" 'BEGIN { print a / b }')"
fi
