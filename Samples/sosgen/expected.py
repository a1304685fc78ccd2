"""expected.json: per report, the facts the generator planted, for the tests and check_samples.py."""
from __future__ import annotations

import re

from .modules import Mod
from .story import Host, Modern
from .times import syslog_ts
from .zones import Zone


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


def expected_correlation(expected: dict[str, dict]) -> dict:
    """expected-correlation.json: what the fleet as a whole must show (affected, separating traits, ruled out)."""
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
    return corr
