"""One sos 3.9 (RHEL 7.9) or sos 4.7.2 (RHEL 9.4) report tree."""
from __future__ import annotations

import datetime as dt
import json
import random
import re

from .command_text import ethtool_i_modern, sysctl_text
from .manifest import manifest
from .modinfo import modinfo_modern
from .modules import lsmod_modern, parse_mods, proc_modules
from .proc_memory import buddyinfo_text, meminfo_text, pagetypeinfo_text, zoneinfo_5x, zoneinfo_text
from .story import Host, Modern
from .times import epoch
from .tree import Tree
from .zones import make_zones


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
