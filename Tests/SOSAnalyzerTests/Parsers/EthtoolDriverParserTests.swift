import Testing
@testable import SOSAnalyzer

@Suite struct EthtoolDriverParserTests {
    @Test func everyCorpusSampleMatchesExpected() throws {
        let cases = try MemoryFixtures.expected(category: "ethtool-i")
        #expect(cases.count == 4)
        for (file, expected) in cases {
            let info = try EthtoolDriverParser.parse(try MemoryFixtures.text("corpus", file))
            #expect(info.driver == expected.driver, "\(file)")
            #expect(info.version == expected.version, "\(file)")
            #expect(info.firmware == expected.firmware, "\(file)")
            #expect(info.busInfo == expected.busInfo, "\(file)")
            #expect(info.expansionROM == nil, "\(file)")
            #expect(info.line == 1, "\(file)")
        }
    }

    /// The doc comment's sample.
    @Test func mlx4SampleTrimsTrailingSpaces() throws {
        let info = try EthtoolDriverParser.parse(try MemoryFixtures.text("corpus", "ethtool-i-01.txt"))
        #expect(info == EthtoolDriverInfo(driver: "mlx4_en", version: "4.0-0", firmware: "2.42.5000",
                                          busInfo: "0000:83:00.0", expansionROM: nil, line: 1))
    }

    @Test func realSosReportInterfaces() throws {
        let ens3 = try EthtoolDriverParser.parse(try MemoryFixtures.text("real", "ethtool_-i_ens3-k8stest-4.txt"))
        #expect(ens3 == EthtoolDriverInfo(driver: "virtio_net", version: "1.0.0", firmware: nil,
                                          busInfo: "0000:00:03.0", expansionROM: nil, line: 1))
        let flannel = try EthtoolDriverParser.parse(try MemoryFixtures.text("real", "ethtool_-i_flannel.1-k8stest-4.txt"))
        #expect(flannel == EthtoolDriverInfo(driver: "vxlan", version: "0.1", firmware: nil,
                                             busInfo: nil, expansionROM: nil, line: 1))
        #expect(throws: ParseFailure.notCollected("Cannot get driver information: Operation not supported")) {
            try EthtoolDriverParser.parse(try MemoryFixtures.text("real", "ethtool_-i_lo-k8stest-4.txt"))
        }
    }

    @Test func errorsAndGarbage() {
        #expect(throws: ParseFailure.notCollected("ethtool -i output is empty")) { try EthtoolDriverParser.parse("\n") }
        #expect(throws: ParseFailure.notCollected("Cannot get driver information: No such device")) {
            try EthtoolDriverParser.parse("Cannot get driver information: No such device\n")
        }
        #expect(throws: ParseFailure.malformed(line: 2, message: "no 'driver:' line in ethtool -i output")) {
            try EthtoolDriverParser.parse("\nsomething else\n")
        }
    }

    @Test func crlfOutput() throws {
        let info = try EthtoolDriverParser.parse("\r\ndriver: e1000e\r\nversion: 3.2.6-k\r\nfirmware-version: 0.13-4\r\nbus-info: 0000:00:19.0\r\n")
        #expect(info == EthtoolDriverInfo(driver: "e1000e", version: "3.2.6-k", firmware: "0.13-4",
                                          busInfo: "0000:00:19.0", expansionROM: nil, line: 2))
    }
}
