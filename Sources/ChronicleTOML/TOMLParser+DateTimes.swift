/// Offset date-times, local date-times, local dates and local times (RFC 3339 as TOML 1.0 takes
/// it: seconds required, `T`, `t` or a space between date and time), checked (months, days of
/// the month with leap years, hours, minutes, seconds up to 60 for a leap second, offsets) and
/// kept as written.
extension TOMLParser {
    /// A date or time if one starts at the cursor (`DDDD-` or `DD:`), else nil (a number).
    mutating func parseDateTimeIfPresent() throws(TOMLError) -> TOMLValue? {
        let isDate = digitAhead(0) && digitAhead(1) && digitAhead(2) && digitAhead(3) && scanner.peek(at: 4) == TOMLBytes.minus
        let isTime = digitAhead(0) && digitAhead(1) && scanner.peek(at: 2) == TOMLBytes.colon
        guard isDate || isTime else { return nil }
        let start = scanner.position
        let from = scanner.index
        if isTime {
            try parseTime(start)
            return .localTime(text(from))
        }
        try parseDate(start)
        // A time follows after T, t, or a space followed by a digit pair and a colon.
        let separator = scanner.peek
        let timeFollows: Bool
        if separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") {
            timeFollows = true
        } else if separator == TOMLBytes.space {
            timeFollows = digitAhead(1) && digitAhead(2) && scanner.peek(at: 3) == TOMLBytes.colon
        } else {
            timeFollows = false
        }
        guard timeFollows else { return .localDate(text(from)) }
        scanner.advance()
        try parseTime(start)
        guard let z = scanner.peek else { return .localDateTime(text(from)) }
        if z == UInt8(ascii: "Z") || z == UInt8(ascii: "z") {
            scanner.advance()
            return .offsetDateTime(text(from))
        }
        guard z == TOMLBytes.plus || z == TOMLBytes.minus else { return .localDateTime(text(from)) }
        scanner.advance()
        let hour = try twoDigits(start, "offset hour")
        guard scanner.consume(TOMLBytes.colon) else { throw badDateTime(start, "the offset needs hours and minutes, as +HH:MM") }
        let minute = try twoDigits(start, "offset minute")
        guard hour <= 23, minute <= 59 else { throw badDateTime(start, "offset \(hour):\(minute) is out of range (hours 00-23, minutes 00-59)") }
        return .offsetDateTime(text(from))
    }

    private func digitAhead(_ k: Int) -> Bool {
        scanner.peek(at: k).map(TOMLBytes.isDigit) ?? false
    }

    private func text(_ from: Int) -> String {
        String(decoding: scanner.bytes[from..<scanner.index], as: UTF8.self)
    }

    /// `YYYY-MM-DD`, a real date.
    private mutating func parseDate(_ start: TOMLPosition) throws(TOMLError) {
        let year = try digits(4, start, "year")
        scanner.advance()  // the '-' seen by the caller
        let month = try twoDigits(start, "month")
        guard scanner.consume(TOMLBytes.minus) else { throw badDateTime(start, "a date is written YYYY-MM-DD") }
        let day = try twoDigits(start, "day")
        guard (1...12).contains(month) else { throw badDateTime(start, "month \(month) is out of range (01-12)") }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { throw badDateTime(start, "day \(day) is out of range for month \(month) (01-\(days))") }
        if let b = scanner.peek, TOMLBytes.isDigit(b) { throw badDateTime(start, "the day has more than two digits") }
    }

    /// `HH:MM:SS` with an optional fraction.
    private mutating func parseTime(_ start: TOMLPosition) throws(TOMLError) {
        let hour = try twoDigits(start, "hour")
        guard scanner.consume(TOMLBytes.colon) else { throw badDateTime(start, "a time is written HH:MM:SS") }
        let minute = try twoDigits(start, "minute")
        guard scanner.consume(TOMLBytes.colon) else { throw badDateTime(start, "a time needs seconds in TOML 1.0 (HH:MM:SS)") }
        let second = try twoDigits(start, "second")
        guard hour <= 23, minute <= 59, second <= 60 else {
            throw badDateTime(start, "time \(hour):\(minute):\(second) is out of range (hours 00-23, minutes 00-59, seconds 00-60)")
        }
        if scanner.consume(TOMLBytes.dot) {
            guard let b = scanner.peek, TOMLBytes.isDigit(b) else { throw badDateTime(start, "a fraction of a second needs digits after the dot") }
            while let b = scanner.peek, TOMLBytes.isDigit(b) { scanner.advance() }
        }
    }

    private mutating func twoDigits(_ start: TOMLPosition, _ what: String) throws(TOMLError) -> Int {
        try digits(2, start, what)
    }

    private mutating func digits(_ count: Int, _ start: TOMLPosition, _ what: String) throws(TOMLError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let b = scanner.peek, TOMLBytes.isDigit(b) else { throw badDateTime(start, "the \(what) needs \(count) digits") }
            value = value * 10 + Int(b - 0x30)
            scanner.advance()
        }
        return value
    }

    private func badDateTime(_ start: TOMLPosition, _ why: String) -> TOMLError {
        TOMLError(at: start, "invalid date or time: \(why)")
    }
}
