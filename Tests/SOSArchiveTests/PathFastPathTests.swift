import Testing
@testable import SOSArchive

/// The byte fast paths of member-path handling give what the character-based definitions give.
@Suite struct PathFastPathTests {
    /// Character-based definitions, as they were before the byte fast paths.
    static func referenceComponents(_ raw: String) -> [String] {
        raw.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
    }

    static let paths = [
        "sosreport-db1/sos_commands/kernel/uname_-a", "./a//b/", "/etc/os-release", "a/./../b", ".", "", "/",
        "sys/fs/cgroup/cpu,cpuacct/system.slice/queue-0a1b2c3d.scope/cpu.stat", "..", "a/.../b", "./.",
        "caf\u{E9}/r\u{E9}sum\u{E9}", "a/\u{301}b/c", "\u{1F600}/x",
    ]

    @Test(arguments: paths)
    func componentsMatchTheCharacterSplit(_ raw: String) {
        #expect(PathHygiene.components(of: raw) == Self.referenceComponents(raw))
    }

    @Test func examples() {
        #expect(PathHygiene.components(of: "./a//b/") == ["a", "b"])
        #expect(PathHygiene.components(of: "a/./../b") == ["a", "..", "b"])
    }

    @Test func byteOrderIsUTF8Order() {
        let names = ["b", "a", "ab", "a", "", "B", "caf\u{E9}", "cafe", "\u{1F600}", "z/a", "z", "zz", "a\u{0}b"]
        for first in names {
            for second in names {
                #expect(byteOrder(first, second) == first.utf8.lexicographicallyPrecedes(second.utf8))
            }
        }
    }
}
