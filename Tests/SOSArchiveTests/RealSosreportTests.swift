import Foundation
import Testing
@testable import SOSArchive

/// `../shared/real-sosreports` beside the clone (CI), or `/work/shared/real-sosreports`.
func realSosreportsFolder() -> String? {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidates = [
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-sosreports").path,
        "/work/shared/real-sosreports",
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
}

@Suite("Real sos 4.2 archives")
struct RealSosreportTests {
    @Test("each real archive indexes thousands of members and resolves uname through its link",
          .enabled(if: realSosreportsFolder() != nil, "needs ../shared/real-sosreports (absent here)"))
    func realArchives() throws {
        let folder = try #require(realSosreportsFolder())
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json"))) as? [String: [String: Any]]
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tar.xz") }.sorted()
        #expect(names.count == 3)
        for name in names {
            let path = folder + "/" + name
            let reader = try ArchiveReader(path: path)
            #expect(reader.format == .tarXZ)
            var uname = ""
            var hostname = ""
            var lineCount = 0
            let outcome = try reader.forEachMember { cursor in
                switch cursor.member.path {
                case "sos_commands/kernel/uname_-a": uname = try cursor.readAll().text
                case "sos_commands/kernel/lsmod": try cursor.forEachLine { _, _ in lineCount += 1 }
                default: break
                }
            }
            #expect(outcome.damage == nil)
            #expect(outcome.index.topFolder == String(name.dropLast(".tar.xz".count)))
            #expect(outcome.index.count > 1000, "\(name): \(outcome.index.count) members")
            #expect(outcome.index.count < 100_000)
            let fileSize = Int64((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1)
            #expect(reader.bytesConsumed == fileSize)
            guard case .member(let target, let via) = outcome.index.resolve("uname") else {
                Issue.record("\(name): uname does not resolve: \(outcome.index.resolve("uname"))")
                continue
            }
            #expect(target.path == "sos_commands/kernel/uname_-a")
            #expect(via == ["uname"])
            let facts = try #require(expected?[name])
            let kernel = try #require(facts["kernel"] as? String)
            #expect(uname.contains(" \(kernel) "), "\(name): \(uname)")
            // hostname is a link whose target streamed by already: a second pass reads it.
            guard case .member(let hostnameMember, via: ["hostname"]) = outcome.index.resolve("hostname") else {
                Issue.record("\(name): hostname does not resolve through one link")
                continue
            }
            _ = try ArchiveReader(path: path).forEachMember { cursor in
                if cursor.member.path == hostnameMember.path { hostname = try cursor.readAll().text }
            }
            #expect(hostname.trimmingCharacters(in: .whitespacesAndNewlines) == facts["hostname"] as? String)
            // lsmod: a header line plus one line per module.
            #expect(lineCount == (facts["moduleCount"] as? Int ?? -1) + 1, "\(name): lsmod has \(lineCount) lines")
            #expect(!outcome.index.paths(matching: "sos_commands/networking/ethtool_-i_*").isEmpty)
        }
    }
}
