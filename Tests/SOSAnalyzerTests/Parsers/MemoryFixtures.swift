import Foundation
import Testing

/// Loads fixture text for the memory, hardware, network and package parser tests.
enum MemoryFixtures {
    /// The text of `Fixtures/<folder>/<name>`, decoded the way the archive reader decodes members
    /// (invalid UTF-8 becomes U+FFFD).
    static func text(_ folder: String, _ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil,
                                                 subdirectory: "Fixtures/\(folder)"))
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// One entry of `Fixtures/corpus/expected-parsers-b.json` (a copy of the corpus `expected.json`).
    struct Expected: Decodable {
        struct BuddyRow: Decodable { var node: Int; var zone: String; var freeBlocks: [Int] }
        struct Zone: Decodable { var node: Int; var zone: String; var free: Int; var min: Int; var low: Int; var high: Int }
        var category: String
        // meminfo
        var memTotalKiB: Int?; var memFreeKiB: Int?; var memAvailableKiB: Int?; var slabKiB: Int?
        // ethtool-i
        var driver: String?; var version: String?; var firmware: String?; var busInfo: String?
        // buddyinfo
        var rows: [BuddyRow]?; var pageSizeKiB: Int?
        // pagetypeinfo
        var pageBlockOrder: Int?; var freeRows: Int?; var normalUnmovable: [Int]?; var normalMovable: [Int]?
        // zoneinfo
        var zones: [Zone]?
    }

    static func expected(category: String) throws -> [(file: String, value: Expected)] {
        let all = try JSONDecoder().decode([String: Expected].self,
                                           from: Data(text("corpus", "expected-parsers-b.json").utf8))
        return all.filter { $0.value.category == category }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
