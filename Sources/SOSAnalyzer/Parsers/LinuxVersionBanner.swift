/// The kernel's boot banner, `Linux version <release> (<builder>) (<compiler>) #<n> ...`, the
/// first line the kernel logs; a fallback for the kernel release when `uname -a` was not
/// collected (sos 2.2 `sos_commands/general/dmesg`, `var/log/dmesg`, `var/log/messages`).
public struct LinuxVersionBanner: Sendable, Codable, Equatable {
    /// Kernel release, e.g. `"5.4.0-99-generic"`.
    public var release: String
    /// 1-based line of the banner.
    public var line: Int

    public init(release: String, line: Int) {
        self.release = release
        self.line = line
    }
}

/// Finds the boot banner in a kernel log, whatever prefix the log put before it (dmesg
/// `[    0.000000] `, syslog `Mar 18 14:39:17 host kernel: `, journal `kernel: `).
///
/// Real sample (first line of `sos_commands/kernel/dmesg` in the sos 4.2 archive
/// `sosreport-juju-110cc2-k8stest-4`):
/// ```text
/// [    0.000000] Linux version 5.4.0-99-generic (buildd@lgw01-amd64-007) (gcc version 9.3.0 (Ubuntu 9.3.0-17ubuntu1~20.04)) #112-Ubuntu SMP Thu Feb 3 13:50:55 UTC 2022 (Ubuntu 5.4.0-99.112-generic 5.4.162)
/// ```
/// yields `release` `"5.4.0-99-generic"`, `line` 1.
public enum LinuxVersionBannerParser {
    /// The first banner in `text`, or `nil` when there is none (the ring buffer wrapped, or the
    /// log starts after boot).
    public static func firstBanner(in text: String) -> LinuxVersionBanner? {
        for line in TextLines(text) {
            if let release = release(inLine: line.text) {
                return LinuxVersionBanner(release: release, line: line.number)
            }
        }
        return nil
    }

    /// The release named by a banner line; `nil` for any other line.
    public static func release(inLine line: Substring) -> String? {
        guard let marker = line.firstRange(of: "Linux version ") else { return nil }
        let rest = line[marker.upperBound...]
        guard let token = rest.blankSeparatedFields.first,
              token.first.map(\Character.isASCIIDigit) == true
        else { return nil }
        // Every real banner continues with "(builder)" or "#build"; prose such as
        // "Linux version 2.6 is old" does not.
        let after = rest[token.endIndex...].trimmedWhitespace
        guard after.first == "(" || after.first == "#" else { return nil }
        return String(token)
    }
}
