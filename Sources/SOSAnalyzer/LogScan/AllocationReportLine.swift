/// Readers for the single lines an allocation-failure report is made of. Each takes a message
/// with the log prefixes already removed (`KernelLogLine.message`) and returns nil when the
/// line is not of its kind.
///
/// One file per facet: `+Header` (the header and its pieces), `+Task` (the task line),
/// `+Frames` (call-trace frames and stack words), `+MemInfo` (watermarks and free areas).
enum AllocationReportLine {

    /// The integer right after `key` (spaces skipped), e.g. "order:" in "order:2, mode:..".
    static func intAfter(_ key: String, in text: Substring) -> Int? {
        guard let range = text.firstRange(of: key) else { return nil }
        let digits = text[range.upperBound...].drop(while: { $0 == " " }).prefix(while: \.isASCIIDigit)
        return Int(digits)
    }
}
