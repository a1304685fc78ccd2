import SOSArchive

/// What the kernel logs hold: allocation failures, zone ranges, rule matches.
extension ReportAssembler {
    mutating func readAllocationFailures() {
        var perMember: [(member: String, failures: [AllocationFailure])] = []
        for index in logScans.indices {
            perMember.append((logScans[index].member, logScans[index].finishFailures()))
        }
        let kernelRelease = report.kernel?.release
        report.allocationFailures = KernelLogDeduplication.distinct(perMember).map { member, failure in
            AllocationFailureRecord(failure, member: member, kernelRelease: kernelRelease)
        }
        if logScans.isEmpty { report[state: .kernelLog] = .notCollected }
    }

    /// Zone ranges from the first log (in archive order) that has them, and the lines
    /// known-issue rules looked for.
    mutating func readKernelLogExtras() {
        if let scan = logScans.first(where: { !$0.zoneRanges.isEmpty }) {
            report.zonePFNRanges = scan.zoneRanges.map { ZonePFNRangeRecord($0, member: scan.member) }
        }
        report.kernelLogMatches = logScans.flatMap(\.logMatches)
    }
}
