import Foundation

/// One-sided Fisher's exact test for "a trait set is over-represented among the affected hosts",
/// computed exactly from log-factorials (no normal approximation, no loss at 10,000 reports).
///
/// With `A` affected and `U` unaffected reports, a set covering `a` affected and `u` unaffected
/// reports (`n = a + u`) has
/// `p = Σ_{k=a}^{min(n,A)} C(A,k)·C(U,n−k) / C(N,n)`, `N = A + U`:
/// the chance that `n` reports drawn at random include at least `a` affected ones.
/// For the reference fleet (5 affected, 6 unaffected) a set on the 5 affected hosts and on no
/// unaffected one has p = 1/C(11,5) = 1/462 ≈ 0.002165.
public struct FisherExactTest: Sendable {
    public let affectedTotal: Int
    public let unaffectedTotal: Int
    /// log(k!) for k = 0...N.
    private let logFactorials: [Double]

    public init(affectedTotal: Int, unaffectedTotal: Int) {
        self.affectedTotal = max(0, affectedTotal)
        self.unaffectedTotal = max(0, unaffectedTotal)
        let total = self.affectedTotal + self.unaffectedTotal
        var table = [Double](repeating: 0, count: total + 1)
        var sum = 0.0
        for k in stride(from: 1, through: total, by: 1) {
            sum += log(Double(k))
            table[k] = sum
        }
        logFactorials = table
    }

    /// Natural log of the one-sided p-value; 0 (p = 1) for counts outside the table.
    public func logPValue(affected a: Int, unaffected u: Int) -> Double {
        logPValue(affected: a, unaffected: u, affectedTotal: affectedTotal, unaffectedTotal: unaffectedTotal)
    }

    /// The same test over fewer reports (those where a set's traits are known): totals at most
    /// the table's, which serves them too.
    public func logPValue(affected a: Int, unaffected u: Int, affectedTotal bigA: Int, unaffectedTotal bigU: Int) -> Double {
        guard bigA >= 0, bigU >= 0, bigA + bigU <= affectedTotal + unaffectedTotal else { return 0 }
        // a = 0 is "at least none": certain, whatever the rounding of the sum would say.
        guard a > 0, u >= 0, a <= bigA, u <= bigU else { return 0 }
        let n = a + u
        let upper = min(n, bigA)
        let denominator = logChoose(bigA + bigU, n)
        var terms: [Double] = []
        terms.reserveCapacity(upper - a + 1)
        for k in a...upper where n - k <= bigU {
            terms.append(logChoose(bigA, k) + logChoose(bigU, n - k) - denominator)
        }
        guard let largest = terms.max() else { return 0 }
        let sum = terms.reduce(0.0) { $0 + exp($1 - largest) }
        return min(0, largest + log(sum))
    }

    /// Log of the first term of the sum (exactly `a` affected among the `n` drawn): a lower bound
    /// of the log p-value for three table lookups.
    func logFirstTerm(affected a: Int, unaffected u: Int) -> Double {
        guard a >= 0, u >= 0, a <= affectedTotal, u <= unaffectedTotal, a + u > 0 else { return 0 }
        return logChoose(affectedTotal, a) + logChoose(unaffectedTotal, u) - logChoose(affectedTotal + unaffectedTotal, a + u)
    }

    public func pValue(affected a: Int, unaffected u: Int) -> Double {
        exp(logPValue(affected: a, unaffected: u))
    }

    private func logChoose(_ n: Int, _ k: Int) -> Double {
        logFactorials[n] - logFactorials[k] - logFactorials[n - k]
    }
}
