"""Time stamps as the collected files print them (epoch seconds, syslog's `May 13 02:14:51`)."""
from __future__ import annotations

import calendar
import datetime as dt


def epoch(t: dt.datetime) -> int:
    return calendar.timegm(t.timetuple())


def syslog_ts(t: dt.datetime) -> str:
    return f"{t:%b} {t.day:>2} {t:%H:%M:%S}"
