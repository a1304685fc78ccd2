"""Outputs of the commands sos runs (sysctl -a, dmidecode, ethtool -i) and the hosts' MAC addresses."""
from __future__ import annotations

import hashlib
import random

from .story import Host, Nic


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


def ethtool_i_modern(n: Nic) -> str:
    return (f"driver: {n.driver}\nversion: {n.version}\nfirmware-version: {n.firmware}\nexpansion-rom-version: \n"
            f"bus-info: {n.bus}\nsupports-statistics: yes\nsupports-test: yes\n"
            f"supports-eeprom-access: {'no' if n.driver.startswith('mlx') else 'yes'}\n"
            f"supports-register-dump: {'no' if n.driver.startswith('mlx') else 'yes'}\n"
            f"supports-priv-flags: {'yes' if n.driver.startswith('mlx') else 'no'}\n")


def mac(h: Host, i: int) -> str:
    n = h.nics[i]
    if n.driver == "bonding":   # a bond takes its first slave's address
        n = next(x for x in h.nics if x.driver == "mlx4_en")
        i = h.nics.index(n)
    oui = {"mlx4_en": "00:02:c9", "igb": "3c:d9:2b", "bnx2": "84:2b:2b", "bnx2x": "00:10:18"}[n.driver]
    d = hashlib.md5(f"{h.short}{i}".encode()).digest()
    return oui + ":" + ":".join(f"{b:02x}" for b in d[:3])
