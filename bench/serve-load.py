#!/usr/bin/env python3
"""Load test of `nianbao serve`: many ordinary clients, plus clients that stall.

Starts `nianbao serve --port 0` on a site, then for DURATION seconds runs, over real sockets:

- CLIENTS ordinary clients, all connected at once. Each keeps one keep-alive connection (opening
  a new one when the server closes it) and, like a person clicking through the preview, asks
  for a page, reads the whole reply, waits THINK seconds on average (uniformly 0.5-1.5 x THINK;
  0 means no wait at all), and asks again. The pages are the example site's report, agency,
  year and home pages, its style sheet and a JSON file.
- STALLED clients that misbehave, in three equal kinds, each reconnecting as soon as the
  server closes it: `silent` connects and sends nothing; `half` sends half a request head and
  nothing more; `unread` sends requests for the report page in a loop and never reads a reply.

Reports the latency of every ordinary request (from sending it to having read the last byte of
its reply), the errors (a failed connection, a status other than 200, a short reply), how
often the server closed a stalled client, and the server's thread count and peak memory. Exits
1 when there was an error or the median latency reached LIMIT_MS.

Python 3 standard library only (asyncio); the whole load runs in this one process, so its own
scheduling is part of every figure. Usage:

    cargo build --release
    python3 bench/serve-load.py [--bin target/release/nianbao] [--root .] [--clients 1000]
        [--stalled 100] [--duration 30] [--think 1.0] [--limit-ms 50]
"""

import argparse
import asyncio
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

PAGES = [
    "/ganzhou/2021/",
    "/ganzhou/2021/",
    "/ganzhou/",
    "/",
    "/year/2021/",
    "/style.css",
    "/data/ganzhou/2021.json",
]
REPORT = "/ganzhou/2021/"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--bin", default="target/release/nianbao")
    p.add_argument("--root", default=".", help="site root (default: the repository's example)")
    p.add_argument("--clients", type=int, default=1000)
    p.add_argument("--stalled", type=int, default=100)
    p.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    p.add_argument("--think", type=float, default=1.0, help="mean seconds between requests")
    p.add_argument("--limit-ms", type=float, default=50.0, help="the median must stay below")
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args()


def raise_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 16384 if hard == resource.RLIM_INFINITY else min(hard, 16384)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Stats:
    def __init__(self):
        self.latencies = []
        self.errors = {}
        self.reconnects = 0
        self.closed = {"silent": 0, "half": 0, "unread": 0}

    def error(self, what):
        self.errors[what] = self.errors.get(what, 0) + 1


async def read_reply(reader):
    """Reads one reply; returns (status, body length) after checking the body is complete."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise ValueError("no Content-Length")
    await reader.readexactly(length)
    return status, length


async def ordinary(host, port, args, stats, end, rng):
    reader = writer = None
    # Spread the first requests over one think time, as people do not all click at once.
    await asyncio.sleep(rng.uniform(0, max(args.think, 0.05)))
    while time.monotonic() < end:
        target = rng.choice(PAGES)
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
                stats.reconnects += 1
            req = f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
            t0 = time.perf_counter()
            writer.write(req)
            status, _ = await asyncio.wait_for(read_reply(reader), 30)
            stats.latencies.append(time.perf_counter() - t0)
            if status != 200:
                stats.error(f"status {status} for {target}")
        except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError) as e:
            stats.error(f"{type(e).__name__} for {target}")
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        if args.think > 0:
            await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))
    if writer is not None:
        writer.close()


async def stalled(kind, host, port, stats, end):
    """Misbehaves until `end`, reconnecting whenever the server closes the connection."""
    while time.monotonic() < end:
        try:
            reader, writer = await asyncio.open_connection(host, port, limit=1 << 12)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        try:
            if kind == "half":
                writer.write(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\n".encode())
            if kind == "unread":
                req = f"GET {REPORT} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
                # asyncio stops reading once its small buffer is full, so the replies pile up
                # in the kernel; drain() then blocks until the server gives up on us.
                while True:
                    writer.write(req * 16)
                    await asyncio.wait_for(writer.drain(), max(0.1, end - time.monotonic()))
            else:
                # Waits for the server to close the connection (end of file).
                await asyncio.wait_for(reader.read(), max(0.1, end - time.monotonic()))
            stats.closed[kind] += 1
        except asyncio.TimeoutError:
            pass
        except (OSError, asyncio.IncompleteReadError):
            stats.closed[kind] += 1
        finally:
            writer.transport.abort()


def server_threads_and_peak(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            text = f.read()
    except OSError:
        return None, None
    threads = int(re.search(r"^Threads:\s+(\d+)", text, re.M).group(1))
    hwm = int(re.search(r"^VmHWM:\s+(\d+)", text, re.M).group(1))
    return threads, hwm // 1024


async def sample_threads(pid, end, seen):
    while time.monotonic() < end:
        threads, _ = server_threads_and_peak(pid)
        if threads:
            seen.append(threads)
        await asyncio.sleep(0.5)


async def load(host, port, pid, args):
    stats = Stats()
    rng = random.Random(args.seed)
    end = time.monotonic() + args.duration
    kinds = ["silent", "half", "unread"]
    tasks = [
        asyncio.create_task(stalled(kinds[i % 3], host, port, stats, end))
        for i in range(args.stalled)
    ]
    # The stalled clients go first, so that every ordinary request meets them.
    await asyncio.sleep(0.5)
    threads = []
    tasks.append(asyncio.create_task(sample_threads(pid, end, threads)))
    tasks += [
        asyncio.create_task(
            ordinary(host, port, args, stats, end, random.Random(rng.random()))
        )
        for _ in range(args.clients)
    ]
    await asyncio.gather(*tasks)
    return stats, threads


def start_server(args, tmp):
    env = dict(os.environ, TMPDIR=tmp)
    proc = subprocess.Popen(
        [args.bin, "serve", "--port", "0", "--root", args.root],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    for line in proc.stdout:
        m = re.search(r"http://([0-9.]+):(\d+)/", line)
        if m:
            return proc, m.group(1), int(m.group(2))
    sys.exit("nianbao serve stopped before it was ready")


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def main():
    args = parse_args()
    files = raise_file_limit()
    with tempfile.TemporaryDirectory() as tmp:
        proc, host, port = start_server(args, tmp)
        try:
            t0 = time.monotonic()
            stats, threads = asyncio.run(load(host, port, proc.pid, args))
            elapsed = time.monotonic() - t0
            _, peak_mib = server_threads_and_peak(proc.pid)
        finally:
            proc.terminate()
            proc.wait()
    lat = sorted(stats.latencies)
    if not lat:
        sys.exit("no request was answered")
    q = statistics.quantiles(lat, n=100)
    median = statistics.median(lat)
    errors = sum(stats.errors.values())
    print(f"clients {args.clients} ordinary + {args.stalled} stalled, {args.duration:.0f} s, "
          f"think {args.think} s, open-file limit {files}")
    print(f"requests {len(lat)} ({len(lat) / elapsed:.0f}/s), connections opened "
          f"{stats.reconnects}, errors {errors}")
    for what, n in sorted(stats.errors.items()):
        print(f"  error: {what}: {n}")
    print(f"latency ms: median {ms(median)}, p90 {ms(q[89])}, p99 {ms(q[98])}, "
          f"max {ms(lat[-1])}")
    print("stalled clients closed by the server: "
          + ", ".join(f"{k} {v}" for k, v in stats.closed.items()))
    if threads:
        print(f"server threads: {min(threads)}-{max(threads)}; peak memory {peak_mib} MiB")
    ok = errors == 0 and median * 1000 < args.limit_ms
    print("PASS" if ok else f"FAIL (errors, or median not below {args.limit_ms} ms)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
