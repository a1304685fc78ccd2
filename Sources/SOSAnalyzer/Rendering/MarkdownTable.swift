import Foundation

/// A GitHub-flavoured Markdown table whose columns are padded, so it reads as well in a plain
/// text box as rendered.
struct MarkdownTable {
    private let header: [String]
    private var rows: [[String]] = []

    init(_ header: [String]) {
        self.header = header
    }

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
            "| " + widths.indices.map { (cells.indices.contains($0) ? cells[$0] : "").padding(to: widths[$0]) }
                .joined(separator: " | ") + " |"
        }
        let rule = "| " + widths.map { String(repeating: "-", count: $0) }.joined(separator: " | ") + " |"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// A `|` inside a cell would split it; a newline would end the table.
    private static func escape(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
