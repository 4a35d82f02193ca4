import Foundation

/// Converts a wall-clock time of a time zone (read as if it were UTC) into the instant it denotes.
enum ZonedWallClock {
    /// `wall` is the wall time in milliseconds as if it were UTC. The offsets in force a day before
    /// and a day after are the candidates (zones change offset at most once within two days); the
    /// candidate whose instant really has that offset wins, the earlier one when both do (a wall
    /// time repeated when clocks go back); when neither does (a wall time skipped when clocks go
    /// forward) the offset before the change is used.
    static func instant(wallMilliseconds wall: Int64, in zone: TimeZone) -> Int64 {
        func offsetMs(at ms: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000))) * 1000
        }
        let day: Int64 = 86_400_000
        let before = offsetMs(at: wall - day)
        let after = offsetMs(at: wall + day)
        let valid = Set([before, after]).filter { offsetMs(at: wall - $0) == $0 }.map { wall - $0 }
        return valid.min() ?? (wall - before)
    }
}
