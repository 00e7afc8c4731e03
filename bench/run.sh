#!/usr/bin/env bash
# Whole-process benchmark of diplograph on generated corpora (see BENCHMARKS.md).
#
#   bench/run.sh                     # 1,000, 10,000 and 100,000 pages
#   bench/run.sh 1000 10000          # a quick run
#   SEED=7 REPEAT=3 bench/run.sh     # another corpus; best of 3 runs per command
#
# For each size it times, in the same run and on the same files (warm page
# cache):
#   rg      the reference scan: ripgrep counting the gazetteer's surface forms
#           (rg --no-ignore -c -F -f FORMS DIR)
#   export  diplograph export --format annotations DIR -o FILE
#   build   diplograph build DIR -o OUTDIR (every export)
# with /usr/bin/time -v (wall, user+sys CPU, max RSS), and prints a Markdown
# table: MB/s of corpus, CPU/wall (2.0 = both cores busy), ratio to rg's
# wall time, and the 10k→100k growth. Results also go to
# $CARGO_TARGET_DIR/bench-results/run-<time>.md.
#
# Needs the Debian packages ripgrep and time (apt-get install -y ripgrep time);
# installs nothing itself. Corpora are generated once per seed and size under
# $CARGO_TARGET_DIR/bench-corpus/ (about 3.5 KB a page: 353 MB for 100,000).
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
SEED=${SEED:-42}
REPEAT=${REPEAT:-1}
TARGET=${CARGO_TARGET_DIR:-target}
CORPORA=$TARGET/bench-corpus
WORK=$TARGET/bench-work
RESULTS=$TARGET/bench-results

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench/run.sh needs the Debian packages: ${missing[*]}" >&2
    echo "install them with: apt-get install -y ${missing[*]}" >&2
    exit 2
fi

echo "building (release)..." >&2
cargo build --release --quiet --bin diplograph --example gen_corpus --example gazetteer_forms
BIN=$TARGET/release/diplograph
mkdir -p "$CORPORA" "$WORK" "$RESULTS"
FORMS=$WORK/forms.txt
"$TARGET/release/examples/gazetteer_forms" >"$FORMS"

# Seconds from /usr/bin/time -v's "h:mm:ss" or "m:ss.ss".
field() { sed -n "s/^\s*$2: //p" "$1" | head -1; }
wall_seconds() {
    field "$1" 'Elapsed (wall clock) time (h:mm:ss or m:ss)' |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}

# run NAME LOG COMMAND...: the best (least wall) of $REPEAT runs, as
# "wall cpu rss_mb" on stdout; the command's stdout and stderr go to LOG.
run() {
    local name=$1 log=$2 best="" t
    shift 2
    for _ in $(seq "$REPEAT"); do
        t=$WORK/$name.time
        /usr/bin/time -v -o "$t" "$@" >"$log" 2>&1 || { echo "$name failed: see $log" >&2; cat "$t" >&2; exit 1; }
        local wall cpu rss
        wall=$(wall_seconds "$t")
        cpu=$(awk -v u="$(field "$t" 'User time (seconds)')" -v s="$(field "$t" 'System time (seconds)')" 'BEGIN { printf "%.2f", u + s }')
        rss=$(awk -v k="$(field "$t" 'Maximum resident set size (kbytes)')" 'BEGIN { printf "%.0f", k / 1024 }')
        if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
            best="$wall $cpu $rss"
        fi
    done
    echo "$best"
}

machine() {
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "- $(rg --version | sed -n 1p), $("$BIN" --version), seed $SEED, best of $REPEAT"
}

REPORT=$RESULTS/run-$(date +%Y%m%d-%H%M%S).md
{
    echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    machine
    echo
    echo "| pages | corpus MB | command | wall s | CPU s | CPU/wall | max RSS MB | MB/s | × rg | output MB | load before |"
    echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"
} | tee "$REPORT"

declare -A WALL
for n in "${SIZES[@]}"; do
    dir=$CORPORA/seed$SEED-n$n
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        "$TARGET/release/examples/gen_corpus" --pages "$n" --seed "$SEED" -o "$dir" >&2
        touch "$dir/.complete"
    fi
    bytes=$(find "$dir" -type f \( -name '*.txt' -o -name '*.html' \) -printf '%s\n' | awk '{ s += $1 } END { print s }')
    files=$(rg --no-ignore --files "$dir" | wc -l)
    [ "$files" -eq "$n" ] || { echo "rg sees $files files in $dir, expected $n" >&2; exit 1; }
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    # Warm the page cache so that every command reads the same cached files.
    cat "$(find "$dir" -type f -name '*.*' | head -1)" >/dev/null
    rg --no-ignore -c -F -f "$FORMS" "$dir" >/dev/null || true

    out=$WORK/out-$n
    rm -rf "$out" && mkdir -p "$out"
    for cmd in rg export build; do
        load=$(cut -d' ' -f1-3 /proc/loadavg)
        case $cmd in
            rg) result=$(run rg "$out/rg.log" rg --no-ignore -c -F -f "$FORMS" "$dir") ; size=0 ;;
            export)
                result=$(run export "$out/export.log" "$BIN" export --format annotations "$dir" -o "$out/annotations.json")
                size=$(stat -c %s "$out/annotations.json") ;;
            build)
                result=$(run build "$out/build.log" "$BIN" build "$dir" -o "$out/build")
                size=$(du -sb "$out/build" | cut -f1) ;;
        esac
        read -r wall cpu rss <<<"$result"
        WALL[$cmd-$n]=$wall
        ratio=$(awk -v w="$wall" -v r="${WALL[rg-$n]}" 'BEGIN { printf "%.1f", w / r }')
        rate=$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.1f", b / 1e6 / w }')
        util=$(awk -v c="$cpu" -v w="$wall" 'BEGIN { printf "%.2f", c / w }')
        outmb=$(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1e6 }')
        echo "| $n | $mb | $cmd | $wall | $cpu | $util | $rss | $rate | $ratio | $outmb | $load |" | tee -a "$REPORT"
    done
    tail -1 "$out/build.log" | sed 's/^/  build: /' >&2
    rm -rf "$out/build"
done

{
    echo
    prev=""
    for n in "${SIZES[@]}"; do
        if [ -n "$prev" ]; then
            for cmd in rg export build; do
                echo "- $cmd, $prev → $n pages: wall × $(awk -v a="${WALL[$cmd-$n]}" -v b="${WALL[$cmd-$prev]}" 'BEGIN { printf "%.2f", a / b }') (pages × $((n / prev)))"
            done
        fi
        prev=$n
    done
} | tee -a "$REPORT"
echo "written to $REPORT" >&2
