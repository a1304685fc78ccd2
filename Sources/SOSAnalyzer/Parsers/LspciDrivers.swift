/// The kernel driver bound to each PCI device in `lspci -k` / `lspci -nnvv` output.
///
/// Real sample (`sos_commands/pci/lspci_-nnvv` of the sos 4.2 k8stest-4 report, Fixtures/field):
/// ```text
/// 00:01.1 IDE interface [0101]: Intel Corporation 82371SB PIIX3 IDE [Natoma/Triton II] [8086:7010] (prog-if 80 [ISA Compatibility mode-only controller, supports bus mastering])
/// 	Subsystem: Red Hat, Inc. Qemu virtual machine [1af4:1100]
/// 	Kernel driver in use: ata_piix
/// ```
/// yields slot `0000:00:01.1` bound to `ata_piix` (line 3).
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
                slot = address.filter { $0 == ":" }.count == 1 ? "0000:" + address : String(address)
            } else if content.hasPrefix("Kernel driver in use:"), let slot {
                let driver = content.dropFirst("Kernel driver in use:".count).trimmingWhitespace()
                if !driver.isEmpty { bindings.append(Binding(slot: slot, driver: driver, line: line.number)) }
            }
        }
        if bindings.isEmpty { throw .notCollected("lspci names no kernel driver in use") }
        return bindings
    }
}
