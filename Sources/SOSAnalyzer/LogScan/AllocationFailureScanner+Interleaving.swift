/// Reports two CPUs print at the same moment, when nothing tells their traces apart.
extension AllocationFailureScanner {
    /// Two CPUs' reports have both printed their task line and neither its trace yet, and a
    /// trace line comes that names no printk caller: whose it is cannot be told (both traces
    /// start `dump_stack`, `warn_alloc`...). Rather than guess, both are marked, get no frames
    /// or modules from here on, and say why; the lines stay in their excerpts as logged.
    ///
    /// A `[secs.usecs]` stamp (`stamp`) rules out every report whose last line was stamped later:
    /// only the reports it leaves can own the line.
    mutating func traceIsAmbiguous(caller: String?, stamp: Double?, number: Int) -> Bool {
        guard caller == nil else { return false }
        let waiting = open.indices.filter {
            open[$0].hasTask && open[$0].phase == .header && open[$0].caller == nil && !Self.isBefore(stamp, open[$0])
        }
        if waiting.count >= 2, let current, waiting.contains(current) {
            let names = waiting.map { index in
                open[index].failure.process + (open[index].failure.cpu.map { " (CPU \($0))" } ?? "")
            }
            for index in waiting where !open[index].tangled {
                open[index].tangled = true
                let others = names.enumerated().filter { waiting[$0.offset] != index }.map(\.element)
                open[index].failure.untangled = "printed at the same time as \(others.joined(separator: ", ")) with no printk caller ids: the call trace that follows cannot be told apart"
            }
        }
        guard let current, open[current].tangled else { return false }
        for index in open.indices where open[index].tangled { open[index].failure.endLine = number }
        return true
    }

    /// Timestamp continuity: the lines of one report carry non-decreasing stamps, so an untagged
    /// line stamped before the last line of the report receiving lines is not that report's. When
    /// exactly one other open report's last line is stamped at or before it, the line is that
    /// report's; when none or several are, nothing is decided here.
    ///
    /// Real lines (dCache/dcache #3787, Debian 9, 4.9.0-5-amd64), in a composed order: swapper/20's
    /// task line `[2836069.534667] CPU: 20 PID: 0 Comm: swapper/20 ...`, then swapper/12's header
    /// and task line at `[2836069.535511]`/`[2836069.535512]`, then `[2836069.534694] Call Trace:`:
    /// the trace was stamped before swapper/12 printed, so it is swapper/20's.
    mutating func steerByStamp(_ seconds: Double) {
        guard open.count >= 2, let receiving = current, Self.isBefore(seconds, open[receiving]) else { return }
        let others = open.indices.filter { index in
            index != receiving && open[index].phase != .tail && !open[index].tangled
                && open[index].lastMonotonic.map { $0 <= seconds } == true
        }
        if others.count == 1, let only = others.first { current = only }
    }

    /// Remembers the stamp of a line on every report it was attributed to.
    mutating func noteStamp(_ seconds: Double, number: Int) {
        for index in open.indices where open[index].failure.endLine == number || open[index].failure.line == number {
            open[index].lastMonotonic = max(open[index].lastMonotonic ?? seconds, seconds)
        }
    }

    /// True when `seconds` comes before the last stamped line of `report` (so it is not that report's).
    static func isBefore(_ seconds: Double?, _ report: Open) -> Bool {
        guard let seconds, let last = report.lastMonotonic else { return false }
        return seconds < last
    }

    /// A call trace follows its report's task line (`dump_stack` prints the task line first): a
    /// "Call Trace:" while the report receiving lines has printed no task line, and exactly one
    /// other open report has printed its task line and no trace yet, is that other report's.
    ///
    /// Real lines (dCache/dcache #3787): `CPU: 20 PID: 0 Comm: swapper/20 ...`, then swapper/12's
    /// header in pieces (`swapper/12: `, `page allocation failure: order:0 0000000000000000`,
    /// `, mode:0x2080020(GFP_ATOMIC)`), then `Call Trace:`: swapper/12 prints its task line only
    /// later, so the trace is swapper/20's.
    mutating func steerToTaskedReport() {
        guard let receiving = current, !open[receiving].hasTask else { return }
        let tasked = open.indices.filter { open[$0].hasTask && open[$0].phase == .header && !open[$0].tangled }
        if tasked.count == 1, let only = tasked.first { current = only }
    }
}
