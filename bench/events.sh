#!/usr/bin/env bash
# bench/events.sh: time `casualty aggregate` on an event-level export beside
# its peers, side by side in one run, and print the ratios the project's
# targets are stated in (issue 18):
#
#   floor      reading the file from the page cache and counting newlines
#              (a 1 MiB read buffer and bytes.Count, built from a few lines
#              of Go below): what no parser can beat
#   casualty   `casualty aggregate` with one worker and with its default
#              (one per CPU)
#   DuckDB     ../shared/bench/duckdb/agg.mjs (DuckDB from npm, 2 threads,
#              the whole Node process timed), when node and npm are here
#   pandas     agg_only.py --mode expert, when Debian's python3-pandas is here
#
# Every case runs once untimed (page cache, npm's files), then RUNS rounds
# alternate between them. Medians are printed, with every run, the CPU time
# (user + system) and the peak memory, and the load average before and
# after: the machine is shared, so compare ratios from one run, not seconds
# from different runs. The script also checks that one worker and several
# write the same bytes and that DuckDB's cells equal casualty's.
#
# usage: bench/events.sh [EVENTS.csv] [RUNS] [PEER_DIR]
#   EVENTS.csv  default /tmp/benchdata/events_5M.csv (made with PEER_DIR/gen_data.py
#               when missing; generated data never goes in the repository)
#   RUNS        timed rounds after the warm-up (default 7)
#   PEER_DIR    folder holding gen_data.py, agg_only.py and duckdb/ (default ../shared/bench)
# DuckDB's npm package is installed once into DUCKDB_DIR (default
# /tmp/casualty-duckdb), outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-/tmp/benchdata/events_5M.csv}
runs=${2:-7}
peer_dir=$(cd "${3:-../shared/bench}" && pwd)
duckdb_dir=${DUCKDB_DIR:-/tmp/casualty-duckdb}
py=/usr/bin/python3 # Debian's python: a pyenv shim does not see Debian's packages

if [ ! -x /usr/bin/time ]; then
  echo "events.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 1
fi
if [ ! -f "$events" ]; then
  mkdir -p "$(dirname "$events")"
  rows=$(basename "$events" .csv)
  rows=${rows#events_}
  echo "making $events ($rows rows) with gen_data.py" >&2
  "$py" "$peer_dir/gen_data.py" events "$rows" "$events"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/casualty-events.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/casualty" ./cmd/casualty
mkdir "$work/floor"
cat >"$work/floor/main.go" <<'EOF'
// floor counts the newlines of a file read through a 1 MiB buffer: the
// least work any reader of the file does.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	r := bufio.NewReaderSize(f, 1<<20)
	buf := make([]byte, 1<<20)
	n := 0
	for {
		k, err := r.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(err)
		}
	}
	fmt.Println(n)
}
EOF
(cd "$work/floor" && go build -o "$work/floor/floor" main.go)

cases=(floor one default)
if command -v node >/dev/null && [ -f "$peer_dir/duckdb/agg.mjs" ]; then
  if [ ! -d "$duckdb_dir/node_modules/@duckdb/node-api" ]; then
    if command -v npm >/dev/null; then
      mkdir -p "$duckdb_dir"
      cp "$peer_dir/duckdb/"* "$duckdb_dir/"
      (cd "$duckdb_dir" && npm install --no-audit --no-fund >/dev/null 2>&1) || echo "peer: npm install in $duckdb_dir failed; no DuckDB" >&2
    else
      echo "peer: npm missing (apt-get install -y nodejs npm); no DuckDB" >&2
    fi
  fi
  if [ -d "$duckdb_dir/node_modules/@duckdb/node-api" ]; then
    cp "$peer_dir/duckdb/"*.mjs "$peer_dir/duckdb/"*.sql "$duckdb_dir/"
    cases+=(duckdb)
  fi
else
  echo "peer: node or $peer_dir/duckdb/agg.mjs missing (apt-get install -y nodejs npm); no DuckDB" >&2
fi
if [ -f "$peer_dir/agg_only.py" ] && "$py" -c 'import pandas' 2>/dev/null; then
  cases+=(pandas)
else
  echo "peer: pandas missing (apt-get install -y python3-pandas); no pandas" >&2
fi

# timed NAME CMD...: run CMD; append "wall_s rss_kib cpu_s" to $work/NAME.times
# (wall from the nanosecond clock, peak memory and user + system CPU from
# /usr/bin/time); keep its stdout in $work/NAME.out.
timed() {
  local name=$1 t0 t1
  shift
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "events.sh: $name failed:" >&2
    cat "$work/$name.err" "$work/time.txt" >&2
    exit 1
  }
  t1=$(date +%s%N)
  awk -F': ' -v wall="$(((t1 - t0) / 1000))" '
    /Maximum resident set size/ { rss = $2 }
    /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
    END { printf "%.4f %d %.3f\n", wall / 1e6, rss, cpu }' "$work/time.txt" >>"$work/$name.times"
}

floor() { timed floor "$work/floor/floor" "$events"; }
one() { timed one "$work/casualty" aggregate --workers 1 --out "$work/one.csv" "$events"; }
default() { timed default "$work/casualty" aggregate --out "$work/default.csv" "$events"; }
duckdb() { timed duckdb node "$duckdb_dir/agg.mjs" "$events" "$work/duckdb.csv" 2; }
pandas() { timed pandas "$py" "$peer_dir/agg_only.py" "$events" --mode expert; }

load0=$(cut -d' ' -f1-3 /proc/loadavg)
for c in "${cases[@]}"; do # one untimed warm-up each
  "$c"
  rm -f "$work/$c.times"
done
for _ in $(seq "$runs"); do
  for c in "${cases[@]}"; do "$c"; done
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
col() { cut -d' ' -f"$2" "$work/$1.times"; }
wall() { col "$1" 1 | median; }
cpu() { col "$1" 3 | median; }
maxrss() { col "$1" 2 | sort -g | tail -1; }
all() { col "$1" 1 | awk '{printf "%.3f ", $1}'; }

size=$(stat -c %s "$events")
printf 'file: %s, %d bytes; %d rounds, alternating; %s; %d CPUs; load average %s before, %s after\n' \
  "$events" "$size" "$runs" "$(go version | cut -d' ' -f3)" "$(nproc)" "$load0" "$load1"
printf '%-34s %8s %8s %8s   %s\n' case "wall s" "CPU s" "max MiB" "runs (wall s)"
label() {
  case $1 in
  floor) echo "floor (read + count newlines)" ;;
  one) echo "casualty aggregate --workers 1" ;;
  default) echo "casualty aggregate ($(nproc) workers)" ;;
  duckdb) echo "DuckDB, 2 threads (node agg.mjs)" ;;
  pandas) echo "pandas agg_only.py --mode expert" ;;
  esac
}
for c in "${cases[@]}"; do
  printf '%-34s %8.3f %8.3f %8.1f   %s\n' "$(label "$c")" "$(wall "$c")" "$(cpu "$c")" "$(awk -v k="$(maxrss "$c")" 'BEGIN { print k / 1024 }')" "$(all "$c")"
done

# The same figures, or the speed means nothing.
cmp -s "$work/one.csv" "$work/default.csv" || {
  echo "events.sh: one worker and several wrote different files" >&2
  exit 1
}
# casualty's rows (month,area,metric,value,...,events) as DuckDB's cells (month,area,killed,injured,events).
awk -F, 'NR > 1 { k = $1 "," $2; ev[k] = $NF; if ($3 == "killed") kl[k] = $4; else inj[k] = $4 }
  END { for (k in ev) if (ev[k] > 0) print k "," kl[k] "," (k in inj ? inj[k] : "") "," ev[k] }' "$work/one.csv" | sort >"$work/ours.cells"
read -r k_ours i_ours < <(awk -F, '{ k += $3; i += $4 } END { print k + 0, i + 0 }' "$work/ours.cells")
echo "casualty totals: killed=$k_ours injured=$i_ours in $(wc -l <"$work/ours.cells") cells with events"
if [ -f "$work/duckdb.times" ]; then
  awk -F, 'NR > 1 && $5 > 0' "$work/duckdb.csv" | sort >"$work/duckdb.cells"
  if cmp -s "$work/ours.cells" "$work/duckdb.cells"; then
    echo "DuckDB: the same $(wc -l <"$work/duckdb.cells") cells"
  else
    echo "events.sh: DuckDB's cells differ from casualty's:" >&2
    diff "$work/ours.cells" "$work/duckdb.cells" | head >&2
    exit 1
  fi
fi
if [ -f "$work/pandas.times" ]; then
  case $(cat "$work/pandas.out") in
  *"killed=$k_ours injured=$i_ours"*) echo "pandas: the same totals" ;;
  *)
    echo "events.sh: pandas' totals differ: $(cat "$work/pandas.out")" >&2
    exit 1
    ;;
  esac
fi

echo
echo "ratios (targets of issue 18 in brackets):"
awk -v size="$size" -v one="$(wall one)" -v onec="$(cpu one)" -v floor="$(wall floor)" 'BEGIN {
  printf "  parse rate, one worker:     %.2f GB/s wall, start-up included; %.1fx the floor of %.3f s [5M rows (286 MB) in at most 0.21 s: 1.4 GB/s]\n", size / one / 1e9, one / floor, floor
  printf "                              %.2f GB/s of CPU time (user + system), which a loaded machine moves less\n", size / onec / 1e9 }'
awk -v one="$(wall one)" -v def="$(wall default)" -v slowest="$(col default 1 | sort -g | tail -1)" -v n="$(nproc)" 'BEGIN {
  printf "  %d workers over one:         %.2fx faster (medians); slowest %d-worker run %.3f s against the one-worker median %.3f s [at 20M rows: at least 1.6x, no run slower]\n", n, one / def, n, slowest, one }'
if [ -f "$work/duckdb.times" ]; then
  awk -v d="$(wall duckdb)" -v def="$(wall default)" -v dc="$(cpu duckdb)" -v oc="$(cpu default)" 'BEGIN {
    printf "  over DuckDB (2 threads):     %.1fx wall, %.1fx CPU [at least 3x at 5M and 20M rows]\n", d / def, dc / oc }'
fi
if [ -f "$work/pandas.times" ]; then
  awk -v p="$(wall pandas)" -v def="$(wall default)" 'BEGIN { printf "  over pandas expert:          %.1fx wall\n", p / def }'
fi
awk -v a="$(maxrss one)" -v b="$(maxrss default)" 'BEGIN { m = (a > b ? a : b) / 1024; printf "  casualty peak memory:        %.1f MiB [at most 32 MiB]\n", m }'
