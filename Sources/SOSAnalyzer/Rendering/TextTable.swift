/// Rows of cells printed with aligned columns, for terminals and plain-text pastes.
struct TextTable {
    private var rows: [[String]] = []
    /// Rows too wide to set the column widths: printed with the others' widths, overflowing.
    private var unmeasured: Set<Int> = []
    private let indent: String

    init(indent: String = "  ") {
        self.indent = indent
    }

    mutating func add(_ cells: [String], measured: Bool = true) {
        if !measured { unmeasured.insert(rows.count) }
        rows.append(cells)
    }

    var isEmpty: Bool { rows.isEmpty }

    func render() -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for (index, row) in rows.enumerated() where !unmeasured.contains(index) {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(to: widths[column])
            }
            return indent + cells.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
