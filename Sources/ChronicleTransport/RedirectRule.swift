import ChronicleCore
import Foundation

/// Which redirects the HTTP transport follows. A redirect keeps the credential header, so it is
/// followed only to the same scheme, host and port, or as an http→https upgrade on the same host.
/// Anything else (another host, another port, https→http, another scheme) is refused.
public enum RedirectRule {
    /// The statuses that redirect.
    public static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Scheme, host and port of a URL; safe to print (no user info, path or query).
    public struct Origin: Sendable, Hashable, CustomStringConvertible {
        public var scheme: String
        public var host: String
        public var port: Int

        public init?(_ url: URL) {
            guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = url.host?.lowercased(), !host.isEmpty
            else { return nil }
            self.scheme = scheme
            self.host = host
            self.port = url.port ?? (scheme == "https" ? 443 : 80)
        }

        public var description: String {
            let h = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            return "\(scheme)://\(h):\(port)"
        }
    }

    /// The absolute URL to follow `location` to from `current`, or a ``TransportError`` with kind
    /// `.redirectRefused` naming both origins (and nothing of the target's path or query).
    public static func target(
        from current: URL, location: String, request: String, scrub: (String) -> String = { $0 }
    ) -> Result<URL, TransportError> {
        guard let from = Origin(current) else {
            return .failure(TransportError(.redirectRefused, request: request, detail: "the redirect came from a URL that is not http(s)"))
        }
        guard let resolved = URL(string: location.trimmingCharacters(in: .whitespaces), relativeTo: current)?.absoluteURL,
            let to = Origin(resolved)
        else {
            return .failure(TransportError(.redirectRefused, request: request, detail: scrub("\(from) redirected to a location that is not an http(s) URL; refused")))
        }
        if resolved.user != nil || resolved.password != nil {
            return .failure(TransportError(.redirectRefused, request: request, detail: scrub("\(from) redirected to a URL with user info on \(to); refused")))
        }
        if isAllowed(from: from, to: to) { return .success(resolved) }
        let why: String
        if from.host != to.host {
            why = "another host"
        } else if from.scheme == "https" && to.scheme == "http" {
            why = "an https→http downgrade"
        } else {
            why = "another port"
        }
        return .failure(TransportError(
            .redirectRefused, request: request,
            detail: scrub("\(from) redirected to \(to), \(why); refused so the credential is not sent there. Point --base-url at \(to) if that host is the platform")
        ))
    }

    /// Same origin, or an http→https upgrade on the same host.
    public static func isAllowed(from: Origin, to: Origin) -> Bool {
        guard from.host == to.host else { return false }
        if from.scheme == to.scheme { return from.port == to.port }
        return from.scheme == "http" && to.scheme == "https"
    }
}
