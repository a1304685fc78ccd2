import SOSArchive

/// Finds a fact's text among the members a pass kept, following links inside the report and
/// saying plainly why a fact is missing.
struct FactLookup {
    /// A member that holds a fact.
    struct Found {
        /// The text, decoded as UTF-8 with replacement characters.
        let text: String
        /// The member that holds the data (a link's final target): what evidence cites.
        let member: String
        /// The candidate path that led to it (a top-level link such as `uname`, or the member itself).
        let requested: String
        /// sos cut the file to its size limit (`sos_strings/` `.tailed` copy).
        let truncatedBySos: Bool
        /// The reader's own cap cut it.
        let capped: Bool
    }

    enum Lookup {
        case found(Found)
        case missing(FactState, reason: String?)
    }

    let index: MemberIndex
    let files: [String: MemberData]

    /// Candidate paths that exist in the report (as members or links), best first, without repeats.
    static func candidatePaths(_ spec: FactSpec, in index: MemberIndex) -> [String] {
        var seen = Set<String>()
        var paths: [String] = []
        for pattern in spec.candidates {
            let matches = pattern.isLiteral ? [pattern.text] : index.paths(matching: pattern.text)
            for path in matches where seen.insert(path).inserted {
                paths.append(path)
            }
        }
        return paths
    }

    /// The first candidate that holds something; else why there is nothing.
    func first(_ spec: FactSpec) -> Lookup {
        var state = FactState.notCollected
        var reason: String?
        for path in Self.candidatePaths(spec, in: index) {
            switch resolve(path) {
            case .found(let found):
                return .found(found)
            case .missing(let why, let text):
                if why != .notCollected { state = why }
                if reason == nil { reason = text }
            }
        }
        return .missing(state, reason: reason)
    }

    /// Every candidate that holds something, each data member once, in candidate order.
    func all(_ spec: FactSpec) -> [Found] {
        var seen = Set<String>()
        var found: [Found] = []
        for path in Self.candidatePaths(spec, in: index) {
            if case .found(let one) = resolve(path), seen.insert(one.member).inserted {
                found.append(one)
            }
        }
        return found
    }

    private func resolve(_ path: String) -> Lookup {
        switch index.resolve(path) {
        case .absent(let reason):
            return .missing(.notCollected, reason: index.member(at: path) == nil ? nil : reason)
        case .member(let member, _):
            guard member.kind == .file else { return .missing(.notCollected, reason: nil) }
            guard let data = files[member.path] else {
                return .missing(.notCollected, reason: "\(member.path) was not read")
            }
            let text = data.text
            if text.allSatisfy(\.isWhitespace) { return .missing(.empty, reason: "\(member.path) is empty") }
            let truncated = member.path.hasPrefix("sos_strings/") || member.path.hasSuffix(".tailed")
            return .found(Found(text: text, member: member.path, requested: path,
                                truncatedBySos: truncated, capped: data.truncated))
        }
    }
}
