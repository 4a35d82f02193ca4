import ChronicleCore
import ChronicleTOML
import Foundation

/// Reads and checks a configuration file. Every problem is a ``ConfigurationError`` naming the
/// file, the line and the key: a file that cannot be read, a syntax error, an unknown key, a
/// value of the wrong type or out of range, a missing required key.
///
/// The file is parsed by ChronicleTOML (TOML 1.0, see docs/configuration.md), which gives the
/// line of every key.
public enum ConfigurationLoader {
    public static func load(path: String) throws -> Configuration {
        try parse(ConfigurationFileReader.read(path: path), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> Configuration {
        try parse(Array(text.utf8), file: file)
    }

    /// Parses the bytes of a configuration file (UTF-8) named `file` in messages.
    public static func parse(_ bytes: [UInt8], file: String) throws -> Configuration {
        let table: TOMLTable
        do {
            table = try TOML.parse(bytes)
        } catch {
            throw ConfigurationError(file: file, line: error.line, key: "", message: "TOML syntax error: \(error.message) (column \(error.column))")
        }
        var reader = Reader(file: file, lines: TOMLKeyLines(table: table))
        return try reader.configuration(table)
    }

    struct Reader {
        let file: String
        let lines: TOMLKeyLines

        func error(_ key: String, _ message: String) -> ConfigurationError {
            ConfigurationError(file: file, line: lines.line(key), key: key, message: message)
        }

        /// The first key of `table` (in file order) that is not `allowed`, with the closest
        /// allowed key as a suggestion.
        func checkKeys(_ table: TOMLTable, allowed: [String], path: String) throws {
            for key in table.keys where !allowed.contains(key) {
                let full = path.isEmpty ? key : path + "." + key
                let suggestion = KeySuggestion.closest(to: key, among: allowed).map { "did you mean '\($0)'? " } ?? ""
                throw error(full, "unknown key; \(suggestion)expected one of \(allowed.joined(separator: ", "))")
            }
        }

        func string(_ table: TOMLTable, _ key: String, path: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let s = value.string else { throw wrongType(value, key, path, "a string") }
            try checkNoControlCharacters(s, key, path)
            return s
        }

        /// Strings go to file systems, URLs, environment lookups and regular expressions, where a
        /// NUL cuts them short and other control characters are never meant: refused. (A regular
        /// expression matches a line break with the two characters `\n`, written `'\n'` or
        /// `"\\n"` in TOML.)
        func checkNoControlCharacters(_ s: String, _ key: String, _ path: String) throws {
            if let c = s.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                let name = c.value == 0 ? "a NUL byte (U+0000)" : "the control character \(TOMLText.describe(c))"
                throw error(join(path, key), "the string contains \(name); remove it")
            }
        }

        func bool(_ table: TOMLTable, _ key: String, path: String) throws -> Bool? {
            guard let value = table[key] else { return nil }
            guard let b = value.bool else { throw wrongType(value, key, path, "true or false") }
            return b
        }

        func int(_ table: TOMLTable, _ key: String, path: String, range: ClosedRange<Int>) throws -> Int? {
            guard let value = table[key] else { return nil }
            guard let n = value.int else { throw wrongType(value, key, path, "an integer") }
            guard range.contains(n) else { throw error(join(path, key), "\(n) is out of range; expected \(range.lowerBound)…\(range.upperBound)") }
            return n
        }

        /// A price in US dollars per million tokens, in the range ``PriceOverride/checked(_:)`` accepts.
        func price(_ table: TOMLTable, _ key: String, path: String) throws -> Double? {
            guard let value = table[key] else { return nil }
            let d: Double
            if let f = value.double {
                d = f
            } else if let n = value.value.integer {
                d = Double(n)
            } else {
                throw wrongType(value, key, path, "a number (US dollars per million tokens)")
            }
            guard let price = PriceOverride.checked(d) else {
                throw error(join(path, key), "\(d) is not an accepted price; \(PriceOverride.rangeDescription)")
            }
            return price
        }

        func strings(_ table: TOMLTable, _ key: String, path: String) throws -> [String]? {
            guard let value = table[key] else { return nil }
            guard let array = value.array else { throw wrongType(value, key, path, "an array of strings") }
            var out: [String] = []
            for element in array {
                guard let s = element.string else { throw wrongType(element, key, path, "an array of strings") }
                try checkNoControlCharacters(s, key, path)
                out.append(s)
            }
            return out
        }

        func wrongType(_ value: TOMLNode, _ key: String, _ path: String, _ expected: String) -> ConfigurationError {
            error(join(path, key), "expected \(expected), found a value of type \(value.kind)")
        }

        func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

        mutating func configuration(_ root: TOMLTable) throws -> Configuration {
            try checkKeys(root, allowed: ["out", "timezone", "formats", "csv_bom", "source", "redact", "prices", "upload"], path: "")
            var config = Configuration(file: file)
            config.out = try string(root, "out", path: "")
            config.timezone = try string(root, "timezone", path: "")
            if let zone = config.timezone, TimeZone(identifier: zone) == nil {
                throw error("timezone", "'\(zone)' is not a known time zone (use an IANA name such as Europe/Berlin)")
            }
            if let formats = try strings(root, "formats", path: "") {
                for f in formats where !["html", "csv", "archive"].contains(f) {
                    throw error("formats", "unknown format '\(f)'; use html, csv and archive")
                }
                config.formats = formats
            }
            config.csvBOM = try bool(root, "csv_bom", path: "")
            if let value = root["source"] {
                guard let array = value.array else { throw wrongType(value, "source", "", "an array of tables ([[source]])") }
                var names = Set<String>()
                for (i, element) in array.enumerated() {
                    let path = "source[\(i + 1)]"
                    guard let table = element.table else { throw error(path, "expected a table ([[source]])") }
                    let source = try self.source(table, path: path)
                    guard names.insert(source.name).inserted else { throw error(path + ".name", "a second source is named '\(source.name)'; names must be unique") }
                    config.sources.append(source)
                }
            }
            if let value = root["redact"] {
                guard let table = value.table else { throw wrongType(value, "redact", "", "a table ([redact])") }
                try checkKeys(table, allowed: ["builtin", "patterns"], path: "redact")
                let patterns = try strings(table, "patterns", path: "redact") ?? []
                for p in patterns {
                    do { _ = try NSRegularExpression(pattern: p) } catch {
                        throw self.error("redact.patterns", "'\(p)' is not a valid regular expression")
                    }
                }
                config.redact = RedactConfiguration(builtin: try bool(table, "builtin", path: "redact") ?? true, patterns: patterns)
            }
            if let value = root["prices"] {
                guard let table = value.table else { throw wrongType(value, "prices", "", "a table of models ([prices.\"MODEL\"])") }
                for model in table.keys {
                    let path = "prices." + model
                    guard let entry = table[model]?.table else { throw error(path, "expected a table: [prices.\"\(model)\"] with input_per_mtok, output_per_mtok, …") }
                    let keys = ["input_per_mtok", "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok"]
                    try checkKeys(entry, allowed: keys, path: path)
                    config.prices[model] = PriceOverride(
                        inputPerMillion: try price(entry, "input_per_mtok", path: path),
                        outputPerMillion: try price(entry, "output_per_mtok", path: path),
                        cacheReadPerMillion: try price(entry, "cache_read_per_mtok", path: path),
                        cacheWritePerMillion: try price(entry, "cache_write_per_mtok", path: path)
                    )
                }
            }
            if let value = root["upload"] {
                guard let table = value.table else { throw wrongType(value, "upload", "", "a table ([upload])") }
                config.upload = try upload(table)
            }
            return config
        }

        func upload(_ table: TOMLTable) throws -> UploadConfiguration {
            let path = "upload"
            try checkKeys(table, allowed: [
                "url", "endpoint", "region", "retention_days", "retention_mode", "legal_hold", "storage_class", "credentials_file", "profile",
                "keep_local_days",
            ], path: path)
            guard let url = try string(table, "url", path: path) else { throw error(path + ".url", "missing required key: s3://bucket/prefix") }
            let rest = url.hasPrefix("s3://") ? String(url.dropFirst(5)) : ""
            let bucket = String(rest.prefix { $0 != "/" })
            guard url.hasPrefix("s3://"), (3...63).contains(bucket.count),
                bucket.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D })
            else {
                throw error(path + ".url", "'\(url)' is not s3://bucket/prefix (a bucket name is 3–63 characters: a–z, 0–9, '.', '-')")
            }
            if rest.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
                throw error(path + ".url", "the prefix of '\(url)' has a '.' or '..' component")
            }
            let endpoint = try string(table, "endpoint", path: path)
            if let endpoint, !(endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://")) {
                throw error(path + ".endpoint", "expected an http(s)://host[:port] URL of an S3-compatible store")
            }
            let region = try string(table, "region", path: path)
            if let region, region.isEmpty || !region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                throw error(path + ".region", "'\(region)' is not a region name (e.g. eu-central-1)")
            }
            if endpoint == nil, region == nil { throw error(path + ".region", "missing: give region (AWS) or endpoint (an S3-compatible store)") }
            guard let days = try int(table, "retention_days", path: path, range: 1...36_500) else {
                throw error(path + ".retention_days", "missing required key: how many days every object is locked (1…36500)")
            }
            let mode = try string(table, "retention_mode", path: path) ?? "COMPLIANCE"
            guard ["COMPLIANCE", "GOVERNANCE"].contains(mode) else {
                throw error(path + ".retention_mode", "'\(mode)' is not COMPLIANCE or GOVERNANCE")
            }
            let storageClass = try string(table, "storage_class", path: path)
            if let storageClass, !UploadConfiguration.storageClasses.contains(storageClass) {
                throw error(path + ".storage_class", "'\(storageClass)' is not one of \(UploadConfiguration.storageClasses.joined(separator: ", "))")
            }
            return UploadConfiguration(
                url: url, endpoint: endpoint, region: region, retentionDays: days, retentionMode: mode,
                legalHold: try bool(table, "legal_hold", path: path) ?? false, storageClass: storageClass,
                credentialsFile: try string(table, "credentials_file", path: path), profile: try string(table, "profile", path: path),
                keepLocalDays: try int(table, "keep_local_days", path: path, range: 0...36_500), line: lines.line(path)
            )
        }

        func source(_ table: TOMLTable, path: String) throws -> SourceConfiguration {
            try checkKeys(table, allowed: [
                "name", "platform", "base_url", "token_env", "token_file", "auth_style", "agents", "concurrency", "page_size", "options",
                "client_id_env", "client_id_file", "client_secret_env", "client_secret_file", "token_url", "token_format",
            ], path: path)
            guard let name = try string(table, "name", path: path) else { throw error(path + ".name", "missing required key (every [[source]] needs name, platform and base_url)") }
            guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), name != ".." else {
                throw error(path + ".name", "'\(name)' cannot name an output folder")
            }
            guard let platformName = try string(table, "platform", path: path) else { throw error(path + ".platform", "missing required key (every [[source]] needs name, platform and base_url)") }
            guard let platform = PlatformID(rawValue: platformName) else {
                let known = PlatformID.allCases.map(\.rawValue)
                let suggestion = KeySuggestion.closest(to: platformName, among: known).map { "did you mean '\($0)'? " } ?? ""
                throw error(path + ".platform", "unknown platform '\(platformName)'; \(suggestion)use one of \(known.joined(separator: ", "))")
            }
            guard let baseURL = try string(table, "base_url", path: path) else { throw error(path + ".base_url", "missing required key (every [[source]] needs name, platform and base_url)") }
            guard baseURL.hasPrefix("file:") || baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
                throw error(path + ".base_url", "expected an http(s) URL or file:DIR")
            }
            let tokenEnv = try string(table, "token_env", path: path)
            let tokenFile = try string(table, "token_file", path: path)
            if tokenEnv != nil, tokenFile != nil { throw error(path + ".token_file", "give either token_env or token_file, not both") }
            let auth = try string(table, "auth_style", path: path)
            if let auth, !["bearer", "x-api-key", "x-user-id"].contains(auth) {
                throw error(path + ".auth_style", "expected bearer, x-api-key or x-user-id")
            }
            var options: [String: String] = [:]
            if let value = table["options"] {
                guard let t = value.table else { throw wrongType(value, "options", path, "a table") }
                for key in t.keys {
                    guard let v = t[key] else { continue }
                    if let s = v.string {
                        try checkNoControlCharacters(s, key, path + ".options")
                        options[key] = s
                    } else if let n = v.int { options[key] = String(n) } else if let d = v.double { options[key] = String(d) } else if let b = v.bool { options[key] = String(b) } else {
                        throw wrongType(v, key, path + ".options", "a string, number or boolean")
                    }
                }
            }
            var source = SourceConfiguration(
                name: name, platform: platform, baseURL: baseURL, tokenEnv: tokenEnv, tokenFile: tokenFile, authStyle: auth,
                agents: try strings(table, "agents", path: path) ?? [],
                concurrency: try int(table, "concurrency", path: path, range: 1...256),
                pageSize: try int(table, "page_size", path: path, range: 1...1000),
                options: options, line: lines.line(path)
            )
            source.clientIDEnv = try string(table, "client_id_env", path: path)
            source.clientIDFile = try string(table, "client_id_file", path: path)
            source.clientSecretEnv = try string(table, "client_secret_env", path: path)
            source.clientSecretFile = try string(table, "client_secret_file", path: path)
            source.tokenURL = try string(table, "token_url", path: path)
            source.tokenFormat = try string(table, "token_format", path: path)
            return source
        }
    }
}
