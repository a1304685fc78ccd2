import Foundation
import Testing

/// Fixture access for the identity and kernel parser tests: corpus samples, their expected
/// values (`Fixtures/corpus/expected-parsers-a.json`, copied from the shared corpus) and files
/// from a real sos 4.2 archive (`Fixtures/real/`).
enum ParsersAFixtures {
    struct Expected: Decodable {
        struct Message: Decodable {
            var module: String
            var reason: String
            var taintFlag: String
            var message: String
        }
        struct Module: Decodable {
            var name: String?
            var version: String?
            var license: String?
            var vermagic: String?
            var signer: String?
            var intree: String?
            var filename: String?
        }
        var category: String
        // uname
        var kernelRelease: String?
        var hostname: String?
        var arch: String?
        var distroRelease: String?
        // release
        var osId: String?
        var version: String?
        var name: String?
        var beta: Bool?
        // tainted
        var value: UInt64?
        var flags: [String]?
        var otherBits: [Int]?
        // taintmsg
        var module: String?
        var reason: String?
        var message: String?
        var messages: [Message]?
        // lsmod
        var count: Int?
        var names: [String]?
        var usedBySample: [String: [String]]?
        // modinfo
        var modules: [Module]?
    }

    static func text(_ directory: String, _ name: String) throws -> String {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/\(directory)"),
            "missing fixture \(directory)/\(name)")
        // Real files are not always UTF-8; decode the way the archive reader does, with replacement.
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    static func corpus(_ name: String) throws -> String {
        try text("corpus", name)
    }

    static func real(_ name: String) throws -> String {
        try text("real", name)
    }

    static func expected(_ name: String) throws -> Expected {
        let all = try JSONDecoder().decode([String: Expected].self, from: Data(try corpus("expected-parsers-a.json").utf8))
        return try #require(all[name], "no expected entry for \(name)")
    }

    static func names(_ category: String) throws -> [String] {
        let all = try JSONDecoder().decode([String: Expected].self, from: Data(try corpus("expected-parsers-a.json").utf8))
        return all.filter { $0.value.category == category }.keys.sorted()
    }
}
