import Foundation

/// The sample input a parser's doc comment shows, read from the source file itself, so a test
/// that runs it keeps the documentation honest (as insights-core's doctests do): when the doc's
/// sample or its stated result drifts from the code, the test of that parser fails.
enum DocSample {
    enum Failure: Error, CustomStringConvertible {
        case noSource(String)
        case noSample(file: String, type: String)
        var description: String {
            switch self {
            case .noSource(let path): return "cannot read \(path): run the tests from a checkout"
            case .noSample(let file, let type): return "no ``` block in the doc comment of \(type) in \(file)"
            }
        }
    }

    /// The `index`-th fenced block of the `///` comment right above `declaration` (e.g.
    /// `public enum UnameParser`) in `Sources/SOSAnalyzer/<file>`, without the `/// ` prefixes;
    /// a `...` line (an elision in the doc) is dropped.
    static func of(_ file: String, _ declaration: String, block index: Int = 0) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Tests/SOSAnalyzerTests/Parsers
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Sources/SOSAnalyzer/\(file)").path
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else { throw Failure.noSource(path) }
        let lines = source.components(separatedBy: "\n")
        guard let at = lines.firstIndex(where: { $0.hasPrefix(declaration) }) else {
            throw Failure.noSample(file: file, type: declaration)
        }
        var start = at
        while start > 0, lines[start - 1].hasPrefix("///") { start -= 1 }
        var blocks: [[String]] = []
        var current: [String]?
        for line in lines[start..<at] {
            let text = line.hasPrefix("/// ") ? String(line.dropFirst(4)) : String(line.dropFirst(3))
            if text.hasPrefix("```") {
                if let done = current { blocks.append(done); current = nil } else { current = [] }
            } else if current != nil, text.trimmingCharacters(in: .whitespaces) != "..." {
                current?.append(text)
            }
        }
        guard index < blocks.count else { throw Failure.noSample(file: file, type: declaration) }
        return blocks[index].joined(separator: "\n") + "\n"
    }
}
