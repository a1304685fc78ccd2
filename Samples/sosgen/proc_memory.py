"""/proc memory files printed from the zones: buddyinfo, zoneinfo (2.6.32/3.10 and 5.14
layouts), pagetypeinfo and meminfo.

The benchmark fleet (Benchmarks/make_fleet.py) shares the row layouts defined here.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .zones import PAGE_KB, Zone


def buddyinfo_line(node: int, zone: str, counts: list[int]) -> str:
    """One /proc/buddyinfo row without its newline, as the kernel prints it (`Node %d, zone %8s `,
    then `%6lu ` per order: the row ends in a space)."""
    return f"Node {node}, zone {zone:>8} " + "".join(f"{c:>6} " for c in counts)


def buddyinfo_text(zones: list[Zone]) -> str:
    return "".join(buddyinfo_line(z.node, z.name, z.buddy) + "\n" for z in zones)


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


# Header of the free-pages table of /proc/pagetypeinfo (orders 0-10, `%6d ` each: ends in a space).
PAGETYPE_FREE_HEADER = f"{'Free pages count per migrate type at order':<43} " + "".join(f"{k:>6} " for k in range(11))


def pagetype_free_line(node: int, zone: str, migrate_type: str, counts: list[int]) -> str:
    """One row of that table without its newline (`%6lu ` per order: it ends in a space too)."""
    return f"Node {node:>4}, zone {zone:>8}, type {migrate_type:>12} " + "".join(f"{c:>6} " for c in counts)


def pagetypeinfo_text(zones: list[Zone], rng: random.Random, types: list[str] | None = None) -> str:
    # RHEL 6 format (types as in corpus pagetypeinfo-03/05: ... Reserve, Isolate); x86_64 order 9
    out = ["Page block order: 9\n", "Pages per block:  512\n", "\n", PAGETYPE_FREE_HEADER + "\n"]
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
            out.append(pagetype_free_line(z.node, z.name, t, split[t]) + "\n")
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


def meminfo_line(key: str, kib: int) -> str:
    """One /proc/meminfo row in kB (`%-16s%8lu kB`, without its newline)."""
    return f"{(key + ':'):<16}{kib:>8} kB"


def meminfo_count_line(key: str, count: int) -> str:
    """A /proc/meminfo row that counts pages rather than kB (HugePages_Total and the like)."""
    return f"{(key + ':'):<16}{count:>8}"


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
    lines = [meminfo_line(k, v) + "\n" for k, v in rows]
    lines += [meminfo_count_line(k, 0) + "\n" for k in ("HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp")]
    lines += [meminfo_line("Hugepagesize", 2048) + "\n",
              f"DirectMap4k:      {5632:>8} kB\n", f"DirectMap2M:  {3090432:>12} kB\n",
              f"DirectMap1G:  {(total // 1048576 + 1) * 1048576 - 4194304:>12} kB\n"]
    return MemStats(total, free, "".join(lines), buffers, cached)
