"""The modules a RHEL 6 server of the story has loaded, by its NICs, role and hardware."""
from __future__ import annotations

from .modules import M, Mod
from .story import Host


def rhel6_modules(h: Host) -> list[Mod]:
    """lsmod order (most recently loaded first) of a RHEL 6 server, by role of the host."""
    drv = {n.driver for n in h.nics}
    mods: list[Mod] = []
    if "mlx4_en" in drv:
        v = next(n.version for n in h.nics if n.driver == "mlx4_en")
        mods += [M("mlx4_en", 72950 if h.minor == "6.4" else 70517, 0, "", "kernel/drivers/net/mlx4/mlx4_en.ko",
                   "Dual BSD/GPL", v, f"Mellanox ConnectX HCA Ethernet driver", "Liran Liss, Yevgeny Petrilin", "mlx4_core"),
                 M("mlx4_core", 211747 if h.minor == "6.4" else 205362, 1, "mlx4_en", "kernel/drivers/net/mlx4/mlx4_core.ko",
                   "Dual BSD/GPL", "1.1", "Mellanox ConnectX HCA low-level driver", "Roland Dreier", "")]
    if h.vxfs:
        mods += [M("vxportal", 5940, 0, "", "extra/vxportal.ko", "Proprietary", "6.0.300.000",
                   "VRTSvxfs 6.0.300.000 VxFS portal driver", "Symantec Corporation", "vxfs"),
                 M("fdd", 53457, 0, "", "extra/fdd.ko", "Proprietary", "6.0.300.000",
                   "VRTSvxfs 6.0.300.000 File Device Driver", "Symantec Corporation", "vxfs"),
                 M("vxfs", 2957815, 4, "vxportal,fdd", "extra/vxfs.ko", "Proprietary", "6.0.300.000",
                   "VRTSvxfs 6.0.300.000 Veritas File System", "Symantec Corporation", "")]
    if "bonding" in drv:
        mods += [M("bonding", 127331, 0, "", "kernel/drivers/net/bonding/bonding.ko", "GPL", "3.6.0",
                   "Ethernet Channel Bonding Driver, v3.6.0", "Thomas Davis, tadavis@lbl.gov and many others", "ipv6")]
    if h.cluster:
        mods += [M("gfs2", 545168, 0, "", "kernel/fs/gfs2/gfs2.ko", "GPL", None, "Global File System",
                   "Red Hat, Inc.", "dlm"),
                 M("dlm", 148231, 30, "gfs2", "kernel/fs/dlm/dlm.ko", "GPL", None, "Distributed Lock Manager",
                   "Red Hat, Inc.", "configfs"),
                 M("configfs", 29538, 2, "dlm", "kernel/fs/configfs/configfs.ko", "GPL", "0.0.2",
                   "Simple RAM filesystem for user driven kernel subsystem configuration.", "Oracle", "")]
    mods += [
        M("autofs4", 27000, 3, "", "kernel/fs/autofs4/autofs4.ko"),
        M("sunrpc", 263516, 1, "", "kernel/net/sunrpc/sunrpc.ko"),
        M("8021q", 25349, 0, "", "kernel/net/8021q/8021q.ko", "GPL", "1.8", "", "", "garp"),
        M("garp", 7152, 1, "8021q", "kernel/net/802/garp.ko", "GPL", None, "", "", "stp,llc"),
        M("stp", 2218, 1, "garp", "kernel/net/802/stp.ko", "GPL", None, "", "", "llc"),
        M("llc", 5546, 2, "garp,stp", "kernel/net/802/llc.ko", "GPL", None, "", "", ""),
        M("cpufreq_ondemand", 10544, h.cpus, "", "kernel/drivers/cpufreq/cpufreq_ondemand.ko", "GPL", None,
          "'cpufreq_ondemand' - A dynamic cpufreq governor for Low Latency Frequency Transition capable processors",
          "Alexey Starikovskiy <alexey.y.starikovskiy@intel.com>", "freq_table"),
        M("acpi_cpufreq", 7763, 1, "", "kernel/arch/x86/kernel/cpu/cpufreq/acpi-cpufreq.ko", "GPL", None,
          "ACPI Processor P-States Driver", "Paul Diefenbaugh, Dominik Brodowski", "freq_table,mperf"),
        M("freq_table", 4936, 2, "cpufreq_ondemand,acpi_cpufreq", "kernel/drivers/cpufreq/freq_table.ko", "GPL", None,
          "CPUfreq frequency table helpers", "Dominik Brodowski <linux@brodo.de>"),
        M("mperf", 1557, 1, "acpi_cpufreq", "kernel/arch/x86/kernel/cpu/cpufreq/mperf.ko", "GPL", None,
          "APERF/MPERF helper", "", ""),
        M("ipv6", 336282, 62 if h.cluster else 40, "bonding" if "bonding" in drv else "",
          "kernel/net/ipv6/ipv6.ko", "GPL", None, "IPv6 protocol stack for Linux", "Cast of dozens"),
        M("ext3", 240420, 2, "", "kernel/fs/ext3/ext3.ko", "GPL", None, "Second Extended Filesystem with journaling extensions",
          "Remy Card, Stephen Tweedie, Andrew Morton, Andreas Dilger, Theodore Ts'o and others", "mbcache,jbd"),
        M("jbd", 80858, 1, "ext3", "kernel/fs/jbd/jbd.ko"),
        M("dm_round_robin", 2717, 4, "", "kernel/drivers/md/dm-round-robin.ko", "GPL", None,
          "device-mapper round-robin multipath path selector", "Sistina Software <dm-devel@redhat.com>", "dm-multipath"),
        M("dm_multipath", 22812, 2, "dm_round_robin", "kernel/drivers/md/dm-multipath.ko", "GPL", None,
          "device-mapper multipath target", "Sistina Software <dm-devel@redhat.com>", "dm-mod"),
        M("microcode", 112653, 0, "", "kernel/arch/x86/kernel/microcode.ko", "GPL", "2.00",
          "Microcode Update Driver", "Tigran Aivazian <tigran@aivazian.fsnet.co.uk>"),
        M("sg", 29350, 0, "", "kernel/drivers/scsi/sg.ko", "GPL", "3.5.36", "SCSI generic (sg) driver",
          "Douglas Gilbert"),
        M("sb_edac", 18104, 0, "", "kernel/drivers/edac/sb_edac.ko", "GPL", "1.0.0 ", 
          "MC Driver for Intel Sandy Bridge memory controllers - Ver: 1.0.0 ",
          "Mauro Carvalho Chehab <mchehab@redhat.com>", "edac_core"),
        M("edac_core", 46581, 3, "sb_edac", "kernel/drivers/edac/edac_core.ko", "GPL", None,
          "Core library routines for EDAC reporting", "Doug Thompson www.softwarebitmaker.com, et al"),
        M("iTCO_wdt", 7115, 0, "", "kernel/drivers/watchdog/iTCO_wdt.ko", "GPL", "1.07",
          "Intel TCO WatchDog Timer Driver", "Wim Van Sebroeck <wim@iguana.be>", "iTCO_vendor_support"),
        M("iTCO_vendor_support", 3056, 1, "iTCO_wdt", "kernel/drivers/watchdog/iTCO_vendor_support.ko", "GPL", "1.04",
          "Intel TCO Vendor Specific WatchDog Timer Driver Support", "Wim Van Sebroeck <wim@iguana.be>"),
        M("serio_raw", 4594, 0, "", "kernel/drivers/input/serio/serio_raw.ko", "GPL", None,
          "Raw serio driver", "Dmitry Torokhov <dtor@mail.ru>"),
        M("ioatdma", 58482, 36, "", "kernel/drivers/dma/ioat/ioatdma.ko", "GPL", "4.00", "", "Intel Corporation", "dca"),
        M("dca", 7101, 2 if "igb" in drv else 1, "igb,ioatdma" if "igb" in drv else "ioatdma",
          "kernel/drivers/dca/dca.ko", "GPL", "1.12.1", "", "Intel Corporation"),
        M("shpchp", 32778, 0, "", "kernel/drivers/pci/hotplug/shpchp.ko", "GPL", "0.4",
          "Standard Hot Plug PCI Controller Driver", "Dan Zink <dan.zink@compaq.com>, Greg Kroah-Hartman <greg@kroah.com>, Dely Sy <dely.l.sy@intel.com>"),
    ]
    if "igb" in drv:
        mods.append(M("igb", 197536, 0, "", "kernel/drivers/net/igb/igb.ko", "GPL", "4.0.1-k",
                      "Intel(R) Gigabit Ethernet Network Driver", "Intel Corporation, <e1000-devel@lists.sourceforge.net>", "dca"))
    if "bnx2" in drv:
        mods.append(M("bnx2", 79618, 0, "", "kernel/drivers/net/bnx2.ko", "GPL", "2.2.3",
                      "Broadcom NetXtreme II BCM5706/5708/5709/5716 Driver", "Michael Chan <mchan@broadcom.com>", ""))
    if "bnx2x" in drv:
        mods += [M("bnx2x", 1599188, 0, "", "kernel/drivers/net/bnx2x/bnx2x.ko", "GPL", "1.72.51-0",
                   "Broadcom NetXtreme II BCM57710/57711/57711E/57712/57712_MF/57800/57800_MF/57810/57810_MF/57840/57840_MF Driver",
                   "Eliezer Tamir", "mdio,libcrc32c"),
                 M("libcrc32c", 1246, 1, "bnx2x", "kernel/lib/libcrc32c.ko", "GPL", None, "CRC32c (Castagnoli) calculations",
                   "Clay Haapala <chaapala@cisco.com>"),
                 M("mdio", 4769, 1, "bnx2x", "kernel/drivers/net/mdio.ko", "GPL", None,
                   "Generic support for MDIO-compatible transceivers", "Copyright 2006-2009 Solarflare Communications Inc.")]
    if h.hw == "hp":
        mods += [M("hpilo", 8414, 0, "", "kernel/drivers/misc/hpilo.ko", "GPL v2", "1.2", "hpilo", "Hewlett-Packard"),
                 M("hpwdt", 6977, 0, "", "kernel/drivers/watchdog/hpwdt.ko", "GPL", "1.3.0",
                   "hp watchdog driver", "Tom Mingarelli"),
                 M("power_meter", 8168, 0, "", "kernel/drivers/hwmon/acpi_power_meter.ko", "GPL", None,
                   "ACPI 4.0 power meter driver", "Darrick J. Wong <djwong@us.ibm.com>")]
    mods += [
        M("ext4", 374902, 3, "", "kernel/fs/ext4/ext4.ko", "GPL", None, "Fourth Extended Filesystem",
          "Remy Card, Stephen Tweedie, Andrew Morton, Andreas Dilger, Theodore Ts'o and others", "mbcache,jbd2"),
        M("mbcache", 8193, 2, "ext3,ext4", "kernel/fs/mbcache.ko", "GPL", None, "Meta block cache (for extended attributes)",
          "Andreas Gruenbacher <a.gruenbacher@computer.org>"),
        M("jbd2", 93427, 1, "ext4", "kernel/fs/jbd2/jbd2.ko"),
        M("sd_mod", 39069, 6, "", "kernel/drivers/scsi/sd_mod.ko", "GPL", None, "SCSI disk (sd) driver",
          "Eric Youngdale", "crc-t10dif"),
        M("crc_t10dif", 1541, 1, "sd_mod", "kernel/lib/crc-t10dif.ko", "GPL", None, "T10 DIF CRC calculation"),
        M("qla2xxx", 433817, 8, "", "kernel/drivers/scsi/qla2xxx/qla2xxx.ko", "GPL", "8.04.00.08.06.4-k",
          "QLogic Fibre Channel HBA Driver", "QLogic Corporation", "scsi_transport_fc"),
        M("scsi_transport_fc", 55299, 1, "qla2xxx", "kernel/drivers/scsi/scsi_transport_fc.ko", "GPL", None,
          "FC Transport Attributes", "James Smart", "scsi_tgt"),
        M("scsi_tgt", 12173, 1, "scsi_transport_fc", "kernel/drivers/scsi/scsi_tgt.ko", "GPL", None,
          "SCSI target core", "Mike Christie"),
    ]
    if h.hw == "hp":
        mods.append(M("hpsa", 63549, 4, "", "kernel/drivers/scsi/hpsa.ko", "GPL", "2.0.2-4-RH1",
                      "Driver for HP Smart Array Controller version 2.0.2-4-RH1", "Hewlett-Packard Company"))
    else:
        mods.append(M("megaraid_sas", 77090, 4, "", "kernel/drivers/scsi/megaraid/megaraid_sas.ko", "GPL",
                      "06.504.01.00-rh1", "LSI MegaRAID SAS Driver", "megaraidlinux@lsi.com"))
    mods += [
        M("pata_acpi", 3701, 0, "", "kernel/drivers/ata/pata_acpi.ko", "GPL", "0.2.3", "SCSI low-level driver for ATA in ACPI mode",
          "Alan Cox"),
        M("ata_generic", 3837, 0, "", "kernel/drivers/ata/ata_generic.ko", "GPL", "0.2.15",
          "low-level driver for generic ATA", "Alan Cox"),
        M("ata_piix", 24601, 0, "", "kernel/drivers/ata/ata_piix.ko", "GPL", "2.13",
          "SCSI low-level driver for Intel PIIX/ICH ATA controllers", "Andre Hedrick, Alan Cox, Andrzej Krzysztofowicz, Jeff Garzik"),
        M("dm_mirror", 14384, 0, "", "kernel/drivers/md/dm-mirror.ko", "GPL", None, "device-mapper mirror target",
          "Joe Thornber", "dm-region-hash,dm-log,dm-mod"),
        M("dm_region_hash", 12085, 1, "dm_mirror", "kernel/drivers/md/dm-region-hash.ko", "GPL", None,
          "device-mapper region hash", "Joe Thornber, Heinz Mauelshagen <dm-devel@redhat.com>", "dm-mod,dm-log"),
        M("dm_log", 9930, 2, "dm_mirror,dm_region_hash", "kernel/drivers/md/dm-log.ko", "GPL", None,
          "device-mapper dirty region log", "Joe Thornber, Heinz Mauelshagen <dm-devel@redhat.com>", "dm-mod"),
        M("dm_mod", 82839, 23, "dm_round_robin,dm_multipath,dm_mirror,dm_log", "kernel/drivers/md/dm-mod.ko", "GPL", None,
          "device-mapper driver", "Joe Thornber <dm-devel@redhat.com>", ""),
    ]
    return mods
