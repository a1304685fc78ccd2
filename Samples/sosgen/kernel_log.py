"""Kernel log text of a RHEL 6 host: page allocation failures (call trace and the Mem-Info
block show_mem() prints after them) and the head of the boot log.

The call-trace frames come from the real traces in /work/shared/corpus; the benchmark fleet
(Benchmarks/make_fleet.py) builds its failures from the same frames and Mem-Info rows.
"""
from __future__ import annotations

import random

from .story import Failure, Host
from .zones import PAGE_KB, Zone


# The frame every failure's trace starts with (the allocator that gave up), as 2.6.32-358 prints it.
ALLOC_FRAME = "[<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0"

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
        frames = [ALLOC_FRAME] + VXFS_FRAMES
        lines.append(" " + frames[0])
        lines += [" " + x for x in frames[1:]]
    elif f.kind == "ksoftirqd":
        lines.append(" " + ALLOC_FRAME)
        lines += [" " + x for x in RX_FRAMES + KSOFTIRQD_TAIL]
    else:
        lines.append(" <IRQ>  " + ALLOC_FRAME)
        lines += [" " + x for x in RX_FRAMES + IRQ_TAIL]
        tail = IDLE_EOI if f.kind == "rx-idle" else PROC_EOI[f.comm]
        lines += [" " + x for x in tail]
    lines += meminfo_block(zones, h.cpus, h.ram_gb, rng)
    return lines


def per_cpu_line(cpu: int, zone: str, used: int) -> str:
    """One per-cpu pageset row of show_mem(); 2.6.32 keeps no per-cpu lists for DMA (hi 0, batch 1)."""
    hi, batch = (0, 1) if zone == "DMA" else (186, 31)
    return f"CPU {cpu:>4}: hi: {hi:>4}, btch: {batch:>3} usd: {used:>3}"


def free_area_line(node: int, zone: str, counts: list[int]) -> str:
    """`Node 0 Normal: 5*4kB 3*8kB ... = 44kB`: free blocks per order and their total."""
    total = sum(c << k for k, c in enumerate(counts)) * PAGE_KB
    return f"Node {node} {zone}: " + " ".join(f"{c}*{4 << k}kB" for k, c in enumerate(counts)) + f" = {total}kB"


def meminfo_block(zones: list[Zone], cpus: int, ram_gb: int, rng: random.Random) -> list[str]:
    """RHEL 6 show_mem() output printed after an allocation failure (dmesg form, no prefix)."""
    out = ["Mem-Info:"]
    jitter = [[max(0, c + (rng.randint(-c // 10, c // 10) if c > 20 else 0)) for c in z.buddy] for z in zones]
    for z in zones:
        out.append(f"Node {z.node} {z.name} per-cpu:")
        for c in range(cpus):
            out.append(per_cpu_line(c, z.name, 0 if z.name == "DMA" else rng.randint(0, 185)))
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
        out.append(free_area_line(z.node, z.name, j))
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
