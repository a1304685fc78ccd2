import Testing
@testable import SOSAnalyzer

@Suite struct MachineIdentityParserTests {
    /// The doc comment's sample (`etc/machine-id` of the real k8stest-4 archive).
    @Test func realMachineID() throws {
        let parsed = try MachineIDParser.parse(try MemoryFixtures.text("real", "machine-id-k8stest-4.txt"))
        #expect(parsed.id == "f9a1477e7b804398a25d3710d4e796ba")
        #expect(parsed.line == 1)
    }

    /// The doc comment's sample (`product_uuid` of the same archive).
    @Test func realProductUUID() throws {
        let parsed = try SystemUUID.parse(try MemoryFixtures.text("real", "product_uuid-k8stest-4.txt"))
        #expect(parsed.uuid == "f9a1477e-7b80-4398-a25d-3710d4e796ba")
        #expect(parsed.line == 1)
    }

    @Test func unsetAndWrongValues() {
        #expect(throws: ParseFailure.notCollected("machine-id is empty")) { try MachineIDParser.parse("\n") }
        #expect(throws: ParseFailure.notCollected("machine-id is uninitialized")) { try MachineIDParser.parse("uninitialized\n") }
        #expect(throws: ParseFailure.malformed(line: 1, message: "not a machine ID: cat: /etc/machine-id: No such file or di")) {
            try MachineIDParser.parse("cat: /etc/machine-id: No such file or directory\n")
        }
        #expect(throws: ParseFailure.notCollected("product_uuid is a placeholder (FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF)")) {
            try SystemUUID.parse("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF\n")
        }
        #expect(SystemUUID.normalized("DC8E3DA1-08F6-ECB1-65AC-FED258E963A4") == "dc8e3da1-08f6-ecb1-65ac-fed258e963a4")
        #expect(SystemUUID.normalized("Not Settable") == nil)
    }
}
