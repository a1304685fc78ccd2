#!/usr/bin/env python3
"""Builds a batch of small sosreport folders from the real kernel-event samples in
Tests/SOSAnalyzerTests/Fixtures/events (provenance in SOURCES.md there), so that

    python3 Samples/make_event_batch.py /tmp/event-batch
    sosanalyze summarize /tmp/event-batch

shows every kind that has a sample, with its evidence. Samples with a syslog prefix go to
var/log/messages, the others to sos_commands/kernel/dmesg; one host also gets a kdump log
(var/crash/.../vmcore-dmesg.txt). Only the log text is real; the folder skeleton is minimal.
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "Tests/SOSAnalyzerTests/Fixtures/events"

# host -> samples; every host logs something, the kinds overlap so the fleet table has a shape
HOSTS = {
    "evhost01": ["oom-kill-syslog", "soft-lockup-2.6.32-syslog", "netdev-watchdog-4.10"],
    "evhost02": ["oom-kill-memcg-5.x", "soft-lockup-5.9"],
    "evhost03": ["netdev-watchdog-3.10", "netdev-watchdog-5.10-bcmgenet", "oom-kill-syslog"],
    "evhost04": ["netdev-watchdog-5.5-ethoc", "soft-lockup-3.16"],
}
CRASH = {"evhost04": "soft-lockup-5.9"}


def is_syslog(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return first[:3] in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec") \
        and " kernel: " in first


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().split("\n\n")[0], file=sys.stderr)
        print("usage: make_event_batch.py OUTDIR", file=sys.stderr)
        return 64
    out = pathlib.Path(sys.argv[1])
    for host, samples in HOSTS.items():
        root = out / f"sosreport-{host}-2024-01-15-abcdef"
        (root / "sos_commands/kernel").mkdir(parents=True, exist_ok=True)
        (root / "var/log").mkdir(parents=True, exist_ok=True)
        (root / "version.txt").write_text("sosreport: 4.5.3\n")
        (root / "hostname").write_text(f"{host}.example.com\n")
        (root / "date").write_text("Mon Jan 15 10:00:00 UTC 2024\n")
        dmesg, messages = [], []
        for name in samples:
            text = (SAMPLES / f"{name}.txt").read_text()
            (messages if is_syslog(text) else dmesg).append(text)
        (root / "sos_commands/kernel/dmesg").write_text("".join(dmesg))
        (root / "var/log/messages").write_text("".join(messages))
        if host in CRASH:
            crash = root / "var/crash/127.0.0.1-2024-01-14-23:59:01"
            crash.mkdir(parents=True, exist_ok=True)
            (crash / "vmcore-dmesg.txt").write_text((SAMPLES / f"{CRASH[host]}.txt").read_text())
    print(f"{len(HOSTS)} sosreports in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
