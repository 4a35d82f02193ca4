import ChronicleTestSupport
import Foundation
import Testing

/// packaging/chronicle-export.service and .timer, checked by systemd's own parser:
/// `systemd-analyze verify` in a root holding the units, systemd's targets and a /usr/bin/chronicle
/// (verify checks that ExecStart= names an executable). Unknown keys and bad values are only
/// warnings to systemd-analyze, so any output at all fails the test.
@Suite("The packaged systemd units")
struct SystemdUnitTests {
    @Test func systemdAnalyzeVerifyAcceptsTheUnits() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let result = try verify(in: tmp.path) { $0 }
        #expect(result.status == 0 && result.output.isEmpty, "systemd-analyze verify: \(result.output)")
    }

    /// The check above can fail: a misspelled hardening option is reported.
    @Test func aMisspelledOptionIsReported() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let result = try verify(in: tmp.path) { unit in
            unit.replacingOccurrences(of: "\nProtectSystem=strict\n", with: "\nProtectSytem=strict\n")
        }
        #expect(result.output.contains("Unknown key") && result.output.contains("ProtectSytem"), "\(result.output)")
    }

    @Test func theServiceRunsHardenedAsTheChronicleUser() throws {
        let unit = try read(Repository.root + "/packaging/chronicle-export.service")
        let settings = Set(unit.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
        for required in [
            "User=chronicle", "StateDirectory=chronicle", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
            "PrivateTmp=yes", "PrivateDevices=yes", "CapabilityBoundingSet=", "SystemCallFilter=@system-service",
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
            "SuccessExitStatus=75 143", "RestartPreventExitStatus=3 64 65 70 73 77 78",
        ] {
            #expect(settings.contains(required), "\(required) missing")
        }
        let timer = try read(Repository.root + "/packaging/chronicle-export.timer")
        #expect(timer.contains("\nPersistent=true\n") && timer.contains("\nRandomizedDelaySec="))
    }

    /// Builds ROOT/lib/systemd/system with the units (after `edit`) and systemd's targets, and a
    /// stand-in /usr/bin/chronicle, then runs `systemd-analyze verify --root=ROOT` on the units.
    func verify(in root: String, edit: (String) -> String) throws -> (status: Int32, output: String) {
        let units = root + "/lib/systemd/system"
        try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/usr/bin", withIntermediateDirectories: true)
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: root + "/usr/bin/chronicle"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root + "/usr/bin/chronicle")
        let system = "/lib/systemd/system"
        let targets = try FileManager.default.contentsOfDirectory(atPath: system).filter { $0.hasSuffix(".target") }
        try #require(!targets.isEmpty, "systemd's units are not in \(system); scripts/ensure-system-packages --tests installs systemd")
        for target in targets {
            try FileManager.default.copyItem(atPath: system + "/" + target, toPath: units + "/" + target)
        }
        for name in ["chronicle-export.service", "chronicle-export.timer"] {
            let text = try read(Repository.root + "/packaging/" + name)
            try Data(edit(text).utf8).write(to: URL(fileURLWithPath: units + "/" + name))
        }
        return try run("systemd-analyze", [
            "verify", "--man=no", "--root=" + root,
            "/lib/systemd/system/chronicle-export.service", "/lib/systemd/system/chronicle-export.timer",
        ])
    }
}
