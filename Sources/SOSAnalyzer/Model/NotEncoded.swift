/// A value a `Report` carries in memory only: never written to JSON (its key is left out),
/// read back as the default, and not compared by `==`. For what only the library's own later
/// steps need, such as the names a report holds, which `Redaction` must learn but the shared
/// output must never show.
@propertyWrapper
public struct NotEncoded<Value: Sendable & Defaulted>: Codable, Sendable, Equatable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        wrappedValue = Value()
    }

    public func encode(to encoder: any Encoder) throws {}

    public static func == (lhs: NotEncoded, rhs: NotEncoded) -> Bool { true }
}

/// A value with a default, for ``NotEncoded``.
public protocol Defaulted {
    init()
}

extension KeyedEncodingContainer {
    /// The key is left out altogether.
    public mutating func encode<Value>(_ value: NotEncoded<Value>, forKey key: Key) throws {}
}

extension KeyedDecodingContainer {
    public func decode<Value>(_ type: NotEncoded<Value>.Type, forKey key: Key) throws -> NotEncoded<Value> {
        NotEncoded(wrappedValue: Value())
    }
}

/// An optional ``NotEncoded`` value is nil until set.
extension Optional: Defaulted {
    public init() {
        self = nil
    }
}
