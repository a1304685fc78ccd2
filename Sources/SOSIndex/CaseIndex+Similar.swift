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
            // The weight each stored trait of the query adds to a case that has it too.
            var sharedWeight: [Int64: (family: TraitFamily, weight: Double)] = [:]
            for row in stored {
                queryIds[row["id"]] = (row["text"], row["reports"])
                if let family = TraitFamily(rawValue: row["family"]) {
                    sharedWeight[row["id"]] = (family, Similarity.weight(total: n, reports: Double(row["reports"] as Int)))
                }
            }
            let counts = Dictionary(uniqueKeysWithValues: queryIds.values.map { ($0.text, $0.reports) })
            var queryWeight: [TraitFamily: Double] = [:]
            for trait in query.traits {
                guard let family = TraitFamily(trait: trait) else { continue }
                queryWeight[family, default: 0] += Similarity.weight(total: n, reports: Double(counts[trait] ?? 0))
            }

            // Weights of every stored trait, for the aggregate below (computed here once per query).
            try db.execute(sql: """
                CREATE TEMP TABLE IF NOT EXISTS queryWeight (traitId INTEGER PRIMARY KEY, family TEXT NOT NULL, weight REAL NOT NULL, shared INTEGER NOT NULL);
                DELETE FROM queryWeight;
                """)
            try db.inTransaction {
                let insert = try db.makeStatement(sql: "INSERT INTO queryWeight VALUES (?, ?, ?, ?)")
                let rows = try Row.fetchCursor(db, sql: "SELECT id, family, reports FROM trait")
                var pending: [(Int64, String, Double, Int)] = []
                while let row = try rows.next() {
                    let id: Int64 = row["id"]
                    pending.append((id, row["family"], Similarity.weight(total: n, reports: Double(row["reports"] as Int)), queryIds[id] == nil ? 0 : 1))
                }
                for (id, family, weight, shared) in pending {
                    try insert.execute(arguments: [id, family, weight, shared])
                }
                return .commit
            }
            // Each case's total weight per family (caseWeight) and its trait ids (caseTraitSet),
            // cached and made again only when a report came or went since (the weights follow N
            // and every count).
            let generation = try Int.fetchOne(db, sql: "SELECT value FROM indexState WHERE key = 'generation'") ?? 0
            let cached = try Int.fetchOne(db, sql: "SELECT value FROM indexState WHERE key = 'weightsGeneration'")
            if cached != generation {
                try db.inTransaction(.immediate) {
                    try db.execute(sql: """
                        DELETE FROM caseWeight;
                        INSERT INTO caseWeight(caseId, family, total)
                            SELECT ct.caseId, w.family, SUM(w.weight) FROM caseTrait ct JOIN queryWeight w ON w.traitId = ct.traitId
                            GROUP BY ct.caseId, w.family;
                        DELETE FROM caseTraitSet;
                        INSERT INTO indexState(key, value) VALUES ('weightsGeneration', ?)
                            ON CONFLICT(key) DO UPDATE SET value = excluded.value;
                        """, arguments: [generation])
                    try Self.storeCaseTraitSets(db)
                    return .commit
                }
            }
            var perCase: [Int64: [TraitFamily: (total: Double, shared: Double)]] = [:]
            let totals = try Row.fetchCursor(db, sql: "SELECT caseId, family, total FROM caseWeight")
            while let row = try totals.next() {
                guard let family = TraitFamily(rawValue: row["family"]) else { continue }
                perCase[row["caseId"], default: [:]][family] = (row["total"], 0)
            }
            // The shared weight per case and family: the query's traits found in each case's set,
            // summed in trait id order.
            let sets = try Row.fetchCursor(db, sql: "SELECT caseId, traitIds FROM caseTraitSet")
            while let row = try sets.next() {
                let caseId: Int64 = row["caseId"]
                var shared: [TraitFamily: Double] = [:]
                Self.forEachTraitId(in: row["traitIds"]) { id in
                    if let (family, weight) = sharedWeight[id] { shared[family, default: 0] += weight }
                }
                for (family, weight) in shared {
                    perCase[caseId, default: [:]][family, default: (0, 0)].shared = weight
                }
            }
            var names: [Int64: (name: String, reports: Int, families: Set<TraitFamily>)] = [:]
            let caseRows = try Row.fetchCursor(db, sql: """
                SELECT c.id, c.name, COUNT(r.id) AS reports, group_concat(r.families) AS families
                FROM "case" c JOIN report r ON r.caseId = c.id GROUP BY c.id
                """)
            while let row = try caseRows.next() {
                names[row["id"]] = (row["name"], row["reports"], Self.families([row["families"] ?? ""]))
            }

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
                    WHERE ct.caseId = ? AND ct.traitId IN (SELECT traitId FROM queryWeight WHERE shared = 1)
                    ORDER BY t.reports, t.text
                    """, arguments: [match.caseId]).filter { row in
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

    /// Fills `caseTraitSet` from `caseTrait`: one blob per case, its trait ids ascending, 8
    /// bytes each, little-endian.
    static func storeCaseTraitSets(_ db: Database) throws {
        let insert = try db.makeStatement(sql: "INSERT INTO caseTraitSet(caseId, traitIds) VALUES (?, ?)")
        let rows = try Row.fetchCursor(db, sql: "SELECT caseId, traitId FROM caseTrait ORDER BY caseId, traitId")
        var current: Int64?
        var ids = Data()
        func flush() throws {
            guard let current else { return }
            try insert.execute(arguments: [current, ids])
        }
        while let row = try rows.next() {
            let caseId: Int64 = row["caseId"], traitId: Int64 = row["traitId"]
            if caseId != current {
                try flush()
                current = caseId
                ids.removeAll(keepingCapacity: true)
            }
            withUnsafeBytes(of: traitId.littleEndian) { ids.append(contentsOf: $0) }
        }
        try flush()
    }

    /// The trait ids of one `caseTraitSet` blob, in order.
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
