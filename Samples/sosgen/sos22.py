"""One sos 2.2 (RHEL 6) report tree: which file goes where, and how 2.2 names command outputs."""
from __future__ import annotations

import datetime as dt
import random
import re

from .cluster import clustat, cluster_conf
from .command_text import dmidecode_text, ethtool_i, mac, sysctl_text
from .kernel_log import boot_dmesg, failure_block
from .modinfo import modinfo_rhel6
from .modules import lsmod_text
from .packages import installed_rpms22, rhel6_packages
from .proc_memory import buddyinfo_text, meminfo_text, pagetypeinfo_text, zoneinfo_text
from .rhel6_modules import rhel6_modules
from .story import CLUSTERS, Host
from .syslog_noise import messages_noise
from .times import syslog_ts
from .tree import Tree
from .zones import make_zones


def mangle22(cmd: str) -> str:
    """sos 2.2 mangleCommand (layout §4): strip /bin|/sbin|/usr/(s)bin, squash, '/'→'.', strip, 64 chars."""
    name = re.sub(r"^/(usr/)?s?bin/", "", cmd)
    name = re.sub(r"[^\w\-\.\/]+", "_", name)
    name = name.replace("/", ".").strip(" ._-")
    return name[:64]


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
