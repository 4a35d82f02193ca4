import ChronicleTOML
import Foundation

// A toml-test decoder (https://github.com/toml-lang/toml-test): reads TOML on standard input,
// writes the tagged JSON form on standard output and exits 0; or writes the one-line error on
// standard error and exits 1. Used by scripts/toml-test-run.

let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
do {
    let table = try TOML.parse(input)
    FileHandle.standardOutput.write(Data((TaggedJSON.table(table) + "\n").utf8))
} catch {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
}
