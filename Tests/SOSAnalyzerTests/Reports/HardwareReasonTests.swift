import Testing
@testable import SOSAnalyzer

/// The reason a fact is missing lives only as long as the fact is: a later source that gives
/// the value takes the reason away.
@Suite struct HardwareReasonTests {
    static let containerDmidecode = """
        # dmidecode 3.2
        /sys/firmware/dmi/tables/smbios_entry_point: Permission denied
        Scanning /dev/mem for entry point.
        /dev/mem: No such file or directory

        """

    @Test func dmidecodeErrorIsTheReason() throws {
        let folder = try FolderReport("hardware-reason")
        defer { folder.remove() }
        try folder.write("sos_commands/hardware/dmidecode", Self.containerDmidecode)
        let report = try #require(folder.read())
        #expect(report[state: .hardware] == .notCollected)
        #expect(report.factStateReasons["hardware"]?.source == Evidence(member: "sos_commands/hardware/dmidecode", line: 2))
    }

    @Test func sysfsGivesTheValueAndTheReasonGoes() throws {
        let folder = try FolderReport("hardware-reason-sysfs")
        defer { folder.remove() }
        try folder.write("sos_commands/hardware/dmidecode", Self.containerDmidecode)
        try folder.write("sys/class/dmi/id/sys_vendor", "QEMU\n")
        try folder.write("sys/class/dmi/id/product_name", "Standard PC (i440FX + PIIX, 1996)\n")
        let report = try #require(folder.read())
        #expect(report.hardware == HardwareInfo(vendor: "QEMU", model: "Standard PC (i440FX + PIIX, 1996)"))
        #expect(report[state: .hardware] == nil)
        #expect(report.factStateReasons.isEmpty)
    }
}
