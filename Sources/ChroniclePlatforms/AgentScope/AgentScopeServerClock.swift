import ChronicleCore
import Foundation

/// How AgentScope's zoneless times are read. Messages and their blocks carry the service's local
/// wall-clock time (`datetime.now().isoformat()`), with no zone: the source option
/// `server_timezone` (an IANA name such as `Europe/Berlin`) says which zone that is; without it
/// UTC is assumed. Sessions and agents are UTC with SQL storage and are read as UTC whatever the
/// option says. The original text is always kept.
struct AgentScopeServerClock: Sendable {
    /// The `[source.options]` key (and `--source-option` name).
    static let optionName = "server_timezone"

    /// The configured zone; nil when none is configured (UTC assumed and marked so).
    let zone: TimeZone?

    init(zone: TimeZone?) {
        self.zone = zone
    }

    /// Reads the option of `source`; an unknown zone name is a configuration error.
    static func of(_ source: SourceDescriptor) -> Result<AgentScopeServerClock, PlatformError> {
        guard let name = source.options[optionName]?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            return .success(AgentScopeServerClock(zone: nil))
        }
        guard let zone = TimeZone(identifier: name) else {
            return .failure(PlatformError(
                .badConfiguration, source: source.name, field: optionName,
                message: "'\(name)' is not a time zone this system knows: give an IANA name such as Europe/Berlin or UTC"
            ))
        }
        return .success(AgentScopeServerClock(zone: zone))
    }

    /// A message or block time: zoneless text is wall-clock time of the server's zone.
    func messageTime(_ text: String) -> Timestamp {
        guard let zone else { return Timestamp.iso8601(text) }
        return Timestamp.iso8601(text, zonelessIn: zone)
    }
}
