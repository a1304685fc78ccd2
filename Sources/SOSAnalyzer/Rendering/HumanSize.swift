/// Sizes the way people say them: "16 kB", "4 MB", "1.2 GB" (binary multiples, as the kernel
/// counts pages; `kB` as /proc/meminfo writes it).
///
/// `HumanSize.bytes(16384)` is "16 kB"; `HumanSize.kibibytes(67584)` is "66 MB".
public enum HumanSize {
    public static func bytes(_ value: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var amount = Double(value)
        var unit = 0
        while abs(amount) >= 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        if unit == 0 || amount == amount.rounded() || abs(amount) >= 100 {
            return "\(Int64(amount.rounded())) \(units[unit])"
        }
        let tenths = (amount * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int64(tenths)) \(units[unit])" : "\(tenths) \(units[unit])"
    }

    public static func kibibytes(_ value: Int) -> String {
        bytes(Int64(value) * 1024)
    }
}
