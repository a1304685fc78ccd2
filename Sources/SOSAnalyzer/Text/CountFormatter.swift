/// Counts for people: digits grouped by thousands with commas, as counters are quoted in a case.
///
/// `1204311` -> `1,204,311`, `999` -> `999`, `-4096` -> `-4,096`.
public enum CountFormatter {
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}
