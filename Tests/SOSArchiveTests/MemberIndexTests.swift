import Testing
@testable import SOSArchive

@Suite("MemberIndex")
struct MemberIndexTests {
    /// Links as sos 4.x stores them (relative), plus every way a link can go wrong.
    static func linkedReport() throws -> (FixtureFactory, MemberIndex) {
        let factory = try FixtureFactory()
        let top = "sosreport-node1-2022-02-10-abcdefg"
        let file = try factory.tar("links.tar", entries: [
            .directory(top),
            .file("\(top)/sos_commands/kernel/uname_-a", "Linux node1 5.4.0-99-generic\n"),
            .symlink("\(top)/uname", "sos_commands/kernel/uname_-a"),
            .symlink("\(top)/uname2", "uname"),
            .symlink("\(top)/uname3", "./uname2"),
            .symlink("\(top)/lib", "usr/lib"),
            .file("\(top)/usr/lib/os-release", "ID=ubuntu\nVERSION_ID=\"20.04\"\n"),
            .symlink("\(top)/etc/os-release", "../usr/lib/os-release"),
            .symlink("\(top)/etc/os-release-via-lib", "../lib/os-release"),
            .symlink("\(top)/etc/absolute", "/usr/lib/os-release"),
            .symlink("\(top)/etc/dangling", "../usr/lib/missing"),
            .symlink("\(top)/loop-a", "loop-b"),
            .symlink("\(top)/loop-b", "loop-a"),
            .symlink("\(top)/escape", "../../../etc/passwd"),
            .directory("\(top)/sos_commands/networking"),
            .file("\(top)/sos_commands/networking/ethtool_-i_eth0", "driver: virtio_net\n"),
            .file("\(top)/sos_commands/networking/ethtool_-i_lo", "\n"),
            .file("\(top)/sos_commands/networking/ethtool_-k_eth0", "x\n"),
            .file("\(top)/sos_commands/networking/sub/ethtool_-i_deep", "x\n"),
        ])
        let outcome = try ArchiveReader(path: file).forEachMember { _ in }
        return (factory, outcome.index)
    }

    @Test("symlinks resolve inside the index: relative, multi-hop, intermediate dir, absolute")
    func resolves() throws {
        let (factory, index) = try Self.linkedReport()
        defer { factory.remove() }
        let uname = Member(path: "sos_commands/kernel/uname_-a", kind: .file, size: 29)
        let osRelease = Member(path: "usr/lib/os-release", kind: .file, size: 29)
        #expect(index.resolve("sos_commands/kernel/uname_-a") == .member(uname, via: []))
        #expect(index.resolve("uname") == .member(uname, via: ["uname"]))
        #expect(index.resolve("uname3") == .member(uname, via: ["uname3", "uname2", "uname"]))
        #expect(index.resolve("lib/os-release") == .member(osRelease, via: ["lib"]))
        #expect(index.resolve("etc/os-release") == .member(osRelease, via: ["etc/os-release"]))
        #expect(index.resolve("etc/os-release-via-lib") == .member(osRelease, via: ["etc/os-release-via-lib", "lib"]))
        #expect(index.resolve("etc/absolute") == .member(osRelease, via: ["etc/absolute"]))
        #expect(index.member(at: "uname")?.kind == .symlink)
        #expect(index.member(at: "lib/os-release") == nil)
    }

    @Test("absent: not collected, dangling, loop, escaping")
    func absences() throws {
        let (factory, index) = try Self.linkedReport()
        defer { factory.remove() }
        #expect(index.resolve("proc/meminfo") == .absent(reason: "not collected"))
        #expect(index.resolve("etc/dangling") == .absent(reason: "dangling link etc/dangling -> ../usr/lib/missing"))
        #expect(index.resolve("loop-a") == .absent(reason: "link loop at loop-a -> loop-b"))
        #expect(index.resolve("escape") == .absent(reason: "link leaves the report: escape -> ../../../etc/passwd"))
        #expect(index.resolve("../etc/passwd") == .absent(reason: "link leaves the report: ../etc/passwd"))
    }

    @Test("glob: * and ? stay within one path component; results in byte order")
    func globs() throws {
        let (factory, index) = try Self.linkedReport()
        defer { factory.remove() }
        #expect(index.paths(matching: "sos_commands/networking/ethtool_-i_*") == [
            "sos_commands/networking/ethtool_-i_eth0", "sos_commands/networking/ethtool_-i_lo",
        ])
        #expect(index.paths(matching: "sos_commands/networking/ethtool_-?_eth0") == [
            "sos_commands/networking/ethtool_-i_eth0", "sos_commands/networking/ethtool_-k_eth0",
        ])
        #expect(index.paths(matching: "sos_commands/*/ethtool_-i_lo") == ["sos_commands/networking/ethtool_-i_lo"])
        #expect(index.paths(matching: "*") == ["escape", "lib", "loop-a", "loop-b", "uname", "uname2", "uname3"])
        #expect(index.paths(matching: "uname") == ["uname"])
        #expect(index.paths(matching: "nothing*") == [])
    }

    @Test("an index built by hand (for other modules' tests) sorts and looks up")
    func handBuilt() {
        let index = MemberIndex(members: [
            Member(path: "b", kind: .file, size: 1),
            Member(path: "a", kind: .symlink, size: 0, linkTarget: "b"),
            Member(path: "B", kind: .file, size: 2),
        ], topFolder: nil)
        #expect(index.count == 3)
        #expect(index.allPaths == ["B", "a", "b"])
        #expect(index.resolve("a") == .member(Member(path: "b", kind: .file, size: 1), via: ["a"]))
    }

    /// Glob lookups binary-search `allPaths` by bytes: ASCII and non-ASCII reports sort the same way.
    @Test func allPathsInByteOrder() {
        func index(_ paths: [String]) -> MemberIndex {
            MemberIndex(members: paths.map { Member(path: $0, kind: .file, size: 1) }, topFolder: nil)
        }
        let ascii = ["sos_commands/kernel/uname_-a", "proc/meminfo", "Proc", "proc/buddyinfo", "sos_commands/kernel", "proc"]
        #expect(index(ascii).allPaths == ascii.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let mixed = ascii + ["etc/caf\u{E9}", "etc/cafe", "etc/caf\u{E9}/x", "etc/Z"]
        #expect(index(mixed).allPaths == mixed.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// The sorted paths come from archive order (nearly sorted in a real report), with a path met
    /// twice kept once: the same list as the table's keys, sorted.
    @Test func pathsInArchiveOrderWithRepeats() {
        let order = ["sos_commands/kernel/uname_-a", "etc/hosts", "etc/hosts", "var/log/messages", "etc/hosts-", "etc/hosts/x",
                     "proc/meminfo", "etc/hosts", "a", "var/log/messages"]
        let members = order.map { Member(path: $0, kind: .file, size: 1) }
        let index = MemberIndex(members: members, topFolder: nil)
        #expect(index.allPaths == Array(Set(order)).sorted())
        #expect(index.count == Set(order).count)
        let nearlySorted = (0..<2_000).map { String(format: "sos_commands/p%04d/f", $0 ^ 1) }
        #expect(MemberIndex(members: nearlySorted.map { Member(path: $0, kind: .file, size: 1) }, topFolder: nil).allPaths == nearlySorted.sorted())
    }
}
