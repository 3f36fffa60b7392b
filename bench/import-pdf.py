#!/usr/bin/env python3
"""PDF import benchmark: `nianbao import --dry-run` over copies of each PDF fixture.

    python3 bench/import-pdf.py [COPIES] [RUNS]     e.g. python3 bench/import-pdf.py 50 5

For each PDF with a text layer in tests/fixtures/import/, makes a folder holding COPIES copies of
it, runs `nianbao import <folder> --dry-run` once as a warm-up (every copy must import with its
identities holding), then RUNS timed runs. Prints, per fixture, the median wall time per file in
milliseconds (with the fastest and slowest run) and the file's size. A file's time is the whole
import: reading the PDF, laying out its text, recognising the tables, writing the YAML and
Markdown into a private copy and checking them as `nianbao check` does. Python 3 stdlib only;
builds the release binary with cargo.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "import")
PDFS = [
    "ganzhou-2021-writer.pdf",
    "ganzhou-2021-chromium.pdf",
    "sample-county-2019-writer.pdf",
    "sample-county-2019-chromium.pdf",
    "sample-county-2023-writer.pdf",
    "sample-county-2023-chromium.pdf",
    "trial-2019-chromium.pdf",
]


def main():
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    nb = os.path.join(ROOT, "target", "release", "nianbao")
    work = tempfile.mkdtemp(prefix="nianbao-import-pdf-")
    try:
        site = os.path.join(work, "site")
        subprocess.run([nb, "init", site], check=True, stdout=subprocess.DEVNULL)
        print("file\tKiB\tcopies\truns\twall_ms_per_file_median\tmin\tmax")
        for name in PDFS:
            folder = os.path.join(work, name)
            os.makedirs(folder)
            for i in range(copies):
                shutil.copy(os.path.join(FIXTURES, name), os.path.join(folder, "%03d.pdf" % i))
            cmd = [nb, "import", folder, "--dry-run", "--root", site]
            warm = subprocess.run(cmd, capture_output=True, text=True)
            ok = warm.stdout.count("，0 项不符")
            if warm.returncode != 0 or ok != copies:
                sys.exit("%s: only %d of %d copies imported cleanly\n%s%s"
                         % (name, ok, copies, warm.stdout[-2000:], warm.stderr[-2000:]))
            per_file = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
                per_file.append((time.perf_counter() - start) * 1000 / copies)
            size = os.path.getsize(os.path.join(FIXTURES, name)) / 1024
            print("%s\t%.0f\t%d\t%d\t%.1f\t%.1f\t%.1f" % (
                name, size, copies, runs, statistics.median(per_file), min(per_file),
                max(per_file)))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
