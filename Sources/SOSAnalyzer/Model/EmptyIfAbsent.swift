/// A collection that decodes as empty when its key is absent, so records written before the key
/// existed still read. It is always encoded.
@propertyWrapper
public struct EmptyIfAbsent<Value: Codable & Sendable & Defaulted>: Codable, Sendable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension EmptyIfAbsent: Equatable where Value: Equatable {}

extension Dictionary: Defaulted {}

extension KeyedDecodingContainer {
    public func decode<Value>(_ type: EmptyIfAbsent<Value>.Type, forKey key: Key) throws -> EmptyIfAbsent<Value> {
        try decodeIfPresent(type, forKey: key) ?? EmptyIfAbsent(wrappedValue: Value())
    }
}
