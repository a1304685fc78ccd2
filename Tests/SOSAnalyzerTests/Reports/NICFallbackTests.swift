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

    /// Vendors with a blank in their name, and the board after the slash (the line shape of
    /// `dmi_format_product()`; invented edge case on a Dell name).
    @Test func vendorWithBlankAndBoard() {
        let dmi = DMIBootLineParser.parse(message: "DMI: Dell Inc. PowerEdge R640/0W23H8, BIOS 2.1.8 04/30/2019")
        #expect(dmi == DMIBootLine(vendor: "Dell Inc.", model: "PowerEdge R640", bios: "2.1.8 04/30/2019"))
        #expect(DMIBootLineParser.parse(message: "DMI: Memory slots populated: 1/1") == nil)
    }
}
