"""The reference story's hosts: who runs what, who is affected and why (story.md).

Every other module turns a host from here into text; the facts planted here are also what
expected.py writes to expected.json.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .module_tables import RHEL7_MODS, RHEL9_MODS


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
    """A story time (`2013-05-14 09:12:03`, local time of the host)."""
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


# cluster name -> its members: cluster.conf and clustat list every member, also one whose
# report is not in the fleet (appnode04)
CLUSTERS = {"dbclu01": ["dbnode01", "dbnode02"], "appclu02": ["appnode03", "appnode04"],
            "dbclu03": ["dbnode11", "dbnode12"]}


# The RHEL 7.9 and 9.4 hosts: one healthy host per newer sos generation, with their own fields
# (release line, module table, sos version) instead of the RHEL 6 story's.
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
