import Foundation
import Testing
@testable import SOSAnalyzer

/// Walks every `allocfail-*` corpus sample and asserts every field of `expected-allocfail.json`.
@Suite struct AllocationFailureCorpusTests {
    struct Expected: Decodable {
        struct Failure: Decodable, Equatable {
            var process: String
            var order: Int
            var gfpMask: String
            var gfpFlags: [String]?
        }
        struct Zone: Decodable, Equatable {
            var node: Int?
            var zone: String
            var freeBlocks: [Int]
        }
        struct MemInfo: Decodable { var zones: [Zone] }
        var failures: [Failure]
        var traceModules: [String]
        var memInfo: MemInfo?
        var logFormat: String
        var mentionOnly: Bool?
    }

    static func expectations() throws -> [String: Expected] {
        let url = try #require(Bundle.module.url(forResource: "expected-allocfail", withExtension: "json", subdirectory: "Fixtures/corpus"))
        return try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: url))
    }

    static func sample(_ name: String) throws -> String {
        let base = String(name.dropLast(4))
        let url = try #require(Bundle.module.url(forResource: base, withExtension: "txt", subdirectory: "Fixtures/corpus"))
        // the way the archive layer hands text over: invalid UTF-8 replaced, never rejected
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    static let names: [String] = {
        (try? expectations().keys.sorted()) ?? []
    }()

    @Test func everySampleIsCovered() throws {
        #expect(Self.names.count == 31)
    }

    @Test(arguments: names)
    func sampleMatchesExpected(_ name: String) throws {
        let expected = try #require(try Self.expectations()[name])
        var scanner = AllocationFailureScanner()
        for line in TextLines(try Self.sample(name)) { scanner.feed(line.text, number: line.number) }
        let failures = scanner.finish()

        // log-only semantics: a header quoted in prose is not a failure
        let wanted = expected.mentionOnly == true ? [] : expected.failures
        let got = failures.map { Expected.Failure(process: $0.process, order: $0.order, gfpMask: $0.gfpMask, gfpFlags: $0.gfpFlags) }
        #expect(got == wanted, "\(name) failures")

        var modules: [String] = []
        for failure in failures { for module in failure.modules where !modules.contains(module) { modules.append(module) } }
        #expect(modules.sorted() == expected.traceModules.sorted(), "\(name) traceModules")

        let zones = (scanner.lastMemInfo?.freeAreas ?? []).filter { $0.counts.count == 11 }
            .map { Expected.Zone(node: $0.node, zone: $0.zone, freeBlocks: $0.counts) }
        #expect(zones == (expected.memInfo?.zones ?? []), "\(name) memInfo")

        #expect(scanner.logFormat == expected.logFormat, "\(name) logFormat")

        for failure in failures {
            #expect(failure.line <= failure.endLine)
        }
    }
}
