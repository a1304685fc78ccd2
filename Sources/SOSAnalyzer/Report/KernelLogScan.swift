/// What one kernel log member yields, gathered line by line while the archive streams past.
///
/// Only the lines that matter are kept: module taint messages, the "Linux version" boot banner,
/// and page-allocation failures (the scanner keeps a bounded window of lines). A 2 GB
/// `messages` costs no more memory than a small one.
struct KernelLogScan: Sendable {
    let member: String
    private(set) var taintMessages: [ModuleTaintMessage] = []
    private(set) var banner: LinuxVersionBanner?
    private(set) var lineCount = 0
    private var failures = AllocationFailureScanner()

    init(member: String) {
        self.member = member
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        lineCount = number
        var text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.last == UInt8(ascii: "\r") { text.removeLast() }
        let line = Substring(text)
        failures.feed(line, number: number)
        if line.contains("taint"), let message = ModuleTaintMessageParser.message(inLine: line, number: number) {
            taintMessages.append(message)
        }
        if banner == nil, line.contains("Linux version ") {
            banner = LinuxVersionBannerParser.firstBanner(in: text).map {
                LinuxVersionBanner(release: $0.release, line: number)
            }
        }
    }

    /// Ends the scan and returns the allocation failures found in this member.
    mutating func finishFailures() -> [AllocationFailure] {
        failures.finish()
    }
}
