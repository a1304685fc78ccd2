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
        for failure in report.allocationFailures {
            guard let why = failure.untangled else { continue }
            report.problems.append(ReportProblem(
                message: "allocation failure of \(failure.process) at line \(failure.source.line.map(String.init) ?? "?") \(why); its frames and modules are not attributed",
                member: failure.source.member))
        }
    }

    /// Kernel events of every log, each once (the dedup of allocation failures), with wall-clock times.
    mutating func readKernelEvents() {
        let perMember = logScans.map { (member: $0.member, failures: $0.kernelEvents) }
        let year = report.collectedAt.flatMap(KernelEventTime.year(inCollectionDate:))
        let bootedAt = report.bootedAt
        report.kernelEvents = KernelLogDeduplication.distinct(perMember).map { member, event in
            var event = event
            event.time = event.timestamp.flatMap { KernelEventTime.iso8601($0, collectionYear: year) }
            if event.time == nil, let bootedAt, BootClock.isRunningBootLog(member) {
                event.time = event.timestamp.flatMap { BootClock.iso8601(afterBoot: $0, bootedAt: bootedAt) }
            }
            return event
        }
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
