/// Fixed names and contents of a BagIt 1.0 bag (internal).
enum BagLayout {
    static let bagitTxt = "bagit.txt"
    static let bagInfo = "bag-info.txt"
    static let manifest = "manifest-sha256.txt"
    static let tagManifest = "tagmanifest-sha256.txt"
    static let data = "data"
    static let incompletePrefix = ".incomplete-"
    static let bagitContent = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    /// Tag files the tag manifest must cover.
    static let coveredTagFiles = [bagInfo, bagitTxt, manifest]
    /// Everything allowed at the top level of a bag.
    static let topLevel: Set<String> = [bagitTxt, bagInfo, manifest, tagManifest, data]
    /// Labels the builder writes itself.
    static let builderLabels: Set<String> = ["bagging-date", "payload-oxum", "bag-software-agent", "bag-size"]

    /// Why a payload path (relative to `data/`) cannot be written to a manifest, or nil.
    static func unwritablePathProblem(_ path: String) -> String? {
        for byte in path.utf8 {
            switch byte {
            case 0x0D: return "contains a carriage return"
            case 0x0A: return "contains a line feed"
            case 0x25: return "contains '%'"
            case 0x5C: return "contains a backslash"
            default: continue
            }
        }
        return nil
    }
}
