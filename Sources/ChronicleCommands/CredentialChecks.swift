import ChronicleCore
import Foundation

/// Checks a credential as it is read, before anything is sent: no control character (a token
/// with one was printed in an error, the JSON summary and state.sqlite), and a warning when its
/// file can be read by other users.
enum CredentialChecks {
    /// Throws a usage error (exit 64) naming `origin` — never the value — when `secret` holds a
    /// control character.
    static func check(_ secret: Secret, origin: String) throws(UsageError) {
        if secret.containsControlCharacters {
            throw UsageError("\(origin): the credential contains a control character (a pasted line break or escape?); fix it and run again (its value is not shown)")
        }
    }

    /// Prints a warning when the file holding a credential is readable or writable by group or
    /// others.
    static func warnIfShared(file: String) {
        var info = stat()
        guard stat(file, &info) == 0 else { return }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 != 0 else { return }
        let text = "chronicle: warning: the credential file \(file) can be read by other users (mode \(String(mode, radix: 8))); run: chmod 600 \(file)\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
