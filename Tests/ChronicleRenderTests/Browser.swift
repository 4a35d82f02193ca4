import ChronicleTestSupport
import Foundation
import Testing

/// Debian's headless Chromium (`chromium-headless-shell`, or `chromium`), run as a plain
/// program: `--dump-dom` after a virtual time budget, `--screenshot`.
enum Browser {
    static let executable: String? = {
        for name in ["chromium-headless-shell", "chromium", "chromium-browser"] {
            for dir in ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium"] where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
                return dir + "/" + name
            }
        }
        return nil
    }()

    static var common: [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--user-data-dir=" + NSTemporaryDirectory() + "chronicle-browser-profile"]
    }

    /// The DOM after the page loaded and any timers of 3 s (virtual time) ran.
    /// `extra` adds switches, e.g. `--allow-file-access-from-files` for a harness page that
    /// drives a page in a frame, or `--blink-settings=scriptEnabled=false`.
    static func dumpDOM(_ file: String, extra: [String] = [], budgetMilliseconds: Int = 3000) throws -> String {
        let browser = try #require(executable, "no headless Chromium: run scripts/ensure-system-packages --tests")
        let r = try run(browser, common + extra + ["--virtual-time-budget=\(budgetMilliseconds)", "--dump-dom", URL(fileURLWithPath: file).absoluteString])
        try #require(r.output.contains("</html>"), "the browser dumped no DOM: \(r.output.suffix(2000))")
        return r.output
    }

    /// A screenshot of `file`; `dark` emulates `prefers-color-scheme: dark`.
    static func screenshot(_ file: String, to png: String, dark: Bool, width: Int = 1100, height: Int = 1600) throws {
        let browser = try #require(executable, "no headless Chromium")
        let scheme = "--blink-settings=preferredColorScheme=\(dark ? 0 : 1)"
        let r = try run(browser, common + [scheme, "--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=" + png, URL(fileURLWithPath: file).absoluteString])
        try #require(FileManager.default.fileExists(atPath: png), "no screenshot: \(r.output.suffix(2000))")
    }
}

/// A loopback HTTP listener that records every request it gets: the canary for "no network
/// request leaves the page".
final class CanaryListener {
    let port: Int
    let log: String
    private let process: Process

    init(folder: String) throws {
        log = folder + "/canary.log"
        let script = """
            import http.server, socketserver, sys
            log = open(sys.argv[1], "a", buffering=1)
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    log.write(self.command + " " + self.path + "\\n"); self.send_response(204); self.end_headers()
                do_POST = do_GET
                def log_message(self, *a): pass
            s = socketserver.TCPServer(("127.0.0.1", 0), H)
            print(s.server_address[1], flush=True)
            s.serve_forever()
            """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, log]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while !line.contains(0x0A), let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty { line.append(byte) }
        port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Requests received so far.
    var requests: [String] {
        (FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) } ?? "").split(separator: "\n").map(String.init)
    }

    /// Checks the listener works at all (so an empty log means something).
    func selfTest() throws -> Bool {
        let r = try run("python3", ["-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:\(port)/self-test').read()"])
        return r.status == 0 && requests.contains("GET /self-test")
    }

    func stop() {
        // SIGKILL: a child of the test process may inherit a mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
