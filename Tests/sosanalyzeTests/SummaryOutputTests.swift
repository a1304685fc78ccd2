import Foundation
import Testing
@testable import SOSAnalyzer

/// `summarize` writes its pieces as they come: to standard output, or with `-o` to a temporary
/// file beside the target, renamed when whole.
@Suite struct SummaryOutputTests {
    static let samples = CorrelateCommandTests.samples

    @Test(arguments: [[String](), ["--format", "json"]])
    func theFileHoldsTheBytesOfStandardOutputAndNothingIsLeftBeside(format: [String]) throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("case.out").path
        let printed = try Command.sosanalyze(["summarize"] + format + [Self.samples])
        let written = try Command.sosanalyze(["summarize"] + format + ["-o", target, Self.samples])
        #expect(printed.status == 0 && written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == printed.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["case.out"])
        // The permissions String.write(toFile:) gave the file before (0666 less the umask).
        let reference = folder.url.appendingPathComponent("reference").path
        try "".write(toFile: reference, atomically: true, encoding: .utf8)
        func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }
        #expect(try mode(target) == (try mode(reference)))
    }

    @Test func aFolderThatIsNotThereIsAnErrorAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("missing/case.md").path
        let result = try Command.sosanalyze(["summarize", "-o", target, Self.samples])
        #expect(result.status == 1)
        #expect(result.stderr.contains("sosanalyze: \(target): cannot write the summary: No such file or directory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
