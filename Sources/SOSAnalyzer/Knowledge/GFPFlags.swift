/// A GFP bit layout: the `mode:0x...` mask of an allocation failure means different flags on
/// different kernels, so a mask is only decoded against the table of its kernel generation.
///
/// Sources (kernel-knowledge.md §1a/§1b, each read in the tree named there):
/// - `linux2_6_18`: upstream 2.6.18 `include/linux/gfp.h` (rocklee104/linux-2.6.18 @37dcae72ac45).
/// - `rhel5`: CentOS 5 kernel-2.6.18-8/-194/-274.el5 (spacex/kernel-centos5); GFP_ATOMIC is HIGH|NOWARN,
///   0x40000 is `__GFP_NO_OOM` from -194.el5.
/// - `linux2_6_32`: upstream 2.6.32.69 (chenbq83/Linux-2.6.32.69 @40fc30b9ecbb); NOTRACK only with KMEMCHECK.
/// - `rhel6`: 2.6.32-642.6.2.el6 (functor/...@310e44f07adf); adds NO_KSWAPD 0x400000, OTHER_NODE 0x800000.
/// - `linux3_10`: upstream 3.10 / RHEL 7.0-7.3 (AndreiLux/ref-3.10, Shun-Hao/linux-3.10.0-514.el7); 0x100000 = KMEMCG.
/// - `rhel7_8`: RHEL 7.8-7.9 (3.10.0-1127 / -1160); 0x100000 renamed ACCOUNT.
/// - `linux3_15`: upstream 3.15-4.3 (torvalds 52383431b37c); 0x100000 unused (NOACCOUNT from ~4.1, not verified).
/// - `linux4_4`: upstream 4.4 (torvalds d0164adc89f6): reclaim bits reshuffled, GFP_ATOMIC 0x2080020.
/// - `linux4_5`: 4.5-4.9 (torvalds a9bb7e620efd): 0x100000 = ACCOUNT.
/// - `linux4_10`: 4.10-4.14 (annotated 4.1x gfp.h; version inferred): OTHER_NODE gone, GFP_ATOMIC 0x1080020.
/// - `linux4_15`: 4.15-5.0 incl. RHEL8 4.18 (RHEL8 gfp.h): GFP_ATOMIC 0x480020, GFP_KERNEL 0x6000c0.
/// - `linux5_1`: 5.1+ ("mm: shuffle GFP_* flags"): GFP_ATOMIC 0xa20 (0x820 from ~6.3), GFP_KERNEL 0xcc0.
public enum GFPTable: String, Sendable, Codable, CaseIterable {
    case linux2_6_18, rhel5, linux2_6_32, rhel6, linux3_10, rhel7_8, linux3_15, linux4_4, linux4_5, linux4_10, linux4_15, linux5_1
}

/// Decodes a raw `gfp_mask` into flag names for a given kernel generation.
///
/// ```swift
/// GFPDecoder.describe(0x4020, table: .linux2_6_32)   // "GFP_ATOMIC|__GFP_COMP"
/// GFPDecoder.describe(0x104020, table: .linux3_10)   // "GFP_ATOMIC|__GFP_COMP|__GFP_KMEMCG"
/// GFPDecoder.flags(0x20, table: .rhel6)              // ["__GFP_HIGH"]
/// ```
public enum GFPDecoder {
    /// The table for a kernel release string such as `2.6.32-358.2.1.el6.x86_64` or `5.4.19-100.fc30.x86_64`.
    /// Returns nil when the generation cannot be told (nil, empty or unparsable release).
    public static func table(forKernel release: String?) -> GFPTable? {
        guard let release, let version = KernelVersion(release) else { return nil }
        let el = release.contains(".el")
        // 2.6.x kernels number their generations in the third field
        let generation = version.major == 2 ? (version.patch ?? 0) : version.minor
        switch (version.major, generation) {
        case (2, ..<19): return el ? .rhel5 : .linux2_6_18
        case (2, 19...31): return .linux2_6_32
        case (2, 32): return el ? .rhel6 : .linux2_6_32
        case (2, _): return .linux2_6_32
        case (3, ..<15):
            // RHEL 7.8 (3.10.0-1127) renamed 0x100000 to __GFP_ACCOUNT; 7.3 (-514) still had KMEMCG.
            if el, generation == 10, version.patch == 0, let build = version.build, build >= 1127 { return .rhel7_8 }
            return .linux3_10
        case (3, _): return .linux3_15
        case (4, ..<4): return .linux3_15
        case (4, 4): return .linux4_4
        case (4, 5...9): return .linux4_5
        case (4, 10...14): return .linux4_10
        case (4, _): return .linux4_15
        case (5, 0): return .linux4_15
        case (5..., _): return .linux5_1
        default: return nil
        }
    }

    /// Single-bit names ("__GFP_HIGH", "__GFP_COMP") in bit order; unknown bits as "0x...".
    public static func flags(_ mask: UInt64, table: GFPTable) -> [String] {
        let names = bitNames(table)
        var result: [String] = []
        for bit in 0..<64 {
            let value = UInt64(1) << UInt64(bit)
            guard mask & value != 0 else { continue }
            result.append(names[value].map { "__GFP_" + $0 } ?? "0x" + String(value, radix: 16))
        }
        return result
    }

    /// Best composite reading, e.g. 0x4020 on 2.6.32 -> "GFP_ATOMIC|__GFP_COMP"; 0xd0 -> "GFP_KERNEL".
    ///
    /// Like the kernel's own `%pGg`: the largest composite contained in the mask, then the
    /// remaining single bits in the order of the kernel's name table (`include/trace/events/mmflags.h`,
    /// so the output matches what 4.6+ kernels print); bits that table lacks follow in bit order.
    public static func describe(_ mask: UInt64, table: GFPTable) -> String {
        guard mask != 0 else { return "none" }
        var rest = mask
        var parts: [String] = []
        let best = composites(table)
            .filter { $0.value != 0 && $0.value & mask == $0.value }
            .max { $0.value.nonzeroBitCount < $1.value.nonzeroBitCount }
        if let best {
            parts.append(best.name)
            rest &= ~best.value
        }
        let remaining = flags(rest, table: table)
        parts += remaining.enumerated()
            .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map(\.element)
        return parts.joined(separator: "|")
    }

    /// Single-flag order of `__def_gfpflag_names` (mmflags.h, 4.6 through 6.x).
    private static let printOrder = ["DMA", "HIGHMEM", "DMA32", "HIGH", "ATOMIC", "IO", "FS", "COLD", "NOWARN", "REPEAT",
                                     "RETRY_MAYFAIL", "NOFAIL", "NORETRY", "COMP", "ZERO", "NOMEMALLOC", "MEMALLOC",
                                     "HARDWALL", "THISNODE", "RECLAIMABLE", "MOVABLE", "ACCOUNT", "NOTRACK", "WRITE",
                                     "DIRECT_RECLAIM", "KSWAPD_RECLAIM", "OTHER_NODE", "NOLOCKDEP"]

    /// Position in `printOrder`; names it lacks (and "0x..." bits) keep bit order after it.
    private static func rank(_ name: String) -> Int {
        printOrder.firstIndex(of: String(name.dropFirst("__GFP_".count))) ?? printOrder.count
    }

    // MARK: - Tables

    /// Bits shared by every generation up to 4.3 (kernel-knowledge §1a, rows 0x01-0x20000).
    private static let classicBits: [UInt64: String] = [
        0x01: "DMA", 0x02: "HIGHMEM", 0x04: "DMA32", 0x10: "WAIT", 0x20: "HIGH", 0x40: "IO", 0x80: "FS",
        0x100: "COLD", 0x200: "NOWARN", 0x400: "REPEAT", 0x800: "NOFAIL", 0x1000: "NORETRY",
        0x4000: "COMP", 0x8000: "ZERO", 0x10000: "NOMEMALLOC", 0x20000: "HARDWALL",
    ]

    private static func bitNames(_ table: GFPTable) -> [UInt64: String] {
        var bits = classicBits
        switch table {
        case .linux2_6_18:
            bits[0x2000] = "NO_GROW"
        case .rhel5:
            bits[0x2000] = "NO_GROW"
            bits[0x40000] = "NO_OOM"
        case .linux2_6_32:
            bits.merge([0x08: "MOVABLE", 0x40000: "THISNODE", 0x80000: "RECLAIMABLE", 0x200000: "NOTRACK"]) { $1 }
        case .rhel6:
            bits.merge([0x08: "MOVABLE", 0x40000: "THISNODE", 0x80000: "RECLAIMABLE", 0x200000: "NOTRACK",
                        0x400000: "NO_KSWAPD", 0x800000: "OTHER_NODE"]) { $1 }
        case .linux3_10, .rhel7_8, .linux3_15:
            bits.merge([0x08: "MOVABLE", 0x2000: "MEMALLOC", 0x40000: "THISNODE", 0x80000: "RECLAIMABLE",
                        0x200000: "NOTRACK", 0x400000: "NO_KSWAPD", 0x800000: "OTHER_NODE", 0x1000000: "WRITE"]) { $1 }
            if table == .linux3_10 { bits[0x100000] = "KMEMCG" }
            if table == .rhel7_8 { bits[0x100000] = "ACCOUNT" }
        case .linux4_4, .linux4_5:
            bits.merge([0x08: "MOVABLE", 0x10: "RECLAIMABLE", 0x2000: "MEMALLOC", 0x40000: "THISNODE",
                        0x80000: "ATOMIC", 0x100000: table == .linux4_4 ? "NOACCOUNT" : "ACCOUNT",
                        0x200000: "NOTRACK", 0x400000: "DIRECT_RECLAIM", 0x800000: "OTHER_NODE",
                        0x1000000: "WRITE", 0x2000000: "KSWAPD_RECLAIM"]) { $1 }
        case .linux4_10:
            bits.merge([0x08: "MOVABLE", 0x10: "RECLAIMABLE", 0x2000: "MEMALLOC", 0x40000: "THISNODE",
                        0x80000: "ATOMIC", 0x100000: "ACCOUNT", 0x200000: "NOTRACK", 0x400000: "DIRECT_RECLAIM",
                        0x800000: "WRITE", 0x1000000: "KSWAPD_RECLAIM", 0x2000000: "NOLOCKDEP"]) { $1 }
        case .linux4_15:
            bits = [0x01: "DMA", 0x02: "HIGHMEM", 0x04: "DMA32", 0x08: "MOVABLE", 0x10: "RECLAIMABLE", 0x20: "HIGH",
                    0x40: "IO", 0x80: "FS", 0x100: "WRITE", 0x200: "NOWARN", 0x400: "RETRY_MAYFAIL", 0x800: "NOFAIL",
                    0x1000: "NORETRY", 0x2000: "MEMALLOC", 0x4000: "COMP", 0x8000: "ZERO", 0x10000: "NOMEMALLOC",
                    0x20000: "HARDWALL", 0x40000: "THISNODE", 0x80000: "ATOMIC", 0x100000: "ACCOUNT",
                    0x200000: "DIRECT_RECLAIM", 0x400000: "KSWAPD_RECLAIM", 0x800000: "NOLOCKDEP"]
        case .linux5_1:
            bits = [0x01: "DMA", 0x02: "HIGHMEM", 0x04: "DMA32", 0x08: "MOVABLE", 0x10: "RECLAIMABLE", 0x20: "HIGH",
                    0x40: "IO", 0x80: "FS", 0x100: "ZERO", 0x200: "ATOMIC", 0x400: "DIRECT_RECLAIM",
                    0x800: "KSWAPD_RECLAIM", 0x1000: "WRITE", 0x2000: "NOWARN", 0x4000: "RETRY_MAYFAIL",
                    0x8000: "NOFAIL", 0x10000: "NORETRY", 0x20000: "MEMALLOC", 0x40000: "COMP",
                    0x80000: "NOMEMALLOC", 0x100000: "HARDWALL", 0x200000: "THISNODE", 0x400000: "ACCOUNT"]
        }
        return bits
    }

    private struct Composite { let name: String; let value: UInt64 }

    /// Composite masks per generation (kernel-knowledge §1b).
    private static func composites(_ table: GFPTable) -> [Composite] {
        func c(_ pairs: KeyValuePairs<String, UInt64>) -> [Composite] { pairs.map { Composite(name: $0.key, value: $0.value) } }
        switch table {
        case .linux2_6_18:
            return c(["GFP_ATOMIC": 0x20, "GFP_NOIO": 0x10, "GFP_NOFS": 0x50, "GFP_KERNEL": 0xd0,
                      "GFP_USER": 0x200d0, "GFP_HIGHUSER": 0x200d2])
        case .rhel5:
            return c(["GFP_ATOMIC": 0x220, "GFP_NOWAIT": 0x200, "GFP_NOIO": 0x10, "GFP_NOFS": 0x50, "GFP_KERNEL": 0xd0,
                      "GFP_USER": 0x200d0, "GFP_HIGHUSER": 0x200d2])
        case .linux2_6_32, .rhel6, .linux3_10, .rhel7_8, .linux3_15:
            var list = c(["GFP_ATOMIC": 0x20, "GFP_NOIO": 0x10, "GFP_NOFS": 0x50, "GFP_KERNEL": 0xd0,
                          "GFP_TEMPORARY": 0x800d0, "GFP_USER": 0x200d0, "GFP_HIGHUSER": 0x200d2,
                          "GFP_HIGHUSER_MOVABLE": 0x200da, "GFP_THISNODE": 0x41200])
            if table != .linux2_6_32 {
                list += c(["GFP_IOFS": 0xc0, "GFP_TRANSHUGE": 0x4352da])
            }
            if table == .rhel7_8 { list += c(["GFP_KERNEL_ACCOUNT": 0x1000d0]) }
            return list
        case .linux4_4, .linux4_5:
            var list = c(["GFP_ATOMIC": 0x2080020, "GFP_NOWAIT": 0x2000000, "GFP_NOIO": 0x2400000,
                          "GFP_NOFS": 0x2400040, "GFP_KERNEL": 0x24000c0, "GFP_TEMPORARY": 0x24000d0,
                          "GFP_USER": 0x24200c0, "GFP_HIGHUSER": 0x24200c2, "GFP_HIGHUSER_MOVABLE": 0x24200ca,
                          "GFP_TRANSHUGE": 0x4352ca])
            list += table == .linux4_4 ? c(["GFP_IOFS": 0x20000c0]) : c(["GFP_KERNEL_ACCOUNT": 0x25000c0])
            return list
        case .linux4_10:
            return c(["GFP_ATOMIC": 0x1080020, "GFP_NOWAIT": 0x1000000, "GFP_NOIO": 0x1400000,
                      "GFP_NOFS": 0x1400040, "GFP_KERNEL": 0x14000c0, "GFP_TEMPORARY": 0x14000d0,
                      "GFP_USER": 0x14200c0, "GFP_HIGHUSER": 0x14200c2, "GFP_HIGHUSER_MOVABLE": 0x14200ca,
                      "GFP_KERNEL_ACCOUNT": 0x15000c0])
        case .linux4_15:
            return c(["GFP_ATOMIC": 0x480020, "GFP_NOWAIT": 0x400000, "GFP_NOIO": 0x600000, "GFP_NOFS": 0x600040,
                      "GFP_KERNEL": 0x6000c0, "GFP_USER": 0x6200c0, "GFP_HIGHUSER": 0x6200c2,
                      "GFP_HIGHUSER_MOVABLE": 0x6200ca, "GFP_KERNEL_ACCOUNT": 0x7000c0])
        case .linux5_1:
            return c(["GFP_ATOMIC": 0xa20, "GFP_NOWAIT": 0x800, "GFP_NOIO": 0xc00, "GFP_NOFS": 0xc40,
                      "GFP_KERNEL": 0xcc0, "GFP_USER": 0x100cc0, "GFP_HIGHUSER": 0x100cc2,
                      "GFP_HIGHUSER_MOVABLE": 0x100cca, "GFP_KERNEL_ACCOUNT": 0x400cc0])
                // ~6.3 dropped __GFP_ATOMIC (0x200); GFP_ATOMIC became HIGH|KSWAPD_RECLAIM
                + c(["GFP_ATOMIC": 0x820])
        }
    }
}

