"""Installed packages of a RHEL 6 host and the sos 2.2 installed-rpms file."""
from __future__ import annotations

import datetime as dt
import random
import re

from .story import Host


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
