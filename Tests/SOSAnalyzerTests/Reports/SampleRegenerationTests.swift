import Foundation
import Testing

/// The committed `Samples/` are exactly what `Samples/make_samples.py` writes: the test runs
/// `Samples/check_regeneration.py`, which regenerates the fleet into a temporary folder and
/// compares every text file and every archive's tar stream byte for byte (the compressed bytes
/// may differ with another liblzma; the script says so and still passes).
@Suite struct SampleRegenerationTests {
    /// `python3` on the PATH, or nil: the generator needs it, the library does not.
    static let python3: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { "\($0)/python3" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test(.enabled(if: python3 != nil, "python3 is not installed: cannot regenerate Samples/ to compare"))
    func samplesMatchAFreshRun() throws {
        let python3 = try #require(Self.python3)
        let script = SharedData.samples.appendingPathComponent("check_regeneration.py").path
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("sosgen-check-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        // Output goes to a file, not a pipe, so a long report can never stall the child.
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python3)
        // -B: the check must not write __pycache__ into the checkout it compares.
        process.arguments = ["-B", script]
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let printed = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("Samples/ matches a fresh make_samples.py run"), "\(printed)")
    }
}
