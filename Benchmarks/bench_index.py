#!/usr/bin/env python3
"""The case index and JSON Lines at 10,000 reports (issue 15): `index add` from JSON Lines
(reports per second), `similar` query time (target <= 100 ms at 10,000 reports), the index file
size per report, and `summarize` of 10,000 JSON Lines records (time and peak RSS, target <= 1 GiB).

    swift build -c release --product sosanalyze
    python3 Benchmarks/bench_index.py                       # .build/release/sosanalyze
    python3 Benchmarks/bench_index.py --sosanalyze PATH --reports 10000

The records are the Samples reports (`inspect --format jsonl Samples/`), varied so that the
index holds many distinct traits, as a year of cases would: each copy gets its own digest and
host name, a kernel z-stream and NIC firmware drawn from a few dozen, and drops a random tenth
of its modules. They are cached in Benchmarks/.data/index/ (git-ignored).
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Benchmarks", ".data", "index")


def synthesize(sosanalyze, count, per_case, path):
    base = subprocess.run([sosanalyze, "inspect", "--format", "jsonl", os.path.join(ROOT, "Samples")],
                          capture_output=True, text=True, check=True).stdout.splitlines()
    records = [json.loads(line) for line in base]
    rng = random.Random(15)
    with open(path + ".tmp", "w") as out:
        for number in range(count):
            record = json.loads(json.dumps(records[number % len(records)]))
            record["sha256"] = "%064x" % (0xB00000 + number)
            host = (record.get("hostname") or "host").split(".")[0]
            record["hostname"] = f"{host}-{number:05d}.example.com"
            record["source"]["path"] = f"/cases/{number // per_case:05d}/sosreport-{host}-{number:05d}.tar.xz"
            record["input"] = record["source"]["path"]
            kernel = record.get("kernel")
            if kernel and kernel.get("release"):
                # Another z-stream of the same kernel: "2.6.32-358.2.1.el6" -> "2.6.32-358.<k>.1.el6".
                kernel["release"] = re.sub(r"-(\d+)\.[\d.]*?(\.el\d)", lambda m: f"-{m.group(1)}.{rng.randrange(40)}.1{m.group(2)}",
                                           kernel["release"], count=1)
            for nic in record.get("nics", []):
                if nic.get("firmware"):
                    nic["firmware"] = re.sub(r"\d+$", lambda m: str(int(m.group(0)) + rng.randrange(30)), nic["firmware"])
            modules = record.get("modules", [])
            record["modules"] = [m for m in modules if rng.random() > 0.1]
            out.write(json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n")
    os.replace(path + ".tmp", path)


def timed(command, **kwargs):
    """Wall seconds and peak RSS (MiB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    stderr = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 2):
        sys.exit(f"{' '.join(command[:4])} ... exited {code}: {stderr[-1000:]}")
    return wall, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sosanalyze", default=os.path.join(ROOT, ".build", "release", "sosanalyze"))
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--per-case", type=int, default=10, help="reports per case in the multi-case index")
    args = parser.parse_args()
    sosanalyze = args.sosanalyze
    os.makedirs(DATA, exist_ok=True)
    records = os.path.join(DATA, f"records-{args.reports}.jsonl")
    if not os.path.exists(records):
        print(f"synthesizing {args.reports} records from Samples/ ...", file=sys.stderr)
        synthesize(sosanalyze, args.reports, args.per_case, records)
    size_mib = os.path.getsize(records) / 2**20
    print(f"records: {args.reports} in {records} ({size_mib:.0f} MiB of JSON Lines)")
    print("load average (1, 5, 15 min) at the start: %.2f %.2f %.2f" % os.getloadavg())

    # 1. One `index add` of every record (one case): reports per second.
    bulk = os.path.join(DATA, "bulk.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(bulk + suffix):
            os.remove(bulk + suffix)
    wall, rss = timed([sosanalyze, "index", "add", "--index", bulk, "--case", "bulk", records])
    print(f"index add (one process, {args.reports} reports): {wall:.1f} s, {args.reports / wall:.0f} reports/s, peak RSS {rss:.0f} MiB")
    print(f"index file: {os.path.getsize(bulk) / 2**20:.1f} MiB, {os.path.getsize(bulk) / args.reports / 1024:.1f} KiB per report")

    # 2. The same records as cases of --per-case reports (one `index add` per case, as support adds them).
    multi = os.path.join(DATA, "cases.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(multi + suffix):
            os.remove(multi + suffix)
    parts = os.path.join(DATA, "cases")
    os.makedirs(parts, exist_ok=True)
    files = {}
    with open(records) as lines:
        for number, line in enumerate(lines):
            files.setdefault(number // args.per_case, []).append(line)
    started = time.perf_counter()
    for case, lines in sorted(files.items()):
        part = os.path.join(parts, f"{case:05d}.jsonl")
        with open(part, "w") as out:
            out.writelines(lines)
        subprocess.run([sosanalyze, "index", "add", "--index", multi, "--case", f"{case:05d}", part],
                       check=True, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    print(f"index add ({len(files)} cases, one process each): {wall:.1f} s, {args.reports / wall:.0f} reports/s with process starts")
    print(f"index file: {os.path.getsize(multi) / 2**20:.1f} MiB, {os.path.getsize(multi) / args.reports / 1024:.1f} KiB per report")

    # 3. `similar` against them: a stored case, and one new report (JSON Lines), best of 5.
    query = os.path.join(parts, "00042.jsonl")
    with open(query) as lines:
        first = json.loads(lines.readline())
    first["sha256"] = "f" * 64
    single = os.path.join(DATA, "query.jsonl")
    with open(single, "w") as out:
        out.write(json.dumps(first) + "\n")
    # The first query after an add makes the caches again (each case's weights and profile).
    wall, _ = timed([sosanalyze, "similar", "--index", multi, "--case", "00042"])
    print(f"similar --case 00042, first after the adds (caches made again): {wall * 1000:.0f} ms, whole process")
    for label, command in [("similar --case 00042", [sosanalyze, "similar", "--index", multi, "--case", "00042"]),
                           ("similar query.jsonl (1 new report)", [sosanalyze, "similar", "--index", multi, single])]:
        times = [timed(command)[0] for _ in range(5)]
        best = min(times) * 1000
        print(f"{label}: {best:.0f} ms best of 5 (median {sorted(times)[2] * 1000:.0f} ms), whole process; target <= 100 ms: {'met' if best <= 100 else 'NOT met'}")

    # 4. `summarize` of every record.
    wall, rss = timed([sosanalyze, "summarize", records])
    print(f"summarize {args.reports} records: {wall:.1f} s, peak RSS {rss:.0f} MiB; target <= 1024 MiB: {'met' if rss <= 1024 else 'NOT met'}")
    wall, rss = timed([sosanalyze, "summarize", "--format", "json", records])
    print(f"summarize --format json {args.reports} records: {wall:.1f} s, peak RSS {rss:.0f} MiB; target <= 1024 MiB: {'met' if rss <= 1024 else 'NOT met'}")
    print("load average (1, 5, 15 min) at the end: %.2f %.2f %.2f (the machine is shared: other work shows here)" % os.getloadavg())


if __name__ == "__main__":
    main()
