"""The loaded modules of the RHEL 7.9 and RHEL 9.4 hosts, as tables parse_mods() reads."""
from __future__ import annotations


# name size used holders path-under-kernel/ license version description
RHEL7_MODS = """
ixgbe 328046 0 - drivers/net/ethernet/intel/ixgbe/ixgbe.ko.xz|GPL|5.1.0-k-rh7.9|Intel(R) 10 Gigabit PCI Express Network Driver
mdio 12847 1 ixgbe drivers/net/mdio.ko.xz|GPL||Generic support for MDIO-compatible transceivers
ptp 23551 1 ixgbe drivers/ptp/ptp.ko.xz|GPL||PTP clocks support
pps_core 19106 1 ptp drivers/pps/pps_core.ko.xz|GPL||LinuxPPS support (RFC 2783) - ver. 5.3.6
dca 15130 1 ixgbe drivers/dca/dca.ko.xz|GPL|1.12.1|
xfs 1014152 3 - fs/xfs/xfs.ko.xz|GPL||SGI XFS with ACLs, security attributes, no debug enabled
libcrc32c 12644 1 xfs lib/libcrc32c.ko.xz|GPL||CRC32c (Castagnoli) calculations
sd_mod 46281 4 - drivers/scsi/sd_mod.ko.xz|GPL||SCSI disk (sd) driver
crc_t10dif 12912 1 sd_mod lib/crc-t10dif.ko.xz|GPL||T10 DIF CRC calculation
crct10dif_generic 12647 0 - crypto/crct10dif_generic.ko.xz|GPL||T10 DIF CRC calculation.
crct10dif_pclmul 14307 1 - arch/x86/crypto/crct10dif-pclmul.ko.xz|GPL||T10 DIF CRC calculation accelerated with PCLMULQDQ.
crct10dif_common 12595 3 crct10dif_pclmul,crct10dif_generic,crc_t10dif crypto/crct10dif_common.ko.xz|GPL||T10 DIF CRC calculation common code
crc32_pclmul 13133 0 - arch/x86/crypto/crc32-pclmul.ko.xz|GPL||
crc32c_intel 22094 1 - arch/x86/crypto/crc32c-intel.ko.xz|GPL||CRC32c (Castagnoli) optimization using Intel Hardware.
ghash_clmulni_intel 13273 0 - arch/x86/crypto/ghash-clmulni-intel.ko.xz|GPL||GHASH Message Digest Algorithm, acclerated by PCLMULQDQ-NI
aesni_intel 189456 0 - arch/x86/crypto/aesni-intel.ko.xz|GPL||Rijndael (AES) Cipher Algorithm, Intel AES-NI instructions optimized
lrw 13286 1 aesni_intel crypto/lrw.ko.xz|GPL||LRW block cipher mode
gf128mul 15139 1 lrw crypto/gf128mul.ko.xz|GPL||Functions for multiplying elements of GF(2^128)
glue_helper 13990 1 aesni_intel arch/x86/crypto/glue_helper.ko.xz|GPL||
ablk_helper 13597 1 aesni_intel crypto/ablk_helper.ko.xz|GPL||
cryptd 21190 3 ghash_clmulni_intel,aesni_intel,ablk_helper crypto/cryptd.ko.xz|GPL||Software async crypto daemon
ahci 34056 0 - drivers/ata/ahci.ko.xz|GPL|3.0|AHCI SATA low-level driver
libahci 31992 1 ahci drivers/ata/libahci.ko.xz|GPL||Common AHCI SATA low-level routines
libata 243094 2 libahci,ahci drivers/ata/libata.ko.xz|GPL|3.00|Library module for ATA devices
megaraid_sas 164058 3 - drivers/scsi/megaraid/megaraid_sas.ko.xz|GPL|07.714.04.00-rh1|Broadcom MegaRAID SAS Driver
dm_mirror 22326 0 - drivers/md/dm-mirror.ko.xz|GPL||device-mapper mirror target
dm_region_hash 20813 1 dm_mirror drivers/md/dm-region-hash.ko.xz|GPL||device-mapper region hash
dm_log 18411 2 dm_region_hash,dm_mirror drivers/md/dm-log.ko.xz|GPL||device-mapper dirty region log
dm_mod 128595 8 dm_log,dm_mirror drivers/md/dm-mod.ko.xz|GPL||device-mapper driver
sg 40721 0 - drivers/scsi/sg.ko.xz|GPL|3.5.36|SCSI generic (sg) driver
ipmi_si 57587 0 - drivers/char/ipmi/ipmi_si.ko.xz|GPL||Interface to the IPMI driver for the KCS, SMIC, and BT system interfaces.
ipmi_devintf 17603 0 - drivers/char/ipmi/ipmi_devintf.ko.xz|GPL||Linux device interface for the IPMI message handler.
ipmi_msghandler 56728 2 ipmi_devintf,ipmi_si drivers/char/ipmi/ipmi_msghandler.ko.xz|GPL|39.2|Incoming and outgoing message routing for an IPMI interface.
iTCO_wdt 13480 0 - drivers/watchdog/iTCO_wdt.ko.xz|GPL|1.11|Intel TCO WatchDog Timer Driver
iTCO_vendor_support 13718 1 iTCO_wdt drivers/watchdog/iTCO_vendor_support.ko.xz|GPL|1.04|Intel TCO Vendor Specific WatchDog Timer Driver Support
dcdbas 15011 0 - drivers/firmware/dcdbas.ko.xz|GPL|5.6.0-3.3|Dell Systems Management Base Driver (version 5.6.0-3.3)
sb_edac 32034 0 - drivers/edac/sb_edac.ko.xz|GPL||MC Driver for Intel Sandy Bridge and Ivy Bridge memory controllers - Ver: 1.1.2
intel_powerclamp 14451 0 - drivers/thermal/intel_powerclamp.ko.xz|GPL||Package Level C-state Idle Injection for Intel CPUs
coretemp 13444 0 - drivers/hwmon/coretemp.ko.xz|GPL||Intel Core temperature monitor
intel_rapl 19542 0 - drivers/powercap/intel_rapl.ko.xz|GPL v2||Driver for Intel RAPL (Running Average Power Limit)
iosf_mbi 15582 1 intel_rapl arch/x86/platform/iosf_mbi.ko.xz|GPL v2|0.1|IOSF Mailbox Interface accessor
kvm_intel 188740 0 - arch/x86/kvm/kvm-intel.ko.xz|GPL||
kvm 637689 1 kvm_intel arch/x86/kvm/kvm.ko.xz|GPL||
irqbypass 13503 1 kvm virt/lib/irqbypass.ko.xz|GPL||IRQ bypass manager utility module
pcspkr 12718 0 - drivers/input/misc/pcspkr.ko.xz|GPL||PC Speaker beeper driver
lpc_ich 21086 0 - drivers/mfd/lpc_ich.ko.xz|GPL||LPC interface for Intel ICH
mei_me 32848 0 - drivers/misc/mei/mei-me.ko.xz|GPL||Intel(R) Management Engine Interface
mei 91011 1 mei_me drivers/misc/mei/mei.ko.xz|GPL||Intel(R) Management Engine Interface
wmi 21636 0 - drivers/platform/x86/wmi.ko.xz|GPL||ACPI-WMI Mapping Driver
acpi_power_meter 18087 0 - drivers/hwmon/acpi_power_meter.ko.xz|GPL||ACPI 4.0 power meter driver
ip_tables 27126 0 - net/ipv4/netfilter/ip_tables.ko.xz|GPL||IPv4 packet filter
"""


RHEL9_MODS = """
mlx5_ib 483328 0 - drivers/infiniband/hw/mlx5/mlx5_ib.ko.xz|Dual BSD/GPL||Mellanox 5th generation network adapters (ConnectX series) IB driver
ib_uverbs 196608 1 mlx5_ib drivers/infiniband/core/ib_uverbs.ko.xz|Dual BSD/GPL||InfiniBand userspace verbs access
ib_core 499712 2 mlx5_ib,ib_uverbs drivers/infiniband/core/ib_core.ko.xz|Dual BSD/GPL||core kernel InfiniBand API
mlx5_core 2445312 1 mlx5_ib drivers/net/ethernet/mellanox/mlx5/core/mlx5_core.ko.xz|Dual BSD/GPL||Mellanox 5th generation network adapters (ConnectX series) core driver
mlxfw 40960 1 mlx5_core drivers/net/ethernet/mellanox/mlxfw/mlxfw.ko.xz|Dual BSD/GPL||Mellanox firmware flash lib
psample 20480 1 mlx5_core net/psample/psample.ko.xz|GPL v2||
tls 143360 1 mlx5_core net/tls/tls.ko.xz|Dual BSD/GPL||Transport Layer Security Support
pci_hyperv_intf 16384 1 mlx5_core drivers/pci/controller/pci-hyperv-intf.ko.xz|GPL v2||
tg3 217088 0 - drivers/net/ethernet/broadcom/tg3.ko.xz|GPL||Broadcom Tigon3 ethernet driver
ptp 36864 2 mlx5_core,tg3 drivers/ptp/ptp.ko.xz|GPL||PTP clocks support
pps_core 32768 1 ptp drivers/pps/pps_core.ko.xz|GPL||LinuxPPS support (RFC 2783) - ver. 5.3.6
xfs 2375680 3 - fs/xfs/xfs.ko.xz|GPL||SGI XFS with ACLs, security attributes, scrub, quota, no debug enabled
libcrc32c 16384 2 xfs,mlx5_core lib/libcrc32c.ko.xz|GPL||CRC32c (Castagnoli) calculations
sd_mod 69632 4 - drivers/scsi/sd_mod.ko.xz|GPL||SCSI disk (sd) driver
t10_pi 16384 1 sd_mod block/t10-pi.ko.xz|GPL||
sg 40960 0 - drivers/scsi/sg.ko.xz|GPL|3.5.36|SCSI generic (sg) driver
ahci 49152 0 - drivers/ata/ahci.ko.xz|GPL|3.0|AHCI SATA low-level driver
libahci 57344 1 ahci drivers/ata/libahci.ko.xz|GPL||Common AHCI SATA low-level routines
libata 425984 2 libahci,ahci drivers/ata/libata.ko.xz|GPL|3.00|Library module for ATA devices
megaraid_sas 188416 3 - drivers/scsi/megaraid/megaraid_sas.ko.xz|GPL|07.727.03.00-rc1|Broadcom MegaRAID SAS Driver
crct10dif_pclmul 16384 1 - arch/x86/crypto/crct10dif-pclmul.ko.xz|GPL||T10 DIF CRC calculation accelerated with PCLMULQDQ.
crc32_pclmul 16384 0 - arch/x86/crypto/crc32-pclmul.ko.xz|GPL||
crc32c_intel 24576 1 - arch/x86/crypto/crc32c-intel.ko.xz|GPL||CRC32c (Castagnoli) optimization using Intel Hardware.
ghash_clmulni_intel 16384 0 - arch/x86/crypto/ghash-clmulni-intel.ko.xz|GPL||GHASH hash function, accelerated by PCLMULQDQ-NI
dm_mirror 28672 0 - drivers/md/dm-mirror.ko.xz|GPL||device-mapper mirror target
dm_region_hash 24576 1 dm_mirror drivers/md/dm-region-hash.ko.xz|GPL||device-mapper region hash
dm_log 24576 2 dm_region_hash,dm_mirror drivers/md/dm-log.ko.xz|GPL||device-mapper dirty region log
dm_mod 212992 9 dm_log,dm_mirror drivers/md/dm-mod.ko.xz|GPL||device-mapper driver
ipmi_ssif 40960 0 - drivers/char/ipmi/ipmi_ssif.ko.xz|GPL||IPMI driver for management controllers on a SMBus
ipmi_si 81920 0 - drivers/char/ipmi/ipmi_si.ko.xz|GPL||Interface to the IPMI driver for the KCS, SMIC, and BT system interfaces.
ipmi_devintf 20480 0 - drivers/char/ipmi/ipmi_devintf.ko.xz|GPL||Linux device interface for the IPMI message handler.
ipmi_msghandler 122880 3 ipmi_devintf,ipmi_si,ipmi_ssif drivers/char/ipmi/ipmi_msghandler.ko.xz|GPL|39.2|Incoming and outgoing message routing for an IPMI interface.
intel_rapl_msr 20480 0 - drivers/powercap/intel_rapl_msr.ko.xz|GPL v2||Driver for Intel RAPL (Running Average Power Limit) control via MSR interface
intel_rapl_common 40960 1 intel_rapl_msr drivers/powercap/intel_rapl_common.ko.xz|GPL v2||Intel Runtime Average Power Limit (RAPL) common code
kvm_intel 413696 0 - arch/x86/kvm/kvm-intel.ko.xz|GPL||
kvm 1155072 1 kvm_intel arch/x86/kvm/kvm.ko.xz|GPL||
irqbypass 16384 1 kvm virt/lib/irqbypass.ko.xz|GPL||IRQ bypass manager utility module
mei_me 53248 0 - drivers/misc/mei/mei-me.ko.xz|GPL||Intel(R) Management Engine Interface
mei 159744 1 mei_me drivers/misc/mei/mei.ko.xz|GPL||Intel(R) Management Engine Interface
wmi 45056 0 - drivers/platform/x86/wmi.ko.xz|GPL||ACPI-WMI Mapping Driver
acpi_power_meter 20480 0 - drivers/hwmon/acpi_power_meter.ko.xz|GPL||ACPI 4.0 power meter driver
nft_fib_inet 16384 1 - net/netfilter/nft_fib_inet.ko.xz|GPL||nf_tables fib inet support
nf_tables 307200 2 nft_fib_inet net/netfilter/nf_tables.ko.xz|GPL||Framework for packet filtering and classification
nfnetlink 20480 2 nf_tables net/netfilter/nfnetlink.ko.xz|GPL||Netfilter messages via netlink socket
"""
