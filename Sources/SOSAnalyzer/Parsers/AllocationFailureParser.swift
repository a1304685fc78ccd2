/// Allocation-failure reports of a whole log text.
public enum AllocationFailureParser {
    /// Convenience over `AllocationFailureScanner` for a log already in memory.
    public static func parse(_ text: String) -> [AllocationFailure] {
        var scanner = AllocationFailureScanner()
        for line in TextLines(text) { scanner.feed(line.text, number: line.number) }
        return scanner.finish()
    }
}
