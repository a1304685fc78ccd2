import CLogScan

extension KernelLogPrefilter {
    /// The lines at the start of `bytes` (which begins at a line start) that a kernel log scan
    /// drops for certain, found a chunk at a time rather than a line at a time: each is another
    /// program's syslog line in the fixed date layout, ASCII up to its tag, holding `kernel:`
    /// nowhere, at most `lineLimit` bytes, and ends with a newline inside `bytes`. For each of them
    /// ``isOtherProgramSyslogLine(_:)`` is true and ``holdsKernelTag(_:)`` false; the run stops at
    /// the first line it cannot be sure of, which the caller reads line by line.
    ///
    /// Real lines (the syslog of an Ubuntu 20.04 LXD container and the kern.log of a VM, sos 4.2):
    /// ```
    /// // Feb 10 00:00:32 juju-04f1e3-0-lxd-5 systemd[1]: logrotate.service: Succeeded.
    /// // Feb 11 18:58:28 juju-110cc2-k8stest-4 kernel: [    0.000000] Command line: BOOT_IMAGE=...
    /// otherProgramRun(bytes, lineLimit: 16384)  // (bytes: 78, lines: 1): the systemd line and its newline
    /// ```
    ///
    /// `bytewise`: every byte looked at one by one, as on a platform without SSE2; tests hold the
    /// two builds to one answer.
    static func otherProgramRun(_ bytes: UnsafeBufferPointer<UInt8>, lineLimit: Int, bytewise: Bool = false) -> (bytes: Int, lines: Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty, lineLimit > 0 else { return (0, 0) }
        var lines = 0
        let passed = bytewise ? sos_other_program_run_bytewise(base, bytes.count, lineLimit, &lines)
                              : sos_other_program_run(base, bytes.count, lineLimit, &lines)
        return (passed, lines)
    }
}
