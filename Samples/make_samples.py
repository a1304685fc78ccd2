#!/usr/bin/env python3
"""Write the Samples/ fleet: synthetic sosreports that tell the reference story.

Python 3.11 stdlib only. Deterministic: fixed seeds, fixed mtimes, uid/gid 0 "root",
fixed member order, fixed compression settings. Run twice, get byte-identical files.

    python3 Samples/make_samples.py            # writes next to this script
    python3 Samples/make_samples.py --out DIR  # writes elsewhere (used to check determinism)

Text is adapted from real samples in /work/shared/corpus (see Samples/README.md for which
file each template came from); numbers and names are changed to fit the story.
"""
from __future__ import annotations

import argparse
import bz2
import calendar
import datetime as dt
import gzip
import hashlib
import io
import json
import lzma
import os
import random
import re
import shutil
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

PAGE_KB = 4


# --------------------------------------------------------------------------------------------
# Hosts
# --------------------------------------------------------------------------------------------

@dataclass
class Nic:
    ifname: str
    driver: str
    version: str
    firmware: str
    bus: str


@dataclass
class Failure:
    comm: str
    order: int
    mode: str
    kind: str  # "rx-idle" | "rx-process" | "ksoftirqd" | "vxfs"
    when: dt.datetime


@dataclass
class Host:
    short: str
    domain: str
    minor: str                     # "6.4"
    kernel: str                    # "2.6.32-358.2.1.el6.x86_64"
    kbuild: str                    # uname build date
    hw: str                        # "hp" | "dell"
    ram_gb: int
    cpus: int
    nics: list[Nic]
    cluster: str | None
    vxfs: bool
    mfk: int
    zrm: int
    collected: dt.datetime         # local time of the sos run (also used as UTC epoch base)
    archive_name: str              # <NAME> part of the 2.2 file name (not always the host!)
    affected: bool
    why: str
    failures: list[Failure] = field(default_factory=list)
    extracted: bool = False
    seed: int = 0

    @property
    def fqdn(self) -> str:
        return f"{self.short}.{self.domain}"


def T(s: str) -> dt.datetime:
    return dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S")


MLX_BUS = "0000:05:00.0"


def mlx(ifs: list[str], ver: str, fw: str = "2.11.500") -> list[Nic]:
    # both ports of one ConnectX-3 card share the PCI function, as mlx4_en reports it
    return [Nic(i, "mlx4_en", ver, fw, MLX_BUS) for i in ifs]


IGB = Nic("eth0", "igb", "4.0.1-k", "1.5.1, 0x80000a33", "0000:02:00.0")
BNX2 = Nic("eth0", "bnx2", "2.2.3", "bc 7.4.0 NCSI 2.0.13", "0000:01:00.0")


def rhel6_hosts() -> list[Host]:
    k358 = ("2.6.32-358.el6.x86_64", "Tue Jan 29 11:47:41 EST 2013")
    k358_2 = ("2.6.32-358.2.1.el6.x86_64", "Wed Feb 20 12:17:37 EST 2013")
    k358_6 = ("2.6.32-358.6.1.el6.x86_64", "Fri Mar 29 16:51:51 EDT 2013")
    k279_19 = ("2.6.32-279.19.1.el6.x86_64", "Sat Nov 24 14:35:28 EST 2012")
    k279_22 = ("2.6.32-279.22.1.el6.x86_64", "Sun Jan 13 09:21:40 EST 2013")
    hosts = [
        Host("dbnode01", "prod.example.com", "6.4", *k358, "hp", 128, 32,
             [IGB] + mlx(["eth2", "eth3"], "1.5.10") + [Nic("bond0", "bonding", "3.6.0", "", "")],
             "dbclu01", True, 67584, 0, T("2013-05-14 09:12:03"), "dbnode01", True,
             "allocation failures order 2/3 + Normal/DMA32 high orders exhausted",
             [Failure("swapper", 2, "0x4020", "rx-idle", T("2013-05-13 02:14:51")),
              Failure("java", 2, "0x4020", "rx-process", T("2013-05-13 02:14:52")),
              Failure("vxfs_thread", 3, "0x20", "vxfs", T("2013-05-13 04:40:07")),
              Failure("swapper", 3, "0x4020", "rx-idle", T("2013-05-13 23:58:30")),
              Failure("ksoftirqd/3", 2, "0x4020", "ksoftirqd", T("2013-05-14 08:47:12"))],
             seed=101),
        Host("dbnode02", "prod.example.com", "6.4", *k358_2, "hp", 128, 32,
             [IGB] + mlx(["eth2", "eth3"], "1.5.10") + [Nic("bond0", "bonding", "3.6.0", "", "")],
             "dbclu01", False, 67584, 0, T("2013-05-14 09:31:44"), "acme-rhn", True,
             "allocation failures order 2 + Normal/DMA32 high orders exhausted",
             [Failure("swapper", 2, "0x4020", "rx-idle", T("2013-05-12 17:03:22")),
              Failure("sshd", 2, "0x4020", "rx-process", T("2013-05-13 11:20:09")),
              Failure("swapper", 2, "0x4020", "rx-idle", T("2013-05-14 07:55:41"))],
             seed=102),
        Host("appnode03", "prod.example.com", "6.4", *k358_6, "dell", 96, 24,
             [BNX2] + mlx(["eth4", "eth5"], "1.5.10", "2.11.500"),
             "appclu02", False, 67584, 0, T("2013-05-15 14:02:10"), "appnode03", True,
             "allocation failures order 2/3 + Normal/DMA32 high orders exhausted",
             [Failure("swapper", 2, "0x4020", "rx-idle", T("2013-05-14 22:10:05")),
              Failure("java", 3, "0x4020", "rx-process", T("2013-05-15 01:33:47")),
              Failure("ksoftirqd/7", 2, "0x4020", "ksoftirqd", T("2013-05-15 03:02:19")),
              Failure("swapper", 2, "0x4020", "rx-idle", T("2013-05-15 09:45:58"))],
             seed=103),
        Host("batch04", "prod.example.com", "6.4", *k358_6, "hp", 256, 32,
             [IGB] + mlx(["eth2", "eth3"], "1.5.10"),
             None, True, 524288, 1, T("2013-05-16 10:44:29"), "jsmith", True,
             "workaround applied (min_free_kbytes 524288, zone_reclaim_mode 1) and still fails",
             [Failure("swapper", 2, "0x4020", "rx-idle", T("2013-05-16 03:21:40")),
              Failure("vxfs_thread", 3, "0x20", "vxfs", T("2013-05-16 06:12:05"))],
             seed=104),
        Host("web05", "dmz.example.com", "6.4", *k358_2, "dell", 48, 16,
             mlx(["eth0", "eth1"], "1.5.10", "2.10.700"),
             None, False, 67584, 0, T("2013-05-16 15:20:51"), "web05", True,
             "allocation failures order 2/3 + Normal/DMA32 high orders exhausted",
             [Failure("swapper", 2, "0x4020", "rx-idle", T("2013-05-15 12:00:33")),
              Failure("sshd", 3, "0x4020", "rx-process", T("2013-05-16 08:30:17")),
              Failure("swapper", 2, "0x4020", "rx-idle", T("2013-05-16 14:59:02"))],
             seed=105),
        # ---- unaffected ----
        Host("dbnode11", "prod.example.com", "6.3", *k279_19, "hp", 128, 32,
             [IGB] + mlx(["eth2", "eth3"], "1.5.7", "2.10.700"),
             "dbclu03", True, 67584, 0, T("2013-05-17 09:05:37"), "dbnode11", False,
             "RHEL 6.3 + mlx4_en: healthy buddyinfo, no allocation failures", [], seed=111),
        Host("dbnode12", "prod.example.com", "6.3", *k279_22, "hp", 128, 32,
             [IGB] + mlx(["eth2", "eth3"], "1.5.7", "2.10.700"),
             "dbclu03", False, 67584, 0, T("2013-05-17 09:26:12"), "dbnode12", False,
             "RHEL 6.3 + mlx4_en: healthy buddyinfo, no allocation failures", [], seed=112),
        Host("web07", "dmz.example.com", "6.4", *k358_6, "hp", 64, 16,
             [IGB, Nic("eth1", "igb", "4.0.1-k", "1.5.1, 0x80000a33", "0000:02:00.1")],
             None, False, 67584, 0, T("2013-05-17 11:48:09"), "web07", False,
             "RHEL 6.4 without mlx4_en (igb): healthy", [], extracted=True, seed=113),
        Host("app08", "prod.example.com", "6.4", *k358_2, "dell", 96, 24,
             [Nic("eth0", "bnx2x", "1.72.51-0", "bc 7.2.16", "0000:03:00.0"),
              Nic("eth1", "bnx2x", "1.72.51-0", "bc 7.2.16", "0000:03:00.1")],
             None, False, 67584, 0, T("2013-05-17 13:30:55"), "app08", False,
             "RHEL 6.4 without mlx4_en (bnx2x): healthy", [], seed=114),
    ]
    return hosts


# --------------------------------------------------------------------------------------------
# Memory model: zones, buddyinfo, zoneinfo, pagetypeinfo, meminfo, Mem-Info blocks
# --------------------------------------------------------------------------------------------

ZONE_ORDER = ["DMA", "DMA32", "Normal", "Movable"]
LOWMEM_RATIO = {"DMA": 256, "DMA32": 256, "Normal": 32}


@dataclass
class Zone:
    node: int
    name: str
    start_pfn: int
    spanned: int
    present: int
    buddy: list[int]
    min: int = 0
    low: int = 0
    high: int = 0
    protection: list[int] = field(default_factory=list)

    @property
    def free_pages(self) -> int:
        return sum(c << k for k, c in enumerate(self.buddy))


def make_zones(ram_gb: int, nodes: int, healthy: bool, rng: random.Random, mfk: int,
               dma32_present: int = 757_424) -> list[Zone]:
    r = rng.randint
    per_node = ram_gb * 262_144 // nodes
    zones: list[Zone] = []
    dma_b = [1, 1, 1, 0, 2, 1, 1, 0, 1, 1, 3]   # DMA row shape of corpus buddyinfo-09
    zones.append(Zone(0, "DMA", 16, 4080, 3998, dma_b))
    # Boost of order-0/1 counts when min_free_kbytes is raised (the workaround keeps more free)
    boost = max(1, mfk // 67584)
    if healthy:
        d32 = [r(200, 900), r(300, 900), r(200, 700), r(100, 400), r(50, 200), r(20, 90),
               r(5, 40), r(2, 20), r(1, 10), r(2, 8), r(300, 600)]
    else:
        d32 = [r(1500, 4000) * boost, r(800, 2500) * boost, r(0, 2), 0, 0, 0, 0, 0, 0, 0, 0]
    zones.append(Zone(0, "DMA32", 4096, 1_044_480, dma32_present, d32))
    n0_normal = per_node - 3998 - dma32_present
    for node in range(nodes):
        present = n0_normal if node == 0 else per_node
        start = 1_048_576 if node == 0 else 1_048_576 + n0_normal + (node - 1) * per_node
        if healthy:
            b = [r(5000, 40000), r(3000, 20000), r(1000, 8000), r(500, 3000), r(200, 1500),
                 r(100, 600), r(50, 300), r(20, 150), r(10, 80), r(5, 40), r(100, 1500)]
        else:
            b = [r(4000, 12000) * boost, r(2000, 5000) * boost, r(0, 3), r(0, 1),
                 0, 0, 0, 0, 0, 0, 0]
        zones.append(Zone(node, "Normal", start, present, present, b))
    # watermarks as 2.6.32 setup_per_zone_wmarks computes them
    pages_min = mfk // 4
    lowmem = sum(z.present for z in zones)
    for z in zones:
        z.min = pages_min * z.present // lowmem
        z.low = z.min + (z.min >> 2)
        z.high = z.min + (z.min >> 1)
    # lowmem_reserve / protection, per node over DMA, DMA32, Normal, Movable
    for node in range(nodes):
        nz = {z.name: z for z in zones if z.node == node}
        for z in nz.values():
            i = ZONE_ORDER.index(z.name)
            prot = []
            for j in range(4):
                if j <= i:
                    prot.append(0)
                else:
                    s = sum(nz[n].present for n in ZONE_ORDER[i + 1:j + 1] if n in nz)
                    prot.append(s // LOWMEM_RATIO[z.name])
            z.protection = prot
    return zones


def buddyinfo_text(zones: list[Zone]) -> str:
    out = []
    for z in zones:
        out.append(f"Node {z.node}, zone {z.name:>8}" + "".join(f"{c:>7}" for c in z.buddy) + " \n")
    return "".join(out)


def zoneinfo_text(zones: list[Zone], cpus: int, rng: random.Random, managed: bool = False) -> str:
    # RHEL 6 (2.6.32) layout; field list follows corpus zoneinfo-03 minus the 3.x-only counters
    out = []
    for z in zones:
        free = z.free_pages
        used = max(0, z.present - free)
        anon = used * 3 // 10 if z.name != "DMA" else 0
        filep = used * 5 // 10 if z.name != "DMA" else 0
        out.append(f"Node {z.node}, zone {z.name:>8}\n")
        out.append(f"  pages free     {free}\n        min      {z.min}\n        low      {z.low}\n"
                   f"        high     {z.high}\n        scanned  0\n        spanned  {z.spanned}\n"
                   f"        present  {z.present}\n")
        if managed:   # 3.10+ kernels add the managed page count after present (corpus zoneinfo-01)
            out.append(f"        managed  {z.present - z.present // 64}\n")
        stats = [
            ("nr_free_pages", free), ("nr_inactive_anon", anon // 5), ("nr_active_anon", anon - anon // 5),
            ("nr_inactive_file", filep // 2), ("nr_active_file", filep - filep // 2),
            ("nr_unevictable", 0), ("nr_mlock", 0), ("nr_anon_pages", anon),
            ("nr_mapped", filep // 40), ("nr_file_pages", filep), ("nr_dirty", rng.randint(0, 300) if anon else 0),
            ("nr_writeback", 0), ("nr_slab_reclaimable", used // 40), ("nr_slab_unreclaimable", used // 60 + 4),
            ("nr_page_table_pages", anon // 200), ("nr_kernel_stack", 0 if z.name == "DMA" else rng.randint(100, 900)),
            ("nr_unstable", 0), ("nr_bounce", 0), ("nr_vmscan_write", 0), ("nr_writeback_temp", 0),
            ("nr_isolated_anon", 0), ("nr_isolated_file", 0), ("nr_shmem", anon // 50),
            ("numa_hit", rng.randint(10**6, 10**10) if anon else 1), ("numa_miss", 0), ("numa_foreign", 0),
            ("numa_interleave", 0 if z.name == "DMA" else rng.randint(10000, 90000)),
            ("numa_local", rng.randint(10**6, 10**10) if anon else 1), ("numa_other", 0),
            ("nr_anon_transparent_hugepages", anon // 2048),
        ]
        for k, v in stats:
            out.append(f"    {k:<12} {v}\n")
        out.append("        protection: (" + ", ".join(str(p) for p in z.protection) + ")\n")
        out.append("  pagesets\n")
        hi, bt = (0, 1) if z.name == "DMA" else (186, 31)
        for c in range(cpus):
            cnt = 0 if z.name == "DMA" else rng.randint(0, hi)
            out.append(f"    cpu: {c}\n              count: {cnt}\n              high:  {hi}\n"
                       f"              batch: {bt}\n  vm stats threshold: {8 if z.name == 'DMA' else 125}\n")
        out.append(f"  all_unreclaimable: {1 if z.name == 'DMA' else 0}\n  prev_priority:     12\n"
                   f"  start_pfn:         {z.start_pfn}\n  inactive_ratio:    {1 if z.name in ('DMA', 'DMA32') else 11}\n")
    return "".join(out)


def zoneinfo_5x(zones: list[Zone], cpus: int, rng: random.Random) -> str:
    """5.14 (RHEL 9) layout after corpus zoneinfo-01: per-node stats under each node's first zone,
    watermarks + boost, managed, 5-entry protection, unpopulated Movable/Device zones."""
    out = []
    nodes = sorted({z.node for z in zones})
    names = ["DMA", "DMA32", "Normal", "Movable", "Device"]
    for node in nodes:
        nz = {z.name: z for z in zones if z.node == node}
        first = True
        for name in names:
            z = nz.get(name)
            out.append(f"Node {node}, zone {name:>8}\n")
            if first:
                used = sum(x.present - x.free_pages for x in nz.values())
                stats = [("nr_inactive_anon", used // 40), ("nr_active_anon", used // 5), ("nr_inactive_file", used // 4),
                         ("nr_active_file", used // 6), ("nr_unevictable", 0), ("nr_slab_reclaimable", used // 60),
                         ("nr_slab_unreclaimable", used // 90), ("nr_isolated_anon", 0), ("nr_isolated_file", 0),
                         ("workingset_nodes", rng.randint(100, 9000)), ("workingset_refault_anon", 0),
                         ("workingset_refault_file", rng.randint(1000, 90000)), ("workingset_activate_anon", 0),
                         ("workingset_activate_file", rng.randint(100, 9000)), ("workingset_restore_anon", 0),
                         ("workingset_restore_file", rng.randint(100, 9000)), ("workingset_nodereclaim", 0),
                         ("nr_anon_pages", used // 5), ("nr_mapped", used // 50), ("nr_file_pages", used // 2),
                         ("nr_dirty", rng.randint(10, 900)), ("nr_writeback", 0), ("nr_writeback_temp", 0),
                         ("nr_shmem", used // 300), ("nr_shmem_hugepages", 0), ("nr_shmem_pmdmapped", 0),
                         ("nr_file_hugepages", 0), ("nr_file_pmdmapped", 0), ("nr_anon_transparent_hugepages", used // 5 // 1024),
                         ("nr_vmscan_write", 0), ("nr_vmscan_immediate_reclaim", 0), ("nr_dirtied", rng.randint(10**6, 10**8)),
                         ("nr_written", rng.randint(10**6, 10**8)), ("nr_throttled_written", 0), ("nr_kernel_misc_reclaimable", 0),
                         ("nr_foll_pin_acquired", 0), ("nr_foll_pin_released", 0), ("nr_kernel_stack", rng.randint(20000, 60000)),
                         ("nr_page_table_pages", used // 500), ("nr_sec_page_table_pages", 0), ("nr_swapcached", 0)]
                out.append("  per-node stats\n")
                out += [f"      {k:<12} {v}\n" for k, v in stats]
                first = False
            if z is None:
                out.append("  pages free     0\n        boost    0\n        min      0\n        low      0\n        high     0\n"
                           "        spanned  0\n        present  0\n        managed  0\n        cma      0\n"
                           "        protection: (0, 0, 0, 0, 0)\n")
                continue
            free = z.free_pages
            managed = z.present - z.present // 64
            prot = z.protection + [z.protection[-1]]
            out.append(f"  pages free     {free}\n        boost    0\n        min      {z.min}\n        low      {z.low}\n"
                       f"        high     {z.high}\n        spanned  {z.spanned}\n        present  {z.present}\n"
                       f"        managed  {managed}\n        cma      0\n"
                       f"        protection: ({', '.join(str(p) for p in prot)})\n")
            used = max(0, managed - free)
            zs = [("nr_free_pages", free), ("nr_zone_inactive_anon", used // 40), ("nr_zone_active_anon", used // 5),
                  ("nr_zone_inactive_file", used // 4), ("nr_zone_active_file", used // 6), ("nr_zone_unevictable", 0),
                  ("nr_zone_write_pending", rng.randint(0, 50) if used else 0), ("nr_mlock", 0), ("nr_bounce", 0),
                  ("nr_zspages", 0), ("nr_free_cma", 0), ("numa_hit", rng.randint(10**6, 10**9) if used else 1),
                  ("numa_miss", 0), ("numa_foreign", 0), ("numa_interleave", 0 if z.name == "DMA" else rng.randint(1000, 9000)),
                  ("numa_local", rng.randint(10**6, 10**9) if used else 1), ("numa_other", 0)]
            out += [f"      {k:<12} {v}\n" for k, v in zs]
            out.append("  pagesets\n")
            for c in range(cpus):
                hi, bt = (0, 1) if z.name == "DMA" else (rng.choice([4096, 5120, 6144]), 63)
                out.append(f"    cpu: {c}\n              count: {0 if z.name == 'DMA' else rng.randint(0, 900)}\n"
                           f"              high:  {hi}\n              batch: {bt}\n"
                           f"  vm stats threshold: {10 if z.name == 'DMA' else 125}\n")
            out.append(f"  node_unreclaimable:  0\n  start_pfn:           {1 if z.name == 'DMA' else z.start_pfn}\n")
    return "".join(out)


MIGRATE = ["Unmovable", "Reclaimable", "Movable", "Reserve", "Isolate"]


def pagetypeinfo_text(zones: list[Zone], rng: random.Random, types: list[str] | None = None) -> str:
    # RHEL 6 format (types as in corpus pagetypeinfo-03/05: ... Reserve, Isolate); x86_64 order 9
    out = ["Page block order: 9\n", "Pages per block:  512\n", "\n",
           f"{'Free pages count per migrate type at order':<43} " + "".join(f"{k:>6} " for k in range(11)) + "\n"]
    mig = types or MIGRATE
    reserve = "Reserve" if "Reserve" in mig else "HighAtomic"
    for z in zones:
        split = {t: [0] * 11 for t in mig}
        for k, c in enumerate(z.buddy):
            u = c * rng.randint(5, 25) // 100
            rc = c * rng.randint(0, 5) // 100
            res = 1 if (k == 10 and c > 0 and z.name != "DMA") else 0
            split["Unmovable"][k] = u
            split["Reclaimable"][k] = rc
            split[reserve][k] = res if reserve == "Reserve" else 0
            split["Movable"][k] = c - u - rc - res
        for t in mig:
            out.append(f"Node {z.node:>4}, zone {z.name:>8}, type {t:>12} "
                       + "".join(f"{c:>6} " for c in split[t]) + "\n")
    out.append(f"\n{'Number of blocks type ':<23}" + "".join(f"{t:>12} " for t in mig) + "\n")
    for z in zones:
        blocks = (z.spanned + 511) // 512
        un = max(1, blocks * rng.randint(3, 8) // 100)
        rc = blocks * rng.randint(1, 3) // 100
        res = (1 if z.name == "DMA" else 2) if reserve == "Reserve" else 0
        mv = blocks - un - rc - res
        counts = {"Unmovable": un, "Reclaimable": rc, "Movable": mv, reserve: res, "Isolate": 0, "CMA": 0}
        out.append(f"Node {z.node}, zone {z.name:>8} " + "".join(f"{counts[t]:>12} " for t in mig) + "\n")
    return "".join(out)


@dataclass
class MemStats:
    total_kb: int
    free_kb: int
    text: str
    buffers_kb: int = 0
    cached_kb: int = 0


def meminfo_text(zones: list[Zone], ram_gb: int, rng: random.Random, healthy: bool) -> MemStats:
    # field list and layout of corpus meminfo-03 (a 3.2 kernel; RHEL 6.4 prints the same set)
    present = sum(z.present for z in zones)
    total = present * PAGE_KB - ram_gb * 1024 * 9 - 70_000
    free = sum(z.free_pages for z in zones) * PAGE_KB
    used = total - free
    buffers = used * rng.randint(1, 3) // 100
    cached = used * rng.randint(45, 60) // 100
    anon = used * rng.randint(20, 30) // 100
    slab = used * rng.randint(3, 6) // 100 if healthy else used * rng.randint(7, 11) // 100
    sunr = slab // 3
    swap = 8_388_600 if ram_gb < 200 else 16_777_208
    rows = [
        ("MemTotal", total), ("MemFree", free), ("Buffers", buffers), ("Cached", cached),
        ("SwapCached", 0), ("Active", anon + cached * 2 // 3), ("Inactive", cached // 3 + anon // 20),
        ("Active(anon)", anon), ("Inactive(anon)", anon // 20), ("Active(file)", cached * 2 // 3),
        ("Inactive(file)", cached // 3), ("Unevictable", 0), ("Mlocked", 0),
        ("SwapTotal", swap), ("SwapFree", swap), ("Dirty", rng.randint(100, 9000)), ("Writeback", 0),
        ("AnonPages", anon - anon // 9), ("Mapped", cached // 25), ("Shmem", anon // 50),
        ("Slab", slab), ("SReclaimable", slab - sunr), ("SUnreclaim", sunr),
        ("KernelStack", rng.randint(8000, 20000)), ("PageTables", anon // 100), ("NFS_Unstable", 0),
        ("Bounce", 0), ("WritebackTmp", 0), ("CommitLimit", total // 2 + swap),
        ("Committed_AS", anon + anon // 3), ("VmallocTotal", 34359738367),
        ("VmallocUsed", rng.randint(400000, 900000)), ("VmallocChunk", 34358000000 + rng.randint(0, 999999)),
        ("HardwareCorrupted", 0), ("AnonHugePages", (anon // 9) // 2048 * 2048),
    ]
    lines = [f"{(k + ':'):<16}{v:>8} kB\n" for k, v in rows]
    lines += ["HugePages_Total:       0\n", "HugePages_Free:        0\n", "HugePages_Rsvd:        0\n",
              "HugePages_Surp:        0\n", "Hugepagesize:       2048 kB\n",
              f"DirectMap4k:      {5632:>8} kB\n", f"DirectMap2M:  {3090432:>12} kB\n",
              f"DirectMap1G:  {(total // 1048576 + 1) * 1048576 - 4194304:>12} kB\n"]
    return MemStats(total, free, "".join(lines), buffers, cached)


def meminfo_block(zones: list[Zone], cpus: int, ram_gb: int, rng: random.Random) -> list[str]:
    """RHEL 6 show_mem() output printed after an allocation failure (dmesg form, no prefix)."""
    out = ["Mem-Info:"]
    jitter = [[max(0, c + (rng.randint(-c // 10, c // 10) if c > 20 else 0)) for c in z.buddy] for z in zones]
    for z in zones:
        out.append(f"Node {z.node} {z.name} per-cpu:")
        for c in range(cpus):
            if z.name == "DMA":
                out.append(f"CPU {c:>4}: hi:    0, btch:   1 usd:   0")
            else:
                out.append(f"CPU {c:>4}: hi:  186, btch:  31 usd: {rng.randint(0, 185):>3}")
    free_total = sum(sum(c << k for k, c in enumerate(j)) for j in jitter)
    out.append(f"active_anon:{rng.randint(4, 9) * 10**6 + rng.randint(0, 999999)} inactive_anon:{rng.randint(100000, 400000)} isolated_anon:0")
    out.append(f" active_file:{rng.randint(6, 14) * 10**6 + rng.randint(0, 999999)} inactive_file:{rng.randint(2, 6) * 10**6 + rng.randint(0, 999999)} isolated_file:0")
    out.append(f" unevictable:0 dirty:{rng.randint(100, 3000)} writeback:0 unstable:0")
    out.append(f" free:{free_total} slab_reclaimable:{rng.randint(200000, 900000)} slab_unreclaimable:{rng.randint(60000, 200000)}")
    out.append(f" mapped:{rng.randint(20000, 90000)} shmem:{rng.randint(2000, 90000)} pagetables:{rng.randint(10000, 60000)} bounce:0")
    for z, j in zip(zones, jitter):
        fr = sum(c << k for k, c in enumerate(j)) * PAGE_KB
        out.append(f"Node {z.node} {z.name} free:{fr}kB min:{z.min * 4}kB low:{z.low * 4}kB high:{z.high * 4}kB "
                   f"active_anon:{0 if z.name == 'DMA' else rng.randint(10**6, 10**7)}kB inactive_anon:0kB "
                   f"active_file:0kB inactive_file:0kB unevictable:0kB isolated(anon):0kB isolated(file):0kB "
                   f"present:{z.present * 4}kB mlocked:0kB dirty:0kB writeback:0kB mapped:0kB shmem:0kB "
                   f"slab_reclaimable:0kB slab_unreclaimable:0kB kernel_stack:0kB pagetables:0kB unstable:0kB "
                   f"bounce:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? {'yes' if z.name == 'DMA' else 'no'}")
        out.append("lowmem_reserve[]: " + " ".join(str(p) for p in z.protection))
    for z, j in zip(zones, jitter):
        fr = sum(c << k for k, c in enumerate(j)) * PAGE_KB
        out.append(f"Node {z.node} {z.name}: " + " ".join(f"{c}*{4 << k}kB" for k, c in enumerate(j)) + f" = {fr}kB")
    out.append(f"{rng.randint(8, 20) * 10**6 + rng.randint(0, 999999)} total pagecache pages")
    out.append("0 pages in swap cache")
    out.append("Swap cache stats: add 0, delete 0, find 0/0")
    swap = 8_388_600 if ram_gb < 200 else 16_777_208
    out.append(f"Free swap  = {swap}kB")
    out.append(f"Total swap = {swap}kB")
    out.append(f"{ram_gb * 262144 + 262143 - ram_gb * 262144 // 64} pages RAM")
    out.append(f"{ram_gb * 262144 // 55} pages reserved")
    out.append(f"{rng.randint(10**6, 4 * 10**6)} pages shared")
    out.append(f"{rng.randint(5 * 10**6, 20 * 10**6)} pages non-shared")
    return out


# --------------------------------------------------------------------------------------------
# Kernel log: allocation failures (RHEL 6.4 shape), taint messages, boot noise
# --------------------------------------------------------------------------------------------

# Frames after __alloc_pages_nodemask, modelled on corpus allocfail-rhel6-05 (2.6.32-358.2.1
# addresses) and allocfail-rhel6-07 (net_rx_action/softirq tail), with the mlx4_en receive path.
RX_FRAMES = [
    "[<ffffffff81166ab2>] ? alloc_pages_current+0xaa/0x110",
    "[<ffffffffa02d2f6e>] ? mlx4_en_alloc_frags+0x5e/0x1f0 [mlx4_en]",
    "[<ffffffffa02d3481>] ? mlx4_en_process_rx_cq+0x3c1/0xab0 [mlx4_en]",
    "[<ffffffffa02d3b7f>] ? mlx4_en_poll_rx_cq+0x3f/0x80 [mlx4_en]",
    "[<ffffffff81448603>] ? net_rx_action+0x103/0x2f0",
    "[<ffffffff81076fb1>] ? __do_softirq+0xc1/0x1e0",
]
IRQ_TAIL = [
    "[<ffffffff810e1720>] ? handle_IRQ_event+0x60/0x170",
    "[<ffffffff8100c1cc>] ? call_softirq+0x1c/0x30",
    "[<ffffffff8100de05>] ? do_softirq+0x65/0xa0",
    "[<ffffffff81076d95>] ? irq_exit+0x85/0x90",
    "[<ffffffff81517145>] ? do_IRQ+0x75/0xf0",
    "[<ffffffff8100b9d3>] ? ret_from_intr+0x0/0x11",
]
IDLE_EOI = [
    "<EOI>  [<ffffffff812d4a4e>] ? intel_idle+0xde/0x170",
    "[<ffffffff812d4a31>] ? intel_idle+0xc1/0x170",
    "[<ffffffff81415277>] ? cpuidle_idle_call+0xa7/0x140",
    "[<ffffffff81009fc6>] ? cpu_idle+0xb6/0x110",
    "[<ffffffff8150cbea>] ? start_secondary+0x2ac/0x2ef",
]
PROC_EOI = {
    "java": ["<EOI>  [<ffffffff8150e1bb>] ? _spin_unlock_irqrestore+0x1b/0x20",
             "[<ffffffff810a7f5e>] ? futex_wait_queue_me+0xde/0x110",
             "[<ffffffff810a8f3c>] ? futex_wait+0x1ac/0x2e0",
             "[<ffffffff810aa8a1>] ? do_futex+0x121/0xb50",
             "[<ffffffff810ab34b>] ? sys_futex+0x7b/0x170",
             "[<ffffffff8100b072>] ? system_call_fastpath+0x16/0x1b"],
    "sshd": ["<EOI>  [<ffffffff8119e8a2>] ? do_select+0x5b2/0x6c0",
             "[<ffffffff8119f48a>] ? core_sys_select+0x18a/0x2c0",
             "[<ffffffff8119f7d7>] ? sys_select+0x47/0x110",
             "[<ffffffff8100b072>] ? system_call_fastpath+0x16/0x1b"],
}
KSOFTIRQD_TAIL = [
    "[<ffffffff8100c1cc>] ? call_softirq+0x1c/0x30",
    "[<ffffffff8100de05>] ? do_softirq+0x65/0xa0",
    "[<ffffffff81076a40>] ? ksoftirqd+0x80/0x110",
    "[<ffffffff810769c0>] ? ksoftirqd+0x0/0x110",
    "[<ffffffff81096936>] ? kthread+0x96/0xa0",
    "[<ffffffff8100c0ca>] ? child_rip+0xa/0x20",
    "[<ffffffff810968a0>] ? kthread+0x0/0xa0",
    "[<ffffffff8100c0c0>] ? child_rip+0x0/0x20",
]
# The decoy: the proprietary file system asking for memory in its own worker (GFP_ATOMIC, order 3)
VXFS_FRAMES = [
    "[<ffffffff81166ab2>] ? kmem_getpages+0x62/0x170",
    "[<ffffffff811676ca>] ? fallback_alloc+0x1ba/0x270",
    "[<ffffffff8116711f>] ? cache_grow+0x2cf/0x320",
    "[<ffffffff81167449>] ? ____cache_alloc_node+0x99/0x160",
    "[<ffffffff81167e2b>] ? __kmalloc+0x18b/0x220",
    "[<ffffffffa0a1c3e2>] ? vx_kmem_alloc+0x62/0x190 [vxfs]",
    "[<ffffffffa0a8e5c9>] ? vx_tranflush_threaded+0x1a9/0x360 [vxfs]",
    "[<ffffffffa0ac2b61>] ? vx_worklist_thread+0x1b1/0x3c0 [vxfs]",
    "[<ffffffff81096936>] ? kthread+0x96/0xa0",
    "[<ffffffff8100c0ca>] ? child_rip+0xa/0x20",
    "[<ffffffff810968a0>] ? kthread+0x0/0xa0",
    "[<ffffffff8100c0c0>] ? child_rip+0x0/0x20",
]


def failure_block(h: Host, f: Failure, zones: list[Zone], rng: random.Random) -> list[str]:
    pid = {"swapper": 0, "java": rng.randint(4000, 30000), "sshd": rng.randint(2000, 9000),
           "vxfs_thread": rng.randint(3000, 3999)}.get(f.comm, rng.randint(10, 40))
    taint = "Tainted: P           ---------------   " if h.vxfs else "Not tainted"
    lines = [f"{f.comm}: page allocation failure. order:{f.order}, mode:{f.mode}",
             f"Pid: {pid}, comm: {f.comm} {taint} {h.kernel} #1",
             "Call Trace:"]
    if f.kind == "vxfs":
        frames = ["[<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0"] + VXFS_FRAMES
        lines.append(" " + frames[0])
        lines += [" " + x for x in frames[1:]]
    elif f.kind == "ksoftirqd":
        lines.append(" [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0")
        lines += [" " + x for x in RX_FRAMES + KSOFTIRQD_TAIL]
    else:
        lines.append(" <IRQ>  [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0")
        lines += [" " + x for x in RX_FRAMES + IRQ_TAIL]
        tail = IDLE_EOI if f.kind == "rx-idle" else PROC_EOI[f.comm]
        lines += [" " + x for x in tail]
    lines += meminfo_block(zones, h.cpus, h.ram_gb, rng)
    return lines


def boot_dmesg(h: Host, zones: list[Zone], rng: random.Random) -> list[str]:
    """Head of a RHEL 6 boot log (no printk timestamps, as RHEL 6 ships)."""
    maxpfn = max(z.start_pfn + z.spanned for z in zones)
    out = [
        "Initializing cgroup subsys cpuset",
        "Initializing cgroup subsys cpu",
        f"Linux version {h.kernel} (mockbuild@x86-022.build.eng.bos.redhat.com) "
        f"(gcc version 4.4.7 20120313 (Red Hat 4.4.7-3) (GCC) ) #1 SMP {h.kbuild}",
        f"Command line: ro root=/dev/mapper/vg_root-lv_root rd_NO_LUKS LANG=en_US.UTF-8 rd_NO_MD "
        f"rd_LVM_LV=vg_root/lv_root SYSFONT=latarcyrheb-sun16 crashkernel=auto KEYBOARDTYPE=pc "
        f"KEYTABLE=us rd_NO_DM rhgb quiet",
        "KERNEL supported cpus:",
        "  Intel GenuineIntel",
        "  AMD AuthenticAMD",
        "  Centaur CentaurHauls",
        "BIOS-provided physical RAM map:",
        " BIOS-e820: 0000000000000000 - 000000000009f400 (usable)",
        " BIOS-e820: 000000000009f400 - 00000000000a0000 (reserved)",
        " BIOS-e820: 00000000000f0000 - 0000000000100000 (reserved)",
        " BIOS-e820: 0000000000100000 - 00000000bddac000 (usable)",
        " BIOS-e820: 00000000bddac000 - 00000000bddde000 (ACPI data)",
        " BIOS-e820: 00000000bddde000 - 00000000d0000000 (reserved)",
        " BIOS-e820: 00000000fec00000 - 00000000fee10000 (reserved)",
        " BIOS-e820: 00000000ff800000 - 0000000100000000 (reserved)",
        f" BIOS-e820: 0000000100000000 - {maxpfn << 12:016x} (usable)",
        "DMI 2.7 present.",
        f"SMBIOS version 2.7 @ 0xF4F40",
        f"last_pfn = 0x{maxpfn:x} max_arch_pfn = 0x400000000",
        "Zone PFN ranges:",
        "  DMA      0x00000010 -> 0x00001000",
        "  DMA32    0x00001000 -> 0x00100000",
        f"  Normal   0x00100000 -> 0x{maxpfn:08x}",
        "Movable zone start PFN for each node",
        "early_node_map[4] active PFN ranges",
        f"Built {len({z.node for z in zones})} zonelists in Zone order, mobility grouping on.  "
        f"Total pages: {sum(z.present for z in zones) - h.ram_gb * 1200}",
        f"Kernel command line: ro root=/dev/mapper/vg_root-lv_root crashkernel=auto rhgb quiet",
        f"Memory: {sum(z.present for z in zones) * 4 - h.ram_gb * 9000}k/{maxpfn * 4}k available",
        f"NR_CPUS:4096 nr_cpumask_bits:{h.cpus} nr_cpu_ids:{h.cpus} nr_node_ids:{len({z.node for z in zones})}",
        "Console: colour VGA+ 80x25",
        f"Brought up {h.cpus} CPUs",
        "NET: Registered protocol family 16",
        "PCI: Using configuration type 1 for base access",
        "SCSI subsystem initialized",
        "NET: Registered protocol family 2",
        "TCP established hash table entries: 524288 (order: 11, 8388608 bytes)",
        "Freeing unused kernel memory: 1264k freed",
        "dracut: dracut-004-303.el6",
        "EXT4-fs (dm-0): mounted filesystem with ordered data mode. Opts: ",
        "udev: starting version 147",
    ]
    drivers = {n.driver for n in h.nics}
    if "igb" in drivers:
        out += ["Intel(R) Gigabit Ethernet Network Driver - version 4.0.1-k",
                "Copyright (c) 2007-2012 Intel Corporation.",
                "igb 0000:02:00.0: Intel(R) Gigabit Ethernet Network Connection",
                "igb 0000:02:00.0: eth0: (PCIe:5.0Gb/s:Width x4) 3c:d9:2b:f7:1a:20",
                "igb 0000:02:00.0: Using MSI-X interrupts. 8 rx queue(s), 8 tx queue(s)"]
    if "bnx2" in drivers:
        out += ["Broadcom NetXtreme II Gigabit Ethernet Driver bnx2 v2.2.3 (June 27, 2012)",
                "bnx2 0000:01:00.0: eth0: Broadcom NetXtreme II BCM5709 1000Base-T (C0) PCI Express found at mem d2000000, IRQ 36, node addr 84:2b:2b:6e:0a:10"]
    if "bnx2x" in drivers:
        out += ["Broadcom NetXtreme II 5771x/578xx 10/20-Gigabit Ethernet Driver bnx2x 1.72.51-0 (2012/06/18)",
                "bnx2x 0000:03:00.0: eth0: Broadcom NetXtreme II BCM57810 10 Gigabit Ethernet (A0) PCI-E x8 5GHz (Gen2) found at mem d4000000, IRQ 38, node addr 00:10:18:c8:7e:40"]
    if "mlx4_en" in drivers:
        v = next(n.version for n in h.nics if n.driver == "mlx4_en")
        out += ["mlx4_core: Mellanox ConnectX core driver v1.1 (Dec, 2011)",
                "mlx4_core: Initializing 0000:05:00.0",
                f"mlx4_en: Mellanox ConnectX HCA Ethernet driver v{v} (Jan 2013)"]
        for n in h.nics:
            if n.driver == "mlx4_en":
                out += [f"mlx4_en 0000:05:00.0: Activating port:{1 if n.ifname in ('eth0', 'eth2', 'eth4') else 2}",
                        f"mlx4_en: {n.ifname}: Using 16 TX rings", f"mlx4_en: {n.ifname}: Using 16 RX rings",
                        f"mlx4_en: {n.ifname}: Initializing port"]
    if h.vxfs:
        # wording of the license taint line as in corpus taintmsg-05 ("module license '...' taints kernel.")
        out += ["vxfs: module license 'Proprietary' taints kernel.",
                "Disabling lock debugging due to kernel taint",
                "VxFS: Veritas File System 6.0.300.000 loaded",
                "fdd: module license 'Proprietary' taints kernel."]
    if h.cluster:
        out += ["DLM (built Jan 29 2013 12:04:11) installed", "dlm: Using TCP for communications"]
    out += ["Adding 8388600k swap on /dev/mapper/vg_root-lv_swap.  Priority:-1 extents:1 across:8388600k ",
            "NET: Registered protocol family 10", "lo: Disabled Privacy Extensions"]
    for n in h.nics:
        if n.driver == "mlx4_en":
            out.append(f"mlx4_en: {n.ifname}: Link Up")
        elif n.driver in ("igb",):
            out.append(f"igb: {n.ifname} NIC Link is Up 1000 Mbps Full Duplex, Flow Control: RX")
        elif n.driver == "bnx2":
            out.append(f"bnx2 {n.bus}: {n.ifname}: NIC Copper Link is Up, 1000 Mbps full duplex")
        elif n.driver == "bnx2x":
            out.append(f"bnx2x: [bnx2x_link_report:1168(eth0)]NIC Link is Up, 10000 Mbps full duplex, Flow control: ON - receive & transmit")
        elif n.driver == "bonding":
            out += ["Ethernet Channel Bonding Driver: v3.6.0 (September 26, 2009)",
                    "bonding: bond0: setting mode to active-backup (1).",
                    "bonding: bond0: enslaving eth2 as a backup interface with an up link.",
                    "bonding: bond0: enslaving eth3 as a backup interface with an up link."]
    return out


# --------------------------------------------------------------------------------------------
# Modules: lsmod (RHEL 6 module-init-tools layout, as corpus lsmod-05) and modinfo records
# --------------------------------------------------------------------------------------------

@dataclass
class Mod:
    name: str
    size: int
    used: int
    holders: str
    path: str                 # under /lib/modules/<rel>/ (kernel/... or extra/... or weak-updates/...)
    license: str = "GPL"
    version: str | None = None
    description: str = ""
    author: str = ""
    depends: str = ""


def M(name, size, used, holders, path, lic="GPL", ver=None, desc="", author="", dep=""):
    return Mod(name, size, used, holders, path, lic, ver, desc, author, dep)


def rhel6_modules(h: Host) -> list[Mod]:
    """lsmod order (most recently loaded first) of a RHEL 6 server, by role of the host."""
    drv = {n.driver for n in h.nics}
    mods: list[Mod] = []
    if "mlx4_en" in drv:
        v = next(n.version for n in h.nics if n.driver == "mlx4_en")
        mods += [M("mlx4_en", 72950 if h.minor == "6.4" else 70517, 0, "", "kernel/drivers/net/mlx4/mlx4_en.ko",
                   "Dual BSD/GPL", v, f"Mellanox ConnectX HCA Ethernet driver", "Liran Liss, Yevgeny Petrilin", "mlx4_core"),
                 M("mlx4_core", 211747 if h.minor == "6.4" else 205362, 1, "mlx4_en", "kernel/drivers/net/mlx4/mlx4_core.ko",
                   "Dual BSD/GPL", "1.1", "Mellanox ConnectX HCA low-level driver", "Roland Dreier", "")]
    if h.vxfs:
        mods += [M("vxportal", 5940, 0, "", "extra/vxportal.ko", "Proprietary", "6.0.300.000",
                   "VRTSvxfs 6.0.300.000 VxFS portal driver", "Symantec Corporation", "vxfs"),
                 M("fdd", 53457, 0, "", "extra/fdd.ko", "Proprietary", "6.0.300.000",
                   "VRTSvxfs 6.0.300.000 File Device Driver", "Symantec Corporation", "vxfs"),
                 M("vxfs", 2957815, 4, "vxportal,fdd", "extra/vxfs.ko", "Proprietary", "6.0.300.000",
                   "VRTSvxfs 6.0.300.000 Veritas File System", "Symantec Corporation", "")]
    if "bonding" in drv:
        mods += [M("bonding", 127331, 0, "", "kernel/drivers/net/bonding/bonding.ko", "GPL", "3.6.0",
                   "Ethernet Channel Bonding Driver, v3.6.0", "Thomas Davis, tadavis@lbl.gov and many others", "ipv6")]
    if h.cluster:
        mods += [M("gfs2", 545168, 0, "", "kernel/fs/gfs2/gfs2.ko", "GPL", None, "Global File System",
                   "Red Hat, Inc.", "dlm"),
                 M("dlm", 148231, 30, "gfs2", "kernel/fs/dlm/dlm.ko", "GPL", None, "Distributed Lock Manager",
                   "Red Hat, Inc.", "configfs"),
                 M("configfs", 29538, 2, "dlm", "kernel/fs/configfs/configfs.ko", "GPL", "0.0.2",
                   "Simple RAM filesystem for user driven kernel subsystem configuration.", "Oracle", "")]
    mods += [
        M("autofs4", 27000, 3, "", "kernel/fs/autofs4/autofs4.ko"),
        M("sunrpc", 263516, 1, "", "kernel/net/sunrpc/sunrpc.ko"),
        M("8021q", 25349, 0, "", "kernel/net/8021q/8021q.ko", "GPL", "1.8", "", "", "garp"),
        M("garp", 7152, 1, "8021q", "kernel/net/802/garp.ko", "GPL", None, "", "", "stp,llc"),
        M("stp", 2218, 1, "garp", "kernel/net/802/stp.ko", "GPL", None, "", "", "llc"),
        M("llc", 5546, 2, "garp,stp", "kernel/net/802/llc.ko", "GPL", None, "", "", ""),
        M("cpufreq_ondemand", 10544, h.cpus, "", "kernel/drivers/cpufreq/cpufreq_ondemand.ko", "GPL", None,
          "'cpufreq_ondemand' - A dynamic cpufreq governor for Low Latency Frequency Transition capable processors",
          "Alexey Starikovskiy <alexey.y.starikovskiy@intel.com>", "freq_table"),
        M("acpi_cpufreq", 7763, 1, "", "kernel/arch/x86/kernel/cpu/cpufreq/acpi-cpufreq.ko", "GPL", None,
          "ACPI Processor P-States Driver", "Paul Diefenbaugh, Dominik Brodowski", "freq_table,mperf"),
        M("freq_table", 4936, 2, "cpufreq_ondemand,acpi_cpufreq", "kernel/drivers/cpufreq/freq_table.ko", "GPL", None,
          "CPUfreq frequency table helpers", "Dominik Brodowski <linux@brodo.de>"),
        M("mperf", 1557, 1, "acpi_cpufreq", "kernel/arch/x86/kernel/cpu/cpufreq/mperf.ko", "GPL", None,
          "APERF/MPERF helper", "", ""),
        M("ipv6", 336282, 62 if h.cluster else 40, "bonding" if "bonding" in drv else "",
          "kernel/net/ipv6/ipv6.ko", "GPL", None, "IPv6 protocol stack for Linux", "Cast of dozens"),
        M("ext3", 240420, 2, "", "kernel/fs/ext3/ext3.ko", "GPL", None, "Second Extended Filesystem with journaling extensions",
          "Remy Card, Stephen Tweedie, Andrew Morton, Andreas Dilger, Theodore Ts'o and others", "mbcache,jbd"),
        M("jbd", 80858, 1, "ext3", "kernel/fs/jbd/jbd.ko"),
        M("dm_round_robin", 2717, 4, "", "kernel/drivers/md/dm-round-robin.ko", "GPL", None,
          "device-mapper round-robin multipath path selector", "Sistina Software <dm-devel@redhat.com>", "dm-multipath"),
        M("dm_multipath", 22812, 2, "dm_round_robin", "kernel/drivers/md/dm-multipath.ko", "GPL", None,
          "device-mapper multipath target", "Sistina Software <dm-devel@redhat.com>", "dm-mod"),
        M("microcode", 112653, 0, "", "kernel/arch/x86/kernel/microcode.ko", "GPL", "2.00",
          "Microcode Update Driver", "Tigran Aivazian <tigran@aivazian.fsnet.co.uk>"),
        M("sg", 29350, 0, "", "kernel/drivers/scsi/sg.ko", "GPL", "3.5.36", "SCSI generic (sg) driver",
          "Douglas Gilbert"),
        M("sb_edac", 18104, 0, "", "kernel/drivers/edac/sb_edac.ko", "GPL", "1.0.0 ", 
          "MC Driver for Intel Sandy Bridge memory controllers - Ver: 1.0.0 ",
          "Mauro Carvalho Chehab <mchehab@redhat.com>", "edac_core"),
        M("edac_core", 46581, 3, "sb_edac", "kernel/drivers/edac/edac_core.ko", "GPL", None,
          "Core library routines for EDAC reporting", "Doug Thompson www.softwarebitmaker.com, et al"),
        M("iTCO_wdt", 7115, 0, "", "kernel/drivers/watchdog/iTCO_wdt.ko", "GPL", "1.07",
          "Intel TCO WatchDog Timer Driver", "Wim Van Sebroeck <wim@iguana.be>", "iTCO_vendor_support"),
        M("iTCO_vendor_support", 3056, 1, "iTCO_wdt", "kernel/drivers/watchdog/iTCO_vendor_support.ko", "GPL", "1.04",
          "Intel TCO Vendor Specific WatchDog Timer Driver Support", "Wim Van Sebroeck <wim@iguana.be>"),
        M("serio_raw", 4594, 0, "", "kernel/drivers/input/serio/serio_raw.ko", "GPL", None,
          "Raw serio driver", "Dmitry Torokhov <dtor@mail.ru>"),
        M("ioatdma", 58482, 36, "", "kernel/drivers/dma/ioat/ioatdma.ko", "GPL", "4.00", "", "Intel Corporation", "dca"),
        M("dca", 7101, 2 if "igb" in drv else 1, "igb,ioatdma" if "igb" in drv else "ioatdma",
          "kernel/drivers/dca/dca.ko", "GPL", "1.12.1", "", "Intel Corporation"),
        M("shpchp", 32778, 0, "", "kernel/drivers/pci/hotplug/shpchp.ko", "GPL", "0.4",
          "Standard Hot Plug PCI Controller Driver", "Dan Zink <dan.zink@compaq.com>, Greg Kroah-Hartman <greg@kroah.com>, Dely Sy <dely.l.sy@intel.com>"),
    ]
    if "igb" in drv:
        mods.append(M("igb", 197536, 0, "", "kernel/drivers/net/igb/igb.ko", "GPL", "4.0.1-k",
                      "Intel(R) Gigabit Ethernet Network Driver", "Intel Corporation, <e1000-devel@lists.sourceforge.net>", "dca"))
    if "bnx2" in drv:
        mods.append(M("bnx2", 79618, 0, "", "kernel/drivers/net/bnx2.ko", "GPL", "2.2.3",
                      "Broadcom NetXtreme II BCM5706/5708/5709/5716 Driver", "Michael Chan <mchan@broadcom.com>", ""))
    if "bnx2x" in drv:
        mods += [M("bnx2x", 1599188, 0, "", "kernel/drivers/net/bnx2x/bnx2x.ko", "GPL", "1.72.51-0",
                   "Broadcom NetXtreme II BCM57710/57711/57711E/57712/57712_MF/57800/57800_MF/57810/57810_MF/57840/57840_MF Driver",
                   "Eliezer Tamir", "mdio,libcrc32c"),
                 M("libcrc32c", 1246, 1, "bnx2x", "kernel/lib/libcrc32c.ko", "GPL", None, "CRC32c (Castagnoli) calculations",
                   "Clay Haapala <chaapala@cisco.com>"),
                 M("mdio", 4769, 1, "bnx2x", "kernel/drivers/net/mdio.ko", "GPL", None,
                   "Generic support for MDIO-compatible transceivers", "Copyright 2006-2009 Solarflare Communications Inc.")]
    if h.hw == "hp":
        mods += [M("hpilo", 8414, 0, "", "kernel/drivers/misc/hpilo.ko", "GPL v2", "1.2", "hpilo", "Hewlett-Packard"),
                 M("hpwdt", 6977, 0, "", "kernel/drivers/watchdog/hpwdt.ko", "GPL", "1.3.0",
                   "hp watchdog driver", "Tom Mingarelli"),
                 M("power_meter", 8168, 0, "", "kernel/drivers/hwmon/acpi_power_meter.ko", "GPL", None,
                   "ACPI 4.0 power meter driver", "Darrick J. Wong <djwong@us.ibm.com>")]
    mods += [
        M("ext4", 374902, 3, "", "kernel/fs/ext4/ext4.ko", "GPL", None, "Fourth Extended Filesystem",
          "Remy Card, Stephen Tweedie, Andrew Morton, Andreas Dilger, Theodore Ts'o and others", "mbcache,jbd2"),
        M("mbcache", 8193, 2, "ext3,ext4", "kernel/fs/mbcache.ko", "GPL", None, "Meta block cache (for extended attributes)",
          "Andreas Gruenbacher <a.gruenbacher@computer.org>"),
        M("jbd2", 93427, 1, "ext4", "kernel/fs/jbd2/jbd2.ko"),
        M("sd_mod", 39069, 6, "", "kernel/drivers/scsi/sd_mod.ko", "GPL", None, "SCSI disk (sd) driver",
          "Eric Youngdale", "crc-t10dif"),
        M("crc_t10dif", 1541, 1, "sd_mod", "kernel/lib/crc-t10dif.ko", "GPL", None, "T10 DIF CRC calculation"),
        M("qla2xxx", 433817, 8, "", "kernel/drivers/scsi/qla2xxx/qla2xxx.ko", "GPL", "8.04.00.08.06.4-k",
          "QLogic Fibre Channel HBA Driver", "QLogic Corporation", "scsi_transport_fc"),
        M("scsi_transport_fc", 55299, 1, "qla2xxx", "kernel/drivers/scsi/scsi_transport_fc.ko", "GPL", None,
          "FC Transport Attributes", "James Smart", "scsi_tgt"),
        M("scsi_tgt", 12173, 1, "scsi_transport_fc", "kernel/drivers/scsi/scsi_tgt.ko", "GPL", None,
          "SCSI target core", "Mike Christie"),
    ]
    if h.hw == "hp":
        mods.append(M("hpsa", 63549, 4, "", "kernel/drivers/scsi/hpsa.ko", "GPL", "2.0.2-4-RH1",
                      "Driver for HP Smart Array Controller version 2.0.2-4-RH1", "Hewlett-Packard Company"))
    else:
        mods.append(M("megaraid_sas", 77090, 4, "", "kernel/drivers/scsi/megaraid/megaraid_sas.ko", "GPL",
                      "06.504.01.00-rh1", "LSI MegaRAID SAS Driver", "megaraidlinux@lsi.com"))
    mods += [
        M("pata_acpi", 3701, 0, "", "kernel/drivers/ata/pata_acpi.ko", "GPL", "0.2.3", "SCSI low-level driver for ATA in ACPI mode",
          "Alan Cox"),
        M("ata_generic", 3837, 0, "", "kernel/drivers/ata/ata_generic.ko", "GPL", "0.2.15",
          "low-level driver for generic ATA", "Alan Cox"),
        M("ata_piix", 24601, 0, "", "kernel/drivers/ata/ata_piix.ko", "GPL", "2.13",
          "SCSI low-level driver for Intel PIIX/ICH ATA controllers", "Andre Hedrick, Alan Cox, Andrzej Krzysztofowicz, Jeff Garzik"),
        M("dm_mirror", 14384, 0, "", "kernel/drivers/md/dm-mirror.ko", "GPL", None, "device-mapper mirror target",
          "Joe Thornber", "dm-region-hash,dm-log,dm-mod"),
        M("dm_region_hash", 12085, 1, "dm_mirror", "kernel/drivers/md/dm-region-hash.ko", "GPL", None,
          "device-mapper region hash", "Joe Thornber, Heinz Mauelshagen <dm-devel@redhat.com>", "dm-mod,dm-log"),
        M("dm_log", 9930, 2, "dm_mirror,dm_region_hash", "kernel/drivers/md/dm-log.ko", "GPL", None,
          "device-mapper dirty region log", "Joe Thornber, Heinz Mauelshagen <dm-devel@redhat.com>", "dm-mod"),
        M("dm_mod", 82839, 23, "dm_round_robin,dm_multipath,dm_mirror,dm_log", "kernel/drivers/md/dm-mod.ko", "GPL", None,
          "device-mapper driver", "Joe Thornber <dm-devel@redhat.com>", ""),
    ]
    return mods


def lsmod_text(mods: list[Mod]) -> str:
    out = ["Module                  Size  Used by\n"]
    for m in mods:
        out.append(f"{m.name:<19} {m.size:>8}  {m.used} {m.holders}\n")
    return "".join(out)


def srcversion(name: str, rel: str) -> str:
    return hashlib.md5(f"{name}/{rel}".encode()).hexdigest().upper()[:23]


def modinfo_rhel6(m: Mod, rel: str) -> str:
    """RHEL 6 modinfo record: no signer/sig_key/intree fields (module signing came with RHEL 7)."""
    path, vermagic = m.path, rel
    if m.license == "Proprietary":
        # VRTSvxfs is built against the minor release's GA kernel; on a z-stream kernel it is reached
        # through a weak-updates/ symlink and keeps the build kernel's vermagic
        built = "2.6.32-358.el6.x86_64" if rel.startswith("2.6.32-358") else "2.6.32-279.el6.x86_64"
        vermagic = built
        if rel != built:
            path = m.path.replace("extra/", "weak-updates/vxfs/")
    lines = [f"filename:       /lib/modules/{rel}/{path}"]
    if m.version:
        lines.append(f"version:        {m.version}")
    lines.append(f"license:        {m.license}")
    if m.description:
        lines.append(f"description:    {m.description}")
    if m.author:
        lines.append(f"author:         {m.author}")
    lines.append(f"srcversion:     {srcversion(m.name, rel)}")
    if m.name in ("mlx4_en", "mlx4_core"):
        if m.name == "mlx4_core":
            lines += ["alias:          pci:v000015B3d00001003sv*sd*bc*sc*i*",
                      "alias:          pci:v000015B3d00006750sv*sd*bc*sc*i*"]
    elif m.name == "igb":
        lines += ["alias:          pci:v00008086d00001521sv*sd*bc*sc*i*"]
    elif m.name == "bnx2":
        lines += ["alias:          pci:v000014E4d00001639sv*sd*bc*sc*i*"]
    elif m.name == "bnx2x":
        lines += ["alias:          pci:v000014E4d000016AEsv*sd*bc*sc*i*"]
    lines.append(f"depends:        {m.depends}")
    lines.append(f"vermagic:       {vermagic} SMP mod_unload modversions ")
    if m.name == "mlx4_en":
        lines += ["parm:           inline_thold:treshold for using inline data (uint)",
                  "parm:           tcp_rss:Enable RSS for incomming TCP traffic or disabled (0) (uint)",
                  "parm:           udp_rss:Enable RSS for incomming UDP traffic or disabled (0) (uint)",
                  "parm:           pfctx:Priority based Flow Control policy on TX[7:0]. Per priority bit mask (uint)",
                  "parm:           pfcrx:Priority based Flow Control policy on RX[7:0]. Per priority bit mask (uint)"]
    if m.name == "mlx4_core":
        lines += ["parm:           debug_level:Enable debug tracing if > 0 (int)",
                  "parm:           msi_x:attempt to use MSI-X if nonzero (int)",
                  "parm:           log_num_mac:Log2 max number of MACs per ETH port (1-7) (int)"]
    if m.name == "vxfs":
        lines += ["parm:           vxfs_hz:int", "parm:           vx_dnlc_limit:int"]
    return "\n".join(lines) + "\n"


def mangle22(cmd: str) -> str:
    """sos 2.2 mangleCommand (layout §4): strip /bin|/sbin|/usr/(s)bin, squash, '/'→'.', strip, 64 chars."""
    name = re.sub(r"^/(usr/)?s?bin/", "", cmd)
    name = re.sub(r"[^\w\-\.\/]+", "_", name)
    name = name.replace("/", ".").strip(" ._-")
    return name[:64]


# --------------------------------------------------------------------------------------------
# Packages
# --------------------------------------------------------------------------------------------

RHEL6_BASE = """
acl 2.2.49-6.el6 x86_64|acpid 1.0.10-2.1.el6 x86_64|aic94xx-firmware 30-2.el6 noarch|alsa-lib 1.0.22-3.el6 x86_64
atk 1.30.0-1.el6 x86_64|atmel-firmware 1.3-7.el6 noarch|attr 2.4.44-7.el6 x86_64|audit 2.2-2.el6 x86_64
audit-libs 2.2-2.el6 x86_64|authconfig 6.1.12-13.el6 x86_64|avahi-libs 0.6.25-12.el6 x86_64|b43-openfwwf 5.2-4.el6 noarch
basesystem 10.0-4.el6 noarch|bash 4.1.2-14.el6 x86_64|bc 1.06.95-1.el6 x86_64|bfa-firmware 3.0.3.1-1.el6 noarch
bind-libs 9.8.2-0.17.rc1.el6 x86_64|bind-utils 9.8.2-0.17.rc1.el6 x86_64|binutils 2.20.51.0.2-5.36.el6 x86_64|biosdevname 0.4.1-3.el6 x86_64
bridge-utils 1.2-10.el6 x86_64|bzip2 1.0.5-7.el6_0 x86_64|bzip2-libs 1.0.5-7.el6_0 x86_64|ca-certificates 2010.63-3.el6_1.5 noarch
cairo 1.8.8-3.1.el6 x86_64|checkpolicy 2.0.22-1.el6 x86_64|chkconfig 1.3.49.3-2.el6 x86_64|compat-libstdc++-33 3.2.3-69.el6 x86_64
coreutils 8.4-19.el6 x86_64|coreutils-libs 8.4-19.el6 x86_64|cpio 2.10-11.el6_3 x86_64|cracklib 2.8.16-4.el6 x86_64
cracklib-dicts 2.8.16-4.el6 x86_64|crontabs 1.10-33.el6 noarch|cronie 1.4.4-7.el6 x86_64|cronie-anacron 1.4.4-7.el6 x86_64
curl 7.19.7-35.el6 x86_64|cyrus-sasl 2.1.23-13.el6_3.1 x86_64|cyrus-sasl-lib 2.1.23-13.el6_3.1 x86_64|dash 0.5.5.1-4.el6 x86_64
db4 4.7.25-17.el6 x86_64|db4-utils 4.7.25-17.el6 x86_64|dbus 1.2.24-7.el6_3 x86_64|dbus-glib 0.86-5.el6 x86_64
dbus-libs 1.2.24-7.el6_3 x86_64|device-mapper 1.02.77-9.el6 x86_64|device-mapper-event 1.02.77-9.el6 x86_64|device-mapper-event-libs 1.02.77-9.el6 x86_64
device-mapper-libs 1.02.77-9.el6 x86_64|device-mapper-multipath 0.4.9-64.el6 x86_64|device-mapper-multipath-libs 0.4.9-64.el6 x86_64|dhclient 4.1.1-34.P1.el6 x86_64
diffutils 2.8.1-28.el6 x86_64|dmidecode 2.11-2.el6 x86_64|dracut 004-303.el6 noarch|dracut-kernel 004-303.el6 noarch
e2fsprogs 1.41.12-14.el6 x86_64|e2fsprogs-libs 1.41.12-14.el6 x86_64|ed 1.1-3.3.el6 x86_64|efibootmgr 0.5.4-10.el6 x86_64
elfutils-libelf 0.152-1.el6 x86_64|ethtool 3.5-1.el6 x86_64|expat 2.0.1-11.el6_2 x86_64|file 5.04-15.el6 x86_64
file-libs 5.04-15.el6 x86_64|filesystem 2.4.30-3.el6 x86_64|findutils 4.4.2-6.el6 x86_64|fipscheck 1.2.0-7.el6 x86_64
fipscheck-lib 1.2.0-7.el6 x86_64|fontconfig 2.8.0-3.el6 x86_64|freetype 2.3.11-14.el6_3.1 x86_64|gamin 0.1.10-9.el6 x86_64
gawk 3.1.7-10.el6 x86_64|gdbm 1.8.0-36.el6 x86_64|glib2 2.22.5-7.el6 x86_64|glibc 2.12-1.107.el6 x86_64
glibc-common 2.12-1.107.el6 x86_64|gmp 4.3.1-7.el6_2.2 x86_64|gnupg2 2.0.14-4.el6 x86_64|gnutls 2.8.5-10.el6 x86_64
gpgme 1.1.8-3.el6 x86_64|grep 2.6.3-3.el6 x86_64|groff 1.18.1.4-21.el6 x86_64|grub 0.97-81.el6 x86_64
grubby 7.0.15-3.el6 x86_64|gzip 1.3.12-18.el6 x86_64|hal 0.5.14-11.el6 x86_64|hdparm 9.16-3.4.el6 x86_64
hwdata 0.233-7.9.el6 noarch|info 4.13a-8.el6 x86_64|initscripts 9.03.38-1.el6 x86_64|iproute 2.6.32-23.el6 x86_64
iptables 1.4.7-9.el6 x86_64|iptables-ipv6 1.4.7-9.el6 x86_64|iputils 20071127-16.el6 x86_64|irqbalance 1.0.4-3.el6 x86_64
iscsi-initiator-utils 6.2.0.873-2.el6 x86_64|kbd 1.15-11.el6 x86_64|kbd-misc 1.15-11.el6 noarch|kexec-tools 2.0.0-258.el6 x86_64
keyutils 1.4-4.el6 x86_64|keyutils-libs 1.4-4.el6 x86_64|kpartx 0.4.9-64.el6 x86_64|krb5-libs 1.10.3-10.el6 x86_64
less 436-10.el6 x86_64|libacl 2.2.49-6.el6 x86_64|libaio 0.3.107-10.el6 x86_64|libattr 2.4.44-7.el6 x86_64
libblkid 2.17.2-12.9.el6 x86_64|libcap 2.16-5.5.el6 x86_64|libcap-ng 0.6.4-3.el6_0.1 x86_64|libcom_err 1.41.12-14.el6 x86_64
libcurl 7.19.7-35.el6 x86_64|libdrm 2.4.39-1.el6 x86_64|libedit 2.11-4.20080712cvs.1.el6 x86_64|libffi 3.0.5-3.2.el6 x86_64
libgcc 4.4.7-3.el6 x86_64|libgcrypt 1.4.5-9.el6_2.2 x86_64|libgpg-error 1.7-4.el6 x86_64|libibverbs 1.1.6-5.el6 x86_64
libidn 1.18-2.el6 x86_64|libmlx4 1.0.4-1.el6 x86_64|libnih 1.0.1-7.el6 x86_64|libnl 1.1-14.el6 x86_64
libpcap 1.0.0-6.20091201git117cb5.el6 x86_64|libpng 1.2.49-1.el6_2 x86_64|librdmacm 1.0.17-0.git4b5c1aa.el6 x86_64|libselinux 2.0.94-5.3.el6 x86_64
libselinux-utils 2.0.94-5.3.el6 x86_64|libsemanage 2.0.43-4.2.el6 x86_64|libsepol 2.0.41-4.el6 x86_64|libss 1.41.12-14.el6 x86_64
libssh2 1.4.2-1.el6 x86_64|libstdc++ 4.4.7-3.el6 x86_64|libtasn1 2.3-3.el6_2.1 x86_64|libudev 147-2.46.el6 x86_64
libusb 0.1.12-23.el6 x86_64|libuser 0.56.13-5.el6 x86_64|libutempter 1.1.5-4.1.el6 x86_64|libuuid 2.17.2-12.9.el6 x86_64
libX11 1.5.0-4.el6 x86_64|libX11-common 1.5.0-4.el6 noarch|libXau 1.0.6-4.el6 x86_64|libxml2 2.7.6-8.el6_3.4 x86_64
logrotate 3.7.8-16.el6 x86_64|lsof 4.82-4.el6 x86_64|lua 5.1.4-4.1.el6 x86_64|lvm2 2.02.98-9.el6 x86_64
lvm2-libs 2.02.98-9.el6 x86_64|m4 1.4.13-5.el6 x86_64|mailx 12.4-6.el6 x86_64|make 3.81-20.el6 x86_64
man 1.6f-32.el6 x86_64|mdadm 3.2.5-4.el6 x86_64|microcode_ctl 1.17-12.el6 x86_64|mingetty 1.08-5.el6 x86_64
module-init-tools 3.9-21.el6 x86_64|mysql-libs 5.1.67-1.el6_3 x86_64|ncurses 5.7-3.20090208.el6 x86_64|ncurses-base 5.7-3.20090208.el6 x86_64
ncurses-libs 5.7-3.20090208.el6 x86_64|net-snmp 5.5-44.el6 x86_64|net-snmp-libs 5.5-44.el6 x86_64|net-tools 1.60-110.el6_2 x86_64
newt 0.52.11-3.el6 x86_64|nfs-utils 1.2.3-36.el6 x86_64|nfs-utils-lib 1.1.5-6.el6 x86_64|nspr 4.9.2-1.el6 x86_64
nss 3.14.0.0-12.el6 x86_64|nss-softokn 3.12.9-11.el6 x86_64|nss-util 3.14.0.0-2.el6 x86_64|ntp 4.2.4p8-3.el6 x86_64
ntpdate 4.2.4p8-3.el6 x86_64|numactl 2.0.7-6.el6 x86_64|openldap 2.4.23-31.el6 x86_64|openssh 5.3p1-84.1.el6 x86_64
openssh-clients 5.3p1-84.1.el6 x86_64|openssh-server 5.3p1-84.1.el6 x86_64|openssl 1.0.0-27.el6 x86_64|pam 1.1.1-13.el6 x86_64
parted 2.1-19.el6 x86_64|passwd 0.77-4.el6_2.2 x86_64|pciutils 3.1.10-2.el6 x86_64|pciutils-libs 3.1.10-2.el6 x86_64
pcre 7.8-6.el6 x86_64|perl 5.10.1-129.el6 x86_64|perl-libs 5.10.1-129.el6 x86_64|pinentry 0.7.6-6.el6 x86_64
pkgconfig 0.23-9.1.el6 x86_64|plymouth 0.8.3-27.el6 x86_64|policycoreutils 2.0.83-19.30.el6 x86_64|popt 1.13-7.el6 x86_64
postfix 2.6.6-2.2.el6_1 x86_64|procps 3.2.8-25.el6 x86_64|psmisc 22.6-15.el6_0.1 x86_64|pth 2.0.7-9.3.el6 x86_64
python 2.6.6-36.el6 x86_64|python-libs 2.6.6-36.el6 x86_64|readline 6.0-4.el6 x86_64|redhat-logos 60.0.14-12.el6 noarch
redhat-release-server 6Server-6.4.0.4.el6 x86_64|rhnlib 2.5.22-12.el6 noarch|rhn-check 1.0.0.1-8.el6 noarch|rhn-client-tools 1.0.0.1-8.el6 noarch
rhnsd 4.9.3-2.el6 x86_64|rpm 4.8.0-32.el6 x86_64|rpm-libs 4.8.0-32.el6 x86_64|rpm-python 4.8.0-32.el6 x86_64
rsync 3.0.6-9.el6 x86_64|rsyslog 5.8.10-6.el6 x86_64|screen 4.0.3-16.el6 x86_64|sed 4.2.1-10.el6 x86_64
setup 2.8.14-20.el6 noarch|shadow-utils 4.1.4.2-13.el6 x86_64|slang 2.2.1-1.el6 x86_64|sos 2.2-38.el6 noarch
sqlite 3.6.20-1.el6 x86_64|strace 4.5.19-1.17.el6 x86_64|sudo 1.8.6p3-7.el6 x86_64|sysstat 9.0.4-20.el6 x86_64
system-config-firewall-base 1.2.27-5.el6 noarch|sysvinit-tools 2.87-4.dsf.el6 x86_64|tar 1.23-11.el6 x86_64|tcpdump 4.0.0-3.20090921gitdf3cb4.2.el6 x86_64
tcp_wrappers-libs 7.6-57.el6 x86_64|telnet 0.17-47.el6_3.1 x86_64|time 1.7-37.1.el6 x86_64|tzdata 2012j-1.el6 noarch
udev 147-2.46.el6 x86_64|upstart 0.6.5-12.el6 x86_64|ustr 1.0.4-9.1.el6 x86_64|util-linux-ng 2.17.2-12.9.el6 x86_64
vim-minimal 7.2.411-1.8.el6 x86_64|wget 1.12-1.8.el6 x86_64|which 2.19-6.el6 x86_64|xz 4.999.9-0.3.beta.20091007git.el6 x86_64
xz-libs 4.999.9-0.3.beta.20091007git.el6 x86_64|yum 3.2.29-40.el6 noarch|yum-metadata-parser 1.1.2-16.el6 x86_64|yum-rhn-plugin 0.9.1-48.el6 noarch
zlib 1.2.3-29.el6 x86_64|kernel-firmware 2.6.32-358.6.1.el6 noarch|ql2400-firmware 5.08.00-1.el6 noarch|ql2500-firmware 5.08.00-1.el6 noarch
hpacucli 9.40-12.0 x86_64|hp-health 9.40-1602.44.rhel6 x86_64|srvadmin-omacore 7.2.0-4.1.1.el6 x86_64
"""

CLUSTER_PKGS = ["cman 3.0.12.1-49.el6 x86_64", "rgmanager 3.0.12.1-17.el6 x86_64", "corosync 1.4.1-15.el6 x86_64",
                "corosynclib 1.4.1-15.el6 x86_64", "ricci 0.16.2-63.el6 x86_64", "clusterlib 3.0.12.1-49.el6 x86_64",
                "modcluster 0.16.2-20.el6 x86_64", "openais 1.1.1-7.el6 x86_64", "openaislib 1.1.1-7.el6 x86_64",
                "fence-agents 3.1.5-25.el6 x86_64", "fence-virt 0.2.3-13.el6 x86_64", "ccs 0.16.2-63.el6 x86_64",
                "gfs2-utils 3.0.12.1-49.el6 x86_64", "lvm2-cluster 2.02.98-9.el6 x86_64", "resource-agents 3.9.2-21.el6 x86_64"]
VXFS_PKGS = ["VRTSvxfs 6.0.300.000-RHEL6 x86_64", "VRTSvlic 3.02.61.010-0 x86_64", "VRTSperl 5.14.2.8-RHEL6.2 x86_64",
             "VRTSfsadv 6.0.300.000-RHEL6 x86_64", "VRTSspt 6.0.300.000-GA noarch"]
ROLE_PKGS = {"db": ["java-1.6.0-openjdk 1.6.0.0-1.57.1.11.9.el6_4 x86_64", "unixODBC 2.2.14-12.el6_3 x86_64"],
             "app": ["java-1.6.0-openjdk 1.6.0.0-1.57.1.11.9.el6_4 x86_64", "tomcat6 6.0.24-52.el6_4 noarch"],
             "web": ["httpd 2.2.15-26.el6 x86_64", "httpd-tools 2.2.15-26.el6 x86_64", "mod_ssl 2.2.15-26.el6 x86_64"],
             "batch": ["java-1.6.0-openjdk 1.6.0.0-1.57.1.11.9.el6_4 x86_64"]}


def rpm_date22(t: dt.datetime) -> str:
    # %{INSTALLTIME:date} in an en_US.UTF-8 locale on RHEL 6
    return t.strftime("%a %d %b %Y %I:%M:%S %p ") + ("CEST" if 4 <= t.month <= 10 else "CET")


def rhel6_packages(h: Host, rng: random.Random) -> list[tuple[str, dt.datetime]]:
    """(NVRA, install time) pairs; the running kernel plus one or two older ones."""
    install = h.collected - dt.timedelta(days=400 + rng.randint(0, 200))
    pk: list[tuple[str, dt.datetime]] = []
    for item in RHEL6_BASE.replace("\n", "|").split("|"):
        item = item.strip()
        if not item:
            continue
        n, vr, a = item.split()
        if h.minor == "6.3" and n == "redhat-release-server":
            vr = "6Server-6.3.0.3.el6"
        if h.hw == "hp" and n == "srvadmin-omacore":
            continue
        if h.hw == "dell" and n.startswith("hp"):
            continue
        if n == "kernel-firmware":
            continue
        if n == "libmlx4" and not any(x.driver == "mlx4_en" for x in h.nics):
            continue
        pk.append((f"{n}-{vr}.{a}", install + dt.timedelta(seconds=rng.randint(0, 900))))
    role = re.match(r"[a-z]+", h.short).group(0).replace("dbnode", "db").replace("appnode", "app")
    for item in ROLE_PKGS.get(role, []):
        n, vr, a = item.split()
        pk.append((f"{n}-{vr}.{a}", install + dt.timedelta(days=2, seconds=rng.randint(0, 900))))
    if h.cluster:
        for item in CLUSTER_PKGS:
            n, vr, a = item.split()
            pk.append((f"{n}-{vr}.{a}", install + dt.timedelta(days=3, seconds=rng.randint(0, 900))))
    if h.vxfs:
        for item in VXFS_PKGS:
            n, vr, a = item.split()
            pk.append((f"{n}-{vr}.{a}", install + dt.timedelta(days=5, seconds=rng.randint(0, 900))))
    running = h.kernel.removesuffix(".x86_64")
    kernels = {"6.4": ["2.6.32-279.el6", "2.6.32-279.19.1.el6"], "6.3": ["2.6.32-279.el6"]}[h.minor]
    kt = install
    for k in kernels:
        pk.append((f"kernel-{k}.x86_64", kt))
        kt += dt.timedelta(days=60 + rng.randint(0, 60))
    # the running kernel went in shortly before the last reboot
    built = dt.datetime.strptime(re.sub(r" E[SD]T ", " ", h.kbuild), "%a %b %d %H:%M:%S %Y")
    kt = built + dt.timedelta(days=3, seconds=rng.randint(0, 86400))
    pk.append((f"kernel-{running}.x86_64", kt))
    pk.append((f"kernel-headers-{running}.x86_64", kt))
    pk.append((f"kernel-firmware-{running.removesuffix('.x86_64')}.noarch", kt))
    return pk


def installed_rpms22(pk: list[tuple[str, dt.datetime]]) -> str:
    # rpm -qa --qf '%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}~~%{INSTALLTIME:date}\n' | awk -F '~~' '{printf "%-59s %s\n",$1,$2}' | sort
    lines = [f"{n:<59} {rpm_date22(t)}" for n, t in pk]
    return "\n".join(sorted(lines, key=lambda s: (s.lower(), s))) + "\n"


# --------------------------------------------------------------------------------------------
# Report tree and tar writing
# --------------------------------------------------------------------------------------------

@dataclass
class Link:
    target: str


DIR = object()   # explicit (possibly empty) directory


class Tree:
    """Paths relative to the report's top folder → bytes | Link | DIR."""

    def __init__(self) -> None:
        self.entries: dict[str, object] = {}

    def add(self, path: str, content: str | bytes) -> None:
        self.entries[path] = content.encode() if isinstance(content, str) else content

    def link(self, path: str, target: str) -> None:
        self.entries[path] = Link(target)

    def mkdir(self, path: str) -> None:
        self.entries[path] = DIR

    def children(self) -> dict[str, dict]:
        """Nested dict; leaves keep the entry, dirs are dicts."""
        root: dict = {}
        for path, e in self.entries.items():
            parts = path.split("/")
            cur = root
            for p in parts[:-1]:
                cur = cur.setdefault(p, {})
            if e is DIR:
                cur.setdefault(parts[-1], {})
            else:
                cur[parts[-1]] = e
        return root


def readdir_order(names: list[str], key: str) -> list[str]:
    """A fixed pseudo-random order standing in for ext4 hash order of readdir()."""
    return sorted(names, key=lambda n: hashlib.sha1(f"{key}/{n}".encode()).hexdigest())


def walk(node: dict, prefix: str, order) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for name in order(list(node), prefix):
        e = node[name]
        p = f"{prefix}/{name}"
        if isinstance(e, dict):
            out.append((p, DIR))
            out += walk(e, p, order)
        else:
            out.append((p, e))
    return out


def tarinfo(path: str, e: object, mtime: int, pax: dict | None) -> tuple[tarfile.TarInfo, bytes | None]:
    ti = tarfile.TarInfo(path)
    ti.mtime = mtime
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "root"
    data = None
    if e is DIR:
        ti.type = tarfile.DIRTYPE
        ti.mode = 0o755
    elif isinstance(e, Link):
        ti.type = tarfile.SYMTYPE
        ti.linkname = e.target
        ti.mode = 0o777
    else:
        data = e  # type: ignore[assignment]
        ti.size = len(data)
        ti.mode = 0o444 if path.split("/", 1)[-1].startswith(("proc/", "sys/")) else 0o644
    if pax is not None:
        ti.pax_headers = dict(pax)
    return ti, data


def write_tar(members: list[tuple[str, object]], mtime: int, fmt: int, pax: dict | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for path, e in members:
            ti, data = tarinfo(path, e, mtime, pax)
            tar.addfile(ti, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


def members_unsorted(tree: Tree, top: str) -> list[tuple[str, object]]:
    return [(top, DIR)] + walk(tree.children(), top, readdir_order)


def members_sos452(tree: Tree, top: str) -> list[tuple[str, object]]:
    """sos 4.5.2+ order: version.txt, sos_reports/**, sos_logs/**, <top>/, then the rest (sorted)."""
    srt = lambda names, _key: sorted(names)
    ch = tree.children()
    out: list[tuple[str, object]] = [(f"{top}/version.txt", ch["version.txt"])]
    for d in ("sos_reports", "sos_logs"):
        out.append((f"{top}/{d}", DIR))
        out += walk(ch[d], f"{top}/{d}", srt)
    out.append((top, DIR))
    rest = {k: v for k, v in ch.items() if k not in ("version.txt", "sos_reports", "sos_logs")}
    out += walk(rest, top, srt)
    return out


def write_dir(tree: Tree, dest: Path, mtime: int) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    dirs = [dest]
    for path, e in sorted(tree.entries.items()):
        p = dest / path
        p.parent.mkdir(parents=True, exist_ok=True)
        if e is DIR:
            p.mkdir(parents=True, exist_ok=True)
        elif isinstance(e, Link):
            os.symlink(e.target, p)
        else:
            p.write_bytes(e)  # type: ignore[arg-type]
    for root, ds, fs in os.walk(dest):
        for n in fs + ds:
            q = Path(root) / n
            os.utime(q, (mtime, mtime), follow_symlinks=False)
        dirs.append(Path(root))
    for d in sorted(dirs, key=lambda x: -len(str(x))):
        os.utime(d, (mtime, mtime))


def xz(data: bytes, preset: int) -> bytes:
    return lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=preset)


def epoch(t: dt.datetime) -> int:
    return calendar.timegm(t.timetuple())


# --------------------------------------------------------------------------------------------
# sos 2.2 (RHEL 6) report
# --------------------------------------------------------------------------------------------

def syslog_ts(t: dt.datetime) -> str:
    return f"{t:%b} {t.day:>2} {t:%H:%M:%S}"


def sysctl_text(h: Host, taint: int, extra: dict[str, str] | None = None) -> str:
    kv = [
        ("kernel.sched_child_runs_first", "0"), ("kernel.sched_min_granularity_ns", "4000000"),
        ("kernel.sched_latency_ns", "20000000"), ("kernel.sched_migration_cost", "500000"),
        ("kernel.panic", "0"), ("kernel.core_pattern", "core"), ("kernel.tainted", str(taint)),
        ("kernel.pid_max", "65536"), ("kernel.hostname", h.fqdn if extra is None else extra["hn"]),
        ("kernel.domainname", "(none)"), ("kernel.ostype", "Linux"), ("kernel.osrelease", h.kernel),
        ("kernel.version", f"#1 SMP {h.kbuild}"), ("kernel.shmmax", "68719476736"), ("kernel.shmall", "4294967296"),
        ("kernel.shmmni", "4096"), ("kernel.msgmax", "65536"), ("kernel.msgmnb", "65536"), ("kernel.sem", "250\t32000\t32\t128"),
        ("kernel.sysrq", "0"), ("kernel.printk", "4\t4\t1\t7"), ("kernel.random.entropy_avail", "183"),
        ("kernel.nmi_watchdog", "1"), ("kernel.numa_balancing", None), ("kernel.hung_task_timeout_secs", "120"),
        ("vm.overcommit_memory", "0"), ("vm.panic_on_oom", "0"), ("vm.oom_kill_allocating_task", "0"),
        ("vm.overcommit_ratio", "50"), ("vm.page-cluster", "3"), ("vm.dirty_background_ratio", "10"),
        ("vm.dirty_background_bytes", "0"), ("vm.dirty_ratio", "20"), ("vm.dirty_bytes", "0"),
        ("vm.dirty_writeback_centisecs", "500"), ("vm.dirty_expire_centisecs", "3000"), ("vm.nr_pdflush_threads", "0"),
        ("vm.swappiness", "60"), ("vm.nr_hugepages", "0"), ("vm.hugetlb_shm_group", "0"),
        ("vm.lowmem_reserve_ratio", "256\t256\t32"), ("vm.drop_caches", "0"), ("vm.min_free_kbytes", str(h.mfk)),
        ("vm.percpu_pagelist_fraction", "0"), ("vm.max_map_count", "65530"), ("vm.laptop_mode", "0"),
        ("vm.block_dump", "0"), ("vm.vfs_cache_pressure", "100"), ("vm.legacy_va_layout", "0"),
        ("vm.zone_reclaim_mode", str(h.zrm)), ("vm.min_unmapped_ratio", "1"), ("vm.min_slab_ratio", "5"),
        ("vm.stat_interval", "1"), ("vm.mmap_min_addr", "4096"), ("vm.numa_zonelist_order", "default"),
        ("vm.scan_unevictable_pages", "0"), ("vm.memory_failure_early_kill", "0"),
        ("vm.memory_failure_recovery", "1"), ("vm.extfrag_threshold", "500"),
        ("fs.file-nr", "4992\t0\t13089842"), ("fs.file-max", "13089842"), ("fs.nr_open", "1048576"),
        ("net.core.rmem_max", "16777216"), ("net.core.wmem_max", "16777216"), ("net.core.netdev_max_backlog", "250000"),
        ("net.ipv4.tcp_rmem", "4096\t87380\t16777216"), ("net.ipv4.tcp_wmem", "4096\t65536\t16777216"),
        ("net.ipv4.tcp_mem", "6184896\t8246528\t12369792"), ("net.ipv4.ip_forward", "0"),
        ("net.ipv4.tcp_syncookies", "1"), ("net.ipv4.conf.all.rp_filter", "1"),
    ]
    return "".join(f"{k} = {v}\n" for k, v in kv if v is not None)


def dmidecode_text(h: Host, rng: random.Random) -> str:
    if h.hw == "hp":
        vendor, product, bios, bdate, sku, fam = "HP", "ProLiant DL380p Gen8", "P70", "02/10/2014", "653200-B21", "ProLiant"
        serial = "CZJ3" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6))
    else:
        vendor, product, bios, bdate, sku, fam = "Dell Inc.", "PowerEdge R720", "2.0.19", "08/29/2013", "SKU=NotProvided;ModelName=PowerEdge R720", "Not Specified"
        serial = "".join(rng.choice("0123456789BCDFGHJKLMNPQRSTVWXZ") for _ in range(7))
    uuid = hashlib.md5(h.short.encode()).hexdigest().upper()
    uuid = f"{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"
    sockets = 2
    return f"""# dmidecode 2.11
SMBIOS 2.7 present.
{rng.randint(150, 220)} structures occupying {rng.randint(5000, 8000)} bytes.
Table at 0x000EB7F0.

Handle 0x0000, DMI type 0, 24 bytes
BIOS Information
\tVendor: {vendor}
\tVersion: {bios}
\tRelease Date: {bdate}
\tAddress: 0xF0000
\tRuntime Size: 64 kB
\tROM Size: 8192 kB
\tCharacteristics:
\t\tPCI is supported
\t\tPNP is supported
\t\tBIOS is upgradeable
\t\tBIOS shadowing is allowed
\t\tACPI is supported
\t\tUSB legacy is supported
\t\tBIOS boot specification is supported
\t\tTargeted content distribution is supported
\t\tUEFI is supported
\tBIOS Revision: 1.32
\tFirmware Revision: 1.51

Handle 0x0100, DMI type 1, 27 bytes
System Information
\tManufacturer: {vendor}
\tProduct Name: {product}
\tVersion: Not Specified
\tSerial Number: {serial}
\tUUID: {uuid}
\tWake-up Type: Power Switch
\tSKU Number: {sku}
\tFamily: {fam}

Handle 0x0300, DMI type 3, 21 bytes
Chassis Information
\tManufacturer: {vendor}
\tType: Rack Mount Chassis
\tLock: Not Present
\tVersion: Not Specified
\tSerial Number: {serial}
\tAsset Tag: Not Specified
""" + "".join(f"""
Handle 0x040{s}, DMI type 4, 42 bytes
Processor Information
\tSocket Designation: Proc {s + 1}
\tType: Central Processor
\tFamily: Xeon
\tManufacturer: Intel
\tID: D7 06 02 00 FF FB EB BF
\tSignature: Type 0, Family 6, Model 45, Stepping 7
\tVersion: Intel(R) Xeon(R) CPU E5-{2670 if h.cpus >= 32 else 2640} 0 @ {'2.60' if h.cpus >= 32 else '2.50'}GHz
\tVoltage: 1.4 V
\tExternal Clock: 100 MHz
\tMax Speed: 4800 MHz
\tCurrent Speed: 2600 MHz
\tStatus: Populated, Enabled
\tCore Count: {h.cpus // 4}
\tCore Enabled: {h.cpus // 4}
\tThread Count: {h.cpus // 2}
""" for s in range(sockets)) + f"""
Handle 0x1000, DMI type 16, 23 bytes
Physical Memory Array
\tLocation: System Board Or Motherboard
\tUse: System Memory
\tError Correction Type: Single-bit ECC
\tMaximum Capacity: 384 GB
\tNumber Of Devices: 24

"""


def ethtool_i(n: Nic) -> str:
    # layout of corpus ethtool-i-01 (ethtool 3.x: expansion-rom-version is newer, RHEL 6.4 ethtool 3.5 omits it)
    return (f"driver: {n.driver}\nversion: {n.version}\nfirmware-version: {n.firmware}\nbus-info: {n.bus}\n"
            f"supports-statistics: yes\nsupports-test: {'no' if n.driver == 'bonding' else 'yes'}\n"
            f"supports-eeprom-access: {'no' if n.driver in ('mlx4_en', 'bonding') else 'yes'}\n"
            f"supports-register-dump: {'no' if n.driver in ('mlx4_en', 'bonding') else 'yes'}\n"
            f"supports-priv-flags: no\n")


def mac(h: Host, i: int) -> str:
    n = h.nics[i]
    if n.driver == "bonding":   # a bond takes its first slave's address
        n = next(x for x in h.nics if x.driver == "mlx4_en")
        i = h.nics.index(n)
    oui = {"mlx4_en": "00:02:c9", "igb": "3c:d9:2b", "bnx2": "84:2b:2b", "bnx2x": "00:10:18"}[n.driver]
    d = hashlib.md5(f"{h.short}{i}".encode()).digest()
    return oui + ":" + ":".join(f"{b:02x}" for b in d[:3])


def cluster_conf(h: Host, members: list[str]) -> str:
    nodes = "".join(f"""    <clusternode name="{m}-hb.{h.domain}" nodeid="{i + 1}">
      <fence>
        <method name="ilo">
          <device name="fence_{m}"/>
        </method>
      </fence>
    </clusternode>
""" for i, m in enumerate(members))
    devs = "".join(f'    <fencedevice agent="fence_ipmilan" ipaddr="10.20.0.{11 + i}" lanplus="1" login="fence" '
                   f'name="fence_{m}" passwd="********"/>\n' for i, m in enumerate(members))
    return f"""<?xml version="1.0"?>
<cluster config_version="27" name="{h.cluster}">
  <cman expected_votes="1" two_node="1"/>
  <clusternodes>
{nodes}  </clusternodes>
  <fencedevices>
{devs}  </fencedevices>
  <rm>
    <failoverdomains>
      <failoverdomain name="fd_{h.cluster}" ordered="1" restricted="1">
        <failoverdomainnode name="{members[0]}-hb.{h.domain}" priority="1"/>
        <failoverdomainnode name="{members[-1]}-hb.{h.domain}" priority="2"/>
      </failoverdomain>
    </failoverdomains>
    <service domain="fd_{h.cluster}" name="svc_{h.cluster}" recovery="relocate">
      <ip address="10.10.0.{50 + len(h.cluster)}/24" monitor_link="on"/>
    </service>
  </rm>
</cluster>
"""


CLUSTERS = {"dbclu01": ["dbnode01", "dbnode02"], "appclu02": ["appnode03", "appnode04"],
            "dbclu03": ["dbnode11", "dbnode12"]}


def clustat(h: Host, members: list[str]) -> str:
    t = h.collected
    rows = "".join(f" {m + '-hb.' + h.domain:<38} {i + 1:>4} {'Online, Local, rgmanager' if m == h.short else 'Online, rgmanager'}\n"
                   for i, m in enumerate(members))
    owner = f"{members[0]}-hb.{h.domain}"
    return (f"Cluster Status for {h.cluster} @ {t:%a %b} {t.day:>2} {t:%H:%M:%S %Y}\n"
            f"Member Status: Quorate\n\n Member Name                             ID   Status\n"
            f" ------ ----                             ---- ------\n{rows}\n"
            f" Service Name                   Owner (Last)                   State         \n"
            f" ------- ----                   ----- ------                   -----         \n"
            f" service:svc_{h.cluster:<18} {owner:<30} started       \n")


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


def build22(h: Host) -> tuple[Tree, dict]:
    rng = random.Random(h.seed)
    nodes = 2 if h.ram_gb >= 64 else 1
    zones = make_zones(h.ram_gb, nodes, not h.affected, rng, h.mfk)
    taint = 1 if h.vxfs else 0
    mods = rhel6_modules(h)
    mem = meminfo_text(zones, h.ram_gb, rng, not h.affected)
    tr = Tree()
    col = h.collected

    # dmesg (plain, no timestamps) and the matching syslog lines
    boot = boot_dmesg(h, zones, rng)
    boot_time = col - dt.timedelta(days=rng.randint(10, 34), seconds=rng.randint(0, 86400))
    dmesg = list(boot)
    msgs: list[tuple[dt.datetime, str]] = []
    log_start = col - dt.timedelta(days=2, hours=rng.randint(0, 12))
    msgs.append((log_start, f'rsyslogd: [origin software="rsyslogd" swVersion="5.8.10" x-pid="1873" x-info="http://www.rsyslog.com"] rsyslogd was HUPed'))
    msgs += messages_noise(h, log_start, col - dt.timedelta(minutes=5), rng)
    for f in h.failures:
        block = failure_block(h, f, zones, rng)
        dmesg += block
        for i, line in enumerate(block):
            msgs.append((f.when + dt.timedelta(microseconds=i), "kernel: " + line.lstrip()))
    msgs.sort(key=lambda x: x[0])
    messages = "".join(f"{syslog_ts(t)} {h.short} {line}\n" for t, line in msgs)

    rel = h.kernel
    up = col - boot_time
    tr.add("sos_commands/general/hostname", h.fqdn + "\n")
    tr.add("sos_commands/general/date", f"{col:%a %b} {col.day:>2} {col:%H:%M:%S} CEST {col:%Y}\n")
    users = rng.randint(1, 4)
    tr.add("sos_commands/general/uptime",
           f" {col:%H:%M:%S} up {up.days} days, {up.seconds // 3600:>2}:{up.seconds % 3600 // 60:02d},  {users} user{'s' if users > 1 else ''},  "
           f"load average: {rng.uniform(0.5, 6):.2f}, {rng.uniform(0.5, 6):.2f}, {rng.uniform(0.5, 6):.2f}\n")
    dm = "\n".join(dmesg) + "\n"
    tr.add("sos_commands/general/dmesg", dm)
    tr.add("sos_commands/general/dmesg_now", dm)
    tr.add("var/log/dmesg", "\n".join(boot) + "\n")
    tr.add("sos_commands/kernel/uname_-a", f"Linux {h.fqdn} {rel} #1 SMP {h.kbuild} x86_64 x86_64 x86_64 GNU/Linux\n")
    tr.add("sos_commands/kernel/lsmod", lsmod_text(mods))
    modinfo_name = mangle22("/sbin/modinfo " + " ".join(m.name for m in mods))
    tr.add(f"sos_commands/kernel/{modinfo_name}", "".join(modinfo_rhel6(m, rel) for m in mods))
    tr.add("sos_commands/kernel/sysctl_-a", sysctl_text(h, taint))
    tr.add("sos_commands/kernel/ls_-lt_.sys.kernel.slab", "total 0\n")
    free_kb = mem.free_kb
    tr.add("sos_commands/memory/free",
           "             total       used       free     shared    buffers     cached\n"
           f"Mem:     {mem.total_kb:>10} {mem.total_kb - free_kb:>10} {free_kb:>10} {0:>10} {mem.buffers_kb:>10} {mem.cached_kb:>10}\n"
           f"-/+ buffers/cache: {mem.total_kb - free_kb - mem.buffers_kb - mem.cached_kb:>10} {free_kb + mem.buffers_kb + mem.cached_kb:>10}\n"
           f"Swap:      8388600          0    8388600\n")
    tr.add("proc/meminfo", mem.text)
    tr.add("proc/buddyinfo", buddyinfo_text(zones))
    tr.add("proc/zoneinfo", zoneinfo_text(zones, h.cpus, rng))
    tr.add("proc/pagetypeinfo", pagetypeinfo_text(zones, rng))
    tr.add("proc/sys/kernel/tainted", f"{taint}\n")
    tr.add("proc/sys/kernel/hostname", h.fqdn + "\n")
    tr.add("proc/sys/kernel/osrelease", rel + "\n")
    tr.add("proc/sys/vm/min_free_kbytes", f"{h.mfk}\n")
    tr.add("proc/sys/vm/zone_reclaim_mode", f"{h.zrm}\n")
    tr.add("etc/redhat-release", f"Red Hat Enterprise Linux Server release {h.minor} (Santiago)\n")
    tr.add("etc/sysconfig/network", f"NETWORKING=yes\nHOSTNAME={h.fqdn}\nGATEWAY=10.10.0.1\n")
    sysctl_conf = ("# Kernel sysctl configuration file for Red Hat Linux\n#\n# For binary values, 0 is disabled, 1 is enabled."
                   "  See sysctl(8) and\n# sysctl.conf(5) for more details.\n\n# Controls IP packet forwarding\n"
                   "net.ipv4.ip_forward = 0\n\n# Controls the use of TCP syncookies\nnet.ipv4.tcp_syncookies = 1\n\n"
                   "# Controls the maximum shared segment size, in bytes\nkernel.shmmax = 68719476736\n\n"
                   "# Controls the maximum number of shared memory segments, in pages\nkernel.shmall = 4294967296\n")
    if h.mfk != 67584:
        sysctl_conf += ("\n# Case 00851234: keep more memory free for atomic allocations (KB 479983)\n"
                        f"vm.min_free_kbytes = {h.mfk}\nvm.zone_reclaim_mode = {h.zrm}\n")
    tr.add("etc/sysctl.conf", sysctl_conf)
    ips = []
    for i, n in enumerate(h.nics):
        if n.driver != "bonding":
            tr.add(f"sos_commands/networking/ethtool_-i_{n.ifname}", ethtool_i(n))
    for n in h.nics:
        if n.driver == "bonding":
            tr.add(f"sos_commands/networking/ethtool_-i_{n.ifname}", ethtool_i(n))
    bonded = any(x.driver == "bonding" for x in h.nics)
    ipl = ["1: lo: <LOOPBACK,UP,LOWER_UP> mtu 16436 qdisc noqueue state UNKNOWN \\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
           "1: lo    inet 127.0.0.1/8 scope host lo",
           "1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever"]
    for i, n in enumerate(h.nics):
        slave = bonded and n.driver == "mlx4_en"
        flags = "BROADCAST,MULTICAST,SLAVE,UP,LOWER_UP" if slave else "BROADCAST,MULTICAST,MASTER,UP,LOWER_UP" if n.driver == "bonding" else "BROADCAST,MULTICAST,UP,LOWER_UP"
        qd = "noqueue" if n.driver == "bonding" else "mq"
        master = " master bond0" if slave else ""
        ipl.append(f"{i + 2}: {n.ifname}: <{flags}> mtu {9000 if n.driver in ('mlx4_en', 'bonding') else 1500} qdisc {qd}{master} "
                   f"state UP qlen 1000\\    link/ether {mac(h, i)} brd ff:ff:ff:ff:ff:ff")
        if not slave:
            ipl.append(f"{i + 2}: {n.ifname:<5} inet 10.{10 + i}.0.{20 + h.seed % 100}/24 brd 10.{10 + i}.0.255 scope global {n.ifname}")
    tr.add("sos_commands/networking/ip_-o_addr", "\n".join(ipl) + "\n")
    tr.add("sos_commands/networking/route_-n",
           "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
           f"10.10.0.0       0.0.0.0         255.255.255.0   U     0      0        0 {h.nics[0].ifname}\n"
           f"0.0.0.0         10.10.0.1       0.0.0.0         UG    0      0        0 {h.nics[0].ifname}\n")
    tr.add("sos_commands/rpm/rpm_-qa_--qf_NAME_-_VERSION_-_RELEASE_._ARCH_INSTALLTIME_date_--",
           installed_rpms22(rhel6_packages(h, rng)))
    tr.add("sos_commands/hardware/dmidecode", dmidecode_text(h, rng))
    tr.add("sos_commands/process/ps_auxwww",
           "USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"
           "root         1  0.0  0.0  19356  1528 ?        Ss   Apr02   0:05 /sbin/init\n"
           "root         2  0.0  0.0      0     0 ?        S    Apr02   0:00 [kthreadd]\n"
           "root      1873  0.0  0.0 249088  1680 ?        Sl   Apr02   0:12 /sbin/rsyslogd -i /var/run/syslogd.pid -c 5\n"
           "root      2193  0.0  0.0  66216  1188 ?        Ss   Apr02   0:01 /usr/sbin/sshd\n"
           + ("root      3011  0.0  0.0  57648  4108 ?        S<Ls Apr02   1:03 rgmanager\n" if h.cluster else "")
           + (f"oracle   {rng.randint(4000, 30000)}  {rng.uniform(50, 300):.1f} {rng.uniform(5, 40):.1f} 28371236 9123456 ?   Sl   Apr02 1234:56 /usr/java/jre/bin/java -Xmx16g -jar app.jar\n"
              if re.match(r"(db|app|batch)", h.short) else ""))
    tr.add("sos_commands/filesys/mount_-l",
           "/dev/mapper/vg_root-lv_root on / type ext4 (rw)\nproc on /proc type proc (rw)\nsysfs on /sys type sysfs (rw)\n"
           "devpts on /dev/pts type devpts (rw,gid=5,mode=620)\ntmpfs on /dev/shm type tmpfs (rw)\n/dev/sda1 on /boot type ext4 (rw)\n"
           + ("/dev/vx/dsk/datadg/datavol on /data type vxfs (rw,delaylog,largefiles,ioerror=mwdisable)\n" if h.vxfs else "")
           + "none on /proc/sys/fs/binfmt_misc type binfmt_misc (rw)\n")
    tr.add("sos_commands/filesys/df_-al",
           "Filesystem           1K-blocks      Used Available Use% Mounted on\n"
           "/dev/mapper/vg_root-lv_root\n                      51606140  9876540  39108160  21% /\n"
           "proc                         0         0         0   -  /proc\n"
           f"tmpfs                 {mem.total_kb // 2:>9}         0 {mem.total_kb // 2:>9}   0% /dev/shm\n"
           "/dev/sda1               495844     98765    371479  21% /boot\n"
           + ("/dev/vx/dsk/datadg/datavol\n                     1073741824 734003200 339738624  69% /data\n" if h.vxfs else ""))
    if h.cluster:
        members = CLUSTERS[h.cluster]
        tr.add("etc/cluster/cluster.conf", cluster_conf(h, members))
        tr.add("sos_commands/cluster/clustat", clustat(h, members))
        tr.add("sos_commands/cluster/cman_tool_status",
               f"Version: 6.2.0\nConfig Version: 27\nCluster Name: {h.cluster}\nCluster Id: {sum(map(ord, h.cluster)) * 97}\n"
               f"Cluster Member: Yes\nCluster Generation: {rng.randint(100, 900)}\nMembership state: Cluster-Member\n"
               f"Nodes: 2\nExpected votes: 1\nTotal votes: 2\nNode votes: 1\nQuorum: 1  \nActive subsystems: 9\n"
               f"Flags: 2node \nPorts Bound: 0 11 177  \nNode name: {h.short}-hb.{h.domain}\n"
               f"Node ID: {members.index(h.short) + 1}\nMulticast addresses: 239.192.{rng.randint(0, 255)}.{rng.randint(0, 255)} \n"
               f"Node addresses: 10.30.0.{11 + members.index(h.short)} \n")
    tr.add("var/log/messages", messages)
    tr.add("sos_logs/sos.log",
           f"{col:%Y-%m-%d %H:%M:%S},{rng.randint(100, 999)} INFO: sosreport version 2.2 starting\n"
           + "".join(f"{col:%Y-%m-%d %H:%M:%S},{rng.randint(100, 999)} DEBUG: [plugin:{p}] executing setup\n"
                     for p in ["cluster", "filesys", "general", "hardware", "kernel", "memory", "networking", "process", "rpm", "startup"]
                     if p != "cluster" or h.cluster)
           + f"{(col + dt.timedelta(seconds=95)):%Y-%m-%d %H:%M:%S},{rng.randint(100, 999)} INFO: sosreport finished\n")
    tr.mkdir("sos_reports")
    # top-level links, as 2.2 makes them for commands it collected
    for name, target in [("uname", "sos_commands/kernel/uname_-a"), ("lsmod", "sos_commands/kernel/lsmod"),
                         ("hostname", "sos_commands/general/hostname"), ("date", "sos_commands/general/date"),
                         ("uptime", "sos_commands/general/uptime"), ("free", "sos_commands/memory/free"),
                         ("dmidecode", "sos_commands/hardware/dmidecode"),
                         ("installed-rpms", "sos_commands/rpm/rpm_-qa_--qf_NAME_-_VERSION_-_RELEASE_._ARCH_INSTALLTIME_date_--"),
                         ("ip_addr", "sos_commands/networking/ip_-o_addr"), ("route", "sos_commands/networking/route_-n"),
                         ("ps", "sos_commands/process/ps_auxwww"), ("mount", "sos_commands/filesys/mount_-l"),
                         ("df", "sos_commands/filesys/df_-al")]:
        tr.link(name, target)

    facts = {
        "zones": zones, "mods": mods, "mem": mem, "taint": taint,
        "rpms": [n for n, _ in rhel6_packages(h, random.Random(h.seed))],
    }
    return tr, facts


# --------------------------------------------------------------------------------------------
# sos 3.9 (RHEL 7.9) and sos 4.7 (RHEL 9.4) reports: one healthy host each
# --------------------------------------------------------------------------------------------

# name size used holders path-under-kernel/ license version description
RHEL7_MODS = """
ixgbe 328046 0 - drivers/net/ethernet/intel/ixgbe/ixgbe.ko.xz|GPL|5.1.0-k-rh7.9|Intel(R) 10 Gigabit PCI Express Network Driver
mdio 12847 1 ixgbe drivers/net/mdio.ko.xz|GPL||Generic support for MDIO-compatible transceivers
ptp 23551 1 ixgbe drivers/ptp/ptp.ko.xz|GPL||PTP clocks support
pps_core 19106 1 ptp drivers/pps/pps_core.ko.xz|GPL||LinuxPPS support (RFC 2783) - ver. 5.3.6
dca 15130 1 ixgbe drivers/dca/dca.ko.xz|GPL|1.12.1|
xfs 1014152 3 - fs/xfs/xfs.ko.xz|GPL||SGI XFS with ACLs, security attributes, no debug enabled
libcrc32c 12644 1 xfs lib/libcrc32c.ko.xz|GPL||CRC32c (Castagnoli) calculations
sd_mod 46281 4 - drivers/scsi/sd_mod.ko.xz|GPL||SCSI disk (sd) driver
crc_t10dif 12912 1 sd_mod lib/crc-t10dif.ko.xz|GPL||T10 DIF CRC calculation
crct10dif_generic 12647 0 - crypto/crct10dif_generic.ko.xz|GPL||T10 DIF CRC calculation.
crct10dif_pclmul 14307 1 - arch/x86/crypto/crct10dif-pclmul.ko.xz|GPL||T10 DIF CRC calculation accelerated with PCLMULQDQ.
crct10dif_common 12595 3 crct10dif_pclmul,crct10dif_generic,crc_t10dif crypto/crct10dif_common.ko.xz|GPL||T10 DIF CRC calculation common code
crc32_pclmul 13133 0 - arch/x86/crypto/crc32-pclmul.ko.xz|GPL||
crc32c_intel 22094 1 - arch/x86/crypto/crc32c-intel.ko.xz|GPL||CRC32c (Castagnoli) optimization using Intel Hardware.
ghash_clmulni_intel 13273 0 - arch/x86/crypto/ghash-clmulni-intel.ko.xz|GPL||GHASH Message Digest Algorithm, acclerated by PCLMULQDQ-NI
aesni_intel 189456 0 - arch/x86/crypto/aesni-intel.ko.xz|GPL||Rijndael (AES) Cipher Algorithm, Intel AES-NI instructions optimized
lrw 13286 1 aesni_intel crypto/lrw.ko.xz|GPL||LRW block cipher mode
gf128mul 15139 1 lrw crypto/gf128mul.ko.xz|GPL||Functions for multiplying elements of GF(2^128)
glue_helper 13990 1 aesni_intel arch/x86/crypto/glue_helper.ko.xz|GPL||
ablk_helper 13597 1 aesni_intel crypto/ablk_helper.ko.xz|GPL||
cryptd 21190 3 ghash_clmulni_intel,aesni_intel,ablk_helper crypto/cryptd.ko.xz|GPL||Software async crypto daemon
ahci 34056 0 - drivers/ata/ahci.ko.xz|GPL|3.0|AHCI SATA low-level driver
libahci 31992 1 ahci drivers/ata/libahci.ko.xz|GPL||Common AHCI SATA low-level routines
libata 243094 2 libahci,ahci drivers/ata/libata.ko.xz|GPL|3.00|Library module for ATA devices
megaraid_sas 164058 3 - drivers/scsi/megaraid/megaraid_sas.ko.xz|GPL|07.714.04.00-rh1|Broadcom MegaRAID SAS Driver
dm_mirror 22326 0 - drivers/md/dm-mirror.ko.xz|GPL||device-mapper mirror target
dm_region_hash 20813 1 dm_mirror drivers/md/dm-region-hash.ko.xz|GPL||device-mapper region hash
dm_log 18411 2 dm_region_hash,dm_mirror drivers/md/dm-log.ko.xz|GPL||device-mapper dirty region log
dm_mod 128595 8 dm_log,dm_mirror drivers/md/dm-mod.ko.xz|GPL||device-mapper driver
sg 40721 0 - drivers/scsi/sg.ko.xz|GPL|3.5.36|SCSI generic (sg) driver
ipmi_si 57587 0 - drivers/char/ipmi/ipmi_si.ko.xz|GPL||Interface to the IPMI driver for the KCS, SMIC, and BT system interfaces.
ipmi_devintf 17603 0 - drivers/char/ipmi/ipmi_devintf.ko.xz|GPL||Linux device interface for the IPMI message handler.
ipmi_msghandler 56728 2 ipmi_devintf,ipmi_si drivers/char/ipmi/ipmi_msghandler.ko.xz|GPL|39.2|Incoming and outgoing message routing for an IPMI interface.
iTCO_wdt 13480 0 - drivers/watchdog/iTCO_wdt.ko.xz|GPL|1.11|Intel TCO WatchDog Timer Driver
iTCO_vendor_support 13718 1 iTCO_wdt drivers/watchdog/iTCO_vendor_support.ko.xz|GPL|1.04|Intel TCO Vendor Specific WatchDog Timer Driver Support
dcdbas 15011 0 - drivers/firmware/dcdbas.ko.xz|GPL|5.6.0-3.3|Dell Systems Management Base Driver (version 5.6.0-3.3)
sb_edac 32034 0 - drivers/edac/sb_edac.ko.xz|GPL||MC Driver for Intel Sandy Bridge and Ivy Bridge memory controllers - Ver: 1.1.2
intel_powerclamp 14451 0 - drivers/thermal/intel_powerclamp.ko.xz|GPL||Package Level C-state Idle Injection for Intel CPUs
coretemp 13444 0 - drivers/hwmon/coretemp.ko.xz|GPL||Intel Core temperature monitor
intel_rapl 19542 0 - drivers/powercap/intel_rapl.ko.xz|GPL v2||Driver for Intel RAPL (Running Average Power Limit)
iosf_mbi 15582 1 intel_rapl arch/x86/platform/iosf_mbi.ko.xz|GPL v2|0.1|IOSF Mailbox Interface accessor
kvm_intel 188740 0 - arch/x86/kvm/kvm-intel.ko.xz|GPL||
kvm 637689 1 kvm_intel arch/x86/kvm/kvm.ko.xz|GPL||
irqbypass 13503 1 kvm virt/lib/irqbypass.ko.xz|GPL||IRQ bypass manager utility module
pcspkr 12718 0 - drivers/input/misc/pcspkr.ko.xz|GPL||PC Speaker beeper driver
lpc_ich 21086 0 - drivers/mfd/lpc_ich.ko.xz|GPL||LPC interface for Intel ICH
mei_me 32848 0 - drivers/misc/mei/mei-me.ko.xz|GPL||Intel(R) Management Engine Interface
mei 91011 1 mei_me drivers/misc/mei/mei.ko.xz|GPL||Intel(R) Management Engine Interface
wmi 21636 0 - drivers/platform/x86/wmi.ko.xz|GPL||ACPI-WMI Mapping Driver
acpi_power_meter 18087 0 - drivers/hwmon/acpi_power_meter.ko.xz|GPL||ACPI 4.0 power meter driver
ip_tables 27126 0 - net/ipv4/netfilter/ip_tables.ko.xz|GPL||IPv4 packet filter
"""

RHEL9_MODS = """
mlx5_ib 483328 0 - drivers/infiniband/hw/mlx5/mlx5_ib.ko.xz|Dual BSD/GPL||Mellanox 5th generation network adapters (ConnectX series) IB driver
ib_uverbs 196608 1 mlx5_ib drivers/infiniband/core/ib_uverbs.ko.xz|Dual BSD/GPL||InfiniBand userspace verbs access
ib_core 499712 2 mlx5_ib,ib_uverbs drivers/infiniband/core/ib_core.ko.xz|Dual BSD/GPL||core kernel InfiniBand API
mlx5_core 2445312 1 mlx5_ib drivers/net/ethernet/mellanox/mlx5/core/mlx5_core.ko.xz|Dual BSD/GPL||Mellanox 5th generation network adapters (ConnectX series) core driver
mlxfw 40960 1 mlx5_core drivers/net/ethernet/mellanox/mlxfw/mlxfw.ko.xz|Dual BSD/GPL||Mellanox firmware flash lib
psample 20480 1 mlx5_core net/psample/psample.ko.xz|GPL v2||
tls 143360 1 mlx5_core net/tls/tls.ko.xz|Dual BSD/GPL||Transport Layer Security Support
pci_hyperv_intf 16384 1 mlx5_core drivers/pci/controller/pci-hyperv-intf.ko.xz|GPL v2||
tg3 217088 0 - drivers/net/ethernet/broadcom/tg3.ko.xz|GPL||Broadcom Tigon3 ethernet driver
ptp 36864 2 mlx5_core,tg3 drivers/ptp/ptp.ko.xz|GPL||PTP clocks support
pps_core 32768 1 ptp drivers/pps/pps_core.ko.xz|GPL||LinuxPPS support (RFC 2783) - ver. 5.3.6
xfs 2375680 3 - fs/xfs/xfs.ko.xz|GPL||SGI XFS with ACLs, security attributes, scrub, quota, no debug enabled
libcrc32c 16384 2 xfs,mlx5_core lib/libcrc32c.ko.xz|GPL||CRC32c (Castagnoli) calculations
sd_mod 69632 4 - drivers/scsi/sd_mod.ko.xz|GPL||SCSI disk (sd) driver
t10_pi 16384 1 sd_mod block/t10-pi.ko.xz|GPL||
sg 40960 0 - drivers/scsi/sg.ko.xz|GPL|3.5.36|SCSI generic (sg) driver
ahci 49152 0 - drivers/ata/ahci.ko.xz|GPL|3.0|AHCI SATA low-level driver
libahci 57344 1 ahci drivers/ata/libahci.ko.xz|GPL||Common AHCI SATA low-level routines
libata 425984 2 libahci,ahci drivers/ata/libata.ko.xz|GPL|3.00|Library module for ATA devices
megaraid_sas 188416 3 - drivers/scsi/megaraid/megaraid_sas.ko.xz|GPL|07.727.03.00-rc1|Broadcom MegaRAID SAS Driver
crct10dif_pclmul 16384 1 - arch/x86/crypto/crct10dif-pclmul.ko.xz|GPL||T10 DIF CRC calculation accelerated with PCLMULQDQ.
crc32_pclmul 16384 0 - arch/x86/crypto/crc32-pclmul.ko.xz|GPL||
crc32c_intel 24576 1 - arch/x86/crypto/crc32c-intel.ko.xz|GPL||CRC32c (Castagnoli) optimization using Intel Hardware.
ghash_clmulni_intel 16384 0 - arch/x86/crypto/ghash-clmulni-intel.ko.xz|GPL||GHASH hash function, accelerated by PCLMULQDQ-NI
dm_mirror 28672 0 - drivers/md/dm-mirror.ko.xz|GPL||device-mapper mirror target
dm_region_hash 24576 1 dm_mirror drivers/md/dm-region-hash.ko.xz|GPL||device-mapper region hash
dm_log 24576 2 dm_region_hash,dm_mirror drivers/md/dm-log.ko.xz|GPL||device-mapper dirty region log
dm_mod 212992 9 dm_log,dm_mirror drivers/md/dm-mod.ko.xz|GPL||device-mapper driver
ipmi_ssif 40960 0 - drivers/char/ipmi/ipmi_ssif.ko.xz|GPL||IPMI driver for management controllers on a SMBus
ipmi_si 81920 0 - drivers/char/ipmi/ipmi_si.ko.xz|GPL||Interface to the IPMI driver for the KCS, SMIC, and BT system interfaces.
ipmi_devintf 20480 0 - drivers/char/ipmi/ipmi_devintf.ko.xz|GPL||Linux device interface for the IPMI message handler.
ipmi_msghandler 122880 3 ipmi_devintf,ipmi_si,ipmi_ssif drivers/char/ipmi/ipmi_msghandler.ko.xz|GPL|39.2|Incoming and outgoing message routing for an IPMI interface.
intel_rapl_msr 20480 0 - drivers/powercap/intel_rapl_msr.ko.xz|GPL v2||Driver for Intel RAPL (Running Average Power Limit) control via MSR interface
intel_rapl_common 40960 1 intel_rapl_msr drivers/powercap/intel_rapl_common.ko.xz|GPL v2||Intel Runtime Average Power Limit (RAPL) common code
kvm_intel 413696 0 - arch/x86/kvm/kvm-intel.ko.xz|GPL||
kvm 1155072 1 kvm_intel arch/x86/kvm/kvm.ko.xz|GPL||
irqbypass 16384 1 kvm virt/lib/irqbypass.ko.xz|GPL||IRQ bypass manager utility module
mei_me 53248 0 - drivers/misc/mei/mei-me.ko.xz|GPL||Intel(R) Management Engine Interface
mei 159744 1 mei_me drivers/misc/mei/mei.ko.xz|GPL||Intel(R) Management Engine Interface
wmi 45056 0 - drivers/platform/x86/wmi.ko.xz|GPL||ACPI-WMI Mapping Driver
acpi_power_meter 20480 0 - drivers/hwmon/acpi_power_meter.ko.xz|GPL||ACPI 4.0 power meter driver
nft_fib_inet 16384 1 - net/netfilter/nft_fib_inet.ko.xz|GPL||nf_tables fib inet support
nf_tables 307200 2 nft_fib_inet net/netfilter/nf_tables.ko.xz|GPL||Framework for packet filtering and classification
nfnetlink 20480 2 nf_tables net/netfilter/nfnetlink.ko.xz|GPL||Netfilter messages via netlink socket
"""


def parse_mods(table: str) -> list[Mod]:
    mods = []
    for line in table.strip().splitlines():
        head, lic, ver, desc = line.split("|")
        name, size, used, holders, path = head.split(" ")
        mods.append(Mod(name, int(size), int(used), "" if holders == "-" else holders, "kernel/" + path, lic,
                        ver or None, desc, "", ""))
    for m in mods:   # depends = modules that list m among their holders... inverted: m depends on X if m in X.holders
        m.depends = ",".join(x.name for x in mods if m.name in x.holders.split(","))
    return mods


def lsmod_modern(mods: list[Mod]) -> str:
    out = ["Module                  Size  Used by\n"]
    for m in mods:
        out.append(f"{m.name:<19} {m.size:>8}  {m.used}{(' ' + m.holders) if m.holders else ''}\n")
    return "".join(out)


def proc_modules(mods: list[Mod]) -> str:
    out = []
    for i, m in enumerate(mods):
        holders = "".join(h + "," for h in m.holders.split(",")) if m.holders else "-"
        out.append(f"{m.name} {m.size} {m.used} {holders} Live 0xffffffffc{(0x0a00000 + i * 0x23000):07x}\n")
    return "".join(out)


SIG_KEYS = {"7": "E4:6E:2F:F4:9D:83:A0:A2:6D:1C:F7:8E:6D:54:0E:1E:5B:2E:07:7D",
            "9": "49:4B:3B:1E:6C:E4:C3:29:DD:37:BF:9F:30:3A:11:6A:0D:5C:D7:1C"}


def modinfo_modern(m: Mod, rel: str, rhel: str, rhelversion: str) -> str:
    # field order of corpus modinfo-03 (RHEL 7.6 vmxnet3) and modinfo-01 (RHEL 8 signed records)
    lines = [f"filename:       /lib/modules/{rel}/{m.path}"]
    if m.version:
        lines.append(f"version:        {m.version}")
    lines.append(f"license:        {m.license}")
    if m.description:
        lines.append(f"description:    {m.description}")
    if rhel == "7":
        lines.append("retpoline:      Y")
    lines.append(f"rhelversion:    {rhelversion}")
    lines.append(f"srcversion:     {srcversion(m.name, rel)}")
    lines.append(f"depends:        {m.depends}")
    lines.append("intree:         Y")
    if rhel == "9":
        lines.append(f"name:           {m.name}")
        lines.append("retpoline:      Y")
    lines.append(f"vermagic:       {rel} SMP {'preempt ' if rhel == '9' else ''}mod_unload modversions ")
    if rhel == "9":
        lines.append("sig_id:         PKCS#7")
    lines.append(f"signer:         Red Hat Enterprise Linux kernel signing key" if rhel == "7"
                 else "signer:         Red Hat Enterprise Linux kernel signing key")
    lines.append(f"sig_key:        {SIG_KEYS[rhel]}")
    lines.append("sig_hashalgo:   sha256")
    if rhel == "9":
        h = hashlib.sha256(m.name.encode()).hexdigest().upper()
        pairs = [h[i:i + 2] for i in range(0, 64, 2)] * 2
        lines.append("signature:      " + ":".join(pairs[:20]) + ":")
        lines.append("\t\t" + ":".join(pairs[20:40]) + ":")
        lines.append("\t\t" + ":".join(pairs[40:58]))
    return "\n".join(lines) + "\n"


def manifest(top: str, version: str, t0: dt.datetime, cmds: list[tuple[str, str, str, list[str]]],
             files: list[tuple[str, str, list[str], list[str]]]) -> str:
    plugins: dict[str, dict] = {}
    for plugin, exe, fp, tags in cmds:
        p = plugins.setdefault(plugin, {"name": plugin, "setup_start": "", "setup_end": "", "setup_time": 0.0,
                                        "timeout": 300, "timeout_hit": False, "command_timeout": 300,
                                        "commands": [], "files": [], "strings": {}, "containers": {},
                                        "collection_start": "", "collection_end": "", "collection_time": 0.0})
        p["commands"].append({"command": exe.split()[0], "parameters": exe.split()[1:], "exec": exe,
                              "filepath": fp, "truncated": False, "return_code": 0, "priority": 10,
                              "start_time": epoch(t0), "end_time": epoch(t0) + 1, "run_time": 0.01, "tags": tags})
    for plugin, spec, copied, tags in files:
        p = plugins.setdefault(plugin, {"name": plugin, "commands": [], "files": []})
        p["files"].append({"specification": spec, "files_copied": copied, "tags": tags})
    doc = {"version": version, "cmdline": "sos report --batch", "start_time": t0.strftime("%a %b %d %H:%M:%S %Y"),
           "end_time": (t0 + dt.timedelta(seconds=97)).strftime("%a %b %d %H:%M:%S %Y"), "run_time": "97",
           "compression": "gzip", "tmpdir": "/var/tmp", "tmpdir_fs_type": "xfs",
           "policy": "Red Hat Enterprise Linux",
           "components": {"report": {"sysroot": "/", "preset": "none", "profiles": [],
                                     "enabled_plugins": sorted(plugins), "disabled_plugins": [],
                                     "plugins": {k: plugins[k] for k in sorted(plugins)}}}}
    return json.dumps(doc, indent=4) + "\n"


@dataclass
class Modern:
    short: str
    fqdn: str
    gen: str             # "3.x" | "4.x"
    sos: str             # "3.9" | "4.7.2"
    release_line: str
    os_version: str
    kernel: str
    kbuild: str
    ram_gb: int
    cpus: int
    nics: list[Nic]
    mods_table: str
    mfk: int
    collected: dt.datetime
    suffix: str          # the 7 random letters
    seed: int


def modern_hosts() -> list[Modern]:
    return [
        Modern("infra21", "infra21.prod.example.com", "3.x", "3.9",
               "Red Hat Enterprise Linux Server release 7.9 (Maipo)", "7.9",
               "3.10.0-1160.88.1.el7.x86_64", "Tue Mar 7 15:41:52 EST 2023", 64, 24,
               [Nic("em1", "ixgbe", "5.1.0-k-rh7.9", "0x800008ea, 18.8.9", "0000:01:00.0"),
                Nic("em2", "ixgbe", "5.1.0-k-rh7.9", "0x800008ea, 18.8.9", "0000:01:00.1")],
               RHEL7_MODS, 90112, T("2024-03-12 10:15:32"), "kqxbwtd", 201),
        Modern("k8swork07", "k8swork07.prod.example.com", "4.x", "4.7.2",
               "Red Hat Enterprise Linux release 9.4 (Plow)", "9.4",
               "5.14.0-427.13.1.el9_4.x86_64", "Wed Apr 10 10:29:16 EDT 2024", 256, 64,
               [Nic("eno1", "tg3", "5.14.0-427.13.1.el9_4.x86_64", "FFV22.31.6 bc 5720-v1.39", "0000:04:00.0"),
                Nic("ens3f0np0", "mlx5_core", "5.14.0-427.13.1.el9_4.x86_64", "22.36.1010 (MT_0000000359)", "0000:98:00.0"),
                Nic("ens3f1np1", "mlx5_core", "5.14.0-427.13.1.el9_4.x86_64", "22.36.1010 (MT_0000000359)", "0000:98:00.1")],
               RHEL9_MODS, 180224, T("2024-11-05 16:40:12"), "qwhtzpn", 202),
    ]


def ethtool_i_modern(n: Nic) -> str:
    return (f"driver: {n.driver}\nversion: {n.version}\nfirmware-version: {n.firmware}\nexpansion-rom-version: \n"
            f"bus-info: {n.bus}\nsupports-statistics: yes\nsupports-test: yes\n"
            f"supports-eeprom-access: {'no' if n.driver.startswith('mlx') else 'yes'}\n"
            f"supports-register-dump: {'no' if n.driver.startswith('mlx') else 'yes'}\n"
            f"supports-priv-flags: {'yes' if n.driver.startswith('mlx') else 'no'}\n")


def build_modern(h: Modern) -> tuple[Tree, dict]:
    rng = random.Random(h.seed)
    zones = make_zones(h.ram_gb, 2, True, rng, h.mfk)
    mods = parse_mods(h.mods_table)
    mem = meminfo_text(zones, h.ram_gb, rng, True)
    # 3.14+ kernels print MemAvailable right after MemFree (corpus meminfo-01 / -05)
    avail = mem.free_kb + (mem.total_kb - mem.free_kb) // 2
    memtext = mem.text.replace("Buffers:", f"MemAvailable:   {avail:>8} kB\nBuffers:", 1)
    rhel = h.os_version.split(".")[0]
    rel = h.kernel
    tr = Tree()
    col = h.collected
    four = h.gen == "4.x"
    top_name = f"sosreport-{h.short}-{col:%Y-%m-%d}-{h.suffix}"

    uname = f"Linux {h.fqdn} {rel} #1 SMP {'PREEMPT_DYNAMIC ' if four else ''}{h.kbuild} x86_64 x86_64 x86_64 GNU/Linux\n"
    tr.add("sos_commands/kernel/uname_-a", uname)
    tr.add("sos_commands/kernel/lsmod", lsmod_modern(mods))
    tr.add("sos_commands/kernel/modinfo_ALL_MODULES", "".join(modinfo_modern(m, rel, rhel, h.os_version) for m in mods))
    tr.add("proc/modules", proc_modules(mods))
    for m in mods:
        tr.add(f"sys/module/{m.name}/taint", "\n")
    tr.add("sos_commands/kernel/sysctl_-a", sysctl_text(
        Host(h.short, "", h.os_version, rel, h.kbuild, "", h.ram_gb, h.cpus, [], None, False, h.mfk, 0, col, "", False, ""),
        0, {"hn": h.fqdn}))
    boot = [f"Linux version {rel} (mockbuild@x86-vm-07.build.eng.bos.redhat.com) (gcc version "
            f"{'11.4.1 20231218 (Red Hat 11.4.1-3)' if four else '4.8.5 20150623 (Red Hat 4.8.5-44)'} (GCC) ) #1 SMP {h.kbuild}",
            "Command line: BOOT_IMAGE=/vmlinuz-" + rel + " root=/dev/mapper/rhel-root ro crashkernel=auto rhgb quiet",
            "Zone ranges:", "  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
            "  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
            f"  Normal   [mem 0x0000000100000000-0x{(max(z.start_pfn + z.spanned for z in zones) << 12) - 1:016x}]"]
    for n in h.nics:
        boot.append(f"{n.driver} {n.bus}: {n.ifname}: renamed from eth{h.nics.index(n)}")
    dm = "".join(f"[{i * 0.000731 + (0 if i < 6 else 3.2):>12.6f}] {l}\n" for i, l in enumerate(boot))
    tr.add("sos_commands/kernel/dmesg", dm)
    tr.add("proc/meminfo", memtext)
    tr.add("proc/buddyinfo", buddyinfo_text(zones))
    if four:
        tr.add("proc/zoneinfo", zoneinfo_5x(zones, h.cpus, rng))
        # 4.x+ migrate type order, as in corpus pagetypeinfo-01
        tr.add("proc/pagetypeinfo", pagetypeinfo_text(zones, rng, ["Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate"]))
    else:
        tr.add("proc/zoneinfo", zoneinfo_text(zones, h.cpus, rng, managed=True))
        tr.add("proc/pagetypeinfo", pagetypeinfo_text(zones, rng))
    tr.add("proc/sys/kernel/tainted", "0\n")
    tr.add("proc/sys/kernel/hostname", h.fqdn + "\n")
    tr.add("proc/sys/kernel/osrelease", rel + "\n")
    tr.add("proc/sys/vm/min_free_kbytes", f"{h.mfk}\n")
    tr.add("proc/sys/vm/zone_reclaim_mode", "0\n")
    tr.add("sos_commands/host/hostname", h.fqdn + "\n")
    tr.add("sos_commands/host/uptime", f" {col:%H:%M:%S} up 41 days,  3:12,  1 user,  load average: 0.42, 0.37, 0.31\n")
    tr.add("etc/hostname", h.fqdn + "\n")
    tr.add("etc/redhat-release", h.release_line + "\n")
    name_9 = "Red Hat Enterprise Linux"
    osr = (f'NAME="{name_9}"\nVERSION="{h.os_version} ({"Plow" if four else "Maipo"})"\nID="rhel"\nID_LIKE="fedora"\n'
           f'VERSION_ID="{h.os_version}"\nPLATFORM_ID="platform:el{rhel}"\n'
           f'PRETTY_NAME="Red Hat Enterprise Linux{"" if four else " Server"} {h.os_version} ({"Plow" if four else "Maipo"})"\n'
           f'ANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:redhat:enterprise_linux:{h.os_version}{"::baseos" if four else ":GA:server"}"\n'
           f'HOME_URL="https://www.redhat.com/"\nBUG_REPORT_URL="https://bugzilla.redhat.com/"\n')
    tr.add("usr/lib/os-release", osr)
    tr.link("etc/os-release", "../usr/lib/os-release")
    for n in h.nics:
        tr.add(f"sos_commands/networking/ethtool_-i_{n.ifname}", ethtool_i_modern(n))
    tr.add("sos_commands/networking/ethtool_-i_lo", "Cannot get driver information: Operation not supported\n")
    ipl = ["1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever"]
    for i, n in enumerate(h.nics):
        ipl.append(f"{i + 2}: {n.ifname}    inet 10.{40 + i}.0.{h.seed % 100}/24 brd 10.{40 + i}.0.255 scope global noprefixroute {n.ifname}\\       valid_lft forever preferred_lft forever")
    tr.add("sos_commands/networking/ip_-o_addr", "\n".join(ipl) + "\n")
    # installed-rpms
    base = ["bash-5.1.8-9.el9.x86_64", "glibc-2.34-100.el9_4.2.x86_64", "openssh-server-8.7p1-38.el9_4.1.x86_64",
            "systemd-252-32.el9_4.x86_64", "sos-4.7.2-3.el9.noarch", "rpm-4.16.1.3-29.el9.x86_64",
            f"kernel-{rel}", f"kernel-core-{rel}", f"kernel-modules-{rel}", f"kernel-modules-core-{rel}",
            "kernel-5.14.0-362.24.1.el9_3.x86_64", "kernel-core-5.14.0-362.24.1.el9_3.x86_64",
            "rdma-core-48.0-1.el9.x86_64", "libibverbs-48.0-1.el9.x86_64", "NetworkManager-1.46.0-8.el9_4.x86_64",
            "chrony-4.5-1.el9.x86_64", "xfsprogs-6.3.0-1.el9.x86_64", "lvm2-2.03.23-2.el9.x86_64",
            "containerd.io-1.6.31-3.1.el9.x86_64", "kubelet-1.29.4-150500.1.1.x86_64", "python3-3.9.18-3.el9_4.3.x86_64"] if four else [
            "bash-4.2.46-35.el7_9.x86_64", "glibc-2.17-326.el7_9.x86_64", "openssh-server-7.4p1-23.el7_9.x86_64",
            "systemd-219-78.el7_9.7.x86_64", "sos-3.9-5.el7_9.13.noarch", "rpm-4.11.3-48.el7_9.x86_64",
            f"kernel-{rel}", "kernel-3.10.0-1160.83.1.el7.x86_64", "kernel-3.10.0-1160.el7.x86_64",
            f"kernel-tools-{rel}", "NetworkManager-1.18.8-2.el7_9.x86_64", "chrony-3.4-1.el7.x86_64",
            "xfsprogs-4.5.0-22.el7.x86_64", "lvm2-2.02.187-6.el7_9.5.x86_64", "python-2.7.5-93.el7_9.x86_64",
            "ipmitool-1.8.18-10.el7_9.x86_64", "srvadmin-omacore-9.5.0-4063.16816.el7.x86_64"]
    t_inst = col - dt.timedelta(days=300)
    date_fmt = (lambda t: t.strftime("%a %d %b %Y %I:%M:%S %p") + (" UTC" if four else " CET"))
    rows = [f"{n:<59} {date_fmt(t_inst + dt.timedelta(minutes=i))}" for i, n in enumerate(base)]
    rows.sort(key=lambda s: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", s.split()[0])])
    rpmfile = ("sos_commands/rpm/sh_-c_rpm_--nodigest_-qa_--qf_-59_NVRA_INSTALLTIME_date_sort_-V" if four else
               "sos_commands/rpm/sh_-c_rpm_--nodigest_-qa_--qf_NAME_-_VERSION_-_RELEASE_._ARCH_INSTALLTIME_date_awk_-F_printf_-59s_s_n_1_2_sort_-V")
    tr.add(rpmfile, "\n".join(rows) + "\n")
    tr.add("sos_commands/rpm/package-data",
           "".join(f"{n}\t{epoch(t_inst) + i * 60}\tRed Hat, Inc.\t{'x86-vm-07.build.eng.bos.redhat.com'}\t"
                   f"RSA/SHA256, {t_inst:%a %b %d %H:%M:%S %Y}, Key ID 199e2f91fd431d51\n" for i, n in enumerate(sorted(base))))
    tr.add("sos_commands/hardware/dmidecode",
           f"# dmidecode 3.{'5' if four else '2'}\nGetting SMBIOS data from sysfs.\nSMBIOS 3.2.0 present.\n\n"
           f"Handle 0x0100, DMI type 1, 27 bytes\nSystem Information\n\tManufacturer: Dell Inc.\n"
           f"\tProduct Name: PowerEdge R{'750' if four else '740'}\n\tVersion: Not Specified\n"
           f"\tSerial Number: {'8HX' if four else '3QZ'}{h.seed}K3\n\tWake-up Type: Power Switch\n\tFamily: PowerEdge\n\n")
    tr.add("sos_commands/memory/free",
           "              total        used        free      shared  buff/cache   available\n"
           f"Mem:      {mem.total_kb:>10} {mem.total_kb // 4:>11} {mem.free_kb:>11} {4012:>11} {mem.total_kb - mem.total_kb // 4 - mem.free_kb:>11} {avail:>11}\n"
           f"Swap:       4194300           0     4194300\n")
    journal_lines = [l.split("] ", 1)[1] for l in dm.splitlines()]
    jt = col - dt.timedelta(days=41, hours=3, minutes=12)
    jhead = (f"-- Logs begin at {jt:%a %Y-%m-%d %H:%M:%S} CET, end at {col:%a %Y-%m-%d %H:%M:%S} CET. --\n" if not four
             else "")
    journal = jhead + "".join(f"{jt:%b %d %H:%M:%S} {h.short} kernel: {l}\n" for l in journal_lines)
    journal += f"{jt:%b %d %H:%M:%S} {h.short} systemd[1]: Started Journal Service.\n"
    journal += f"{col:%b %d %H:%M:%S} {h.short} systemd[1]: Starting {'sos report' if four else 'sosreport'}...\n"
    jpath = "sos_commands/logs/journalctl_--no-pager_--boot" if four else "sos_commands/logs/journalctl_--no-pager_--catalog_--boot"
    tr.add(jpath, journal)
    tr.add("var/log/messages", "".join(f"{col - dt.timedelta(minutes=60 - i * 7):%b %d %H:%M:%S} {h.short} chronyd[1203]: Selected source 10.1.1.{i % 3 + 1}\n" for i, _ in enumerate(range(8))))
    tr.add("sos_logs/sos.log", f"{col:%Y-%m-%d %H:%M:%S},112 INFO: [sos.report] sos report version {h.sos} starting\n"
           f"{col + dt.timedelta(seconds=97):%Y-%m-%d %H:%M:%S},907 INFO: [sos.report] sos report finished\n"
           if four else f"{col:%Y-%m-%d %H:%M:%S},112 sos INFO: sosreport (version 3.9) starting\n")
    tr.add("sos_logs/ui.log", f"\nsosreport (version {h.sos})\n\nYour sosreport has been generated and saved in:\n"
           f"  /var/tmp/{top_name}.tar.{'gz' if four else 'bz2'}\n")
    tr.add("sos_reports/sos.txt", f"{'=' * 72}\n  sos report  (version {h.sos})\n{'=' * 72}\n\nLoaded plugins:\n  host\n  kernel\n  logs\n  memory\n  networking\n  release\n  rpm\n")
    tr.add("sos_reports/sos.html", "<html><head><title>Sos System Report</title></head><body><h1>Sos System Report</h1></body></html>\n")
    tr.add("sos_reports/sos.json", json.dumps({"version": h.sos, "plugins": ["host", "kernel", "logs", "memory", "networking", "release", "rpm"]}) + "\n")
    links = [("uname", "sos_commands/kernel/uname_-a"), ("lsmod", "sos_commands/kernel/lsmod"),
             ("hostname", "sos_commands/host/hostname"), ("uptime", "sos_commands/host/uptime"),
             ("free", "sos_commands/memory/free"), ("dmidecode", "sos_commands/hardware/dmidecode"),
             ("installed-rpms", rpmfile), ("ip_addr", "sos_commands/networking/ip_-o_addr")]
    if four:
        tr.add("sos_commands/systemd/timedatectl",
               f"               Local time: {col:%a %Y-%m-%d %H:%M:%S} UTC\n           Universal time: {col:%a %Y-%m-%d %H:%M:%S} UTC\n"
               "                 RTC time: " + f"{col:%a %Y-%m-%d %H:%M:%S}\n                Time zone: UTC (UTC, +0000)\n"
               "System clock synchronized: yes\n              NTP service: active\n          RTC in local TZ: no\n")
        links.append(("date", "sos_commands/systemd/timedatectl"))
        tr.add("environment", f"HOSTNAME={h.fqdn}\nLANG=en_US.UTF-8\nPATH=/root/.local/bin:/root/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin\n"
               "SHELL=/bin/bash\nTERM=xterm-256color\n")
        tr.add("version.txt", f"sosreport: {h.sos}\n")
        cmds = [("kernel", f"uname -a", "sos_commands/kernel/uname_-a", ["uname"]),
                ("kernel", "lsmod", "sos_commands/kernel/lsmod", ["lsmod"]),
                ("kernel", "modinfo " + " ".join(m.name for m in mods), "sos_commands/kernel/modinfo_ALL_MODULES", ["modinfo_all"]),
                ("kernel", "dmesg", "sos_commands/kernel/dmesg", ["dmesg"]),
                ("kernel", "sysctl -a", "sos_commands/kernel/sysctl_-a", ["sysctl"]),
                ("host", "hostname", "sos_commands/host/hostname", ["hostname"]),
                ("host", "uptime", "sos_commands/host/uptime", ["uptime"]),
                ("memory", "free", "sos_commands/memory/free", ["free"]),
                ("hardware", "dmidecode", "sos_commands/hardware/dmidecode", ["dmidecode"]),
                ("rpm", "sh -c 'rpm --nodigest -qa --qf \"%-59{NVRA} %{INSTALLTIME:date}\\n\" | sort -V'", rpmfile, ["installed_rpms"]),
                ("rpm", "rpm -qa --qf=%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\\t%{INSTALLTIME}\\t%{VENDOR}\\t%{BUILDHOST}\\t%{SIGPGP}\\t%{SIGPGP:pgpsig}\\n", "sos_commands/rpm/package-data", []),
                ("logs", "journalctl --no-pager --boot", jpath, ["journal_since_boot"]),
                ("networking", "ip -o addr", "sos_commands/networking/ip_-o_addr", ["ip_addr"]),
                ("systemd", "timedatectl", "sos_commands/systemd/timedatectl", ["date"])]
        cmds += [("networking", f"ethtool -i {n}", f"sos_commands/networking/ethtool_-i_{n}", ["ethool_i"])
                 for n in [x.ifname for x in h.nics] + ["lo"]]
        files = [("release", "/etc/redhat-release", ["etc/redhat-release"], ["redhat_release"]),
                 ("release", "/etc/*release", ["etc/os-release", "usr/lib/os-release", "etc/redhat-release"], ["os_release"]),
                 ("memory", "/proc/meminfo", ["proc/meminfo"], ["meminfo"]),
                 ("memory", "/proc/buddyinfo", ["proc/buddyinfo"], []),
                 ("memory", "/proc/pagetypeinfo", ["proc/pagetypeinfo"], []),
                 ("memory", "/proc/zoneinfo", ["proc/zoneinfo"], []),
                 ("kernel", "/proc/modules", ["proc/modules"], []),
                 ("kernel", "/sys/module/*/taint", [f"sys/module/{m.name}/taint" for m in mods], []),
                 ("kernel", "/proc/sys/kernel/tainted", ["proc/sys/kernel/tainted"], []),
                 ("logs", "/var/log/messages*", ["var/log/messages"], ["messages"])]
        tr.add("sos_reports/manifest.json", manifest(top_name, h.sos, col, cmds, files))
    else:
        tr.add("sos_commands/date/date", f"{col:%a %b %d %H:%M:%S} CET {col:%Y}\n")
        links.append(("date", "sos_commands/date/date"))
        plugins = ["auditd", "block", "boot", "cgroups", "chrony", "date", "dbus", "devicemapper", "dracut", "filesys",
                   "firewalld", "hardware", "host", "i18n", "kernel", "krb5", "libraries", "logs", "lvm2", "memory",
                   "multipath", "networking", "pam", "pci", "process", "processor", "python", "release", "rpm",
                   "sar", "scsi", "selinux", "services", "ssh", "sunrpc", "systemd", "teamd", "udev", "usb", "xfs", "yum"]
        tr.add("version.txt", "sosreport: 3.9\n" + "\n".join(f"{p}: unversioned" for p in plugins))
    for name, target in links:
        tr.link(name, target)
    facts = {"zones": zones, "mods": mods, "mem": mem, "top": top_name, "rpms": base}
    return tr, facts


# --------------------------------------------------------------------------------------------
# Expected facts and output
# --------------------------------------------------------------------------------------------

TAINT_LETTERS = "PFSRMBUDAWCIOELKXTN"


def taint_flags(v: int) -> list[str]:
    return [TAINT_LETTERS[i] for i in range(len(TAINT_LETTERS)) if v >> i & 1]


NOTE_PKGS = re.compile(r"^(kernel|kernel-core|cman|rgmanager|corosync|ricci|clusterlib|VRTSvxfs|openssh-server|bash|glibc|sos)-\d")


def zone_rows(zones: list[Zone]) -> tuple[list[dict], list[dict]]:
    b = [{"node": z.node, "zone": z.name, "freeBlocks": list(z.buddy)} for z in zones]
    zi = [{"node": z.node, "zone": z.name, "freePages": z.free_pages, "minPages": z.min,
           "lowPages": z.low, "highPages": z.high} for z in zones]
    return b, zi


def expected22(h: Host, facts: dict, top: str, fmt: str) -> dict:
    mods: list[Mod] = facts["mods"]
    b, zi = zone_rows(facts["zones"])
    fails = []
    for f in h.failures:
        fails.append({"process": f.comm, "order": f.order, "gfpMask": f.mode,
                      "modules": ["vxfs"] if f.kind == "vxfs" else ["mlx4_en"],
                      "syslogTimestamp": syslog_ts(f.when)})
    return {
        "hostname": h.fqdn, "shortHostname": h.short, "topFolder": top, "format": fmt, "tarFormat": None if fmt == "directory" else "gnu",
        "sosGeneration": "2.2", "sosVersion": "2.2",
        "osId": "rhel", "osVersion": h.minor, "osName": f"Red Hat Enterprise Linux Server release {h.minor} (Santiago)",
        "kernel": h.kernel, "distroRelease": h.minor,
        "hardware": "ProLiant DL380p Gen8" if h.hw == "hp" else "PowerEdge R720",
        "nics": {n.ifname: n.driver for n in h.nics},
        "nicVersions": {n.ifname: n.version for n in h.nics},
        "moduleCount": len(mods), "modules": [m.name for m in mods],
        "thirdPartyModules": sorted(m.name for m in mods if m.license == "Proprietary"),
        "taint": {"value": facts["taint"], "flags": taint_flags(facts["taint"])},
        "allocationFailures": {"count": len(fails), "orders": sorted({f.order for f in h.failures}),
                               "processes": [f.comm for f in h.failures], "failures": fails,
                               "sources": ["var/log/messages", "sos_commands/general/dmesg", "sos_commands/general/dmesg_now"]
                               if fails else []},
        "minFreeKbytes": h.mfk, "zoneReclaimMode": h.zrm,
        "memTotalKiB": facts["mem"].total_kb, "memFreeKiB": facts["mem"].free_kb,
        "buddyinfo": b, "zoneinfo": zi,
        "highOrdersExhausted": h.affected,
        "cluster": h.cluster,
        "affected": h.affected, "why": h.why,
        "packagesOfNote": sorted(p for p in facts["rpms"] if NOTE_PKGS.match(p)),
    }


def expected_modern(h: Modern, facts: dict, fmt: str, tarfmt: str) -> dict:
    b, zi = zone_rows(facts["zones"])
    major = h.os_version.split(".")[0]
    return {
        "hostname": h.fqdn, "shortHostname": h.short, "topFolder": facts["top"], "format": fmt, "tarFormat": tarfmt,
        "sosGeneration": h.gen, "sosVersion": h.sos,
        "osId": "rhel", "osVersion": h.os_version, "osName": h.release_line,
        "kernel": h.kernel, "distroRelease": h.os_version,
        "hardware": "PowerEdge R750" if h.gen == "4.x" else "PowerEdge R740",
        "nics": {n.ifname: n.driver for n in h.nics}, "nicVersions": {n.ifname: n.version for n in h.nics},
        "moduleCount": len(facts["mods"]), "modules": [m.name for m in facts["mods"]],
        "thirdPartyModules": [],
        "taint": {"value": 0, "flags": []},
        "allocationFailures": {"count": 0, "orders": [], "processes": [], "failures": [], "sources": []},
        "minFreeKbytes": h.mfk, "zoneReclaimMode": 0,
        "memTotalKiB": facts["mem"].total_kb, "memFreeKiB": facts["mem"].free_kb,
        "buddyinfo": b, "zoneinfo": zi, "highOrdersExhausted": False,
        "cluster": None, "affected": False, "why": f"RHEL {major}, healthy memory, no allocation failures",
        "packagesOfNote": sorted(p for p in facts["rpms"] if NOTE_PKGS.match(p)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    # remove earlier outputs of this script only
    for p in out.glob("sosreport-*"):
        p.unlink()
    for p in out.iterdir():
        if p.is_dir() and re.match(r"^[a-z0-9]+-\d{22}$", p.name):
            shutil.rmtree(p)

    expected: dict[str, dict] = {}
    hostrows = []
    for h in rhel6_hosts():
        tr, facts = build22(h)
        stamp = h.collected
        top = f"{h.short}-{stamp:%Y%m%d%H%M}{epoch(stamp)}"
        mt = epoch(stamp)
        if h.extracted:
            write_dir(tr, out / top, mt)
            key = top
            expected[key] = expected22(h, facts, top, "directory")
        else:
            data = xz(write_tar(members_unsorted(tr, top), mt, tarfile.GNU_FORMAT), preset=1)
            key = f"sosreport-{h.archive_name}-{stamp:%Y%m%d%H%M%S}-{hashlib.md5(data).hexdigest()[-4:]}.tar.xz"
            (out / key).write_bytes(data)
            expected[key] = expected22(h, facts, top, "tar.xz")
        hostrows.append((key, h, facts))
    for h in modern_hosts():
        tr, facts = build_modern(h)
        mt = epoch(h.collected)
        top = facts["top"]
        if h.gen == "3.x":
            raw = write_tar(members_unsorted(tr, top), mt, tarfile.GNU_FORMAT)
            data = bz2.compress(raw, compresslevel=1)
            key, fmt, tfmt = f"{top}.tar.bz2", "tar.bz2", "gnu"
        else:
            pax = {"atime": f"{mt}.{h.seed:06d}", "ctime": f"{mt}.{h.seed:06d}"}
            raw = write_tar(members_sos452(tr, top), mt, tarfile.PAX_FORMAT, pax)
            data = gzip.compress(raw, compresslevel=6, mtime=0)
            key, fmt, tfmt = f"{top}.tar.gz", "tar.gz", "pax"
        (out / key).write_bytes(data)
        expected[key] = expected_modern(h, facts, fmt, tfmt)
        hostrows.append((key, h, facts))

    (out / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=False) + "\n")
    affected = [v["hostname"] for v in expected.values() if v["affected"]]
    unaffected = [v["hostname"] for v in expected.values() if not v["affected"]]
    rhel6_unaff = [v["hostname"] for v in expected.values() if not v["affected"] and v["osVersion"].startswith("6")]
    corr = {
        "note": "Fleet-level expectations for `sosanalyze summarize Samples/` (all 11 reports) and for the 9 RHEL 6 hosts alone.",
        "affected": affected,
        "unaffected": unaffected,
        "unaffectedRhel6": rhel6_unaff,
        "separatingTraits": ["os=RHEL 6.4", "nic.driver=mlx4_en"],
        "separatingTraitsNote": "Only the conjunction covers all 5 affected and no unaffected host: RHEL 6.4 alone also "
                                "matches web07 and app08; mlx4_en alone also matches dbnode11 and dbnode12 (RHEL 6.3).",
        "ruledOut": [
            {"trait": "package=cman", "affectedCount": 3, "unaffectedCount": 2,
             "reason": "cluster software on affected and unaffected hosts alike; 2 affected hosts are standalone"},
            {"trait": "taint=P", "affectedCount": 2, "unaffectedCount": 1,
             "reason": "proprietary vxfs/vxportal/fdd on only 2 of 5 affected hosts, and on unaffected dbnode11"},
            {"trait": "module=vxfs", "affectedCount": 2, "unaffectedCount": 1, "reason": "same as taint=P"},
        ],
        "knownIssue": {"id": "mlx4_en high-order page leak (KB 532413)", "fixedIn": "RHEL 6.5, kernel 2.6.32-431.el6"},
        "workaround": {"vm.min_free_kbytes": "raise from 67584 to hundreds of MB (batch04 already has 524288)",
                       "vm.zone_reclaim_mode": 1, "stillFailingWithWorkaround": ["batch04.prod.example.com"]},
    }
    (out / "expected-correlation.json").write_text(json.dumps(corr, indent=1) + "\n")
    write_readme(out, hostrows)


def write_readme(out: Path, rows: list) -> None:
    table = ["| File / folder | Hostname | OS | Kernel | NICs (driver) | Affected | Cluster | Third-party modules | sos | Format |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    e = json.loads((out / "expected.json").read_text())
    for key, h, facts in rows:
        x = e[key]
        nics = ", ".join(f"{i} ({d})" for i, d in x["nics"].items())
        aff = ("**yes**: " if x["affected"] else "no: ") + x["why"]
        if x["allocationFailures"]["count"]:
            aff += f" ({x['allocationFailures']['count']} failures, orders {x['allocationFailures']['orders']})"
        table.append(f"| `{key}` | {x['hostname']} | RHEL {x['osVersion']} | {x['kernel']} | {nics} | {aff} | "
                     f"{x['cluster'] or '—'} | {', '.join(x['thirdPartyModules']) or '—'} | {x['sosGeneration']} | "
                     f"{x['format']}{' (' + x['tarFormat'] + ')' if x['tarFormat'] else ''} |")
    text = (Path(__file__).resolve().parent / "README.template.md").read_text()
    (out / "README.md").write_text(text.replace("@@HOSTS@@", "\n".join(table)))


if __name__ == "__main__":
    main()
