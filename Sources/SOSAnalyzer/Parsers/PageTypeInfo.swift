/// The contents of `/proc/pagetypeinfo` (2.6.24+): free blocks per migrate type and pageblock counts.
public struct PageTypeInfo: Sendable, Codable, Equatable {
    /// A `Node N, zone Z, type T counts…` row of the "Free pages count per migrate type" table.
    public struct FreeRow: Sendable, Codable, Equatable {
        public var node: Int
        public var zone: String
        /// Migrate type as printed: Unmovable, Movable, Reclaimable, HighAtomic, Reserve, CMA, Isolate.
        public var type: String
        /// Free blocks per order, order 0 first. A capped value (`>100000`) holds the cap.
        public var freeBlocks: [Int]
        /// Per order: true where the kernel printed `>N` because it stopped counting (RHEL 7.9, 5.4+).
        public var capped: [Bool]
        public var line: Int

        public init(node: Int, zone: String, type: String, freeBlocks: [Int], capped: [Bool], line: Int) {
            self.node = node
            self.zone = zone
            self.type = type
            self.freeBlocks = freeBlocks
            self.capped = capped
            self.line = line
        }
    }

    /// A `Node N, zone Z counts…` row of the "Number of blocks type" table.
    public struct BlockRow: Sendable, Codable, Equatable {
        public var node: Int
        public var zone: String
        /// Migrate type -> number of pageblocks of that type.
        public var blocks: [String: Int]
        public var line: Int

        public init(node: Int, zone: String, blocks: [String: Int], line: Int) {
            self.node = node
            self.zone = zone
            self.blocks = blocks
            self.line = line
        }
    }

    public var pageBlockOrder: Int?
    public var pagesPerBlock: Int?
    public var freeRows: [FreeRow]
    public var blockRows: [BlockRow]

    public init(pageBlockOrder: Int? = nil, pagesPerBlock: Int? = nil, freeRows: [FreeRow] = [], blockRows: [BlockRow] = []) {
        self.pageBlockOrder = pageBlockOrder
        self.pagesPerBlock = pagesPerBlock
        self.freeRows = freeRows
        self.blockRows = blockRows
    }
}

/// Reads `proc/pagetypeinfo`, formats of RHEL 6/7/8+ (type order differs, `>100000` caps).
///
/// Sample (corpus `pagetypeinfo-05.txt`, a ZTE router, 3.x-era kernel):
/// ```
/// Page block order: 10
/// Pages per block:  1024
///
/// Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 
/// Node    0, zone   Normal, type    Unmovable      5      0      0      0      0      0      0      0      0      0      0 
/// Node    0, zone   Normal, type  Reclaimable      4      3      0      0      0      0      0      0      0      0      0 
/// Node    0, zone   Normal, type      Movable     16     23      0      0      0      0      0      0      0      0      0 
/// ...
/// Number of blocks type     Unmovable  Reclaimable      Movable      Reserve          CMA      Isolate 
/// Node 0, zone   Normal            9            1           21            1            0            0 
/// ```
/// yields pageBlockOrder 10, pagesPerBlock 1024, 6 free rows (Movable `[16, 23, 0, …]`, line 7)
/// and one block row `["Unmovable": 9, "Reclaimable": 1, "Movable": 21, "Reserve": 1, "CMA": 0, "Isolate": 0]`.
/// The "Number of mixed blocks" table (PAGE_OWNER kernels) is skipped.
public enum PageTypeInfoParser {
    private enum Section { case header, free, blocks, mixed }

    /// - Throws: `.notCollected` for an empty file (the file is mode 0400 on RHEL 7.9, so a
    ///   non-root collection is empty); `.malformed` with the line of any row that cannot be read.
    public static func parse(_ text: String) throws(ParseFailure) -> PageTypeInfo {
        var info = PageTypeInfo()
        var section = Section.header
        var blockTypes: [Substring] = []
        var sawContent = false
        for line in TextLines(text) {
            let content = line.text.trimmedBlanks
            if content.isEmpty { continue }
            sawContent = true
            if content.hasPrefix("Page block order:") {
                info.pageBlockOrder = try integer(after: ":", in: content, line: line.number)
            } else if content.hasPrefix("Pages per block:") {
                info.pagesPerBlock = try integer(after: ":", in: content, line: line.number)
            } else if content.hasPrefix("Free pages count per migrate type") {
                section = .free
            } else if content.hasPrefix("Number of blocks type") {
                section = .blocks
                blockTypes = Array(content.blankSeparatedFields.dropFirst(4))
            } else if content.hasPrefix("Number of mixed blocks") {
                section = .mixed
            } else if let head = NodeZoneLine(content) {
                switch section {
                case .free:
                    info.freeRows.append(try freeRow(head, line: line.number))
                case .blocks:
                    let counts = try head.rest.map { field throws(ParseFailure) -> Int in
                        guard let count = Int(field) else {
                            throw .malformed(line: line.number, message: "pageblock count '\(field)' is not a number")
                        }
                        return count
                    }
                    guard counts.count == blockTypes.count else {
                        throw .malformed(line: line.number,
                                         message: "\(counts.count) pageblock counts for \(blockTypes.count) types")
                    }
                    var blocks: [String: Int] = [:]
                    for (type, count) in zip(blockTypes, counts) { blocks[String(type)] = count }
                    info.blockRows.append(PageTypeInfo.BlockRow(node: head.node, zone: head.zone,
                                                                blocks: blocks, line: line.number))
                case .mixed:
                    continue
                case .header:
                    throw .malformed(line: line.number, message: "zone row before any table header")
                }
            } else {
                throw .malformed(line: line.number, message: "unexpected line in pagetypeinfo")
            }
        }
        guard sawContent else { throw .notCollected("pagetypeinfo is empty") }
        return info
    }

    private static func freeRow(_ head: NodeZoneLine, line: Int) throws(ParseFailure) -> PageTypeInfo.FreeRow {
        guard head.rest.count >= 2, head.rest[head.rest.startIndex] == "type" else {
            throw .malformed(line: line, message: "expected ', type NAME' after the zone")
        }
        let type = String(head.rest[head.rest.startIndex + 1])
        var counts: [Int] = []
        var capped: [Bool] = []
        for field in head.rest.dropFirst(2) {
            let isCapped = field.hasPrefix(">")
            guard let count = Int(isCapped ? field.dropFirst() : field) else {
                throw .malformed(line: line, message: "free block count '\(field)' is not a number")
            }
            counts.append(count)
            capped.append(isCapped)
        }
        return PageTypeInfo.FreeRow(node: head.node, zone: head.zone, type: type,
                                    freeBlocks: counts, capped: capped, line: line)
    }

    private static func integer(after separator: Character, in content: Substring, line: Int) throws(ParseFailure) -> Int {
        guard let index = content.firstIndex(of: separator),
              let value = Int(content[content.index(after: index)...].trimmedBlanks) else {
            throw .malformed(line: line, message: "no number in \"\(content)\"")
        }
        return value
    }
}
