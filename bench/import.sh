#!/usr/bin/env bash
# Import benchmark: `nianbao import --dry-run` over N report texts made from the synthetic
# corpus (bench/import-texts.py: the seed's page-text layout), one warm-up run, then RUNS timed
# runs with /usr/bin/time. Every file must import with its identities holding.
#
#   bench/import.sh N [RUNS]          e.g. bench/import.sh 1000 10
#
# Needs python3 and /usr/bin/time (apt-get install time). Prints one line per run and the
# medians, with milliseconds of wall and CPU time per file.
set -euo pipefail
N=${1:?usage: import.sh N [RUNS]}
RUNS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CORPUS=$HERE/.corpus/N$N
TEXTS=${TEXTS:-/tmp/nianbao-import-texts-N$N}
SITE=/tmp/nianbao-import-site

[[ -d "$CORPUS/neutral/content" ]] || python3 "$HERE/gen-corpus.py" "$N" --check
rm -rf "$TEXTS" "$SITE" && python3 "$HERE/import-texts.py" "$CORPUS/neutral/content" "$TEXTS" "$N"
(cd "$ROOT" && cargo build --release --quiet)
NB=$ROOT/target/release/nianbao
"$NB" init "$SITE" >/dev/null
cmd=("$NB" import "$TEXTS" --dry-run --root "$SITE")

"${cmd[@]}" >/tmp/nianbao-import-bench.txt   # warm-up; every file must pass
ok=$(grep -c '0 项不符' /tmp/nianbao-import-bench.txt || true)
[[ "$ok" == "$N" ]] || { echo "only $ok of $N files imported cleanly" >&2; exit 1; }
echo "$N files imported, every identity holding"
printf 'run\twall_s\tcpu_s\trss_MiB\twall_ms_per_file\tcpu_ms_per_file\n'
for i in $(seq 1 "$RUNS"); do
  read -r w u s m <<<"$(/usr/bin/time -f '%e %U %S %M' "${cmd[@]}" 2>&1 >/dev/null | tail -1)"
  python3 -c "import sys; w,u,s,m,n=map(float,sys.argv[1:]); print('%s\t%.3f\t%.3f\t%d\t%.2f\t%.2f' % ('$i', w, u+s, m//1024, w*1000/n, (u+s)*1000/n))" "$w" "$u" "$s" "$m" "$N"
done | tee /tmp/import-N$N.tsv
python3 - /tmp/import-N$N.tsv <<'PY'
import statistics, sys
rows = [list(map(float, l.split("\t")[1:])) for l in open(sys.argv[1]) if l[0].isdigit()]
for i, n in enumerate(["wall_s", "cpu_s", "rss_MiB", "wall_ms_per_file", "cpu_ms_per_file"]):
    col = [r[i] for r in rows]
    print("%-17s median %.3f (min %.3f, max %.3f)" % (n, statistics.median(col), min(col), max(col)))
PY
