import Foundation
internal import GRDB
import SOSAnalyzer

extension CaseIndex {
    /// Cases like the stored case `caseName` (itself left out).
    public func similar(toCase caseName: String, top: Int = 10) throws -> SimilarCases {
        let (traits, collected, reports) = try pool.read { db -> ([String], Set<TraitFamily>, Int) in
            guard let caseId = try Int64.fetchOne(db, sql: #"SELECT id FROM "case" WHERE name = ?"#, arguments: [caseName]) else {
                throw CaseIndexError.noSuchCase(caseName)
            }
            let traits = try String.fetchAll(db, sql: """
                SELECT t.text FROM caseTrait ct JOIN trait t ON t.id = ct.traitId WHERE ct.caseId = ? ORDER BY t.text
                """, arguments: [caseId])
            let families = try String.fetchAll(db, sql: "SELECT families FROM report WHERE caseId = ?", arguments: [caseId])
            return (traits, Self.families(families), families.count)
        }
        return try similar(traits: CaseTraits(traits: traits, collected: collected), excluding: [caseName],
                           query: "case \(caseName)", queryReports: reports, top: top)
    }

    /// Cases like these records (read from archives or JSON Lines); a case that already holds one
    /// of them is left out (it is the case itself).
    public func similar(to records: [ReportRecord], query: String, top: Int = 10) throws -> SimilarCases {
        let reports = records.compactMap(\.report)
        var traits = Set<String>()
        var collected = Set<TraitFamily>()
        for report in reports {
            let one = CaseTraits(report)
            traits.formUnion(one.traits)
            collected.formUnion(one.collected)
        }
        let keys = records.compactMap(\.key)
        let own = try pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT c.name FROM report r JOIN "case" c ON c.id = r.caseId WHERE r.key IN (SELECT value FROM json_each(?))
                """, arguments: [String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)])
        }
        return try similar(traits: CaseTraits(traits: traits.sorted(), collected: collected), excluding: Set(own),
                           query: query, queryReports: reports.count, top: top)
    }

    func similar(traits query: CaseTraits, excluding: Set<String>, query label: String, queryReports: Int, top: Int) throws -> SimilarCases {
        try pool.writeWithoutTransaction { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report") ?? 0
            let cases = try Int.fetchOne(db, sql: #"SELECT COUNT(*) FROM "case""#) ?? 0
            var result = SimilarCases(query: label, queryReports: queryReports, indexedReports: total, indexedCases: cases, matches: [])
            guard total > 0 else { return result }
            let n = Double(total)
            // The query's traits with their stored counts (0: never seen, as rare as can be).
            let stored = try Row.fetchAll(db, sql: "SELECT id, text, family, reports FROM trait WHERE text IN (SELECT value FROM json_each(?))",
                                          arguments: [String(decoding: try JSONEncoder().encode(query.traits), as: UTF8.self)])
            var queryIds: [Int64: (text: String, reports: Int)] = [:]
            for row in stored { queryIds[row["id"]] = (row["text"], row["reports"]) }
            let counts = Dictionary(uniqueKeysWithValues: queryIds.values.map { ($0.text, $0.reports) })
            var queryWeight: [TraitFamily: Double] = [:]
            for trait in query.traits {
                guard let family = TraitFamily(trait: trait) else { continue }
                queryWeight[family, default: 0] += Similarity.weight(total: n, reports: Double(counts[trait] ?? 0))
            }
            // What each stored trait of the query adds to a case that has it too, by trait id.
            let families = TraitFamily.allCases
            var sharedWeight = [(family: Int, weight: Double)?](repeating: nil, count: Int(stored.map { $0["id"] as Int64 }.max() ?? 0) + 1)
            for row in stored {
                guard let family = TraitFamily(rawValue: row["family"]).flatMap({ families.firstIndex(of: $0) }) else { continue }
                sharedWeight[Int(row["id"] as Int64)] = (family, Similarity.weight(total: n, reports: Double(row["reports"] as Int)))
            }

            // Each case's total weight per family (caseWeight) and its profile (caseProfile),
            // cached and made again only when a report came or went since (the weights follow
            // N and every count).
            let generation = try Int.fetchOne(db, sql: "SELECT value FROM indexState WHERE key = 'generation'") ?? 0
            let cached = try Int.fetchOne(db, sql: "SELECT value FROM indexState WHERE key = 'weightsGeneration'")
            if cached != generation {
                try db.inTransaction(.immediate) {
                    try Self.storeCaches(db, total: n)
                    try db.execute(sql: """
                        INSERT INTO indexState(key, value) VALUES ('weightsGeneration', ?)
                            ON CONFLICT(key) DO UPDATE SET value = excluded.value
                        """, arguments: [generation])
                    return .commit
                }
            }
            var perCase: [Int64: [TraitFamily: (total: Double, shared: Double)]] = [:]
            let totals = try Row.fetchCursor(db, sql: "SELECT caseId, family, total FROM caseWeight")
            while let row = try totals.next() {
                guard let family = TraitFamily(rawValue: row["family"]) else { continue }
                perCase[row["caseId"], default: [:]][family] = (row["total"], 0)
            }
            // Per case, the shared weight per family: the query's traits found in its trait ids,
            // summed in id order.
            var names: [Int64: (name: String, reports: Int, families: Set<TraitFamily>)] = [:]
            let profiles = try Row.fetchCursor(db, sql: """
                SELECT p.caseId, c.name, p.reports, p.families, p.traitIds FROM caseProfile p JOIN "case" c ON c.id = p.caseId
                """)
            while let row = try profiles.next() {
                let caseId: Int64 = row["caseId"]
                names[caseId] = (row["name"], row["reports"], Self.families([row["families"]]))
                var shared = [Double?](repeating: nil, count: families.count)
                Self.forEachTraitId(in: row["traitIds"]) { id in
                    guard id >= 0, id < sharedWeight.count, let (family, weight) = sharedWeight[Int(id)] else { return }
                    shared[family] = (shared[family] ?? 0) + weight
                }
                for (family, weight) in zip(families, shared) {
                    guard let weight else { continue }
                    perCase[caseId, default: [:]][family, default: (0, 0)].shared = weight
                }
            }
            let sharedIds = String(decoding: try JSONEncoder().encode(queryIds.keys.sorted()), as: UTF8.self)

            var scored: [(caseId: Int64, score: Double, families: [TraitFamily])] = []
            for (caseId, families) in perCase {
                guard let info = names[caseId], !excluding.contains(info.name) else { continue }
                // Families both sides collected and at least one side has traits in.
                var compared: [TraitFamily] = []
                var sum = 0.0, anyShared = false
                for family in query.collected.intersection(info.families).sorted() {
                    let sums = families[family] ?? (0, 0)
                    let union = (queryWeight[family] ?? 0) + sums.total - sums.shared
                    guard union > 0 else { continue }
                    compared.append(family)
                    sum += sums.shared / union
                    anyShared = anyShared || sums.shared > 0
                }
                guard anyShared, !compared.isEmpty else { continue }
                scored.append((caseId, (sum / Double(compared.count) * 10_000).rounded() / 10_000, compared))
            }
            scored.sort { lhs, rhs in
                lhs.score != rhs.score ? lhs.score > rhs.score : (names[lhs.caseId]?.name ?? "") < (names[rhs.caseId]?.name ?? "")
            }
            for match in scored.prefix(max(0, top)) {
                guard let info = names[match.caseId] else { continue }
                let shared = try Row.fetchAll(db, sql: """
                    SELECT t.id, t.text, t.family, t.reports FROM caseTrait ct JOIN trait t ON t.id = ct.traitId
                    WHERE ct.caseId = ? AND ct.traitId IN (SELECT value FROM json_each(?))
                    ORDER BY t.reports, t.text
                    """, arguments: [match.caseId, sharedIds]).filter { row in
                        TraitFamily(rawValue: row["family"]).map(match.families.contains) ?? false
                    }
                let ordered = Self.explanationOrder(shared)
                let topIds: [Int64] = ordered.prefix(3).map { $0["id"] }
                let together = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM (SELECT reportId FROM reportTrait WHERE traitId IN (SELECT value FROM json_each(?))
                    GROUP BY reportId HAVING COUNT(*) = ?)
                    """, arguments: [String(decoding: try JSONEncoder().encode(topIds), as: UTF8.self), topIds.count]) ?? 0
                result.matches.append(SimilarCases.Match(
                    case: info.name, score: match.score, reports: info.reports,
                    sharedTraits: ordered.map { SimilarCases.SharedTrait(trait: $0["text"], reportsWithIt: $0["reports"]) },
                    reportsWithTopTraits: together, families: match.families))
            }
            return result
        }
    }

    /// Makes both caches again: `caseWeight`, each case's total trait weight per family, and
    /// `caseProfile`, each case's report count, collected families (the distinct lists of its
    /// reports, comma-joined) and trait ids (ascending, 8 bytes each, little-endian).
    static func storeCaches(_ db: Database, total n: Double) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS traitWeight (traitId INTEGER PRIMARY KEY, family TEXT NOT NULL, weight REAL NOT NULL);
            DELETE FROM traitWeight;
            """)
        let insertWeight = try db.makeStatement(sql: "INSERT INTO traitWeight VALUES (?, ?, ?)")
        let weights = try Row.fetchAll(db, sql: "SELECT id, family, reports FROM trait")
        for row in weights {
            try insertWeight.execute(arguments: [row["id"] as Int64, row["family"] as String,
                                                 Similarity.weight(total: n, reports: Double(row["reports"] as Int))])
        }
        try db.execute(sql: """
            DELETE FROM caseWeight;
            INSERT INTO caseWeight(caseId, family, total)
                SELECT ct.caseId, w.family, SUM(w.weight) FROM caseTrait ct JOIN traitWeight w ON w.traitId = ct.traitId
                GROUP BY ct.caseId, w.family;
            DELETE FROM caseProfile;
            """)
        var profiles: [Int64: (reports: Int, families: String, ids: Data)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT caseId, COUNT(*) AS reports, group_concat(DISTINCT families) AS families FROM report GROUP BY caseId") {
            profiles[row["caseId"]] = (row["reports"], row["families"] ?? "", Data())
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT caseId, traitId FROM caseTrait ORDER BY caseId, traitId")
        while let row = try rows.next() {
            let caseId: Int64 = row["caseId"], traitId: Int64 = row["traitId"]
            withUnsafeBytes(of: traitId.littleEndian) { profiles[caseId]?.ids.append(contentsOf: $0) }
        }
        let insert = try db.makeStatement(sql: "INSERT INTO caseProfile(caseId, reports, families, traitIds) VALUES (?, ?, ?, ?)")
        for (caseId, profile) in profiles {
            try insert.execute(arguments: [caseId, profile.reports, profile.families, profile.ids])
        }
    }

    /// The trait ids of one `caseProfile.traitIds` blob, in order.
    static func forEachTraitId(in blob: Data, _ body: (Int64) -> Void) {
        blob.withUnsafeBytes { bytes in
            var offset = 0
            while offset + 8 <= bytes.count {
                body(Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
                offset += 8
            }
        }
    }

    /// The rarest shared trait of each family first (rarest of those first), so every family
    /// that matched is named up front, then the others, rarest first. `rows` come rarest first.
    static func explanationOrder(_ rows: [Row]) -> [Row] {
        var leaders: [Row] = []
        var rest: [Row] = []
        var seen = Set<String>()
        for row in rows {
            if seen.insert(row["family"]).inserted { leaders.append(row) } else { rest.append(row) }
        }
        return leaders + rest
    }

    static func families(_ lists: [String]) -> Set<TraitFamily> {
        Set(lists.flatMap { $0.split(separator: ",") }.compactMap { TraitFamily(rawValue: String($0)) })
    }
}
