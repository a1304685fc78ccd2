import Testing
@testable import SOSAnalyzer

/// `BundledReport.isInnerArchive` reads an ASCII path's last component on bytes; it must say what
/// the split into components says (the definition, kept here as the reference).
@Suite struct InnerArchiveNameTests {
    static func reference(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        guard components.count <= BundledReport.maxFolders + 1, let name = components.last else { return false }
        guard name.hasPrefix("sosreport-") || name.hasPrefix("secured-sosreport-") else { return false }
        return [".tar", ".tar.xz", ".tar.gz", ".tar.bz2", ".tar.zst", ".tgz", ".gpg"].contains { name.hasSuffix($0) }
    }

    static let parts = ["sosreport-node1-2024-01-10-abcdefg.tar.xz", "secured-sosreport-n.tar.gz.gpg", "sosreport-",
                        "sosreport-x.tgz", "sosreport-x.tar.zst", "sosreport-y.tar.bz2", "x.tar", "collect", "", ".",
                        "sosreport-node1", "version.txt", "pbench", "sysinfo", "end", "sosreport-z.gpg", "tar", "secured-sosreport-"]

    @Test func bytesSayWhatTheSplitSays() {
        var state: UInt64 = 42
        var found = 0
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let count = Int(state >> 60) % 10 + 1
            var components: [String] = []
            for step in 0..<count {
                components.append(Self.parts[Int((state >> UInt64(4 + step * 5)) & 0x1F) % Self.parts.count])
            }
            var path = components.joined(separator: "/")
            if state & 1 == 0 { path += "/" }
            let answer = BundledReport.isInnerArchive(path)
            #expect(answer == Self.reference(path), "\(path)")
            if answer { found += 1 }
        }
        #expect(found > 500)
    }
}
