/// Decodes the kernel taint mask into flags, with the bit table of the kernel that wrote it.
///
/// Sample: 12289 (corpus `tainted-01.txt`, a host with a proprietary, out-of-tree, unsigned
/// module) decoded with `.upstream` gives P (bit 0), O (bit 12), E (bit 13).
public enum TaintDecoder {
    /// The layout for a kernel release: `.elN` kernels use the Red Hat table of their major
    /// (RHEL 9 and later use the RHEL 8 table); everything else, and `nil`, is upstream.
    public static func layout(forKernel release: String?) -> KernelTaintLayout {
        guard let release, let major = redHatMajor(release) else { return .upstream }
        switch major {
        case ..<5: return .upstream  // RHEL 3/4 print only bits 0-5, as upstream
        case 5: return .rhel5
        case 6: return .rhel6
        case 7: return .rhel7
        default: return .rhel8
        }
    }

    /// Set bits in bit order with letters; unknown bits get letter "?" and name "bit N".
    public static func decode(_ value: UInt64, layout: KernelTaintLayout) -> [TaintFlag] {
        let known = TaintFlagTables.flags(for: layout)
        return (0..<64).compactMap { bit -> TaintFlag? in
            guard value & (UInt64(1) << UInt64(bit)) != 0 else { return nil }
            return known.first { $0.bit == bit }
                ?? TaintFlag(bit: bit, letter: "?", name: "bit \(bit)", meaning: "not defined for this kernel")
        }
    }

    /// The N of the first `.elN` in a release, e.g. 6 for `2.6.32-358.el6.x86_64`.
    private static func redHatMajor(_ release: String) -> Int? {
        var rest = Substring(release)
        while let marker = rest.firstRange(of: ".el") {
            let digits = rest[marker.upperBound...].prefix(while: \Character.isASCIIDigit)
            if let major = Int(digits) { return major }
            rest = rest[marker.upperBound...]
        }
        return nil
    }
}

/// Reads `/proc/sys/kernel/tainted` (also `kernel.tainted = N` from `sysctl -a`).
///
/// The value is the first line that is only a number, else the first decimal number in the text
/// (after the `=` of a sysctl line); text around it is tolerated because copies of the file in
/// tickets carry comments and prompts.
///
/// Real sample (corpus `tainted-03.txt`, fwupd issue #9737):
/// ```text
/// 4096 # means "out-of-tree module loaded"
/// ```
/// yields `value` 4096, `line` 1.
public enum TaintedParser {
    public static func parse(_ text: String) throws(ParseFailure) -> (value: UInt64, line: Int) {
        let lines = TextLines(text).filter { !$0.text.trimmedWhitespace.isEmpty }
        guard let first = lines.first else { throw .notCollected("tainted is empty") }
        if NotCollectedText.matches(first.text) { throw .notCollected(first.text.trimmingWhitespace()) }
        // The file itself is one number. Pasted copies may carry the shell prompt and command
        // before it (`[root@host1 ~]# cat /proc/sys/kernel/tainted`), whose digits are no value.
        let chosen = lines.first { $0.text.trimmedWhitespace.allSatisfy(\Character.isASCIIDigit) }
            ?? lines.first { !$0.text.contains("/proc/sys/kernel/tainted") && $0.text.contains(where: \Character.isASCIIDigit) }
        guard let line = chosen else { throw .malformed(line: first.number, message: "no taint value") }
        var searched = line.text[...]
        // "kernel.tainted = 4096": the value follows the '='.
        if let equals = searched.firstIndex(of: "=") { searched = searched[searched.index(after: equals)...] }
        guard let start = searched.firstIndex(where: \Character.isASCIIDigit) else {
            throw .malformed(line: line.number, message: "no taint value")
        }
        let digits = searched[start...].prefix(while: \Character.isASCIIDigit)
        guard let value = UInt64(digits) else {
            throw .malformed(line: line.number, message: "taint value \(digits) does not fit 64 bits")
        }
        return (value, line.number)
    }
}
