import Testing
@testable import SOSAnalyzer

@Suite struct DmidecodeParserTests {
    /// The doc comment's sample.
    @Test func realOpenStackGuest() throws {
        let identity = try DmidecodeParser.parse(try MemoryFixtures.text("real", "dmidecode-k8stest-4-lines1-29.txt"))
        #expect(identity == HardwareIdentity(vendor: "OpenStack Foundation", model: "OpenStack Nova",
                                             serial: "f9a1477e-7b80-4398-a25d-3710d4e796ba", line: 21,
                                             uuid: "f9a1477e-7b80-4398-a25d-3710d4e796ba", uuidLine: 26))
    }

    /// The sample of ``FactStateReason``: the first error is the cause.
    @Test func realContainerWithoutSMBIOSSaysWhy() throws {
        let text = try MemoryFixtures.text("real", "dmidecode-lxd-5-0.txt")
        #expect(throws: ParseFailure.commandFailed(line: 2, message: "/sys/firmware/dmi/tables/smbios_entry_point: Permission denied")) {
            try DmidecodeParser.parse(text)
        }
    }

    @Test func placeholdersAndNextBlock() throws {
        let text = "Handle 0x0001, DMI type 1, 27 bytes\r\nSystem Information\r\n\tManufacturer: To Be Filled By O.E.M.\r\n\tProduct Name: \r\n\tSerial Number: Not Specified\r\nHandle 0x0002, DMI type 2\r\n\tSerial Number: BOARD123\r\n"
        #expect(try DmidecodeParser.parse(text) == HardwareIdentity(vendor: "To Be Filled By O.E.M.", model: nil,
                                                                   serial: nil, line: 2))
    }

    /// dmidecode 2.11 (RHEL 6) prints the UUID in upper case; "Not Settable" is no UUID.
    @Test func upperCaseAndUnsetUUIDs() throws {
        let text = "System Information\n\tManufacturer: HP\n\tUUID: DC8E3DA1-08F6-ECB1-65AC-FED258E963A4\n"
        #expect(try DmidecodeParser.parse(text).uuid == "dc8e3da1-08f6-ecb1-65ac-fed258e963a4")
        #expect(try DmidecodeParser.parse(text).uuidLine == 3)
        #expect(try DmidecodeParser.parse("System Information\n\tUUID: Not Settable\n").uuid == nil)
        #expect(try DmidecodeParser.parse("System Information\n\tUUID: 00000000-0000-0000-0000-000000000000\n").uuid == nil)
    }

    @Test func emptyOutput() {
        #expect(throws: ParseFailure.notCollected("dmidecode output is empty")) { try DmidecodeParser.parse("") }
        #expect(throws: ParseFailure.notCollected("no System Information block in dmidecode output")) {
            try DmidecodeParser.parse("# dmidecode 3.2\nSMBIOS 2.8 present.\n")
        }
    }
}
