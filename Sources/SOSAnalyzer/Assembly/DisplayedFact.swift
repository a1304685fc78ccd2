/// A fact that is parsed and shown, nothing more: where it lives, how it is read, and which field
/// of the report holds it.
///
/// The assembler reads every entry of ``FactCatalog/displayed`` the same way (first candidate that
/// parses, its state when none does, its citation), so adding such a fact touches four files: its
/// spec and entry in `FactSpec.swift`, its parser with a real sample in the doc comment, its
/// ``Report`` field, and the renderer line that shows it.
struct DisplayedFact: Sendable {
    let spec: FactSpec
    let read: @Sendable (inout ReportAssembler) -> Void

    /// `line` says which line of the value to cite (nil: the member as a whole).
    init<Value: Sendable>(
        _ spec: FactSpec, parse parser: @escaping @Sendable (String) throws(ParseFailure) -> Value,
        into field: WritableKeyPath<Report, Value?> & Sendable, line: @escaping @Sendable (Value) -> Int?
    ) {
        self.spec = spec
        self.read = { assembler in
            guard let (value, found) = assembler.parse(spec, parser) else { return }
            assembler.report[keyPath: field] = value
            assembler.cite(spec.fact, found.member, line: line(value))
        }
    }
}
