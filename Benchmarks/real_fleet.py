#!/usr/bin/env python3
"""The benchmark fleet in the shape of real RHEL 6/7 sosreports (issue 14).

    python3 Benchmarks/real_fleet.py --out Benchmarks/.data/real [--count 4] [--big-log-gb 1]

What makes it real, against make_fleet.py's dense fleet:
- single-block xz at preset 1 (`xz -1 -T1`), as sos 2.x and 3.x compressed with one thread;
- about 150 MB of content in about 14,000 members, most of the bytes logs: `var/log/messages`
  3-4 MB and five rotated `messages-YYYYMMDD` of about 12 MB, `var/log/cluster/pacemaker.log`
  about 3 MB, a corosync blackbox about 2 MB, five audit logs of about 2.4 MB, `sos_logs/sos.log`
  about 2 MB, `sar` text files for the rest;
- log lines as varied as real ones, and the kernel's rare: about 2 % of syslog lines;
- every other host carries RHEL 6 page-allocation failures, every third real kernel events
  (OOM kill, soft lockup, hung task, NIC watchdog, I/O error) copied from the test fixtures;
- with `--big-log-gb G`, one report whose `var/log/messages` is G GiB, also single-block.

The writer, the compressor plumbing and the /proc texts are make_fleet.py's; the same seed gives
the same bytes.
"""
import argparse
import io
import os
import random
import re
import subprocess
import sys
import tarfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_fleet as mf  # noqa: E402

EVENTS = os.path.join(HERE, "..", "Tests", "SOSAnalyzerTests", "Fixtures", "events")
EVENT_SAMPLES = ["oom-kill-2.6.32-syslog.txt", "soft-lockup-2.6.32-syslog.txt", "hung-task-2.6.32-syslog.txt",
                 "netdev-watchdog-3.10.txt", "io-error-3.x-device-ext4.txt", "rcu-stall-2.6.3x-syslog.txt"]
KERNEL_SHARE = 0.02
PREFIX = re.compile(r"^(?:\w{3}\s+\d+ \d\d:\d\d:\d\d \S+ kernel: )?(?:\[[^\]]*\] ?)?")


def compressors(base, formats):
    """One compressor process per format; xz single-threaded, so the archive is one Block."""
    procs = []
    for fmt in formats:
        if fmt == "xz":
            cmd, path = ["xz", "-1", "-T1", "-c"], base + ".tar.xz"
        elif fmt == "gz":
            cmd, path = ["gzip", "-n", "-6", "-c"], base + ".tar.gz"
        else:
            sys.exit(f"unknown format {fmt!r} (xz, gz)")
        out = open(path + ".part", "wb")
        procs.append((subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, bufsize=1 << 20), out, path))
    return procs


def syslog_body(r, host):
    """A syslog message (after stamp and host), the kernel's one time in fifty."""
    want_kernel = r.random() < KERNEL_SHARE
    while True:
        text = mf.body(r, host)
        if text.startswith("kernel:") == want_kernel:
            return text


def event_lines():
    """The real kernel-event samples, without their stamps and syslog prefixes."""
    blocks = []
    for name in EVENT_SAMPLES:
        path = os.path.join(EVENTS, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            blocks.append([PREFIX.sub("", line.rstrip("\n")) for line in f if line.strip()])
    return blocks


def syslog_chunks(r, host, size, start, failures=0, events=(), chunk_lines=4096):
    """Syslog lines totalling exactly `size` bytes; failures and event blocks spread through them."""
    clock = mf.Clock(r, start)
    inserts = [("failure", None)] * failures + [("event", block) for block in events]
    r.shuffle(inserts)
    every = max(chunk_lines, (size // 110) // (len(inserts) + 1)) if inserts else 0
    written, line_no = 0, 0
    while written < size:
        pool = [syslog_body(r, host) for _ in range(chunk_lines // 8)]
        lines = []
        for text in r.choices(pool, k=chunk_lines):
            line_no += 1
            lines.append(f"{clock.stamp()} {host} {text}")
            if every and inserts and line_no % every == 0:
                kind, block = inserts.pop()
                stamp = clock.stamp()
                if kind == "failure":
                    lines += mf.failure_block(r, stamp, host)
                else:
                    lines += [f"{stamp} {host} kernel: {line}" for line in block]
        out = []
        written += yield_sized(lines, size, written, out)
        yield out[0]


def yield_sized(lines, size, written, out):
    """Appends the lines as bytes to `out`, cut so the member ends at exactly `size`; returns their length."""
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")
    if written + len(data) >= size:
        data = data[: size - written]
        if data and not data.endswith(b"\n"):
            data = data[:-1] + b"\n"
    out.append(data)
    return len(data)


def text_chunks(r, size, line, chunk_lines=4096):
    """Exactly `size` bytes of lines made by `line()`, for logs that are not syslog: drawn from a
    fresh pool per chunk, as syslog_chunks does, so they repeat about as much as real logs do."""
    written = 0
    while written < size:
        pool = [line() for _ in range(chunk_lines // 8)]
        out = []
        written += yield_sized(r.choices(pool, k=chunk_lines), size, written, out)
        yield out[0]


def pacemaker_line(r, host, clock):
    return (f"{clock.stamp()} [{r.randrange(2000, 9000)}] {host.split('.')[0]} "
            f"{r.choice(['crmd', 'pengine', 'cib', 'lrmd', 'stonith-ng', 'attrd'])}: "
            f"{r.choice(['info', 'info', 'notice', 'debug'])}: {r.choice(['determine_online_status', 'unpack_config', 'do_state_transition', 'process_lrm_event', 'cib_process_request'])}: "
            f"{r.choice(mf.WORDS)} {r.choice(mf.WORDS)} rsc_{r.choice(mf.WORDS)}_{r.randrange(40)} (id={mf.uuid(r)}) op={r.choice(['monitor', 'start', 'stop'])}_{r.randrange(10000)}")


def audit_line(r, host):
    t = r.randrange(1600000000, 1700000000)
    return (f"type={r.choice(['SYSCALL', 'USER_ACCT', 'CRED_ACQ', 'USER_START', 'PATH', 'CWD', 'EXECVE'])} "
            f"msg=audit({t}.{r.randrange(1000):03d}:{r.randrange(10**7)}): arch=c000003e syscall={r.randrange(330)} "
            f"success=yes exit=0 a0={r.getrandbits(40):x} a1={r.getrandbits(32):x} items={r.randrange(4)} ppid={r.randrange(1, 60000)} "
            f"pid={r.randrange(300, 65000)} auid={r.randrange(1000, 2000)} uid=0 gid=0 ses={r.randrange(9000)} "
            f"comm=\"{r.choice(['sshd', 'crond', 'sudo', 'java', 'systemd'])}\" exe=\"/usr/sbin/{r.choice(mf.WORDS)}\" key=(null)")


def sos_log_line(r, clock):
    return (f"2013-05-{r.randrange(10, 28)} {clock.stamp()[7:]},{r.randrange(1000):03d} "
            f"{r.choice(['INFO', 'INFO', 'DEBUG', 'WARNING'])}: [plugin:{r.choice(mf.WORDS)}] "
            f"{r.choice(['collecting path', 'added cmd output', 'skipping forbidden path', 'collecting output of'])} "
            f"'/{r.choice(['etc', 'proc', 'sys', 'var/log'])}/{r.choice(mf.WORDS)}/{r.choice(mf.WORDS)}_{r.randrange(1000)}'")


def sar_line(r):
    return (f"{r.randrange(24):02d}:{r.randrange(60):02d}:01 {r.choice(['AM', 'PM'])} "
            f"{r.choice(['all', str(r.randrange(32)), 'eth0', 'eth1', 'dev8-0', 'dev253-1'])} "
            + " ".join(f"{r.uniform(0, 100):7.2f}" for _ in range(8)))


def make_report(out_dir, index, seed, size_mb, formats, members, big_log_bytes=0):
    r = random.Random(seed * 7919 + index)
    host = (f"biglog{index:02d}" if big_log_bytes else
            f"{r.choice(['app', 'db', 'web', 'batch', 'rac', 'mq'])}{index:02d}") + ".prod.example.com"
    top = f"sosreport-{host.split('.')[0]}-20131114{r.randrange(10**6):06d}-{r.getrandbits(16):04x}"
    base = os.path.join(out_dir, top)
    procs = compressors(base, formats)
    fan = mf.Fanout([p.stdin for p, _, _ in procs])
    buffered = io.BufferedWriter(fan, buffer_size=1 << 20)
    tar = tarfile.open(fileobj=buffered, mode="w|", format=tarfile.GNU_FORMAT)
    w = mf.ReportWriter(tar, top)
    failures = r.randrange(2, 6) if index % 2 == 0 else 0
    events = event_lines() if index % 3 == 1 else []
    start = 60 * 86400 * r.random() + 300 * 86400
    mb = 1 << 20
    jitter = lambda n: int(n * r.uniform(0.85, 1.15))  # noqa: E731
    if big_log_bytes:
        mf.small_members(w, r, host, failures=3, target_members=3000)
        w.stream("var/log/messages", big_log_bytes,
                 syslog_chunks(r, host, big_log_bytes, start, failures=5, events=event_lines()))
    else:
        mf.small_members(w, r, host, failures, target_members=members)
        size = jitter(3.5 * mb)
        w.stream("var/log/messages", size, syslog_chunks(r, host, size, start, failures=failures, events=events))
        for day in range(5):
            size = jitter(12 * mb)
            w.stream(f"var/log/messages-201311{day * 7 + 1:02d}", size, syslog_chunks(r, host, size, start - (5 - day) * 7 * 86400))
        clock = mf.Clock(r, start)
        for path, amount, line in [
            ("var/log/cluster/pacemaker.log", 3 * mb, lambda: pacemaker_line(r, host, clock)),
            ("sos_commands/corosync/corosync-blackbox", 2 * mb, lambda: pacemaker_line(r, host, clock)),
            ("sos_logs/sos.log", 2 * mb, lambda: sos_log_line(r, clock)),
        ] + [(f"var/log/audit/audit.log{'' if n == 0 else '.' + str(n)}", int(2.4 * mb), lambda: audit_line(r, host))
             for n in range(5)]:
            size = jitter(amount)
            w.stream(path, size, text_chunks(r, size, line))
        day = 1
        while w.bytes < size_mb * mb - 6 * mb:
            size = jitter(6 * mb)
            w.stream(f"var/log/sa/sar{day:02d}", size, text_chunks(r, size, lambda: sar_line(r)))
            day += 1
    tar.close()
    buffered.flush()
    sizes = []
    for proc, out, path in procs:
        proc.stdin.close()
        if proc.wait() != 0:
            sys.exit(f"compressor failed for {path}")
        out.close()
        os.replace(path + ".part", path)
        sizes.append((path, os.path.getsize(path)))
    return w.members, w.bytes, sizes


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=4, help="reports in the fleet (default 4)")
    ap.add_argument("--size-mb", type=float, default=150, help="content per report in MiB (default 150)")
    ap.add_argument("--members", type=int, default=14000, help="members per report (default 14000)")
    ap.add_argument("--formats", default="xz,gz", help="comma list of xz, gz (default xz,gz)")
    ap.add_argument("--big-log-gb", type=float, default=0, help="also one report with a messages file of this many GiB")
    ap.add_argument("--seed", type=int, default=14, help="random seed (default 14)")
    ap.add_argument("--out", default=os.path.join(HERE, ".data", "real"), help="output folder")
    args = ap.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    for sub, count, big in [("fleet", args.count, 0), ("biglog", 1 if args.big_log_gb > 0 else 0, int(args.big_log_gb * (1 << 30)))]:
        folder = os.path.join(args.out, sub)
        os.makedirs(folder, exist_ok=True)
        for i in range(count):
            t0 = time.time()
            members, size, outs = make_report(folder, 90 + i if big else i, args.seed, args.size_mb,
                                              ["xz"] if big else formats, args.members, big_log_bytes=big)
            described = ", ".join(f"{os.path.basename(p)} {s / 1e6:.1f} MB" for p, s in outs)
            print(f"{sub} report {i}: {members} members, {size / (1 << 20):.0f} MiB -> {described} ({time.time() - t0:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
