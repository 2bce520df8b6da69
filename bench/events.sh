#!/usr/bin/env bash
# bench/events.sh: time `casualty aggregate` on an event-level export beside
# the pandas aggregation of the same file (agg_only.py, expert and tuned
# modes), side by side in one run, under /usr/bin/time -v (wall clock and
# maximum resident memory), and print the ratios. It also checks that both
# find the same killed and injured totals. The project's target: at least
# 8x faster than pandas' expert mode, under 64 MiB. CPU time (user +
# system) is printed too: on a loaded machine it moves less than wall time.
#
# usage: bench/events.sh [EVENTS.csv] [RUNS] [PEER_DIR]
#   EVENTS.csv  default /tmp/benchdata/events_5M.csv (made with PEER_DIR/gen_data.py
#               when missing; generated data never goes in the repository)
#   RUNS        timed runs of each, alternating, after one warm-up (default 5)
#   PEER_DIR    folder holding agg_only.py and gen_data.py (default ../shared/bench)
#
# pandas comes from Debian (apt-get install -y python3-pandas); without it
# the script says so and times casualty alone. The Go benchmark of the
# parser alone is `go test -bench Aggregate ./data/events` (set
# CASUALTY_EVENTS_FILE to run it on a file).
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-/tmp/benchdata/events_5M.csv}
runs=${2:-5}
peer_dir=${3:-../shared/bench}
py=/usr/bin/python3 # Debian's python: a pyenv shim does not see Debian's packages

if [ ! -x /usr/bin/time ]; then
  echo "events.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 1
fi
if [ ! -f "$events" ]; then
  if [ ! -f "$peer_dir/gen_data.py" ]; then
    echo "events.sh: $events does not exist and $peer_dir/gen_data.py is not there to make it" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$events")"
  rows=$(basename "$events" .csv)
  rows=${rows#events_}
  echo "making $events ($rows rows) with gen_data.py" >&2
  "$py" "$peer_dir/gen_data.py" events "$rows" "$events"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/casualty-events.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/casualty" ./cmd/casualty

have_pandas=""
if [ ! -f "$peer_dir/agg_only.py" ]; then
  echo "peer: $peer_dir/agg_only.py not found (pass the folder as the third argument); timing casualty alone" >&2
elif ! "$py" -c 'import pandas' 2>/dev/null; then
  echo "peer: pandas missing; apt-get install -y python3-pandas; timing casualty alone" >&2
else
  have_pandas=1
fi

# timed NAME CMD...: run CMD under /usr/bin/time -v; append "wall_s rss_kib
# cpu_s" (cpu: user + system) to $work/NAME.times; keep its stdout in
# $work/NAME.out.
timed() {
  local name=$1
  shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "events.sh: $name failed:" >&2
    cat "$work/$name.err" "$work/time.txt" >&2
    exit 1
  }
  awk -F': ' '
    /Elapsed \(wall clock\) time/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
    /Maximum resident set size/ { rss = $2 }
    /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
    END { printf "%.3f %d %.3f\n", wall, rss, cpu }' "$work/time.txt" >>"$work/$name.times"
}

ours() { timed ours "$work/casualty" aggregate --out "$work/monthly.csv" "$events"; }
ours1() { timed ours1 "$work/casualty" aggregate --workers 1 --out "$work/monthly1.csv" "$events"; }
expert() { timed expert "$py" "$peer_dir/agg_only.py" "$events" --mode expert; }
tuned() { timed tuned "$py" "$peer_dir/agg_only.py" "$events" --mode tuned; }

cases=(ours ours1)
[ -n "$have_pandas" ] && cases+=(expert tuned)
for c in "${cases[@]}"; do # one untimed warm-up each: page cache, bytecode
  "$c"
  rm -f "$work/$c.times"
done
for _ in $(seq "$runs"); do
  for c in "${cases[@]}"; do "$c"; done
done

median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
wall() { cut -d' ' -f1 "$work/$1.times" | median; }
rss() { cut -d' ' -f2 "$work/$1.times" | median; }
cpu() { cut -d' ' -f3 "$work/$1.times" | median; }
all() { cut -d' ' -f1 "$work/$1.times" | tr '\n' ' '; }

size=$(stat -c %s "$events")
printf 'file: %s, %d bytes; %d runs each, alternating; %s; %d CPUs\n' "$events" "$size" "$runs" "$(go version | cut -d' ' -f3)" "$(nproc)"
printf '%-36s %9s %8s %12s   %s\n' case "wall s" "CPU s" "max RSS MiB" "runs (wall s)"
label() {
  case $1 in
  ours) echo "casualty aggregate" ;;
  ours1) echo "casualty aggregate --workers 1" ;;
  expert) echo "pandas agg_only.py --mode expert" ;;
  tuned) echo "pandas agg_only.py --mode tuned" ;;
  esac
}
for c in "${cases[@]}"; do
  printf '%-36s %9.3f %8.3f %12.1f   %s\n' "$(label "$c")" "$(wall "$c")" "$(cpu "$c")" "$(awk -v k="$(rss "$c")" 'BEGIN { print k / 1024 }')" "$(all "$c")"
done

# The same totals, or the speed means nothing.
read -r k_ours i_ours < <(awk -F, 'NR > 1 && $3 == "killed" { k += $4 } NR > 1 && $3 == "injured" { i += $4 } END { print k + 0, i + 0 }' "$work/monthly.csv")
echo "casualty totals: killed=$k_ours injured=$i_ours"
cmp -s "$work/monthly.csv" "$work/monthly1.csv" || {
  echo "events.sh: one worker and several gave different output" >&2
  exit 1
}
if [ -n "$have_pandas" ]; then
  line=$(cat "$work/expert.out")
  echo "pandas:          $line"
  case $line in
  *"killed=$k_ours injured=$i_ours"*) echo "totals agree" ;;
  *)
    echo "events.sh: TOTALS DIFFER" >&2
    exit 1
    ;;
  esac
  awk -v o="$(wall ours)" -v e="$(wall expert)" -v t="$(wall tuned)" -v r="$(rss ours)" -v oc="$(cpu ours)" -v ec="$(cpu expert)" -v o1="$(wall ours1)" 'BEGIN {
    printf "speed-up over pandas expert: %.1fx wall (target: at least 8x), %.1fx CPU time\n", e / o, ec / oc
    printf "speed-up over pandas tuned:  %.1fx wall\n", t / o
    printf "speed-up of one worker over pandas expert: %.1fx wall\n", e / o1
    printf "casualty max RSS: %.1f MiB (target: under 64 MiB)\n", r / 1024 }'
fi
