import ChronicleBag
import ChronicleConfig
import ChronicleCore
import ChronicleExport
import ChronicleRender
import ChronicleS3

/// The one place where failures become exit statuses (see the README and design.md):
/// `0` complete · `3` partial · `64` bad command line · `65` verify found damage ·
/// `69` a source could not be reached · `75` another run holds the lock ·
/// `77` a source refused the credentials · `78` bad configuration · `4` `verify` found only
/// sound bags, some of them valid BagIt bags that Chronicle did not write.
public enum ExitCodes {
    public static let complete: Int32 = 0
    public static let partial: Int32 = 3
    /// `verify`: no damage, but a bag was written by another BagIt tool, so only RFC 8493's checks
    /// ran. Not 1 (argument-parser's status for an uncaught error), not 2 (the shell's misuse of a
    /// builtin, and grep's and diff's "trouble"), not 3 (partial) and outside the sysexits range
    /// 64–78, whose codes all mean failure: a foreign bag is not damage.
    public static let foreignBag: Int32 = 4
    public static let usage: Int32 = 64
    public static let damaged: Int32 = 65
    public static let unavailable: Int32 = 69
    public static let software: Int32 = 70
    public static let cantCreate: Int32 = 73
    public static let locked: Int32 = 75
    public static let credentials: Int32 = 77
    public static let configuration: Int32 = 78
    /// A run stopped by SIGINT or SIGTERM exits 128 + the signal's number (130, 143); this is the
    /// status when the signal is not known.
    public static let interrupted: Int32 = 130

    public static func code(for error: any Error) -> Int32 {
        switch error {
        case let e as PlatformError:
            switch e.kind {
            case .credentialsRefused: return credentials
            case .unreachable, .unexpectedStatus, .pagingLoop, .malformedRecord, .notFound, .invalidArtifact: return unavailable
            case .badConfiguration: return configuration
            }
        case is ConfigurationError: return configuration
        case is TransportError: return unavailable
        case let e as ExportError:
            switch e.kind {
            case .lockHeld: return locked
            case .output, .state: return cantCreate
            case .interrupted: return interrupted
            }
        case is BagError: return cantCreate
        case let e as S3Error:
            switch e.kind {
            case .credentials: return credentials
            case .badLocation: return configuration
            case .unreachable, .refused, .malformedResponse: return unavailable
            case .localFile: return cantCreate
            }
        case is UsageError: return usage
        case is TemplateError: return configuration
        case let e as RenderError: return e.path.hasSuffix(".json.gz") ? damaged : cantCreate
        default: return software
        }
    }

    /// The status of a whole export: the most serious of its sources'.
    public static func code(for results: [SourceRunResult]) -> Int32 {
        var worst = complete
        func rank(_ c: Int32) -> Int {
            switch c {
            case credentials: return 6
            case unavailable, configuration: return 5
            case cantCreate, software: return 4
            case interrupted: return 7
            case partial: return 2
            default: return 0
            }
        }
        for r in results {
            let c: Int32
            switch r.status {
            case .complete: c = complete
            case .partial: c = partial
            case .failed: c = r.failure.map { code(for: $0) } ?? software
            }
            if rank(c) > rank(worst) { worst = c }
        }
        return worst
    }
}
