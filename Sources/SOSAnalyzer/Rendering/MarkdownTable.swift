import Foundation

/// A GitHub-flavoured Markdown table whose columns are padded, so it reads as well in a plain
/// text box as rendered.
///
/// ```
/// | Host     | Failures |
/// | -------- | -------: |
/// | dbnode01 |        5 |
/// ```
struct MarkdownTable {
    enum Alignment: Sendable { case left, right }

    private let header: [String]
    private let alignments: [Alignment]
    private var rows: [[String]] = []

    init(_ header: [String], alignments: [Alignment] = []) {
        self.header = header.map(Self.escape)
        self.alignments = header.indices.map { alignments.indices.contains($0) ? alignments[$0] : .left }
    }

    var isEmpty: Bool { rows.isEmpty }

    mutating func add(_ cells: [String]) {
        rows.append(cells.map(Self.escape))
    }

    func render() -> String {
        var widths = header.map { max($0.count, 3) }
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            "| " + widths.indices.map { column in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return alignments[column] == .right ? padding + cell : cell + padding
            }.joined(separator: " | ") + " |"
        }
        let rule = "| " + widths.indices.map { column in
            alignments[column] == .right
                ? String(repeating: "-", count: widths[column] - 1) + ":"
                : String(repeating: "-", count: widths[column])
        }.joined(separator: " | ") + " |"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// A `|` inside a cell would split it; a newline would end the table.
    private static func escape(_ cell: String) -> String {
        var text = cell.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        text = text.replacingOccurrences(of: "|", with: "\\|")
        return text.isEmpty ? "—" : text
    }
}
