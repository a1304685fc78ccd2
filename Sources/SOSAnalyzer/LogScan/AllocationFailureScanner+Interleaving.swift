/// Reports two CPUs print at the same moment, when nothing tells their traces apart.
extension AllocationFailureScanner {
    /// Two CPUs' reports have both printed their task line and neither its trace yet, and a
    /// trace line comes that names no printk caller: whose it is cannot be told (both traces
    /// start `dump_stack`, `warn_alloc`...). Rather than guess, both are marked, get no frames
    /// or modules from here on, and say why; the lines stay in their excerpts as logged.
    mutating func traceIsAmbiguous(caller: String?, number: Int) -> Bool {
        guard caller == nil else { return false }
        let waiting = open.indices.filter { open[$0].hasTask && open[$0].phase == .header && open[$0].caller == nil }
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
}
