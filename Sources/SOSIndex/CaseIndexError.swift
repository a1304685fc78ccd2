/// What the index refuses to do.
public enum CaseIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchCase(String)

    public var description: String {
        switch self {
        case .noSuchCase(let name): return "no case \(name) in the index (index list shows the cases)"
        }
    }
}
