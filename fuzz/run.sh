#!/usr/bin/env bash
# Runs one fuzz target (see docs/fuzzing.md): first fills its working corpus
# fuzz/corpus/<target>/ (not kept in git) with the seeds from the repository — the example
# site's files, the import fixtures, and fuzz/seeds/<target>/ — then runs libFuzzer on it and on
# the inputs that once failed, fuzz/regressions/<target>/.
#
#   fuzz/run.sh <target> [seconds, default 600] [more libFuzzer options…]
#   fuzz/run.sh list
#
# cargo-fuzz needs nightly compiler features: the nightly toolchain is used where rustup has
# one; otherwise RUSTC_BOOTSTRAP=1 lets the default (stable) toolchain build. Extra cargo-fuzz
# options go in CARGO_FUZZ_OPTS (e.g. "-s none": no address sanitizer).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=.
targets="report_yaml report_md body_yaml site_toml import_text import_html import_docx import_docx_xml import_sheet import_xlsx_xml import_pdf"
if [ "${1:-}" = list ] || [ $# -eq 0 ]; then
  echo "$targets" | tr ' ' '\n'
  exit 0
fi
target=$1
secs=${2:-600}
shift
[ $# -gt 0 ] && shift

# The seeds of each target, from the repository's own files.
seeds() {
  case $target in
    report_yaml) find $repo/content $repo/tests/fixtures/sites $repo/starter -name report.yaml ;;
    report_md) find $repo/content $repo/tests/fixtures/sites $repo/starter -name report.md ;;
    body_yaml) find $repo/content $repo/tests/fixtures/sites $repo/starter -name body.yaml ;;
    site_toml) find $repo $repo/tests/fixtures/sites $repo/starter -maxdepth 2 -name site.toml ;;
    import_text) ls $repo/tests/fixtures/import/*.txt $repo/tests/fixtures/seed/*.txt ;;
    import_html) ls $repo/tests/fixtures/import/*.html ;;
    import_docx) ls $repo/tests/fixtures/import/*.docx ;;
    import_docx_xml | import_xlsx_xml) ;;
    import_sheet) ls $repo/tests/fixtures/import/*.xlsx $repo/tests/fixtures/import/*.xls $repo/tests/fixtures/import/*.ods ;;
    import_pdf) ls $repo/tests/fixtures/import/*.pdf ;;
    *) echo "no such target: $target (fuzz/run.sh list)" >&2; exit 2 ;;
  esac
}
dict() {
  case $target in
    report_yaml | body_yaml) echo fuzz/dicts/yaml.dict ;;
    report_md) echo fuzz/dicts/md.dict ;;
    site_toml) echo fuzz/dicts/toml.dict ;;
    import_text | import_html | import_docx_xml | import_xlsx_xml) echo fuzz/dicts/import.dict ;;
  esac
}

corpus=fuzz/corpus/$target
regressions=fuzz/regressions/$target
mkdir -p "$corpus" "$regressions"
add() { cp -n "$1" "$corpus/$(sha1sum <"$1" | cut -c1-40)"; }
for f in $(seeds); do add "$f"; done
if [ -d "fuzz/seeds/$target" ]; then
  for f in "fuzz/seeds/$target"/*; do [ -f "$f" ] && add "$f"; done
fi
case $target in
  # The fixtures' XML parts, the input of these targets.
  import_docx_xml) python3 fuzz/seed-parts.py docx "$corpus" $repo/tests/fixtures/import/*.docx ;;
  import_xlsx_xml) python3 fuzz/seed-parts.py xlsx "$corpus" $repo/tests/fixtures/import/*.xlsx ;;
esac

opts=(-max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1)
d=$(dict)
[ -n "$d" ] && opts+=(-dict="$d")
toolchain=()
if rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi
# shellcheck disable=SC2086
exec cargo "${toolchain[@]}" fuzz run ${CARGO_FUZZ_OPTS:-} "$target" "$corpus" "$regressions" -- "${opts[@]}" "$@"
