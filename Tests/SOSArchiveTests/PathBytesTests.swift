import Testing
@testable import SOSArchive

/// The glob walks on bytes (``MemberIndex/paths(matching:)`` over ASCII paths, ``PathPatternSet``)
/// give what the walk on Unicode scalars gives, over paths made of sos's own names and of the
/// components that trip globs (empty, dots, the pattern's literal bytes, slashes at either end).
@Suite struct PathBytesTests {
    static let components = ["sos_commands", "networking", "ethtool_-i_eth0", "ethtool_-i_", "ethtool_-k_eth0",
                             "modinfo_mlx4_en", "kernel", "sys", "module", "taint", "mlx4_en", "", ".", "..",
                             "messages-20131110", "var", "log", "namespaces", "ip_netns_exec_ns1_ethtool_-i_eth0", "*", "?"]
    static let globs = ["sos_commands/networking/ethtool_-i_*", "sos_commands/*/modinfo_*", "sys/module/*/taint",
                        "sos_commands/networking/ethtool_-?_eth0", "var/log/messages-*", "*", "*/*", "sos_commands/*",
                        "sos_commands/networking/namespaces/*/ip_netns_exec_*_ethtool_-i_*", "sys/module/?lx4_en/taint",
                        "sos_commands/*rpm*-qa*", "**/taint"]

    /// Paths of one to five components drawn in a fixed order (a linear congruential walk).
    static let paths: [String] = {
        var state: UInt64 = 0x5EED
        var result: Set<String> = []
        while result.count < 4_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let count = Int(state >> 61) % 5 + 1
            var parts: [String] = []
            for step in 0..<count {
                let pick = Int((state >> UInt64(8 + step * 10)) & 0x3FF) % components.count
                parts.append(components[pick])
            }
            result.insert(parts.joined(separator: "/"))
        }
        return result.sorted()
    }()

    @Test func indexGlobsOnBytesMatchTheScalarWalk() {
        let index = MemberIndex(members: Self.paths.map { Member(path: $0, kind: .file, size: 1, linkTarget: nil) }, topFolder: nil)
        var matched = 0
        for glob in Self.globs {
            let pattern = Array(glob.unicodeScalars)
            let expected = index.allPaths.filter { MemberIndex.glob(pattern, matches: Array($0.unicodeScalars)) }
            // the literal part before the first wildcard narrows the list, as the index does
            let literal = String(glob.prefix { $0 != "*" && $0 != "?" })
            #expect(index.paths(matching: glob) == expected.filter { $0.hasPrefix(literal) }, "\(glob)")
            matched += expected.count
        }
        #expect(matched > 100)
    }

    @Test func patternSetOnBytesMatchesEachPattern() {
        let patterns = (Self.globs + ["proc/meminfo", "sys/module/mlx4_en/taint"]).map(PathPattern.init)
        let set = PathPatternSet(patterns)
        var hits = 0
        for path in Self.paths {
            let expected = patterns.contains { $0.matches(path) }
            #expect(set.matches(path) == expected, "\(path)")
            if expected { hits += 1 }
        }
        #expect(hits > 100)
    }
}
