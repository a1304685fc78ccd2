import Foundation
import Testing
@testable import SOSAnalyzer

/// Issue 16 item 12: every Markdown table row has as many cells as its header, as cmark-gfm
/// (the GitHub renderer) reads it. cmark-gfm pads a short row with empty cells (at column 0 in
/// its `--sourcepos` XML) and drops the cells of a long one (the row's source runs on past its
/// last cell); an unescaped `|` inside a cell or a code span is such a long row.
@Suite struct MarkdownTableShapeTests {
    /// One row whose cells do not match its table's header.
    struct BadRow: CustomStringConvertible, Equatable {
        let line: Int
        let why: String
        var description: String { "line \(line): \(why)" }
    }

    /// The rows cmark-gfm had to pad or cut, read from its XML with source positions.
    static func badRows(in markdown: String) throws -> [BadRow] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tables-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(markdown.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cmark-gfm", "-e", "table", "-t", "xml", "--sourcepos", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "cmark-gfm is needed (Debian package cmark-gfm)")
        return check(xml: xml)
    }

    /// `<table_row sourcepos="3:1-3:9">` then its `<table_cell sourcepos="3:2-3:4">` lines.
    static func check(xml: String) -> [BadRow] {
        var bad: [BadRow] = []
        var header = 0
        var row: (line: Int, end: Int, cells: Int, lastEnd: Int, padded: Bool, isHeader: Bool)?
        func close() {
            guard let current = row else { return }
            if current.isHeader { header = current.cells }
            if current.padded { bad.append(BadRow(line: current.line, why: "fewer cells than the header's \(header)")) }
            if current.end > current.lastEnd + 1 {
                bad.append(BadRow(line: current.line, why: "more cells than the header's \(header) (text after column \(current.lastEnd) dropped)"))
            }
            row = nil
        }
        for raw in xml.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("<table_header") || line.hasPrefix("<table_row") {
                close()
                guard let position = sourcepos(line) else { continue }
                row = (position.line, position.end, 0, 0, false, line.hasPrefix("<table_header"))
            } else if line.hasPrefix("<table_cell"), var current = row, let position = sourcepos(line) {
                current.cells += 1
                if position.start == 0 { current.padded = true } else { current.lastEnd = position.end }
                row = current
            } else if line.hasPrefix("</table>") {
                close()
            }
        }
        close()
        return bad
    }

    /// `sourcepos="5:11-5:13"` → line 5, start column 11, end column 13.
    private static func sourcepos(_ line: String) -> (line: Int, start: Int, end: Int)? {
        guard let range = line.range(of: "sourcepos=\"") else { return nil }
        let value = line[range.upperBound...].prefix { $0 != "\"" }
        let ends = value.split(separator: "-")
        guard ends.count == 2 else { return nil }
        let first = ends[0].split(separator: ":"), second = ends[1].split(separator: ":")
        guard first.count == 2, second.count == 2, let number = Int(first[0]), let start = Int(first[1]),
              let end = Int(second[1]) else { return nil }
        return (number, start, end)
    }

    static func summary(of path: String) -> String {
        let outcome = ReportReader.read(path: path)
        return MarkdownSummaryRenderer.render(BatchOutcome(reports: outcome.reports, problems: outcome.problems, inputCount: 1))
    }

    /// The checker itself, on rows cmark-gfm pads, cuts, and splits at a pipe in a code span.
    @Test func checkerSeesShortLongAndSplitRows() throws {
        let markdown = "| a | b | c |\n| - | - | - |\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n| x \\| y | `p|q` | z |\n| 1 | 2 | 3 |\n"
        #expect(try Self.badRows(in: markdown).map(\.line) == [3, 4, 5])
    }

    static var realReports: [String] {
        guard let folder = SharedData.realSosreports,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".tar.xz") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    static var samples: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: SharedData.samples.path)) ?? []
        return names.filter { $0.hasPrefix("sosreport-") || $0.first?.isLowercase == true && !$0.contains(".") }
            .filter { !["sosgen"].contains($0) }.sorted().map { SharedData.samples.appendingPathComponent($0).path }
    }

    @Test(arguments: realReports + samples)
    func everyRowHasTheHeadersCells(path: String) throws {
        let markdown = Self.summary(of: path)
        #expect(markdown.contains("| -") || markdown.contains("|--") || markdown.contains("| :"))
        #expect(try Self.badRows(in: markdown) == [])
    }

    @Test func samplesBatchSummary() async throws {
        let outcome = await BatchReader.read(paths: [SharedData.samples.path], jobs: 2)
        #expect(try Self.badRows(in: MarkdownSummaryRenderer.render(outcome)) == [])
    }
}
