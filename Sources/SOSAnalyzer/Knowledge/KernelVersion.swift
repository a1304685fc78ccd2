/// The numeric head of a kernel release: "3.10.0-1160.62.1.el7.x86_64" -> 3, 10, 0, build 1160.
struct KernelVersion: Sendable, Equatable {
    var major: Int
    var minor: Int
    var patch: Int?
    /// The first number after the dash (the RHEL build number).
    var build: Int?

    init?(_ release: String) {
        let trimmed = release.drop(while: { $0 == " " })
        let head = trimmed.prefix(while: { $0.isASCIIDigit || $0 == "." })
        let numbers = head.split(separator: ".").compactMap { Int($0) }
        guard numbers.count >= 2 else { return nil }
        major = numbers[0]
        minor = numbers[1]
        patch = numbers.count > 2 ? numbers[2] : nil
        let afterHead = trimmed.dropFirst(head.count)
        if afterHead.first == "-" {
            build = Int(afterHead.dropFirst().prefix(while: \.isASCIIDigit))
        }
    }
}
