import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 6: a NIC's driver when `ethtool -i` is empty or missing, with the source cited.
@Suite struct NICFallbackTests {
    /// The k8stest-4 report's real lspci, `ip -d address` and sys/class/net links, with its
    /// `ethtool -i` files emptied (as sos left them on Fedora 27 and RHEL CoreOS VMs).
    @Test func sysClassNetLinkAndIPKinds() throws {
        let folder = try FolderReport("field-nic-links")
        defer { folder.remove() }
        try folder.write("sos_commands/networking/ethtool_-i_ens3", "")
        try folder.write("sos_commands/networking/ethtool_-i_flannel.1", "")
        try folder.write("sos_commands/pci/lspci_-nnvv", try MemoryFixtures.text("field", "lspci_-nnvv-k8stest-4.txt"))
        try folder.write("sos_commands/networking/ip_-d_address", try MemoryFixtures.text("field", "ip_-d_address-k8stest-4.txt"))
        try folder.link("sys/class/net/ens3", to: "../../devices/pci0000:00/0000:00:03.0/virtio0/net/ens3")
        try folder.link("sys/class/net/flannel.1", to: "../../devices/virtual/net/flannel.1")
        let report = try #require(folder.read())
        #expect(report[state: .nics] == nil)
        let ens3 = try #require(report.nics.first { $0.interface == "ens3" })
        // The real ethtool -i of this interface says virtio_net, bus-info 0000:00:03.0.
        #expect(ens3.driver == "virtio_net")
        #expect(ens3.busInfo == "0000:00:03.0")
        #expect(ens3.source == Evidence(member: "sys/class/net/ens3"))
        let flannel = try #require(report.nics.first { $0.interface == "flannel.1" })
        #expect(flannel.driver == "vxlan")
        #expect(flannel.source == Evidence(member: "sos_commands/networking/ip_-d_address", line: 15))
    }

    /// No ethtool at all (sos 3.2): the boot log's driver lines, here a real KVM guest's e1000.
    @Test func kernelLogDriverLines() throws {
        let folder = try FolderReport("field-nic-log", sosVersion: "3.2")
        defer { folder.remove() }
        try folder.write("sos_commands/kernel/dmesg", try MemoryFixtures.text("field", "dmesg-kvm-e1000-excerpt.txt"))
        let report = try #require(folder.read())
        // eth0 was renamed ens3: one NIC, under its final name.
        #expect(report.nics.map(\.interface) == ["ens3"])
        #expect(report.nics.first?.driver == "e1000")
        #expect(report.nics.first?.busInfo == "0000:00:03.0")
        #expect(report.nics.first?.source == Evidence(member: "sos_commands/kernel/dmesg", line: 12))
    }

    /// A Hyper-V guest: `sys/class/net/eth0` leads into a VMBus device (the real sysfs path
    /// quoted in systemd issue 8652), whose network driver is hv_netvsc.
    @Test func vmbusLink() throws {
        let folder = try FolderReport("field-nic-vmbus")
        defer { folder.remove() }
        try folder.write("sos_commands/networking/ethtool_-i_eth0", "")
        try folder.link("sys/class/net/eth0",
                        to: "../../devices/LNXSYSTM:00/LNXSYBUS:00/PNP0A03:00/device:07/VMBUS:01/adb74aeb-8439-43d8-8015-6f876f42533e/net/eth0")
        let report = try #require(folder.read())
        let eth0 = try #require(report.nics.first { $0.interface == "eth0" })
        #expect(eth0.driver == "hv_netvsc")
        #expect(eth0.busInfo == nil)
        #expect(eth0.source == Evidence(member: "sys/class/net/eth0"))
    }

    /// hv_netvsc names its device by the VMBus instance GUID (a real Azure journal line).
    @Test func hvNetvscLogLine() throws {
        let lines = try MemoryFixtures.text("field", "syslog-hv_netvsc-cloud-init.txt")
            .split(separator: "\n").filter { !$0.hasPrefix("# source:") }
        let parsed = lines.compactMap { NetDeviceLogLineParser.parse(message: KernelLogLineParser.parse($0).message) }
        #expect(parsed == [NetDeviceLogLine(driver: "hv_netvsc", device: "000d3a03-44ad-000d-3a03-44ad000d3a03",
                                            interface: "eth0", renamedFrom: nil)])
    }

    /// The last source: the loaded modules, only when one network driver is loaded and one NIC
    /// is left (real lsmods: a CoreOS master on Azure, the k8stest-4 report's own).
    @Test func loadedModules() throws {
        let azure = try FolderReport("field-nic-lsmod-azure", sosVersion: "3.6")
        defer { azure.remove() }
        try azure.write("sos_commands/networking/ethtool_-i_eth0", "")
        try azure.write("sos_commands/networking/ethtool_-i_lo", "")
        try azure.write("sos_commands/kernel/lsmod", try MemoryFixtures.text("corpus", "lsmod-01.txt"))
        let report = try #require(azure.read())
        // Two network drivers are loaded there: hv_netvsc, and cxgb4 that the cxgb4i iSCSI
        // offload pulls in. Which one drives eth0 the modules do not say: none is guessed.
        #expect(report.nics.isEmpty)
        #expect(report[state: .nics] == .empty)

        let kvm = try FolderReport("field-nic-lsmod-kvm")
        defer { kvm.remove() }
        try kvm.write("sos_commands/networking/ethtool_-i_ens3", "")
        try kvm.write("sos_commands/networking/ethtool_-i_flannel.1", "")
        try kvm.write("sos_commands/kernel/lsmod", try MemoryFixtures.text("real", "lsmod"))
        let second = try #require(kvm.read())
        // flannel.1 is an overlay end, not a NIC the module could drive; the real ethtool -i says virtio_net.
        #expect(second.nics.map(\.interface) == ["ens3"])
        #expect(second.nics.first?.driver == "virtio_net")
        #expect(second.nics.first?.source == Evidence(member: "sos_commands/kernel/lsmod", line: 92))
    }

    @Test func lspciBindings() throws {
        let bindings = try LspciDriversParser.parse(try MemoryFixtures.text("field", "lspci_-nnvv-k8stest-4.txt"))
        #expect(bindings.first == LspciDriversParser.Binding(slot: "0000:00:01.1", driver: "ata_piix", line: 21))
        #expect(bindings.contains { $0.slot == "0000:00:03.0" && $0.driver == "virtio-pci" })
    }

    @Test func netDeviceLines() {
        let line = NetDeviceLogLineParser.parse(message: "virtio_net virtio0 ens3: renamed from eth0")
        #expect(line == NetDeviceLogLine(driver: "virtio_net", device: "virtio0", interface: "ens3", renamedFrom: "eth0"))
        #expect(NetDeviceLogLineParser.parse(message: "ACPI: _SB_.LNKC: Enabled at IRQ 11") == nil)
        #expect(NetDeviceLogLineParser.parse(message: "e1000: ens3 NIC Link is Up 1000 Mbps Full Duplex") == nil)
    }
}

/// Issue 16 item 10: hardware from the boot log's `DMI:` line when dmidecode was not collected.
@Suite struct BootLogHardwareTests {
    @Test func dmiLineNamesTheMachine() throws {
        let folder = try FolderReport("field-dmi", sosVersion: "3.2")
        defer { folder.remove() }
        try folder.write("sos_commands/kernel/dmesg", try MemoryFixtures.text("field", "dmesg-kvm-e1000-excerpt.txt"))
        let report = try #require(folder.read())
        #expect(report.hardware?.vendor == "QEMU")
        #expect(report.hardware?.model == "Standard PC (i440FX + PIIX, 1996)")
        #expect(report.hardware?.bios == "rel-1.16.3-0-ga6ed6b701f0a-prebuilt.qemu.org 04/01/2014")
        #expect(report[state: .hardware] == nil)
        #expect(report[evidence: .hardware] == Evidence(member: "sos_commands/kernel/dmesg", line: 3))
    }

    /// Vendors with a blank and a comma in their name, the board after the slash, and a
    /// product with no board (real lines from VMware, Proxmox and a no-name board).
    @Test func vendorWithBlankAndBoard() throws {
        let lines = try MemoryFixtures.text("field", "dmesg-dmi-lines-arpl.txt")
            .split(separator: "\n").filter { !$0.hasPrefix("# source:") }
        let parsed = lines.map { DMIBootLineParser.parse(message: KernelLogLineParser.parse($0).message.trimmedBlanks) }
        #expect(parsed == [
            DMIBootLine(vendor: "VMware, Inc.", model: "VMware Virtual Platform", bios: "6.00 11/12/2020"),
            DMIBootLine(vendor: "VMware, Inc.", model: "VMware20,1", bios: "VMW201.00V.20904234.B64.2212051119 12/05/2022"),
            DMIBootLine(vendor: "QEMU", model: "Standard PC (Q35 + ICH9, 2009)", bios: "rel-1.16.1-0-g3208b098f51a-prebuilt.qemu.org 04/01/2014"),
            DMIBootLine(vendor: "QEMU", model: "Standard PC (Q35 + ICH9, 2009)", bios: "0.0.0 02/06/2015"),
            DMIBootLine(vendor: "Default string", model: "Default string", bios: "5.19 07/20/2022"),
        ])
        #expect(DMIBootLineParser.parse(message: "DMI: Memory slots populated: 1/1") == nil)
    }
}
