/// Bit rows per trait group: `wordsPerRow` words, affected reports in the first `affectedWords`.
struct TraitMatrix {
    var groups: [TraitMiner.Group] = []
    var bits: [UInt64] = []
    var affectedWords = 0
    var wordsPerRow = 0
    var affectedTotal = 0
    var unaffectedTotal = 0
    /// Per group, its class of unknown reports (an index into `classUnknown`); class 0 is "none unknown".
    var knownClass: [Int] = []
    /// Per class, the bit row of its unknown reports.
    var classUnknown: [[UInt64]] = []
    /// Affected reports unknown for some trait: a set's affected total is at least `affectedTotal` minus these.
    var affectedEverUnknown = 0
    var hasUnknowns: Bool { classUnknown.count > 1 }

    init(traits: [[String]], affected: [Bool], unknown: [Set<String>] = []) {
        let count = min(traits.count, affected.count)
        var slot = [Int](repeating: 0, count: count)
        for index in 0..<count where affected[index] {
            slot[index] = affectedTotal
            affectedTotal += 1
        }
        for index in 0..<count where !affected[index] {
            slot[index] = unaffectedTotal
            unaffectedTotal += 1
        }
        affectedWords = (affectedTotal + 63) / 64
        wordsPerRow = affectedWords + (unaffectedTotal + 63) / 64

        var rowOfTrait: [String: Int] = [:]
        var rows: [[UInt64]] = []
        var names: [String] = []
        var members: [[Int]] = []
        for index in 0..<count {
            let bit = affected[index] ? slot[index] : affectedWords * 64 + slot[index]
            for trait in traits[index] {
                let row: Int
                if let known = rowOfTrait[trait] {
                    row = known
                } else {
                    row = rows.count
                    rowOfTrait[trait] = row
                    rows.append([UInt64](repeating: 0, count: wordsPerRow))
                    names.append(trait)
                    members.append([])
                }
                let mask = UInt64(1) << UInt64(bit % 64)
                if rows[row][bit / 64] & mask == 0 {
                    rows[row][bit / 64] |= mask
                    members[row].append(index)
                }
            }
        }

        // Reports that cannot tell a key (its source not collected), for the keys of these traits.
        var unknownOfKey: [Substring: [Int]] = [:]
        if unknown.contains(where: { !$0.isEmpty }) {
            for name in names {
                let key = TraitOrder.key(of: name)
                if unknownOfKey[key] == nil {
                    unknownOfKey[key] = (0..<count).filter { $0 < unknown.count && unknown[$0].contains(String(key)) }
                }
            }
        }
        // Traits with the same row (and the same unknown reports) cannot be told apart: one group each.
        var groupOfRow: [[UInt64]: Int] = [:]
        var grouped: [(traits: [String], row: [UInt64], reports: [Int], unknown: [Int])] = []
        for (row, words) in rows.enumerated() {
            let unknownReports = unknownOfKey[TraitOrder.key(of: names[row])] ?? []
            // A trait present on a report is known there.
            let present = Set(members[row])
            let unknownHere = unknownReports.filter { !present.contains($0) }
            let key = words + unknownHere.map { UInt64($0) | (1 << 63) }
            if let group = groupOfRow[key] {
                grouped[group].traits.append(names[row])
            } else {
                groupOfRow[key] = grouped.count
                grouped.append(([names[row]], words, members[row], unknownHere))
            }
        }
        for index in grouped.indices {
            grouped[index].traits.sort(by: TraitOrder.precedes)
        }
        grouped.sort { TraitOrder.precedes($0.traits[0], $1.traits[0]) }
        let affectedWords = affectedWords
        for entry in grouped {
            let affectedCount = entry.row[..<affectedWords].reduce(0) { $0 + $1.nonzeroBitCount }
            let unaffectedCount = entry.row[affectedWords...].reduce(0) { $0 + $1.nonzeroBitCount }
            groups.append(TraitMiner.Group(traits: entry.traits, affectedCount: affectedCount,
                                           unaffectedCount: unaffectedCount, reports: entry.reports, unknownReports: entry.unknown))
            bits += entry.row
        }
        classifyUnknowns(bitOf: { affected[$0] ? slot[$0] : affectedWords * 64 + slot[$0] })
    }

    /// Sorts the groups into classes of the same unknown reports and lays out each class's row.
    mutating func classifyUnknowns(bitOf: (Int) -> Int) {
        var classOf: [[Int]: Int] = [[]: 0]
        classUnknown = [[UInt64](repeating: 0, count: wordsPerRow)]
        knownClass = groups.map { group in
            if let known = classOf[group.unknownReports] { return known }
            var row = [UInt64](repeating: 0, count: wordsPerRow)
            for report in group.unknownReports {
                let bit = bitOf(report)
                row[bit / 64] |= UInt64(1) << UInt64(bit % 64)
            }
            classOf[group.unknownReports] = classUnknown.count
            classUnknown.append(row)
            return classUnknown.count - 1
        }
        var any = [UInt64](repeating: 0, count: wordsPerRow)
        for row in classUnknown { for index in any.indices { any[index] |= row[index] } }
        affectedEverUnknown = any[..<affectedWords].reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// The affected and unaffected reports where every trait of the groups is known.
    func knownTotals(_ groups: [Int]) -> (Int, Int) {
        let classes = Set(groups.map { knownClass[$0] }).subtracting([0])
        guard !classes.isEmpty else { return (affectedTotal, unaffectedTotal) }
        var unknownAffected = 0, unknownUnaffected = 0
        for word in 0..<wordsPerRow {
            var union: UInt64 = 0
            for known in classes { union |= classUnknown[known][word] }
            if word < affectedWords { unknownAffected += union.nonzeroBitCount } else { unknownUnaffected += union.nonzeroBitCount }
        }
        return (affectedTotal - unknownAffected, unaffectedTotal - unknownUnaffected)
    }
}

extension TraitMatrix {
    /// The rows of `groups` laid out for another labeling of the same hosts (the permutation test).
    /// Only the rows of groups whose affected count passes `needsRow` are filled; the others stay
    /// empty, their counts right (a search never pairs a group it finds hopeless).
    init(groups source: [TraitMiner.Group], affected: [Bool], needsRow: (Int) -> Bool = { _ in true }) {
        var slot = [Int](repeating: 0, count: affected.count)
        for index in affected.indices where affected[index] {
            slot[index] = affectedTotal
            affectedTotal += 1
        }
        for index in affected.indices where !affected[index] {
            slot[index] = unaffectedTotal
            unaffectedTotal += 1
        }
        affectedWords = (affectedTotal + 63) / 64
        wordsPerRow = affectedWords + (unaffectedTotal + 63) / 64
        bits = [UInt64](repeating: 0, count: wordsPerRow * source.count)
        groups = source
        for (row, group) in source.enumerated() {
            var affectedCount = 0
            for host in group.reports where affected.indices.contains(host) && affected[host] { affectedCount += 1 }
            groups[row].affectedCount = affectedCount
            groups[row].unaffectedCount = group.reports.count - affectedCount
            guard needsRow(affectedCount) else { continue }
            for host in group.reports where affected.indices.contains(host) {
                let bit = affected[host] ? slot[host] : affectedWords * 64 + slot[host]
                bits[row * wordsPerRow + bit / 64] |= UInt64(1) << UInt64(bit % 64)
            }
        }
        let affectedWords = affectedWords
        classifyUnknowns(bitOf: { affected[$0] ? slot[$0] : affectedWords * 64 + slot[$0] })
    }
}
