/// One bit of the kernel taint mask (`/proc/sys/kernel/tainted`).
public struct TaintFlag: Sendable, Codable, Equatable, Hashable {
    /// Bit number, 0-based.
    public var bit: Int
    /// The letter the kernel prints for the set bit in `Tainted:`; `"?"` for a bit the layout
    /// does not define.
    public var letter: String
    /// Kernel constant without `TAINT_`, e.g. `"OOT_MODULE"`; `"bit N"` for an unknown bit.
    public var name: String
    /// What the bit says about the host, for a report.
    public var meaning: String

    public init(bit: Int, letter: String, name: String, meaning: String) {
        self.bit = bit
        self.letter = letter
        self.name = name
        self.meaning = meaning
    }
}

/// Which table of taint bits a kernel uses. Red Hat kernels reuse or reserve some bits
/// differently from upstream (kernel-knowledge.md §3b).
public enum KernelTaintLayout: String, Sendable, Codable {
    case upstream, rhel5, rhel6, rhel7, rhel8
}

/// Taint bit tables.
///
/// Sources (kernel-knowledge.md §3): upstream bits 0-17 from
/// `Documentation/admin-guide/tainted-kernels.rst` (torvalds/linux @ `14e77332e746`), 18 (N) and
/// 19 (J) from `kernel/panic.c` patch mails; RHEL 5 from `kernel/panic.c` and
/// `include/linux/kernel.h` of CentOS 5 kernels (b0b3f658, 0ce24d93); RHEL 6 from
/// 2.6.32-642.6.2.el6; RHEL 7 from 3.10.0-514/-1160; RHEL 8 from 4.18.0-240 `kernel/rh_taint.c`.
/// RHEL 9 is not verified and uses the RHEL 8 table.
enum TaintFlagTables {
    private static let upstreamFlags: [TaintFlag] = [
        TaintFlag(bit: 0, letter: "P", name: "PROPRIETARY_MODULE", meaning: "proprietary (non-GPL) module loaded"),
        TaintFlag(bit: 1, letter: "F", name: "FORCED_MODULE", meaning: "module force-loaded (insmod -f)"),
        TaintFlag(bit: 2, letter: "S", name: "CPU_OUT_OF_SPEC", meaning: "system out of specification (e.g. unsafe SMP)"),
        TaintFlag(bit: 3, letter: "R", name: "FORCED_RMMOD", meaning: "module force-unloaded (rmmod -f)"),
        TaintFlag(bit: 4, letter: "M", name: "MACHINE_CHECK", meaning: "machine check exception reported"),
        TaintFlag(bit: 5, letter: "B", name: "BAD_PAGE", meaning: "bad page referenced or unexpected page flags"),
        TaintFlag(bit: 6, letter: "U", name: "USER", meaning: "taint requested by userspace"),
        TaintFlag(bit: 7, letter: "D", name: "DIE", meaning: "kernel died recently (OOPS or BUG)"),
        TaintFlag(bit: 8, letter: "A", name: "OVERRIDDEN_ACPI_TABLE", meaning: "ACPI table overridden"),
        TaintFlag(bit: 9, letter: "W", name: "WARN", meaning: "kernel issued a warning"),
        TaintFlag(bit: 10, letter: "C", name: "CRAP", meaning: "staging driver loaded"),
        TaintFlag(bit: 11, letter: "I", name: "FIRMWARE_WORKAROUND", meaning: "workaround for a platform firmware bug applied"),
        TaintFlag(bit: 12, letter: "O", name: "OOT_MODULE", meaning: "out-of-tree module loaded"),
        TaintFlag(bit: 13, letter: "E", name: "UNSIGNED_MODULE", meaning: "unsigned module loaded on a kernel that supports signing"),
        TaintFlag(bit: 14, letter: "L", name: "SOFTLOCKUP", meaning: "soft lockup occurred"),
        TaintFlag(bit: 15, letter: "K", name: "LIVEPATCH", meaning: "kernel live patched"),
        TaintFlag(bit: 16, letter: "X", name: "AUX", meaning: "auxiliary taint, defined by the distribution"),
        TaintFlag(bit: 17, letter: "T", name: "RANDSTRUCT", meaning: "kernel built with the struct randomization plugin"),
        TaintFlag(bit: 18, letter: "N", name: "TEST", meaning: "an in-kernel test (KUnit) has run"),
        TaintFlag(bit: 19, letter: "J", name: "FWCTL", meaning: "fwctl mutating debug interface used"),
    ]

    private static func upstream(_ bits: ClosedRange<Int>) -> [TaintFlag] {
        upstreamFlags.filter { bits.contains($0.bit) }
    }

    private static let hardwareUnsupported = TaintFlag(
        bit: 28, letter: "H", name: "HARDWARE_UNSUPPORTED", meaning: "hardware not supported by Red Hat")
    private static let techPreview = TaintFlag(
        bit: 29, letter: "T", name: "TECH_PREVIEW", meaning: "Technology Preview code loaded")

    static func flags(for layout: KernelTaintLayout) -> [TaintFlag] {
        switch layout {
        case .upstream:
            return upstreamFlags
        case .rhel5:
            // Bit 6 is module signing in RHEL 5, not upstream's USER; bit 29 from 5.7 (-274).
            return upstream(0...5) + [
                TaintFlag(bit: 6, letter: "U", name: "UNSIGNED_MODULE", meaning: "unsigned module loaded (RHEL 5 module signing)"),
                techPreview,
            ]
        case .rhel6:
            // No O/E in RHEL 6: bits 12 and 13 print '-'.
            return upstream(0...11) + upstream(14...14) + [
                TaintFlag(bit: 27, letter: "Z", name: "BIT_BY_ZOMBIE", meaning: "zombie process reaped with an inconsistent state"),
                hardwareUnsupported, techPreview,
            ]
        case .rhel7:
            return upstream(0...15) + [hardwareUnsupported, techPreview]
        case .rhel8:
            // Bit 18 (N) is an upstream 6.0 flag that RHEL 9 may carry; unverified, kept for RHEL 9.
            return upstream(0...18) + [
                TaintFlag(bit: 27, letter: "r", name: "SUPPORT_REMOVED", meaning: "hardware support removed from this major release"),
                TaintFlag(bit: 29, letter: "t", name: "TECH_PREVIEW", meaning: "Technology Preview code loaded"),
                TaintFlag(bit: 30, letter: "u", name: "UNPRIVILEGED_BPF", meaning: "unprivileged BPF enabled"),
            ]
        }
    }
}
