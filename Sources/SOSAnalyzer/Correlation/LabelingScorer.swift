import Foundation

/// The best log p that the miner's search (``Search``, keeping one set) finds under one labeling
/// of the hosts, for the thousands of labelings of the permutation test (``FamilyWiseTest``).
///
/// The search is the same, set for set: singles, then pairs, then triples, each kept only when
/// minimal and over-represented among the affected, pruned by the same Fisher bounds, stopping
/// at the same place when a labeling does as well as `stopBelow`; so the value is the same as
/// ``Search``'s for every labeling, unknown traits (three states) included. What it saves is the
/// work that does not depend on the labeling:
///
/// - each group's hosts are one bit row over the hosts in their own order, built once, and each
///   host lists its groups, so a labeling's affected count per group and its affected rows
///   (affected hosts only, the short part the pruning reads) come from its affected hosts
///   alone, for the groups the search can still use;
/// - the hosts of a pair or a triple are counted once for every labeling
///   (``IntersectionTotals``): its unaffected count is that minus the affected count, so a
///   labeling never reads the unaffected hosts.
///
/// On `Samples/` (11 hosts, 5 affected) it finds the seed set's log p, log(1/462), under the
/// observed labeling and under 4 of the 461 others: family-wise p = 5/462.
struct LabelingScorer: Sendable {
    let groupCount: Int
    let hostCount: Int
    let hostWords: Int
    let affectedTotal: Int
    let unaffectedTotal: Int
    let maxSize: Int
    /// Only sets with a log p at most this count (the worst observed set's, with some slack).
    let threshold: Double
    /// A labeling stops once a set reaches this log p (-inf: never; see ``Search/stopBelow``).
    let stopBelow: Double
    let test: FisherExactTest
    /// The bound p(a, 0) per affected count a, when no trait is unknown anywhere (otherwise it
    /// depends on the labeling).
    let sharedBound: [Double]?
    /// Per group, its hosts: `hostWords` words in host order.
    let rows: [UInt64]
    /// Per group, its number of hosts (`reports.count`).
    let sizes: [Int]
    /// Per host h, its groups are `groupList[groupStart[h]..<groupStart[h + 1]]`.
    let groupStart: [Int]
    let groupList: [Int32]
    let hasUnknowns: Bool
    /// Per group, its class of unknown hosts (0: none), as ``TraitMatrix`` numbers them.
    let knownClass: [Int]
    /// Per class, its unknown hosts in host order (class 0 empty).
    let classRows: [[UInt64]]
    /// Hosts unknown for some trait.
    let anyUnknown: [UInt64]

    /// - Parameters:
    ///   - groups: the miner's trait groups.
    ///   - hosts: the number of hosts the labelings are over.
    ///   - affectedTotal: affected hosts in every labeling.
    ///   - threshold, stopBelow: as the permutation test sets them on ``Search``.
    init(groups: [TraitMiner.Group], hosts: Int, affectedTotal: Int, threshold: Double, stopBelow: Double,
         maxSize: Int) {
        groupCount = groups.count
        hostCount = hosts
        hostWords = (hosts + 63) / 64
        self.affectedTotal = affectedTotal
        unaffectedTotal = hosts - affectedTotal
        self.maxSize = maxSize
        self.threshold = threshold
        self.stopBelow = stopBelow
        let test = FisherExactTest(affectedTotal: affectedTotal, unaffectedTotal: hosts - affectedTotal)
        self.test = test

        var rows = [UInt64](repeating: 0, count: groups.count * hostWords)
        var perHost = [Int](repeating: 0, count: hosts + 1)
        for (index, group) in groups.enumerated() {
            for host in group.reports where host >= 0 && host < hosts {
                rows[index * hostWords + host / 64] |= UInt64(1) << UInt64(host % 64)
                perHost[host + 1] += 1
            }
        }
        for host in 0..<hosts { perHost[host + 1] += perHost[host] }
        var next = perHost
        var list = [Int32](repeating: 0, count: perHost[hosts])
        for (index, group) in groups.enumerated() {
            for host in group.reports where host >= 0 && host < hosts {
                list[next[host]] = Int32(index)
                next[host] += 1
            }
        }
        self.rows = rows
        sizes = groups.map(\.reports.count)
        groupStart = perHost
        groupList = list

        // The classes of unknown hosts, numbered as TraitMatrix.classifyUnknowns numbers them.
        var classOf: [[Int]: Int] = [[]: 0]
        let words = hostWords
        var classRows = [[UInt64](repeating: 0, count: words)]
        knownClass = groups.map { group in
            if let known = classOf[group.unknownReports] { return known }
            var row = [UInt64](repeating: 0, count: words)
            for host in group.unknownReports where host >= 0 && host < hosts {
                row[host / 64] |= UInt64(1) << UInt64(host % 64)
            }
            classOf[group.unknownReports] = classRows.count
            classRows.append(row)
            return classRows.count - 1
        }
        hasUnknowns = classRows.count > 1
        var any = [UInt64](repeating: 0, count: hostWords)
        for row in classRows { for index in any.indices { any[index] |= row[index] } }
        self.classRows = classRows
        anyUnknown = any
        sharedBound = hasUnknowns ? nil : Self.bound(test: test, affectedTotal: affectedTotal, leastAffected: affectedTotal,
                                                     unaffectedTotal: hosts - affectedTotal)
    }

    /// p(a, 0) for a = 0...A, as ``Search/Tables`` has it.
    static func bound(test: FisherExactTest, affectedTotal: Int, leastAffected: Int, unaffectedTotal: Int) -> [Double] {
        (0...max(affectedTotal, 0)).map { a in
            a == 0 ? 0 : test.logPValue(affected: a, unaffected: 0, affectedTotal: max(a, leastAffected), unaffectedTotal: unaffectedTotal)
        }
    }

    /// The best log p under `labeling` (true: affected, one per host), +inf when no set reaches
    /// ``threshold``. `totals` (one view per core) keeps the hosts of pairs and triples for the
    /// next labelings; the value does not depend on what it holds.
    func bestLogP(_ labeling: [Bool], totals: IntersectionTotals.View) -> Double {
        var scoring = Scoring(self, labeling, totals)
        scoring.run()
        return scoring.best
    }

    /// The best log p under `labeling`, counted afresh.
    func bestLogP(_ labeling: [Bool]) -> Double {
        bestLogP(labeling, totals: IntersectionTotals.View(IntersectionTotals(groupCount: groupCount)))
    }
}

extension LabelingScorer {
    /// The search of one labeling.
    struct Scoring {
        let scorer: LabelingScorer
        let labeling: [Bool]
        let totals: IntersectionTotals.View
        let bigA: Int
        let bigU: Int
        let test: FisherExactTest
        let bound: [Double]
        var affectedCount: [Int]
        /// The labeling as bits in host order, when some trait is unknown.
        var labelBits: [UInt64] = []
        var threshold: Double
        var best = Double.infinity
        var stopped = false
        var unaffectedLimit: [Int]
        var unaffectedLimitThreshold: [Double]
        /// True when `bound` falls with a (it does, save for rounding): then ``hopeless(_:)`` is `a < leastHopeful`.
        var boundFalls = false
        var leastHopeful = 1

        init(_ scorer: LabelingScorer, _ labeling: [Bool], _ totals: IntersectionTotals.View) {
            self.scorer = scorer
            self.labeling = labeling
            self.totals = totals
            let hosts = scorer.hostCount
            var counts = [Int](repeating: 0, count: scorer.groupCount)
            var affected = 0
            for host in 0..<min(hosts, labeling.count) where labeling[host] {
                affected += 1
                for index in scorer.groupStart[host]..<scorer.groupStart[host + 1] { counts[Int(scorer.groupList[index])] += 1 }
            }
            affectedCount = counts
            bigA = affected
            let unaffected = labeling.count - affected
            bigU = unaffected
            let test = affected == scorer.affectedTotal && unaffected == scorer.unaffectedTotal
                ? scorer.test : FisherExactTest(affectedTotal: affected, unaffectedTotal: unaffected)
            self.test = test
            if scorer.hasUnknowns {
                var bits = [UInt64](repeating: 0, count: scorer.hostWords)
                for host in 0..<min(hosts, labeling.count) where labeling[host] { bits[host / 64] |= UInt64(1) << UInt64(host % 64) }
                labelBits = bits
                var everUnknown = 0
                for word in bits.indices { everUnknown += (bits[word] & scorer.anyUnknown[word]).nonzeroBitCount }
                bound = LabelingScorer.bound(test: test, affectedTotal: affected, leastAffected: affected - everUnknown, unaffectedTotal: unaffected)
            } else if let shared = scorer.sharedBound, shared.count == affected + 1 {
                bound = shared
            } else {
                bound = LabelingScorer.bound(test: test, affectedTotal: affected, leastAffected: affected, unaffectedTotal: unaffected)
            }
            threshold = scorer.threshold
            unaffectedLimit = [Int](repeating: unaffected, count: affected + 1)
            unaffectedLimitThreshold = [Double](repeating: .infinity, count: affected + 1)
            // p(a, 0) falls as a grows, so the hopeless counts are those below one count: checked
            // here on the numbers (else every count is looked up).
            var falls = true
            for a in stride(from: 2, to: bound.count, by: 1) where bound[a] > bound[a - 1] { falls = false; break }
            boundFalls = falls
            updateLeastHopeful()
        }

        /// True when no set covering `a` affected hosts can enter (``Search/hopeless(_:)``).
        @inline(__always) func hopeless(_ a: Int) -> Bool {
            boundFalls ? a < leastHopeful : (a == 0 || bound[a] > threshold + Search.slack)
        }

        /// The fewest affected hosts a set can cover and still enter, for `threshold` (which only falls).
        mutating func updateLeastHopeful() {
            guard boundFalls else { return }
            while leastHopeful < bound.count && bound[leastHopeful] > threshold + Search.slack { leastHopeful += 1 }
        }

        mutating func maxUnaffected(_ a: Int) -> Int {
            if scorer.hasUnknowns { return bigU }
            if unaffectedLimitThreshold[a] == threshold { return unaffectedLimit[a] }
            let limit = Search.unaffectedLimit(a, affectedTotal: bigA, unaffectedTotal: bigU, test: test, threshold: threshold)
            unaffectedLimit[a] = limit
            unaffectedLimitThreshold[a] = threshold
            return limit
        }

        /// The affected and unaffected hosts where every trait of groups i, j, k (-1: none) is known.
        func knownTotals(_ i: Int, _ j: Int, _ k: Int) -> (Int, Int) {
            var classes: [Int] = []
            for group in [i, j, k] where group >= 0 {
                let known = scorer.knownClass[group]
                if known != 0 && !classes.contains(known) { classes.append(known) }
            }
            guard !classes.isEmpty else { return (bigA, bigU) }
            var unknownAffected = 0, unknownUnaffected = 0
            for word in 0..<scorer.hostWords {
                var union: UInt64 = 0
                for known in classes { union |= scorer.classRows[known][word] }
                unknownAffected += (union & labelBits[word]).nonzeroBitCount
                unknownUnaffected += (union & ~labelBits[word]).nonzeroBitCount
            }
            return (bigA - unknownAffected, bigU - unknownUnaffected)
        }

        /// ``Search/offer(_:_:_:_:_:)`` with one set kept: only its log p matters.
        mutating func offer(_ i: Int, _ j: Int, _ k: Int, _ a: Int, _ u: Int) {
            let (setA, setU) = scorer.hasUnknowns ? knownTotals(i, j, k) : (bigA, bigU)
            guard a * setU > u * setA else { return }
            let logPValue: Double
            if setA == bigA && setU == bigU {
                if threshold.isFinite && test.logFirstTerm(affected: a, unaffected: u) > threshold + Search.slack { return }
                logPValue = test.logPValue(affected: a, unaffected: u)
            } else {
                logPValue = test.logPValue(affected: a, unaffected: u, affectedTotal: setA, unaffectedTotal: setU)
            }
            if logPValue > threshold { return }
            best = min(best, logPValue)
            threshold = best
            updateLeastHopeful()
            if logPValue <= scorer.stopBelow { stopped = true }
        }

        mutating func run() {
            let count = scorer.groupCount
            for index in 0..<count {
                offer(index, -1, -1, affectedCount[index], scorer.sizes[index] - affectedCount[index])
            }
            guard scorer.maxSize >= 2, count >= 2, bigA > 0 else { return }
            let rows = scorer.rows
            rows.withUnsafeBufferPointer { rows in search(rows) }
        }

        private mutating func search(_ rows: UnsafeBufferPointer<UInt64>) {
            guard let rowBase = rows.baseAddress else { return }
            let count = scorer.groupCount
            let hostWords = scorer.hostWords
            // Only groups that can still enter pair at all (Search's `live`), in group order.
            let live = (0..<count).filter { !hopeless(affectedCount[$0]) }
            let width = live.count
            guard width >= 2 else { return }
            let words = (bigA + 63) / 64
            var position = [Int](repeating: -1, count: count)
            for (index, group) in live.enumerated() { position[group] = index }

            // The affected part of each live group's row, affected hosts numbered in host order.
            let affected = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(width * words, 1))
            defer { affected.deallocate() }
            affected.initialize(repeating: 0)
            var bit = 0
            for host in 0..<min(scorer.hostCount, labeling.count) where labeling[host] {
                let mask = UInt64(1) << UInt64(bit % 64)
                defer { bit += 1 }
                for index in scorer.groupStart[host]..<scorer.groupStart[host + 1] {
                    let row = position[Int(scorer.groupList[index])]
                    if row >= 0 { affected[row * words + bit / 64] |= mask }
                }
            }
            guard let base = UnsafePointer(affected.baseAddress) else { return }

            var pairAffected = [Int32](repeating: 0, count: width * width)
            for p in 0..<width {
                for q in (p + 1)..<width {
                    pairAffected[p * width + q] = Int32(andPopcount(base + p * words, base + q * words, 0, words))
                }
            }
            // Hosts of the live pairs: per live group, its row of shared hosts (nil past the budget).
            let totals = totals
            let pairRows: [UnsafePointer<Int32>?] = live.map { i in
                totals.pairRow(i) { j in andPopcount(rowBase + i * hostWords, rowBase + j * hostWords, 0, hostWords) }
            }
            func hostsOfPair(_ p: Int, _ q: Int) -> Int {
                let i = live[p], j = live[q]
                if let row = pairRows[p] { return Int(row[j - i - 1]) }
                return andPopcount(rowBase + i * hostWords, rowBase + j * hostWords, 0, hostWords)
            }

            var minimalPair = [Bool](repeating: false, count: width * width)
            for p in 0..<width {
                if stopped { return }
                let i = live[p]
                for q in (p + 1)..<width {
                    let a = Int(pairAffected[p * width + q])
                    if hopeless(a) { continue }
                    let j = live[q]
                    let u = hostsOfPair(p, q) - a
                    if (a, u) == (affectedCount[i], scorer.sizes[i] - affectedCount[i])
                        || (a, u) == (affectedCount[j], scorer.sizes[j] - affectedCount[j]) { continue }
                    minimalPair[p * width + q] = true
                    offer(i, j, -1, a, u)
                }
            }
            guard scorer.maxSize >= 3, count >= 3 else { return }

            let prefix = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(words, 1))
            defer { prefix.deallocate() }
            let hostPrefix = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(hostWords, 1))
            defer { hostPrefix.deallocate() }
            guard let prefixBase = UnsafePointer(prefix.baseAddress), let hostPrefixBase = UnsafePointer(hostPrefix.baseAddress) else { return }
            // Per live group, the later ones it pairs with hopefully (Search's `partners`), as bits:
            // a triple needs all three of its pairs so, and the threshold only falls.
            let partnerWords = (width + 63) / 64
            var partners = [UInt64](repeating: 0, count: width * partnerWords)
            for p in 0..<width {
                for q in (p + 1)..<width where !hopeless(Int(pairAffected[p * width + q])) {
                    partners[p * partnerWords + q / 64] |= UInt64(1) << UInt64(q % 64)
                }
            }
            for p in 0..<width {
                let i = live[p]
                for q in (p + 1)..<width where minimalPair[p * width + q] && partners[p * partnerWords + q / 64] & (UInt64(1) << UInt64(q % 64)) != 0 {
                    if stopped { return }
                    let aij = Int(pairAffected[p * width + q])
                    if hopeless(aij) { continue }
                    let uij = hostsOfPair(p, q) - aij
                    let j = live[q]
                    for w in 0..<words { prefix[w] = base[p * words + w] & base[q * words + w] }
                    // The hosts of (i, j, k) for every later k, read when first needed.
                    var tripleRow: UnsafePointer<Int32>?
                    var tripleRowRead = false
                    var hostPrefixReady = false
                    // The later groups that pair hopefully with both i and j, in order.
                    for word in ((q + 1) / 64)..<partnerWords {
                        var candidates = partners[p * partnerWords + word] & partners[q * partnerWords + word]
                        if word == (q + 1) / 64 { candidates &= ~((UInt64(1) << UInt64((q + 1) % 64)) &- 1) }
                        while candidates != 0 {
                            let r = word * 64 + candidates.trailingZeroBitCount
                            candidates &= candidates &- 1
                            let aik = Int(pairAffected[p * width + r]), ajk = Int(pairAffected[q * width + r])
                            if hopeless(min(aij, aik, ajk)) { continue }
                            let a = andPopcount(prefixBase, base + r * words, 0, words)
                            if hopeless(a) { continue }
                            let limit = maxUnaffected(a)
                            if limit < 0 { continue }
                            let k = live[r]
                            if !tripleRowRead {
                                tripleRowRead = true
                                tripleRow = totals.tripleRow(i, j) { k in
                                    if !hostPrefixReady {
                                        hostPrefixReady = true
                                        for w in 0..<hostWords { hostPrefix[w] = rowBase[i * hostWords + w] & rowBase[j * hostWords + w] }
                                    }
                                    return andPopcount(hostPrefixBase, rowBase + k * hostWords, 0, hostWords)
                                }
                            }
                            var u: Int
                            if let tripleRow {
                                u = Int(tripleRow[k - j - 1]) - a
                            } else {
                                // Counted here, stopping once the set has too many unaffected hosts to enter.
                                if !hostPrefixReady {
                                    hostPrefixReady = true
                                    for w in 0..<hostWords { hostPrefix[w] = rowBase[i * hostWords + w] & rowBase[j * hostWords + w] }
                                }
                                var hosts = 0, w = 0
                                while w < hostWords && hosts - a <= limit {
                                    let end = min(w + 16, hostWords)
                                    hosts += andPopcount(hostPrefixBase, rowBase + k * hostWords, w, end)
                                    w = end
                                }
                                u = hosts - a
                            }
                            if u > limit { continue }
                            // Minimal only: adding any one trait to a pair must narrow its cover.
                            if (a, u) == (aij, uij) || (a, u) == (aik, hostsOfPair(p, r) - aik)
                                || (a, u) == (ajk, hostsOfPair(q, r) - ajk) { continue }
                            offer(i, j, k, a, u)
                        }
                    }
                }
            }
        }
    }
}
