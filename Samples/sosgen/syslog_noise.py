"""The ordinary daemon lines of var/log/messages between the kernel's failures."""
from __future__ import annotations

import datetime as dt
import random

from .story import Host


def messages_noise(h: Host, start: dt.datetime, end: dt.datetime, rng: random.Random) -> list[tuple[dt.datetime, str]]:
    out = []
    t = start
    while t < end:
        t += dt.timedelta(seconds=rng.randint(900, 5400))
        c = rng.randint(0, 9)
        if c <= 2:
            out.append((t, f"ntpd[{2105}]: synchronized to 10.1.1.{rng.randint(1, 3)}, stratum 2"))
        elif c == 3:
            out.append((t, f"snmpd[{2230}]: Connection from UDP: [10.1.5.{rng.randint(10, 40)}]:{rng.randint(30000, 60000)}->[10.10.0.{rng.randint(10, 99)}]"))
        elif c == 4:
            out.append((t, f"xinetd[{2261}]: START: nrpe pid={rng.randint(10000, 60000)} from=10.1.5.20"))
        elif c == 5:
            out.append((t, f"xinetd[{2261}]: EXIT: nrpe status=0 pid={rng.randint(10000, 60000)} duration=0(sec)"))
        elif c == 6 and h.cluster:
            out.append((t, f"rgmanager[{3011}]: [ip] Checking 10.10.0.{50 + len(h.cluster)}, Level 10"))
        elif c == 7:
            out.append((t, "kernel: possible SYN flooding on port 8080. Sending cookies."))
        else:
            out.append((t, f"auditd[{1840}]: Audit daemon rotating log files"))
    return out
