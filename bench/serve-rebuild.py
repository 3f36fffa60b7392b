#!/usr/bin/env python3
"""How long `nianbao serve` takes from saving a report to telling open pages to reload.

Usage:
    python3 bench/serve-rebuild.py N [SAVES]      e.g. python3 bench/serve-rebuild.py 1000 50

Builds the corpus of N reports (bench/gen-corpus.py, bench/convert.py) into a site folder,
starts the release binary's preview on it, and listens to the preview's event stream
(/__nianbao/events) as an open page does. Then, SAVES times: picks a report at random (fixed
seed), saves its report.md the way editors do (write a new file, rename it over the old one),
and measures the time until the next reload event arrives. Prints every latency, then the
median and the 95th percentile. Python 3 standard library only.
"""

import os
import random
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def prepare(n):
    corpus = os.path.join(HERE, ".corpus", "N%d" % n)
    if not os.path.isdir(os.path.join(corpus, "neutral", "content")):
        subprocess.run([sys.executable, os.path.join(HERE, "gen-corpus.py"), str(n), "--check"], check=True)
    site = "/tmp/nianbao-serve-bench-N%d" % n
    subprocess.run(["rm", "-rf", site], check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "convert.py"),
                    os.path.join(corpus, "neutral", "content"), site], check=True,
                   stdout=subprocess.DEVNULL)
    return site


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def events(port):
    """An open event stream, read line by line."""
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /__nianbao/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    return s.makefile("rb")


def next_token(stream):
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("the event stream closed")
        line = line.decode("utf-8", "replace").strip()
        if line.startswith("data: "):
            return line[6:]


def save(path, text):
    tmp = path + ".saving"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(tmp, path)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    site = prepare(n)
    reports = sorted(
        os.path.join(d, "report.md")
        for d, _, files in os.walk(os.path.join(site, "content")) if "report.md" in files)
    port = free_port()
    server = subprocess.Popen([os.path.join(ROOT, "target", "release", "nianbao"), "serve",
                               "--root", site, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        while "正在预览" not in server.stdout.readline():
            pass
        stream = events(port)
        next_token(stream)  # the current build
        rng = random.Random(20261130)
        took = []
        for i in range(saves):
            path = rng.choice(reports)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            start = time.perf_counter()
            save(path, text + "\n预览测试 %d。\n" % i)
            next_token(stream)
            took.append((time.perf_counter() - start) * 1000)
            print("%3d %7.1f ms  %s" % (i, took[-1], os.path.relpath(path, site)))
            time.sleep(0.2)
        took.sort()
        p95 = took[max(0, int(round(0.95 * len(took))) - 1)]
        print("N=%d saves=%d median %.1f ms, p95 %.1f ms, max %.1f ms"
              % (n, saves, statistics.median(took), p95, took[-1]))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
