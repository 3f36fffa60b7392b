#!/usr/bin/env bash
# What full-text search adds to a build: the same corpus built with `search = true` (A) and with
# `search = false` (B) in site.toml, one build of each in turn (A B A B …) after one warm-up
# each, each rebuilding into its own existing output folder, with /usr/bin/time for wall, CPU
# and peak memory; then the size of the index (`pagefind/`).
#
#   bench/search.sh N [RUNS]          e.g. bench/search.sh 1000 10
#
# Environment: OUTDIR=/dev/shm writes both outputs to memory instead of /tmp. Needs python3 and
# /usr/bin/time (apt-get install time). Prints one line per run, the medians (the ratio A/B is
# taken pair by pair) and the index's size; deletes the sites and outputs at the end.
set -euo pipefail
N=${1:?usage: search.sh N [RUNS]}
RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CORPUS=$HERE/.corpus/N$N
OUTDIR=${OUTDIR:-/tmp}
SITE_A=/tmp/nianbao-search-on-N$N
SITE_B=/tmp/nianbao-search-off-N$N
OUT_A=$OUTDIR/nianbao-search-on-out-N$N
OUT_B=$OUTDIR/nianbao-search-off-out-N$N
cleanup() { rm -rf "$SITE_A" "$SITE_B" "$OUT_A" "$OUT_B" "$(dirname "$OUT_A")/.$(basename "$OUT_A")".* \
  "$(dirname "$OUT_B")/.$(basename "$OUT_B")".*; }
trap cleanup EXIT

[[ -d "$CORPUS/neutral/content" ]] || python3 "$HERE/gen-corpus.py" "$N" --check
cleanup
python3 "$HERE/convert.py" "$CORPUS/neutral/content" "$SITE_A"
python3 "$HERE/convert.py" "$CORPUS/neutral/content" "$SITE_B"
# At the top of site.toml, so that the key is not taken into a [table] that ends the file.
sed -i '1i search = true' "$SITE_A/site.toml"
sed -i '1i search = false' "$SITE_B/site.toml"
(cd "$ROOT" && cargo build --release --quiet)
NB=$ROOT/target/release/nianbao
A=("$NB" build --root "$SITE_A" --output "$OUT_A")
B=("$NB" build --root "$SITE_B" --output "$OUT_B")

"${A[@]}" >/dev/null 2>&1; "${B[@]}" >/dev/null 2>&1   # warm-up, and first output
printf 'run\tA_wall\tA_cpu\tA_rss_MiB\tB_wall\tB_cpu\tB_rss_MiB\tA/B\n'
measure() { /usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null | tail -1; }
for i in $(seq 1 "$RUNS"); do
  read -r aw au as am <<<"$(measure "${A[@]}")"
  read -r bw bu bs bm <<<"$(measure "${B[@]}")"
  python3 - "$i" "$aw" "$au" "$as" "$am" "$bw" "$bu" "$bs" "$bm" <<'PY'
import sys
i, aw, au, as_, am, bw, bu, bs, bm = sys.argv[1:]
print("%s\t%.3f\t%.3f\t%d\t%.3f\t%.3f\t%d\t%.3f" % (i, float(aw), float(au) + float(as_), int(am) // 1024,
      float(bw), float(bu) + float(bs), int(bm) // 1024, float(aw) / float(bw)))
PY
done | tee /tmp/search-N$N.tsv
python3 - /tmp/search-N$N.tsv <<'PY'
import statistics, sys
rows = [list(map(float, l.split("\t")[1:])) for l in open(sys.argv[1]) if l[0].isdigit()]
names = ["A_wall", "A_cpu", "A_rss_MiB", "B_wall", "B_cpu", "B_rss_MiB", "A/B"]
for i, n in enumerate(names):
    col = [r[i] for r in rows]
    print("%-10s median %.3f (min %.3f, max %.3f)" % (n, statistics.median(col), min(col), max(col)))
PY
echo "index: $(find "$OUT_A/pagefind" -type f | wc -l) files, $(du -sb "$OUT_A/pagefind" | cut -f1) bytes" \
     "($(du -sm "$OUT_A/pagefind" | cut -f1) MiB on disk); fragments $(find "$OUT_A/pagefind/fragment" -type f | wc -l)," \
     "word index chunks $(find "$OUT_A/pagefind/index" -type f | wc -l); whole site $(du -sm "$OUT_A" | cut -f1) MiB"
