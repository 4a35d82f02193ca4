/// A table while the document is being read, and the rules of TOML 1.0 about which keys and
/// headers may add to it:
///
/// - a key is defined once; a table is defined once (by its `[header]` or by the dotted keys
///   that made it);
/// - `[a.b]` may define `a` later only while `a` exists implicitly (made by a header that passed
///   through it), never after dotted keys made it;
/// - dotted keys extend only tables they made themselves or implicit ones, never a table defined
///   by a header, an array of tables or an inline table;
/// - inline tables and static arrays are complete once written.
final class TOMLTableBuilder {
    enum Origin {
        /// The document itself.
        case root
        /// Made by a header passing through it (`a` in `[a.b]`); a later `[a]` may define it.
        case implicit
        /// Defined by its own `[header]`.
        case header
        /// Made by dotted keys (`a.b = 1` makes `a`).
        case dotted
        /// An element of an array of tables (`[[a]]`).
        case arrayElement
        /// The body of an inline table while it is being read.
        case inline
    }

    enum Slot {
        /// A finished value: scalar, static array, or inline table.
        case value(TOMLNode)
        case table(TOMLTableBuilder)
        case tableArray(TOMLTableArrayBuilder)
    }

    struct Entry {
        let name: String
        let keyPosition: TOMLPosition
        let slot: Slot
    }

    var origin: Origin
    /// Where the table was defined (its header, or the key that made it).
    var position: TOMLPosition
    /// The keys from the root, for messages.
    let path: [String]
    /// Tables and arrays above this one; bounded by ``TOMLParser/maximumDepth``.
    let depth: Int
    private var entries: [Entry] = []
    private var index: [[Unicode.Scalar]: Int] = [:]

    init(origin: Origin, position: TOMLPosition, path: [String], depth: Int) {
        self.origin = origin
        self.position = position
        self.path = path
        self.depth = depth
    }

    func entry(_ name: String) -> Entry? {
        index[Array(name.unicodeScalars)].map { entries[$0] }
    }

    private func add(_ entry: Entry) {
        index[Array(entry.name.unicodeScalars)] = entries.count
        entries.append(entry)
    }

    private func child(_ origin: Origin, _ key: TOMLKeyPart) throws(TOMLError) -> TOMLTableBuilder {
        let table = TOMLTableBuilder(origin: origin, position: key.position, path: path + [key.name], depth: depth + 1)
        guard table.depth <= TOMLParser.maximumDepth else {
            throw TOMLError(at: key.position, "tables nest deeper than \(TOMLParser.maximumDepth) levels at \(TOMLText.keyPath(table.path))")
        }
        return table
    }

    // MARK: [header]

    /// The table a `[a.b.c]` header defines, made or found; `self` is the root.
    func defineTable(_ keys: [TOMLKeyPart], header: TOMLPosition) throws(TOMLError) -> TOMLTableBuilder {
        var table = self
        for key in keys.dropLast() { table = try table.descendForHeader(key) }
        guard let last = keys.last else { throw TOMLError(at: header, "a table header needs a key") }
        let shown = TOMLText.keyPath(keys.map(\.name))
        guard let existing = table.entry(last.name) else {
            let made = try table.child(.header, last)
            made.position = header
            table.add(Entry(name: last.name, keyPosition: last.position, slot: .table(made)))
            return made
        }
        switch existing.slot {
        case .table(let t):
            switch t.origin {
            case .implicit:
                t.origin = .header
                t.position = header
                return t
            case .dotted:
                throw TOMLError(at: last.position, "table [\(shown)] was already made by dotted keys on line \(t.position.line); add its keys there")
            case .header, .root, .arrayElement, .inline:
                throw TOMLError(at: last.position, "table [\(shown)] is already defined on line \(t.position.line); a table is defined once")
            }
        case .tableArray(let a):
            throw TOMLError(at: last.position, "[\(shown)] is an array of tables (line \(a.position.line)); add an element with [[\(shown)]]")
        case .value(let node):
            throw Self.notExtendable(shown, node, at: last.position)
        }
    }

    /// The element an `[[a.b.c]]` header appends, with its array made or found.
    func appendTableArrayElement(_ keys: [TOMLKeyPart], header: TOMLPosition) throws(TOMLError) -> TOMLTableBuilder {
        var table = self
        for key in keys.dropLast() { table = try table.descendForHeader(key) }
        guard let last = keys.last else { throw TOMLError(at: header, "a table header needs a key") }
        let shown = TOMLText.keyPath(keys.map(\.name))
        guard let existing = table.entry(last.name) else {
            let array = TOMLTableArrayBuilder(position: header)
            let element = try table.child(.arrayElement, last)
            element.position = header
            array.elements.append(element)
            table.add(Entry(name: last.name, keyPosition: last.position, slot: .tableArray(array)))
            return element
        }
        switch existing.slot {
        case .tableArray(let array):
            let element = try table.child(.arrayElement, last)
            element.position = header
            array.elements.append(element)
            return element
        case .table(let t):
            throw TOMLError(at: last.position, "[[\(shown)]] cannot add to \(shown), a table defined on line \(t.position.line)")
        case .value(let node):
            if case .array = node.value {
                throw TOMLError(at: last.position, "[[\(shown)]] cannot add to \(shown), a static array on line \(node.position.line)")
            }
            throw Self.notExtendable(shown, node, at: last.position)
        }
    }

    /// A header passing through `key`: an existing table (any origin but inline), the last
    /// element of an array of tables, or a new implicit table.
    private func descendForHeader(_ key: TOMLKeyPart) throws(TOMLError) -> TOMLTableBuilder {
        guard let existing = entry(key.name) else {
            let made = try child(.implicit, key)
            add(Entry(name: key.name, keyPosition: key.position, slot: .table(made)))
            return made
        }
        switch existing.slot {
        case .table(let t): return t
        case .tableArray(let a):
            guard let last = a.elements.last else { throw TOMLError(at: key.position, "empty array of tables") }
            return last
        case .value(let node): throw Self.notExtendable(TOMLText.keyPath(path + [key.name]), node, at: key.position)
        }
    }

    // MARK: key = value

    /// Sets `a.b.c = value` in this table (the current section, or an inline table being read).
    func setValue(_ keys: [TOMLKeyPart], _ value: TOMLNode) throws(TOMLError) {
        var table = self
        for key in keys.dropLast() { table = try table.descendForDottedKey(key) }
        guard let last = keys.last else { throw TOMLError(at: value.position, "a value needs a key") }
        if let existing = table.entry(last.name) {
            let shown = TOMLText.keyPath(table.path + [last.name])
            throw TOMLError(at: last.position, "key \(shown) is already defined on line \(Self.line(of: existing)); a key is defined once")
        }
        if case .table = value.value, table.depth + 1 > TOMLParser.maximumDepth {
            throw TOMLError(at: value.position, "tables nest deeper than \(TOMLParser.maximumDepth) levels")
        }
        table.add(Entry(name: last.name, keyPosition: last.position, slot: .value(value)))
    }

    /// A dotted key passing through `key`: a table dotted keys made (or an implicit one, which
    /// they then own), or a new one.
    private func descendForDottedKey(_ key: TOMLKeyPart) throws(TOMLError) -> TOMLTableBuilder {
        var shown: String { TOMLText.keyPath(path + [key.name]) }
        guard let existing = entry(key.name) else {
            let made = try child(.dotted, key)
            add(Entry(name: key.name, keyPosition: key.position, slot: .table(made)))
            return made
        }
        switch existing.slot {
        case .table(let t):
            switch t.origin {
            case .dotted: return t
            case .implicit:
                t.origin = .dotted
                return t
            case .header, .root, .arrayElement, .inline:
                throw TOMLError(at: key.position, "table [\(shown)] is defined by its header on line \(t.position.line); dotted keys cannot add to it, write the key under that header")
            }
        case .tableArray(let a):
            throw TOMLError(at: key.position, "\(shown) is an array of tables (line \(a.position.line)); dotted keys cannot add to it")
        case .value(let node):
            throw Self.notExtendable(shown, node, at: key.position)
        }
    }

    private static func line(of entry: Entry) -> Int {
        switch entry.slot {
        case .value: return entry.keyPosition.line
        case .table(let t): return t.position.line
        case .tableArray(let a): return a.position.line
        }
    }

    private static func notExtendable(_ shown: String, _ node: TOMLNode, at position: TOMLPosition) -> TOMLError {
        if case .table = node.value {
            return TOMLError(at: position, "\(shown) is an inline table (line \(node.position.line)), which is complete as written and cannot be extended")
        }
        return TOMLError(at: position, "\(shown) is already a \(node.value.kind) (line \(node.position.line)), not a table")
    }

    // MARK: Result

    /// The finished table (recursion bounded by the depth limit).
    func build() -> TOMLTable {
        var table = TOMLTable()
        for entry in entries {
            let node: TOMLNode
            switch entry.slot {
            case .value(let v): node = v
            case .table(let t): node = TOMLNode(.table(t.build()), at: t.position)
            case .tableArray(let a):
                node = TOMLNode(.array(a.elements.map { TOMLNode(.table($0.build()), at: $0.position) }), at: a.position)
            }
            table.append(TOMLEntry(key: entry.name, keyPosition: entry.keyPosition, node: node))
        }
        return table
    }
}

/// An array of tables (`[[a]]`) while it is being read: each header appends an element.
final class TOMLTableArrayBuilder {
    /// The first `[[header]]`.
    let position: TOMLPosition
    var elements: [TOMLTableBuilder] = []

    init(position: TOMLPosition) {
        self.position = position
    }
}

/// One part of a dotted key, unquoted, and where it was written.
struct TOMLKeyPart {
    let name: String
    let position: TOMLPosition
}
