#!/usr/bin/env python3
"""Generate a deterministic benchmark fleet of sosreports that look like real ones.

Each report is a sos 4.x-style tree (RHEL 7/8 flavoured) streamed straight into `tarfile` and
piped into `xz -T2` and/or `gzip` at once, so nothing is staged on disk:

- 10k-30k members: a `sys/fs/cgroup` swarm of tiny files (the bulk of real member counts),
  `proc/sys` and `sys/module` trees, `sos_commands/*` outputs, `etc/` files;
- 100-300 MB uncompressed, most of it logs (`var/log/messages*`, `secure`, `cron`, `audit.log`,
  a journal export) made of varied lines: timestamps move, hosts, processes, pids, addresses,
  UUIDs and numbers change, so the compression ratio is near a real report's (xz about 8-15x);
- the facts the analyzer reads: uname, lsmod, modinfo, meminfo, buddyinfo, zoneinfo,
  pagetypeinfo, tainted, sysctl, ethtool -i, an rpm list; and in every other report some
  RHEL 6-style page allocation failures (mlx4_en frames, Mem-Info) inside `messages` and dmesg.

`--big-log-gb G` adds one report whose `var/log/messages` is G GiB of varied kernel and syslog
lines (the issue 3 streaming benchmark).

Output: Benchmarks/.data/fleet/ and Benchmarks/.data/biglog/ (git-ignored). The same seed gives the same bytes.

    python3 Benchmarks/make_fleet.py --count 4 --size-mb 150 --formats xz,gz --big-log-gb 1
"""
import argparse
import io
import os
import random
import subprocess
import sys
import tarfile
import time

MTIME = 1700000000  # 2023-11-14, fixed so archives are byte-identical run to run
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, ".data")

# The row layouts of /proc files, lsmod, modinfo and the RHEL 6 allocation-failure trace come from
# the Samples/ generator (Samples/sosgen), so the two fleets print them one way.
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "Samples"))
from sosgen.kernel_log import ALLOC_FRAME, IDLE_EOI, IRQ_TAIL, RX_FRAMES, free_area_line, per_cpu_line  # noqa: E402
from sosgen.modinfo import modinfo_line  # noqa: E402
from sosgen.modules import LSMOD_HEADER  # noqa: E402
from sosgen.proc_memory import (PAGETYPE_FREE_HEADER, buddyinfo_line, meminfo_count_line,  # noqa: E402
                                meminfo_line, pagetype_free_line)


# ---------------------------------------------------------------------------------------------
# Output: one tar stream feeding one compressor process per format.

class Fanout(io.RawIOBase):
    """A write-only stream that copies every write to several compressor stdins."""

    def __init__(self, sinks):
        self.sinks = sinks

    def writable(self):
        return True

    def write(self, data):
        for sink in self.sinks:
            sink.write(data)
        return len(data)


def compressors(base, formats, xz_preset):
    procs = []
    for fmt in formats:
        if fmt == "xz":
            cmd = ["xz", "-T2", f"-{xz_preset}", "-c"]
            path = base + ".tar.xz"
        elif fmt == "gz":
            cmd = ["gzip", "-n", "-6", "-c"]
            path = base + ".tar.gz"
        else:
            sys.exit(f"unknown format {fmt!r} (xz, gz)")
        out = open(path + ".part", "wb")
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, bufsize=1 << 20)
        procs.append((proc, out, path))
    return procs


class ReportWriter:
    """Adds members under the report's top folder; creates parent directory entries once."""

    def __init__(self, tar, top):
        self.tar = tar
        self.top = top
        self.dirs = set()
        self.members = 0
        self.bytes = 0
        self.directory("")

    def directory(self, path):
        if path in self.dirs:
            return
        parent = os.path.dirname(path)
        if path and parent not in self.dirs:
            self.directory(parent)
        self.dirs.add(path)
        info = tarfile.TarInfo((self.top + "/" + path).rstrip("/"))
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
        info.mtime = MTIME
        info.uname = info.gname = "root"
        self.tar.addfile(info)
        self.members += 1

    def file(self, path, data, mode=0o644):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        self.directory(os.path.dirname(path))
        info = tarfile.TarInfo(self.top + "/" + path)
        info.size = len(data)
        info.mode = mode
        info.mtime = MTIME
        info.uname = info.gname = "root"
        self.tar.addfile(info, io.BytesIO(data))
        self.members += 1
        self.bytes += len(data)

    def stream(self, path, size, chunks):
        """A big member whose exact size is known up front, written from an iterator of bytes."""
        self.directory(os.path.dirname(path))
        info = tarfile.TarInfo(self.top + "/" + path)
        info.size = size
        info.mode = 0o600
        info.mtime = MTIME
        info.uname = info.gname = "root"
        self.tar.addfile(info, ChunkReader(chunks, size))
        self.members += 1
        self.bytes += size

    def symlink(self, path, target):
        self.directory(os.path.dirname(path))
        info = tarfile.TarInfo(self.top + "/" + path)
        info.type = tarfile.SYMTYPE
        info.linkname = target
        info.mode = 0o777
        info.mtime = MTIME
        info.uname = info.gname = "root"
        self.tar.addfile(info)
        self.members += 1


class ChunkReader(io.RawIOBase):
    """File-like view of an iterator of byte chunks, for tarfile.addfile (reads exactly `size`)."""

    def __init__(self, chunks, size):
        self.chunks = iter(chunks)
        self.left = size
        self.buffer = b""
        self.offset = 0

    def readable(self):
        return True

    def read(self, n=-1):
        if n < 0:
            n = self.left
        parts = []
        want = min(n, self.left)
        while want > 0:
            if self.offset >= len(self.buffer):
                self.buffer = next(self.chunks, b"\n" * want)  # pad if short (never expected)
                self.offset = 0
            part = self.buffer[self.offset:self.offset + want]
            self.offset += len(part)
            want -= len(part)
            parts.append(part)
        out = b"".join(parts)
        self.left -= len(out)
        return out


# ---------------------------------------------------------------------------------------------
# Log lines: varied enough that the compressor sees real-world entropy.

USERS = ["root", "oracle", "deploy", "jenkins", "backup", "nagios", "svc_app", "admin", "postgres", "ansible"]
WORDS = ("alpha beta gamma delta queue worker batch export import index cache session token shard "
         "replica primary leader follower request response timeout retry commit rollback flush "
         "segment chunk buffer socket stream channel handler listener scheduler").split()
UNITS = ["sshd.service", "crond.service", "rsyslog.service", "chronyd.service", "tuned.service",
         "NetworkManager.service", "auditd.service", "sysstat-collect.service", "logrotate.service",
         "dnf-makecache.service", "systemd-tmpfiles-clean.service", "postfix.service", "httpd.service"]
DEVICES = ["sda", "sdb", "sdc", "nvme0n1", "dm-0", "dm-1", "dm-3"]
NICS = ["eth0", "eth1", "ens192", "ens224", "bond0"]


def ip(r):
    return f"10.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"


def uuid(r):
    return "%08x-%04x-%04x-%04x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(16),
                                          r.getrandbits(16), r.getrandbits(48))


def body(r, host):
    """One syslog message after the timestamp and host: `proc[pid]: text`."""
    k = r.randrange(100)
    pid = r.randrange(300, 65000)
    if k < 14:
        return (f"sshd[{pid}]: Accepted publickey for {r.choice(USERS)} from {ip(r)} port {r.randrange(1024, 65535)} "
                f"ssh2: RSA SHA256:{r.getrandbits(128):032x}")
    if k < 20:
        return f"sshd[{pid}]: pam_unix(sshd:session): session closed for user {r.choice(USERS)}"
    if k < 30:
        return f"CROND[{pid}]: ({r.choice(USERS)}) CMD (/usr/lib64/sa/sa1 1 1)" if r.random() < 0.5 else \
            f"CROND[{pid}]: ({r.choice(USERS)}) CMD (run-parts /etc/cron.hourly)"
    if k < 42:
        return f"systemd[1]: Started Session {r.randrange(1, 90000)} of user {r.choice(USERS)}."
    if k < 48:
        return f"systemd[1]: {r.choice(UNITS)}: Succeeded." if r.random() < 0.6 else \
            f"systemd[1]: Starting {r.choice(UNITS)[:-8]}..."
    if k < 55:
        return (f"NetworkManager[{r.randrange(700, 1300)}]: <info>  [{r.randrange(1600000000, 1700000000)}.{r.randrange(10000):04d}] "
                f"dhcp4 ({r.choice(NICS)}): state changed bound -> bound")
    if k < 62:
        return (f"kernel: [{r.randrange(100, 9000000)}.{r.randrange(1000000):06d}] "
                f"{r.choice(['IPv4: martian source', 'TCP: request_sock_TCP: Possible SYN flooding on port', 'nf_conntrack: table full, dropping packet'])} "
                f"{r.randrange(1, 65535)} from {ip(r)}")
    if k < 67:
        return (f"kernel: EXT4-fs ({r.choice(DEVICES)}{r.randrange(1, 5)}): "
                f"{r.choice(['mounted filesystem with ordered data mode. Opts: (null)', 're-mounted. Opts: (null)', 'warning: maximal mount count reached, running e2fsck is recommended'])}")
    if k < 71:
        return (f"kernel: sd {r.randrange(6)}:0:{r.randrange(4)}:{r.randrange(8)}: [{r.choice(DEVICES)}] "
                f"{r.choice(['Write cache: enabled', 'Attached SCSI disk', 'Synchronizing SCSI cache'])}")
    if k < 78:
        return (f"app-{r.choice(WORDS)}[{pid}]: {r.choice(WORDS)} {r.choice(WORDS)} id={uuid(r)} "
                f"took {r.randrange(1, 90000)}ms rows={r.randrange(100000)} status={r.choice(['ok', 'ok', 'ok', 'retry', 'fail'])}")
    if k < 83:
        return (f"postfix/smtpd[{pid}]: connect from unknown[{ip(r)}]" if r.random() < 0.5 else
                f"postfix/qmgr[{pid}]: {r.getrandbits(40):010X}: from=<{r.choice(USERS)}@{host}>, size={r.randrange(300, 90000)}, nrcpt=1 (queue active)")
    if k < 87:
        return f"chronyd[{r.randrange(600, 900)}]: Selected source {ip(r)} (offset {r.uniform(-0.01, 0.01):+.6f})"
    if k < 91:
        return (f"audispd: node={host} type=USER_ACCT msg=audit({r.randrange(1600000000, 1700000000)}.{r.randrange(1000):03d}:{r.randrange(10**7)}): "
                f"pid={pid} uid=0 auid={r.randrange(1000, 2000)} ses={r.randrange(9000)} msg='op=PAM:accounting acct=\"{r.choice(USERS)}\" exe=\"/usr/sbin/sshd\" res=success'")
    if k < 95:
        return (f"kernel: {r.choice(NICS)}: {r.choice(['NIC Link is Up 10000 Mbps Full Duplex', 'renamed from eth' + str(r.randrange(4)), 'entered promiscuous mode', 'left promiscuous mode'])}")
    if k < 98:
        return (f"dockerd[{r.randrange(900, 2000)}]: time=\"2023-11-{r.randrange(1, 29):02d}T{r.randrange(24):02d}:{r.randrange(60):02d}:{r.randrange(60):02d}.{r.getrandbits(30)}Z\" "
                f"level=info msg=\"ignoring event\" container={r.getrandbits(256):064x} module=libcontainerd")
    return f"rsyslogd[{r.randrange(800, 1200)}]: imjournal: {r.randrange(1, 5000)} messages lost due to rate-limiting"


class Clock:
    """Syslog timestamps that move forward by a random step."""

    def __init__(self, r, start):
        self.r = r
        self.t = start
        self.second = None
        self.text = ""

    def stamp(self):
        self.t += self.r.random() * 0.25
        s = int(self.t)
        if s == self.second:
            return self.text
        self.second = s
        day, rest = divmod(s, 86400)
        month = (day // 30) % 12
        self.text = f"{MONTHS[month]} {day % 30 + 1:2d} {rest // 3600:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}"
        return self.text


def failure_block(r, stamp, host, order=2, comm=None):
    """A RHEL 6-style page allocation failure with mlx4_en frames and a Mem-Info block (syslog form)."""
    comm = comm or r.choice(["swapper", "java", "ksoftirqd/3", "httpd", "oracle"])
    pid = 0 if comm == "swapper" else r.randrange(300, 60000)
    p = f"{stamp} {host} kernel: "
    out = [f"{comm}: page allocation failure. order:{order}, mode:0x4020",
           f"Pid: {pid}, comm: {comm} Tainted: P           ---------------    2.6.32-358.el6.x86_64 #1",
           "Call Trace:",
           " <IRQ>  " + ALLOC_FRAME]
    # the samples' idle-CPU trace, a little shorter (no handle_IRQ_event, one idle frame)
    out += [" " + frame for frame in RX_FRAMES + IRQ_TAIL[1:] + IDLE_EOI[:1]]
    out += ["Mem-Info:", "Node 0 DMA per-cpu:"]
    out += [per_cpu_line(c, "DMA", 0) for c in range(4)]
    out += ["Node 0 Normal per-cpu:"]
    out += [per_cpu_line(c, "Normal", r.randrange(186)) for c in range(4)]
    free4, free8 = r.randrange(5000, 15000), r.randrange(1000, 4000)
    normal = free4 * 4 + free8 * 8 + 16
    out += [f"active_anon:{r.randrange(10**7)} inactive_anon:{r.randrange(10**6)} isolated_anon:0",
            f" free:{normal // 4} slab_reclaimable:692237 slab_unreclaimable:123752",
            "Node 0 DMA free:15900kB min:8kB low:8kB high:12kB present:15992kB pages_scanned:0 all_unreclaimable? yes",
            "lowmem_reserve[]: 0 2958 65520 65520",
            f"Node 0 Normal free:{normal}kB min:32256kB low:40320kB high:48384kB present:64063176kB pages_scanned:0 all_unreclaimable? no",
            "lowmem_reserve[]: 0 0 0 0",
            free_area_line(0, "DMA", [1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 3]),
            free_area_line(0, "Normal", [free4, free8, 1] + [0] * 8),
            f"{r.randrange(10**7)} total pagecache pages",
            "0 pages in swap cache",
            "Swap cache stats: add 0, delete 0, find 0/0",
            "Free swap  = 8388600kB",
            "Total swap = 8388600kB",
            "16777215 pages RAM",
            "610080 pages reserved",
            f"{r.randrange(10**6)} pages shared",
            f"{r.randrange(10**7)} pages non-shared"]
    return [p + line for line in out]


def log_chunks(r, host, size, start, failures=0, chunk_lines=4096):
    """Syslog-format lines totalling exactly `size` bytes, as byte chunks (each ~400 KB).

    A fresh pool of rendered messages every chunk keeps lines varied without rendering each one
    from scratch (rendering is the slow part in Python); per line the timestamp always moves."""
    clock = Clock(r, start)
    written = 0
    lines_per_failure = None
    if failures:
        expected_lines = max(1, size // 130)
        lines_per_failure = max(chunk_lines, expected_lines // (failures + 1))
    line_no = 0
    while written < size:
        pool = [body(r, host) for _ in range(chunk_lines // 8)]
        picks = r.choices(pool, k=chunk_lines)
        lines = []
        for text in picks:
            line_no += 1
            lines.append(f"{clock.stamp()} {host} {text}")
            if lines_per_failure and line_no % lines_per_failure == 0 and failures > 0:
                failures -= 1
                lines += failure_block(r, clock.stamp(), host)
        data = ("\n".join(lines) + "\n").encode()
        if written + len(data) >= size:
            data = data[: size - written]
            if data and not data.endswith(b"\n"):
                data = data[:-1] + b"\n"
        written += len(data)
        yield data


# ---------------------------------------------------------------------------------------------
# Small members: the facts the analyzer reads, and the swarms real reports carry.

MODULES = [("mlx4_en", 101306, 0, ""), ("mlx4_core", 210765, 1, "mlx4_en"), ("ipv6", 336282, 40, ""),
           ("ext4", 374902, 2, ""), ("jbd2", 93427, 1, "ext4"), ("mbcache", 8193, 1, "ext4"),
           ("sd_mod", 39069, 6, ""), ("crc_t10dif", 1541, 1, "sd_mod"), ("ahci", 42215, 4, ""),
           ("dm_mirror", 14384, 0, ""), ("dm_region_hash", 12085, 1, "dm_mirror"),
           ("dm_log", 9930, 2, "dm_mirror,dm_region_hash"), ("dm_mod", 102467, 11, "dm_mirror,dm_log"),
           ("sunrpc", 263516, 1, ""), ("8021q", 25349, 0, ""), ("garp", 7152, 1, "8021q"),
           ("stp", 2218, 1, "garp"), ("llc", 5546, 2, "garp,stp"), ("microcode", 112653, 0, ""),
           ("sg", 29350, 0, ""), ("sb_edac", 18104, 0, ""), ("edac_core", 46581, 3, "sb_edac"),
           ("i2c_i801", 11359, 0, ""), ("i2c_core", 31084, 1, "i2c_i801"), ("ioatdma", 58482, 9, ""),
           ("dca", 7101, 1, "ioatdma"), ("vxfs", 2101011, 3, ""), ("fdd", 53457, 1, "vxfs")]


def lsmod_text():
    lines = [LSMOD_HEADER]
    # one column narrower than lsmod prints it (and than the samples' lsmod_text); kept so the
    # fleet's archives, and so the benchmark figures measured on them, stay what they were
    lines += [f"{name:<19}{size:>8}  {used} {deps}".rstrip() + (" " if not deps else "") for name, size, used, deps in MODULES]
    return "\n".join(lines) + "\n"


def modinfo_text(r):
    out = []
    for name, size, _, deps in MODULES:
        proprietary = name in ("vxfs", "fdd")
        out += [modinfo_line("filename", f"/lib/modules/2.6.32-358.el6.x86_64/{'extra' if proprietary else 'kernel/drivers'}/{name}.ko"),
                modinfo_line("license", "Proprietary" if proprietary else "GPL"),
                modinfo_line("description", f"{name} driver"),
                modinfo_line("srcversion", f"{r.getrandbits(96):024X}"),
                modinfo_line("depends", deps),
                modinfo_line("vermagic", "2.6.32-358.el6.x86_64 SMP mod_unload modversions "),
                ""]
    return "\n".join(out)


def meminfo_text(r, total_kb):
    free = r.randrange(total_kb // 50, total_kb // 5)
    keys = ["MemTotal", "MemFree", "Buffers", "Cached", "SwapCached", "Active", "Inactive", "Active(anon)",
            "Inactive(anon)", "Active(file)", "Inactive(file)", "Unevictable", "Mlocked", "SwapTotal", "SwapFree",
            "Dirty", "Writeback", "AnonPages", "Mapped", "Shmem", "Slab", "SReclaimable", "SUnreclaim",
            "KernelStack", "PageTables", "NFS_Unstable", "Bounce", "WritebackTmp", "CommitLimit", "Committed_AS",
            "VmallocTotal", "VmallocUsed", "VmallocChunk", "HardwareCorrupted", "AnonHugePages", "HugePages_Total",
            "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp", "Hugepagesize", "DirectMap4k", "DirectMap2M"]
    lines = []
    for k in keys:
        v = total_kb if k == "MemTotal" else free if k == "MemFree" else r.randrange(0, total_kb // 8)
        if k.startswith("HugePages_"):
            lines.append(meminfo_count_line(k, r.randrange(0, 64)))
        else:
            lines.append(meminfo_line(k, v))
    return "\n".join(lines) + "\n"


def buddyinfo_text(r, exhausted):
    def row(node, zone, counts):
        # without the kernel's trailing space, as the fleet was first written (same archives)
        return buddyinfo_line(node, zone, counts).rstrip(" ")
    normal = [r.randrange(5000, 50000), r.randrange(1000, 9000)] + \
        ([0] * 9 if exhausted else [r.randrange(10, 900) >> i for i in range(9)])
    return "\n".join([row(0, "DMA", [1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 3]),
                      row(0, "DMA32", [r.randrange(4000), r.randrange(2000), r.randrange(500), 40, 9, 3, 1, 0, 0, 0, 0]),
                      row(0, "Normal", normal)]) + "\n"


def zoneinfo_text(r):
    out = []
    for zone, present in (("DMA", 3998), ("DMA32", 757424), ("Normal", 16015794)):
        free = r.randrange(present // 100, present // 10)
        out += [f"Node 0, zone {zone:>8}", f"  pages free     {free}", f"        min      {present // 2000}",
                f"        low      {present // 1600}", f"        high     {present // 1333}",
                f"        scanned  0", f"        spanned  {present + 2}", f"        present  {present}",
                f"        managed  {present - 10}"]
        out += [f"    nr_{k} {r.randrange(10**6)}" for k in ("free_pages", "inactive_anon", "active_anon",
                                                             "inactive_file", "active_file", "unevictable", "mlock",
                                                             "anon_pages", "mapped", "file_pages", "dirty", "writeback",
                                                             "slab_reclaimable", "slab_unreclaimable", "page_table_pages")]
    return "\n".join(out) + "\n"


def pagetypeinfo_text(r):
    # rows without the kernel's trailing space, as the fleet was first written (same archives)
    out = ["Page block order: 9", "Pages per block:  512", "", PAGETYPE_FREE_HEADER.rstrip(" ")]
    for zone in ("DMA", "DMA32", "Normal"):
        for mt in ("Unmovable", "Reclaimable", "Movable", "Reserve", "Isolate"):
            counts = [r.randrange(0, 3000) >> i for i in range(11)]
            out.append(pagetype_free_line(0, zone, mt, counts).rstrip(" "))
    return "\n".join(out) + "\n"


def sysctl_text(r):
    keys = [f"kernel.{k}" for k in ("pid_max", "threads-max", "shmmax", "shmall", "sem", "msgmax", "panic", "tainted",
                                    "sysrq", "randomize_va_space", "hung_task_timeout_secs")]
    keys += [f"vm.{k}" for k in ("min_free_kbytes", "zone_reclaim_mode", "swappiness", "dirty_ratio",
                                 "dirty_background_ratio", "overcommit_memory", "vfs_cache_pressure", "max_map_count")]
    keys += [f"net.ipv4.conf.{nic}.{k}" for nic in NICS + ["all", "default", "lo"]
             for k in ("rp_filter", "accept_redirects", "send_redirects", "forwarding", "arp_ignore", "arp_announce")]
    keys += [f"net.core.{k}" for k in ("rmem_max", "wmem_max", "somaxconn", "netdev_max_backlog")]
    return "".join(f"{k} = {r.randrange(0, 70000)}\n" for k in keys)


def rpm_list(r, n):
    names = ["kernel", "glibc", "openssl", "bash", "coreutils", "systemd", "python3", "perl", "httpd", "sos",
             "NetworkManager", "openssh", "sudo", "rsyslog", "chrony", "tuned", "audit", "lvm2", "device-mapper",
             "xfsprogs", "e2fsprogs", "yum", "rpm", "zlib", "xz", "libarchive", "gzip", "tar", "curl", "wget"]
    lines = []
    for i in range(n):
        base = r.choice(names)
        name = base if i < len(names) else f"{base}-{r.choice(WORDS)}{r.randrange(100)}"
        lines.append(f"{name}-{r.randrange(1, 9)}.{r.randrange(30)}.{r.randrange(20)}-{r.randrange(1, 40)}.el8.x86_64"
                     f"                                  Mon 0{r.randrange(1, 9)} Jan 2023 0{r.randrange(10)}:{r.randrange(10, 60)}:{r.randrange(10, 60)} AM UTC")
    return "\n".join(sorted(lines)) + "\n"


def ps_text(r, n):
    lines = ["USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND"]
    for i in range(n):
        lines.append(f"{r.choice(USERS):<10} {r.randrange(1, 99999):>6} {r.uniform(0, 30):4.1f} {r.uniform(0, 10):4.1f} "
                     f"{r.randrange(10**7):>7} {r.randrange(10**6):>6} ?        S{r.choice(['', 's', 'l', 'sl'])}   Nov{r.randrange(1, 28):02d}   "
                     f"{r.randrange(99)}:{r.randrange(60):02d} /usr/bin/{r.choice(WORDS)}-{r.choice(WORDS)} --id={uuid(r)}")
    return "\n".join(lines) + "\n"


def dmesg_text(r, host, failures):
    lines = []
    t = 0.0
    for i in range(r.randrange(1500, 4000)):
        t += r.expovariate(1 / 0.3)
        lines.append(f"[{t:12.6f}] {body(r, host).split(': ', 1)[-1]}")
        if failures and i % 700 == 699:
            failures -= 1
            for line in failure_block(r, "", host):
                lines.append(f"[{t:12.6f}] " + line.split("kernel: ", 1)[1])
    lines.insert(0, "[    0.000000] Linux version 2.6.32-358.el6.x86_64 (mockbuild@x86-022.build.eng.bos.redhat.com) "
                    "(gcc version 4.4.7 20120313 (Red Hat 4.4.7-3) (GCC) ) #1 SMP Tue Jan 29 11:47:41 EST 2013")
    return "\n".join(lines) + "\n"


def small_members(w, r, host, failures, target_members):
    """Everything but the big logs; stops adding swarm files near `target_members`."""
    w.file("version.txt", "sosreport: 4.5.6\n")
    w.file("sos_logs/sos.log", "".join(f"2023-11-14 22:{i // 60:02d}:{i % 60:02d},{r.randrange(1000):03d} INFO: "
                                       f"[plugin:{r.choice(WORDS)}] collecting path '/etc/{r.choice(WORDS)}'\n" for i in range(400)))
    w.file("sos_reports/manifest.json", '{"version": "1.0", "compression": "xz", "components": {"report": {"plugins": {}}}}\n')
    uname = f"Linux {host} 2.6.32-358.el6.x86_64 #1 SMP Tue Jan 29 11:47:41 EST 2013 x86_64 x86_64 x86_64 GNU/Linux\n"
    w.file("sos_commands/kernel/uname_-a", uname)
    w.file("sos_commands/kernel/lsmod", lsmod_text())
    w.file("sos_commands/kernel/modinfo_ALL_MODULES", modinfo_text(r))
    w.file("sos_commands/kernel/sysctl_-a", sysctl_text(r))
    w.file("sos_commands/kernel/dmesg", dmesg_text(r, host, failures))
    w.file("sos_commands/host/hostname", host + "\n")
    w.file("sos_commands/date/date", "Tue Nov 14 22:13:20 UTC 2023\n")
    w.file("sos_commands/process/ps_auxwww", ps_text(r, r.randrange(300, 900)))
    w.file("sos_commands/rpm/package-data", rpm_list(r, r.randrange(900, 1800)))
    for nic in NICS[:3]:
        drv = "mlx4_en" if nic == "eth0" else "vmxnet3"
        w.file(f"sos_commands/networking/ethtool_-i_{nic}",
               f"driver: {drv}\nversion: 1.5.10\nfirmware-version: 2.11.500\nbus-info: 0000:0{r.randrange(10)}:00.0\n"
               "supports-statistics: yes\nsupports-test: no\nsupports-eeprom-access: no\n"
               "supports-register-dump: no\nsupports-priv-flags: no\n")
        w.file(f"sos_commands/networking/ethtool_-S_{nic}",
               "NIC statistics:\n" + "".join(f"     {k}_{q}: {r.randrange(10**9)}\n" for q in range(16)
                                             for k in ("rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_dropped")))
    # Command outputs of other plugins: varied tables.
    for plugin in ("block", "filesys", "devicemapper", "lvm2", "networking", "systemd", "selinux", "pci", "usb",
                   "hardware", "memory", "processor", "services", "yum", "logs", "cron", "sar", "auditd", "ntp"):
        for j in range(r.randrange(8, 40)):
            rows = "".join(f"{r.choice(WORDS)}{k} {r.randrange(10**6)} {ip(r)} {uuid(r)} {r.choice(WORDS)}\n"
                           for k in range(r.randrange(3, 120)))
            w.file(f"sos_commands/{plugin}/{r.choice(WORDS)}_{j}_-{r.choice('alnsv')}", rows)
    total_kb = r.choice([16, 32, 64, 128]) * 1024 * 1024
    w.file("proc/meminfo", meminfo_text(r, total_kb))
    w.file("proc/buddyinfo", buddyinfo_text(r, exhausted=failures > 0))
    w.file("proc/zoneinfo", zoneinfo_text(r))
    w.file("proc/pagetypeinfo", pagetypeinfo_text(r))
    w.file("proc/modules", "".join(f"{n} {s} {u} {d or '-'}, Live 0xffffffffa0{r.getrandbits(24):06x}\n" for n, s, u, d in MODULES))
    w.file("proc/sys/kernel/tainted", "12289\n")
    w.file("proc/sys/kernel/osrelease", "2.6.32-358.el6.x86_64\n")
    w.file("proc/sys/kernel/hostname", host + "\n")
    w.file("proc/sys/vm/min_free_kbytes", f"{r.choice([45056, 67584, 90112])}\n")
    w.file("proc/sys/vm/zone_reclaim_mode", "0\n")
    w.file("etc/redhat-release", "Red Hat Enterprise Linux Server release 6.4 (Santiago)\n")
    w.file("etc/hostname", host + "\n")
    w.file("etc/sysconfig/network", f"NETWORKING=yes\nHOSTNAME={host}\n")
    for name in ("fstab", "hosts", "resolv.conf", "sysctl.conf", "ssh/sshd_config", "sudoers", "rsyslog.conf",
                 "chrony.conf", "security/limits.conf", "multipath.conf", "lvm/lvm.conf", "selinux/config"):
        w.file(f"etc/{name}", "".join(f"# {r.choice(WORDS)} {r.choice(WORDS)}\n{r.choice(WORDS)} = {r.randrange(10**5)}\n"
                                      for _ in range(r.randrange(5, 200))))
    for mod, _, _, _ in MODULES:
        w.file(f"sys/module/{mod}/taint", "PO\n" if mod in ("vxfs", "fdd") else "\n")
        w.file(f"sys/module/{mod}/refcnt", f"{r.randrange(50)}\n")
        for p in range(r.randrange(0, 6)):
            w.file(f"sys/module/{mod}/parameters/{r.choice(WORDS)}_{p}", f"{r.randrange(4096)}\n")
    w.symlink("uname", "sos_commands/kernel/uname_-a")
    w.symlink("lsmod", "sos_commands/kernel/lsmod")
    w.symlink("hostname", "sos_commands/host/hostname")
    w.symlink("installed-rpms", "sos_commands/rpm/package-data")
    # proc/sys: thousands of one-line files.
    for i in range(r.randrange(1500, 3000)):
        section = r.choice(["net/ipv4/conf", "net/ipv6/conf", "net/ipv4/neigh", "fs", "kernel", "vm", "dev/raid"])
        nic = r.choice(NICS + ["lo", "all", "default", f"veth{r.getrandbits(24):06x}"])
        w.file(f"proc/sys/{section}/{nic}/{r.choice(WORDS)}_{i}", f"{r.randrange(100000)}\n", mode=0o444)
    # sys/fs/cgroup: the swarm that dominates real member counts (tiny files, many folders).
    controllers = ["memory", "cpu,cpuacct", "blkio", "pids", "devices", "freezer", "net_cls,net_prio"]
    files = {"memory": ["memory.usage_in_bytes", "memory.limit_in_bytes", "memory.max_usage_in_bytes",
                        "memory.failcnt", "memory.swappiness", "memory.soft_limit_in_bytes", "memory.use_hierarchy",
                        "memory.oom_control", "tasks", "cgroup.procs"],
             "cpu,cpuacct": ["cpu.shares", "cpu.cfs_period_us", "cpu.cfs_quota_us", "cpuacct.usage", "cpu.stat", "tasks"],
             "blkio": ["blkio.weight", "blkio.throttle.io_serviced", "blkio.reset_stats", "tasks"],
             "pids": ["pids.max", "pids.current", "tasks"],
             "devices": ["devices.list", "tasks"],
             "freezer": ["freezer.state", "tasks"],
             "net_cls,net_prio": ["net_cls.classid", "net_prio.ifpriomap", "tasks"]}
    while w.members < target_members:
        ctl = r.choice(controllers)
        unit = r.choice(["system.slice", "user.slice", "kubepods.slice/kubepods-burstable.slice",
                         "machine.slice"])
        leaf = f"{unit}/{r.choice(WORDS)}-{r.getrandbits(32):08x}.scope"
        for name in files[ctl]:
            if name in ("tasks", "cgroup.procs"):
                text = "".join(f"{r.randrange(300, 99999)}\n" for _ in range(r.randrange(0, 6)))
            elif name.endswith("stat") or name.startswith("devices") or name.endswith("_control"):
                text = f"nr_periods {r.randrange(10**6)}\nnr_throttled {r.randrange(1000)}\nthrottled_time {r.randrange(10**9)}\n"
            else:
                text = f"{r.randrange(10**10)}\n"
            w.file(f"sys/fs/cgroup/{ctl}/{leaf}/{name}", text)


def make_report(out_dir, index, seed, size_mb, formats, xz_preset, big_log_bytes=0):
    r = random.Random(seed * 1000003 + index)
    if big_log_bytes:
        host = f"biglog{index:02d}.prod.example.com"
    else:
        host = f"{r.choice(['app', 'db', 'web', 'batch', 'cache', 'k8s'])}{index:02d}.prod.example.com"
    short = host.split(".")[0]
    top = f"sosreport-{short}-2023-11-14-{r.getrandbits(28):07x}"
    base = os.path.join(out_dir, top)
    procs = compressors(base, formats, xz_preset)
    fan = Fanout([p.stdin for p in (proc for proc, _, _ in procs)])
    buffered = io.BufferedWriter(fan, buffer_size=1 << 20)
    tar = tarfile.open(fileobj=buffered, mode="w|", format=tarfile.GNU_FORMAT)
    w = ReportWriter(tar, top)
    failures = 0 if big_log_bytes else (r.randrange(2, 6) if index % 2 == 0 else 0)
    start = 60 * 86400 * r.random() + 300 * 86400
    if big_log_bytes:
        small_members(w, r, host, failures=3, target_members=3000)
        w.stream("var/log/messages", big_log_bytes, log_chunks(r, host, big_log_bytes, start, failures=5))
    else:
        target_members = r.randrange(10000, 30000)
        size = int(size_mb * (1 << 20) * r.uniform(0.8, 1.25))
        small_members(w, r, host, failures, target_members)
        left = max(1 << 20, size - w.bytes)
        # Split the log budget across files, the way sos leaves them (messages the biggest).
        shares = [("var/log/messages", 0.45, failures), ("var/log/messages-20231112", 0.15, 0),
                  ("var/log/secure", 0.08, 0), ("var/log/cron", 0.05, 0), ("var/log/audit/audit.log", 0.12, 0),
                  ("sos_commands/logs/journalctl_--no-pager", 0.15, 0)]
        for path, share, fails in shares:
            n = int(left * share)
            w.stream(path, n, log_chunks(r, host, n, start, failures=fails))
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
    ap.add_argument("--size-mb", type=float, default=150, help="mean uncompressed size per report in MiB (default 150)")
    ap.add_argument("--formats", default="xz,gz", help="comma list of xz, gz (default xz,gz)")
    ap.add_argument("--big-log-gb", type=float, default=0, help="also write one report with a messages file of this many GiB")
    ap.add_argument("--seed", type=int, default=2, help="random seed (default 2)")
    ap.add_argument("--xz-preset", type=int, default=1, choices=range(0, 10), help="xz preset (default 1)")
    ap.add_argument("--out", default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    args = ap.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    fleet_dir = os.path.join(args.out, "fleet")
    big_dir = os.path.join(args.out, "biglog")
    os.makedirs(fleet_dir, exist_ok=True)
    for i in range(args.count):
        t0 = time.time()
        members, size, outs = make_report(fleet_dir, i, args.seed, args.size_mb, formats, args.xz_preset)
        described = ", ".join(f"{os.path.basename(p)} {s / 1e6:.1f} MB" for p, s in outs)
        print(f"report {i}: {members} members, {size / (1 << 20):.0f} MiB -> {described} ({time.time() - t0:.1f} s)", flush=True)
    if args.big_log_gb > 0:
        t0 = time.time()
        os.makedirs(big_dir, exist_ok=True)
        # xz only when asked for: the benchmark compares it with `xz -dc`; a gzip copy doubles the time.
        big_formats = ["xz"] if "xz" in formats else formats
        members, size, outs = make_report(big_dir, 90, args.seed, 0, big_formats, min(args.xz_preset, 1),
                                          big_log_bytes=int(args.big_log_gb * (1 << 30)))
        described = ", ".join(f"{os.path.basename(p)} {s / 1e6:.1f} MB" for p, s in outs)
        print(f"big-log report: {members} members, {size / (1 << 20):.0f} MiB -> {described} ({time.time() - t0:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
