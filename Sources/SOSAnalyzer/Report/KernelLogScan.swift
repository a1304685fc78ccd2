/// What one kernel log member yields, gathered line by line while the archive streams past.
///
/// Only the lines that matter are kept: module taint messages, the "Linux version" boot banner,
/// and page-allocation failures (the scanner keeps a bounded window of lines). A 2 GB
/// `messages` costs no more memory than a small one.
///
/// Lines of other programs (`sshd[4121]: ...`), most of a `messages` file, are recognised on
/// their bytes and never decoded (``KernelLogPrefilter``); the scanner would ignore them anyway.
/// So are kernel lines that cannot start an allocation-failure report while none is open.
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
        var line = bytes
        if line.last == UInt8(ascii: "\r") { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        let mentionsTaint = KernelLogPrefilter.contains(line, KernelLogPrefilter.taint)
        let mentionsBanner = banner == nil && KernelLogPrefilter.contains(line, KernelLogPrefilter.linuxVersion)
        if !mentionsTaint, !mentionsBanner {
            // Another program's line, or a kernel line that cannot start anything while no report is open.
            if KernelLogPrefilter.isOtherProgramSyslogLine(line) { return }
            if failures.isIdle, !KernelLogPrefilter.mayStartAllocationReport(line) { return }
        }

        let text = String(decoding: line, as: UTF8.self)
        let substring = Substring(text)
        failures.feed(substring, number: number)
        // The byte test only ruled lines out; the character test is the one the parser was fed on before.
        if mentionsTaint, substring.contains("taint"),
           let message = ModuleTaintMessageParser.message(inLine: substring, number: number) {
            taintMessages.append(message)
        }
        if mentionsBanner {
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
