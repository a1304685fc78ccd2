/// What `/proc/cmdline` says about the installed system: on an rpm-ostree host (RHEL CoreOS,
/// Fedora CoreOS) the `ostree=` argument names the OS the deployment belongs to.
///
/// Real sample (an OpenShift worker's `/proc/cmdline`, Fixtures/field/proc-cmdline-rhcos.txt):
/// ```text
/// BOOT_IMAGE=/ostree/rhcos-02a1645a0b585894d46cfa6462693de7e97d59dbdb14383663019a2f301a62f3/vmlinuz-4.18.0-147.rt24.93.el8.x86_64 console=tty0 ... ostree=/ostree/boot.1/rhcos/02a1645a0b585894d46cfa6462693de7e97d59dbdb14383663019a2f301a62f3/0 coreos.oem.id=metal ...
/// ```
/// yields `osName` `"rhcos"`.
public enum BootCommandLineParser {
    public struct BootCommandLine: Sendable, Equatable {
        /// The OS name of the ostree deployment (`rhcos`, `fedora-coreos`); nil on other hosts.
        public var osName: String?
        /// 1-based line of the `ostree=` argument.
        public var line: Int
    }

    /// Throws `.notCollected` when the text holds no `ostree=` argument (not an ostree host).
    public static func parse(_ text: String) throws(ParseFailure) -> BootCommandLine {
        for line in TextLines(text) {
            for word in line.text.blankSeparatedFields where word.hasPrefix("ostree=") {
                // ostree=/ostree/boot.<n>/<osname>/<checksum>/<serial>
                let parts = word.dropFirst("ostree=".count).split(separator: "/")
                if parts.count >= 3, parts[0] == "ostree", parts[1].hasPrefix("boot") {
                    return BootCommandLine(osName: String(parts[2]), line: line.number)
                }
            }
        }
        throw .notCollected("no ostree= argument on the boot command line")
    }
}
