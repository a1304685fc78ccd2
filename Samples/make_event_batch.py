#!/usr/bin/env python3
"""Builds a batch of small sosreport folders from the real kernel-event samples in
Tests/SOSAnalyzerTests/Fixtures/events (provenance in SOURCES.md there), so that

    python3 Samples/make_event_batch.py /tmp/event-batch
    sosanalyze summarize /tmp/event-batch
    sosanalyze correlate --affected-if event:oom-kill /tmp/event-batch

shows every kind of kernel event with its evidence, the per-host timeline and the fleet table.

Each sample goes where sos would have found it: syslog lines to var/log/messages (or, on the
Ubuntu-like host, var/log/kern.log and a gzipped var/log/syslog.2.gz rotation), journal lines to
sos_commands/logs/journalctl_--no-pager, ring-buffer lines to sos_commands/kernel/dmesg, and one
host per crash kernel gets var/crash/.../vmcore-dmesg.txt. evhost01 also holds its soft lockup in
its dmesg, as the ring buffer prints it (the syslog header taken off), to show that one event in
two logs is reported once. Only the log text is real; the folder skeleton (version.txt, hostname,
date) is minimal and invented.
"""
import gzip
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "Tests/SOSAnalyzerTests/Fixtures/events"

# host -> samples. evhost01-04 have OOM kills (the affected hosts of the correlation example),
# evhost05-06 none; every kind is on at least one host, some on several.
HOSTS = {
    "evhost01": ["oom-kill-2.6.32-syslog", "hung-task-2.6.32-syslog", "soft-lockup-2.6.32-syslog",
                 "rcu-stall-2.6.3x-syslog", "hung-task-2.6.32-printk"],
    "evhost02": ["oom-kill-memcg-3.10-dmesg-T", "hung-task-3.10-syslog", "netdev-watchdog-3.10",
                 "oops-null-3.11"],
    "evhost03": ["oom-kill-4.x-journal", "link-down-4.x-ixgbe-syslog", "io-error-4.x-syslog-suppressed",
                 "nf-conntrack-full-wrapped-syslog", "hard-lockup-4.x-syslog", "machine-check-4.x-syslog",
                 "fs-error-ext4-4.12-syslog", "warning-3.18-syslog-module"],
    "evhost04": ["oom-kill-memcg-5.4", "oops-gpf-4.15-syslog-module", "bug-6.6-module", "warning-6.1-dmesg-T",
                 "fs-error-xfs-5.x", "io-error-5.x-nvme", "netdev-watchdog-5.10-bcmgenet", "soft-lockup-5.9",
                 "rcu-stall-6.18-syslog"],
    "evhost05": ["link-down-e1000e-flap", "rcu-stall-5.x", "oops-null-5.2-syslog", "nf-conntrack-full-5.x",
                 "hung-task-4.19-several", "machine-check-repeated"],
    "evhost06": ["netdev-watchdog-4.10", "bug-3.18-bare-tag", "hard-lockup-5.10"],
}
CRASH = {"evhost02": "panic-hung-task-3.10", "evhost04": "panic-fatal-exception-5.2",
         "evhost06": "panic-hard-lockup-3.10"}
# evhost04 is laid out as Ubuntu keeps its logs: kern.log, and syslog rotations gzipped
UBUNTU = {"evhost04"}
JOURNAL = {"oom-kill-4.x-journal"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def is_syslog(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return (first[:3] in MONTHS or first[:4].isdigit() or first.startswith("kernel: ")) and "kernel: " in first


def ring_buffer(text: str) -> str:
    """The syslog lines as dmesg prints them: the header up to "kernel: " taken off."""
    return "".join(line.split(" kernel: ", 1)[-1] + "\n" for line in text.splitlines())


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        print("usage: make_event_batch.py OUTDIR", file=sys.stderr)
        return 64
    out = pathlib.Path(sys.argv[1])
    for host, samples in HOSTS.items():
        root = out / f"sosreport-{host}-2024-01-15-abcdef"
        (root / "sos_commands/kernel").mkdir(parents=True, exist_ok=True)
        (root / "sos_commands/logs").mkdir(parents=True, exist_ok=True)
        (root / "var/log").mkdir(parents=True, exist_ok=True)
        (root / "version.txt").write_text("sosreport: 4.5.3\n")
        (root / "hostname").write_text(f"{host}.example.com\n")
        (root / "date").write_text("Mon Jan 15 10:00:00 UTC 2024\n")
        dmesg, syslog, journal = [], [], []
        for name in samples:
            text = (SAMPLES / f"{name}.txt").read_text()
            (journal if name in JOURNAL else syslog if is_syslog(text) else dmesg).append(text)
        if host == "evhost01":
            dmesg.append(ring_buffer((SAMPLES / "soft-lockup-2.6.32-syslog.txt").read_text()))
        (root / "sos_commands/kernel/dmesg").write_text("".join(dmesg))
        if journal:
            (root / "sos_commands/logs/journalctl_--no-pager").write_text("".join(journal))
        if host in UBUNTU:
            half = len(syslog) // 2
            (root / "var/log/kern.log").write_text("".join(syslog[half:]))
            with gzip.open(root / "var/log/syslog.2.gz", "wt") as rotated:
                rotated.write("".join(syslog[:half]))
        else:
            (root / "var/log/messages").write_text("".join(syslog))
        if host in CRASH:
            crash = root / "var/crash/127.0.0.1-2024-01-14-23:59:01"
            crash.mkdir(parents=True, exist_ok=True)
            (crash / "vmcore-dmesg.txt").write_text((SAMPLES / f"{CRASH[host]}.txt").read_text())
    print(f"{len(HOSTS)} sosreports in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
