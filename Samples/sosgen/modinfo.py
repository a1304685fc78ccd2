"""modinfo records: the RHEL 6 layout (unsigned) and the RHEL 7/9 layouts (signed, intree)."""
from __future__ import annotations

import hashlib

from .modules import Mod


def modinfo_line(key: str, value: str) -> str:
    """One `key:           value` line of a modinfo record (modinfo pads `key:` to 16 columns)."""
    return f"{key + ':':<16}{value}"


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
    lines = [modinfo_line("filename", f"/lib/modules/{rel}/{path}")]
    if m.version:
        lines.append(modinfo_line("version", m.version))
    lines.append(modinfo_line("license", m.license))
    if m.description:
        lines.append(modinfo_line("description", m.description))
    if m.author:
        lines.append(modinfo_line("author", m.author))
    lines.append(modinfo_line("srcversion", srcversion(m.name, rel)))
    if m.name in ("mlx4_en", "mlx4_core"):
        if m.name == "mlx4_core":
            lines += [modinfo_line("alias", "pci:v000015B3d00001003sv*sd*bc*sc*i*"),
                      modinfo_line("alias", "pci:v000015B3d00006750sv*sd*bc*sc*i*")]
    elif m.name == "igb":
        lines += [modinfo_line("alias", "pci:v00008086d00001521sv*sd*bc*sc*i*")]
    elif m.name == "bnx2":
        lines += [modinfo_line("alias", "pci:v000014E4d00001639sv*sd*bc*sc*i*")]
    elif m.name == "bnx2x":
        lines += [modinfo_line("alias", "pci:v000014E4d000016AEsv*sd*bc*sc*i*")]
    lines.append(modinfo_line("depends", m.depends))
    lines.append(modinfo_line("vermagic", f"{vermagic} SMP mod_unload modversions "))
    if m.name == "mlx4_en":
        lines += [modinfo_line("parm", "inline_thold:treshold for using inline data (uint)"),
                  modinfo_line("parm", "tcp_rss:Enable RSS for incomming TCP traffic or disabled (0) (uint)"),
                  modinfo_line("parm", "udp_rss:Enable RSS for incomming UDP traffic or disabled (0) (uint)"),
                  modinfo_line("parm", "pfctx:Priority based Flow Control policy on TX[7:0]. Per priority bit mask (uint)"),
                  modinfo_line("parm", "pfcrx:Priority based Flow Control policy on RX[7:0]. Per priority bit mask (uint)")]
    if m.name == "mlx4_core":
        lines += [modinfo_line("parm", "debug_level:Enable debug tracing if > 0 (int)"),
                  modinfo_line("parm", "msi_x:attempt to use MSI-X if nonzero (int)"),
                  modinfo_line("parm", "log_num_mac:Log2 max number of MACs per ETH port (1-7) (int)")]
    if m.name == "vxfs":
        lines += [modinfo_line("parm", "vxfs_hz:int"), modinfo_line("parm", "vx_dnlc_limit:int")]
    return "\n".join(lines) + "\n"


SIG_KEYS = {"7": "E4:6E:2F:F4:9D:83:A0:A2:6D:1C:F7:8E:6D:54:0E:1E:5B:2E:07:7D",
            "9": "49:4B:3B:1E:6C:E4:C3:29:DD:37:BF:9F:30:3A:11:6A:0D:5C:D7:1C"}


def modinfo_modern(m: Mod, rel: str, rhel: str, rhelversion: str) -> str:
    # field order of corpus modinfo-03 (RHEL 7.6 vmxnet3) and modinfo-01 (RHEL 8 signed records)
    lines = [modinfo_line("filename", f"/lib/modules/{rel}/{m.path}")]
    if m.version:
        lines.append(modinfo_line("version", m.version))
    lines.append(modinfo_line("license", m.license))
    if m.description:
        lines.append(modinfo_line("description", m.description))
    if rhel == "7":
        lines.append(modinfo_line("retpoline", "Y"))
    lines.append(modinfo_line("rhelversion", rhelversion))
    lines.append(modinfo_line("srcversion", srcversion(m.name, rel)))
    lines.append(modinfo_line("depends", m.depends))
    lines.append(modinfo_line("intree", "Y"))
    if rhel == "9":
        lines.append(modinfo_line("name", m.name))
        lines.append(modinfo_line("retpoline", "Y"))
    lines.append(modinfo_line("vermagic", f"{rel} SMP {'preempt ' if rhel == '9' else ''}mod_unload modversions "))
    if rhel == "9":
        lines.append(modinfo_line("sig_id", "PKCS#7"))
    lines.append(modinfo_line("signer", "Red Hat Enterprise Linux kernel signing key"))
    lines.append(modinfo_line("sig_key", SIG_KEYS[rhel]))
    lines.append(modinfo_line("sig_hashalgo", "sha256"))
    if rhel == "9":
        h = hashlib.sha256(m.name.encode()).hexdigest().upper()
        pairs = [h[i:i + 2] for i in range(0, 64, 2)] * 2
        lines.append(modinfo_line("signature", ":".join(pairs[:20]) + ":"))
        lines.append("\t\t" + ":".join(pairs[20:40]) + ":")
        lines.append("\t\t" + ":".join(pairs[40:58]))
    return "\n".join(lines) + "\n"
