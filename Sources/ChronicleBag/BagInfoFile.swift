/// A parsed `bag-info.txt` (internal): ordered label/value pairs.
struct BagInfoFile {
    private(set) var pairs: [(label: String, value: String)] = []
    private(set) var problems: [String] = []

    init(bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            problems.append("is not valid UTF-8")
            return
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            if line.contains("\r") {
                problems.append("line \(index + 1) contains a carriage return")
                continue
            }
            if let first = line.first, first == " " || first == "\t" {
                guard let last = pairs.popLast() else {
                    problems.append("line \(index + 1) continues a line that does not exist")
                    continue
                }
                pairs.append((last.label, last.value + " " + line.trimmingSpaces()))
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append("line \(index + 1) is not 'Label: value'")
                continue
            }
            let label = String(line[..<colon]).trimmingSpaces()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces()
            if label.isEmpty {
                problems.append("line \(index + 1) has an empty label")
                continue
            }
            pairs.append((label, value))
        }
    }

    /// All values of `label` (case-insensitive), in order.
    func values(_ label: String) -> [String] {
        let wanted = label.lowercased()
        return pairs.filter { $0.label.lowercased() == wanted }.map(\.value)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
