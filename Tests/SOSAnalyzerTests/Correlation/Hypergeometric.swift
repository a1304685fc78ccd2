/// Expected p-values computed the schoolbook way, independently of `FisherExactTest`:
/// exact binomial coefficients as integers, summed term by term.
enum Hypergeometric {
    /// C(n, k) exactly (fits UInt64 for the fleets in these tests: n <= 60).
    static func choose(_ n: Int, _ k: Int) -> UInt64 {
        guard k >= 0, k <= n else { return 0 }
        var result: UInt64 = 1
        for step in 0..<min(k, n - k) {
            result = result * UInt64(n - step) / UInt64(step + 1)
        }
        return result
    }

    /// P(X >= a) when n = a + u reports are drawn from A affected and U unaffected.
    static func upperTail(a: Int, u: Int, affected: Int, unaffected: Int) -> Double {
        let n = a + u
        var numerator: UInt64 = 0
        for k in a...min(n, affected) where n - k <= unaffected {
            numerator += choose(affected, k) * choose(unaffected, n - k)
        }
        return Double(numerator) / Double(choose(affected + unaffected, n))
    }
}
