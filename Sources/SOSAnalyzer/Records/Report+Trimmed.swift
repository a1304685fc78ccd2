extension Report {
    /// The report with only what a case summary reads (``CaseSummary``, its Markdown, the
    /// correlation, `summarize --index`), and where to read it again whole: what `summarize`
    /// keeps of each of 10,000 stored reports, whose JSON then reads each one again
    /// (`ReportInputs.whole`).
    ///
    /// Left out: the details of the distribution's own modules (their name, size and
    /// `thirdParty` stay: they are traits; third-party modules stay whole, the summary shows
    /// them), `pagetypeinfo`, `pageblocks` and `kernelLogMatches` (read by the analysis, which
    /// has run). On the Samples reports that is about half of each record.
    ///
    /// For dbnode01's `ext4` (`sos_commands/kernel/lsmod` line 40 and its modinfo), the kept
    /// module is `ModuleInfo(name: "ext4", size: 374902, usedBy: [], source: Evidence(member: ""))`;
    /// its `vxfs` (third-party) is kept whole.
    public func trimmedForSummary(storedAt location: RecordLocation) -> Report {
        var trimmed = self
        trimmed.modules = modules.map { module in
            guard !module.thirdParty else { return module }
            return ModuleInfo(name: module.name, size: module.size, usedBy: [], source: Self.noEvidence)
        }
        trimmed.pagetypeinfo = []
        trimmed.pageblocks = []
        trimmed.kernelLogMatches = []
        trimmed.storedAt = location
        return trimmed
    }

    private static let noEvidence = Evidence(member: "")
}
