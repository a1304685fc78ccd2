"""The memory model every memory file is printed from: per-node zones with buddy free lists,
watermarks and lowmem protection, as a 2.6.32 kernel sets them up.

buddyinfo, zoneinfo, pagetypeinfo, meminfo and the Mem-Info blocks of the kernel log all read
the same zones, so the files of one report agree with each other.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field


PAGE_KB = 4


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
