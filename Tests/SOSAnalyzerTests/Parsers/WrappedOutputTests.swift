import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 8: command output wrapped onto continuation lines. sos writes each command's
/// output as the command printed it, so lspci, ip, lsmod, rpm and dpkg never wrap there; text
/// pasted from a terminal does. Each test takes real text and wraps it as an 80-column terminal
/// does (`TerminalWrap`, every line cut at exactly 80 characters: the wrapping is made here, the
/// text is real), then expects what the unwrapped text gives.
enum TerminalWrap {
    static func wrapped(_ text: String, columns: Int = 80) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var pieces: [Substring] = []
            var rest = line[...]
            while rest.count > columns {
                pieces.append(rest.prefix(columns))
                rest = rest.dropFirst(columns)
            }
            pieces.append(rest)
            return pieces.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

@Suite struct WrappedOutputTests {
    /// lspci -nnvv of the real k8stest-4 report: 84 of its lines are longer than 80 columns, and
    /// the rest of a device line must not be taken for a device.
    @Test func lspciDeviceLineWrapped() throws {
        let text = try MemoryFixtures.text("field", "lspci_-nnvv-k8stest-4.txt")
        let wrapped = TerminalWrap.wrapped(text)
        #expect(wrapped.split(separator: "\n").count > text.split(separator: "\n").count)
        let plain = try LspciDriversParser.parse(text).map { "\($0.slot) \($0.driver)" }
        #expect(try LspciDriversParser.parse(wrapped).map { "\($0.slot) \($0.driver)" } == plain)
        #expect(plain.contains("0000:00:03.0 virtio-pci"))
        // "00:01.1 IDE interface ... supports bus mastering])": the piece after column 80 is no slot
        #expect(!LspciDriversParser.isSlot("mastering])"))
        #expect(LspciDriversParser.isSlot("00:01.1") && LspciDriversParser.isSlot("0000:00:03.0"))
    }

    /// ip -d address of the same report: header and link/ether lines run past 80 columns.
    @Test func ipDetailLinesWrapped() throws {
        let text = try MemoryFixtures.text("field", "ip_-d_address-k8stest-4.txt")
        let plain = try IPLinkKindsParser.parse(text).map { "\($0.interface) \($0.driver)" }
        #expect(plain.contains("flannel.1 vxlan"))
        #expect(try IPLinkKindsParser.parse(TerminalWrap.wrapped(text)).map { "\($0.interface) \($0.driver)" } == plain)
    }

    /// ip -s -d link of the same report: every link's counters still go to that link.
    @Test func ipStatsLinkHeaderWrapped() throws {
        let text = try NetworkFixture.text("ip-s-d-link-k8stest-4")
        func counters(_ records: [NetDevRecord]) -> [String] {
            records.map { "\($0.interface) \($0.rxPackets) \($0.rxDropped) \($0.txPackets) \($0.txDropped)" }
        }
        let plain = try IPStatsLinkParser.parse(text)
        #expect(plain.contains { $0.interface == "flannel.1" && $0.txDropped == 13 })
        #expect(counters(try IPStatsLinkParser.parse(TerminalWrap.wrapped(text))) == counters(plain))
    }

    /// lsmod pasted in moby/moby#14185: its nf_conntrack line is 104 columns; wrapped, the rest of
    /// the holder list ("e_ipv4,nf_conntrack_ipv4" after a name cut in two) is joined back.
    @Test func lsmodHolderListWrapped() throws {
        let text = try MemoryFixtures.text("field", "lsmod-moby-14185-excerpt.txt")
        let wrapped = TerminalWrap.wrapped(text)
        #expect(wrapped.contains("\ne_ipv4,nf_conntrack_ipv4\n"))
        let table = LsmodParser.table(wrapped)
        #expect(table.notes.allSatisfy { $0.message == "before the lsmod header" })  // the provenance line, wrapped too
        let conntrack = try #require(table.entries.first { $0.name == "nf_conntrack" })
        #expect(conntrack.usedBy == ["nf_nat", "nf_nat_ipv4", "xt_conntrack", "nf_nat_masquerade_ipv4", "nf_conntrack_ipv4"])
        #expect(table.entries.map(\.name) == LsmodParser.table(text).entries.map(\.name))
        #expect(table.entries.count == 14)
        // a module name alone after a short line is a cut line, not a holder: still a note
        let cut = LsmodParser.table("Module                  Size  Used by\nnf_defrag_ipv4         16384  1 nf_conntrack_ipv4\nnf_nat_ipv4\n")
        #expect(cut.entries.first?.usedBy == ["nf_conntrack_ipv4"])
        #expect(cut.notes.map(\.line) == [3])
    }

    /// installed-rpms lines of the insights sample (the doc comment's): the date runs past
    /// column 80, its rest ("2016", with the sos 3.0 TAB columns after it on the BESAgent line) is joined back.
    @Test func rpmInstallDateWrapped() throws {
        let text = try DocSample.of("Parsers/InstalledPackages.swift", "public enum InstalledPackagesParser")
        let plain = try InstalledPackagesParser.parseRPMList(text)
        let wrapped = try InstalledPackagesParser.parseRPMList(TerminalWrap.wrapped(text))
        #expect(wrapped.notes.isEmpty)
        #expect(wrapped.packages.map(\.name) == ["BESAgent", "kernel", "tftp-server"])
        #expect(wrapped.packages.map(\.installTime) == plain.packages.map(\.installTime))
        #expect(wrapped.packages.map(\.installTime) == ["Wed Jan 27 09:18:52 2016", "Wed May 18 14:17:17 2016", nil])
        // at 82 columns the year is cut in two ("20", "16"): glued back without a space
        let narrow = try InstalledPackagesParser.parseRPMList(TerminalWrap.wrapped(text, columns: 82))
        #expect(narrow.packages.map(\.installTime) == ["Wed Jan 27 09:18:52 2016", "Wed May 18 14:17:17 2016", nil])
        #expect(InstalledPackagesParser.isDateRest("14:17:17 2016") && InstalledPackagesParser.isDateRest("PM UTC"))
        #expect(!InstalledPackagesParser.isDateRest("tftp-server-5.2-12.el7.x86_64"))
    }

    /// installed-debs of the real k8stest-4 report: rows run past 80 columns into the description.
    @Test func dpkgRowsWrapped() throws {
        let text = try MemoryFixtures.text("real", "installed-debs-k8stest-4-lines1-50.txt")
        func names(_ list: PackageList) -> [String] { list.packages.map { "\($0.name) \($0.version ?? "") \($0.arch ?? "")" } }
        let plain = try InstalledPackagesParser.parseDpkgList(text)
        let wrapped = try InstalledPackagesParser.parseDpkgList(TerminalWrap.wrapped(text))
        #expect(wrapped.notes.isEmpty)
        #expect(names(wrapped) == names(plain))
        #expect(wrapped.packages.count == 45)
    }
}
