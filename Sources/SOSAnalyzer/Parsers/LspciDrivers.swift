/// The kernel driver bound to each PCI device in `lspci -k` / `lspci -nnvv` output.
///
/// Real sample (`sos_commands/pci/lspci_-nnvv` of the sos 4.2 k8stest-4 report, Fixtures/field):
/// ```text
/// 00:01.1 IDE interface [0101]: Intel Corporation 82371SB PIIX3 IDE [Natoma/Triton II] [8086:7010] (prog-if 80 [ISA Compatibility mode-only controller, supports bus mastering])
/// 	Subsystem: Red Hat, Inc. Qemu virtual machine [1af4:1100]
/// 	Kernel driver in use: ata_piix
/// ```
/// yields slot `0000:00:01.1` bound to `ata_piix` (line 3).
///
/// lspci itself never wraps: a device line is one line however long, its details indented.
/// Output pasted from a terminal is wrapped at the terminal's width, and the rest of a long
/// device line then opens a line of its own (`us mastering])`, the last of the 174 columns of
/// the `00:01.1` line above at 80 columns): a line that
/// opens a device must start with a PCI address, so such a piece is read as the continuation
/// it is, not as a device.
public enum LspciDriversParser {
    public struct Binding: Sendable, Equatable {
        /// Full PCI address, domain included (`0000:00:03.0`), as `ethtool -i` writes bus-info.
        public var slot: String
        public var driver: String
        public var line: Int
    }

    /// Throws `.notCollected` when no device names a driver in use.
    public static func parse(_ text: String) throws(ParseFailure) -> [Binding] {
        var bindings: [Binding] = []
        var slot: String?
        for line in TextLines(text) {
            let content = line.text.trimmingWhitespace()
            if let first = line.text.first, !first.isWhitespace {
                let address = line.text.prefix { !$0.isWhitespace }
                // not an address: the rest of the line above, wrapped by a terminal
                guard isSlot(address) else { continue }
                slot = address.filter { $0 == ":" }.count == 1 ? "0000:" + address : String(address)
            } else if content.hasPrefix("Kernel driver in use:"), let slot {
                let driver = content.dropFirst("Kernel driver in use:".count).trimmingWhitespace()
                if !driver.isEmpty { bindings.append(Binding(slot: slot, driver: driver, line: line.number)) }
            }
        }
        if bindings.isEmpty { throw .notCollected("lspci names no kernel driver in use") }
        return bindings
    }

    /// `00:01.1` or `0000:00:01.1` (bus:device.function, the domain optional).
    static func isSlot(_ word: Substring) -> Bool {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let last = parts.last else { return false }
        let function = last.split(separator: ".", omittingEmptySubsequences: false)
        guard function.count == 2 else { return false }
        let pieces = parts.dropLast() + function
        return pieces.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isHexDigit) }
    }
}
