import ChronicleCore
import ChronicleTransport
import Testing

/// The replay layout keeps every response at its own file, and no response file where another
/// request needs a folder (found by Fuzz/FuzzReplayLayout).
@Suite("Replay layout")
struct ReplayLayoutTests {
    /// `GET /x` is `x/GET.json`; `GET /x/GET.json` used to need the folder `x/GET.json` too, so
    /// one of the two could not be recorded.
    @Test(arguments: ["GET.json", "GET.JSON", "GET.json.meta", "POST@a=1.json", "x.Meta"])
    func segmentNamedLikeAResponseFileIsNotAFolderOfIt(segment: String) {
        let file = ReplayLayout.relativePath(for: TransportRequest(method: segment.hasPrefix("POST") ? "POST" : "GET", path: ["x"], query: segment.hasPrefix("POST") ? [.init("a", "1")] : []))
        let inside = ReplayLayout.relativePath(for: TransportRequest(path: ["x", segment, "y"]))
        let folder = inside.split(separator: "/").dropLast().joined(separator: "/")
        #expect(!(folder + "/").hasPrefix(file + "/"), "\(inside) needs \(file) as a folder")
        #expect(!(folder + "/").hasPrefix(file + ".meta/"), "\(inside) needs \(file).meta as a folder")
        #expect(!folder.lowercased().hasSuffix(".json") && !folder.lowercased().hasSuffix(".meta"))
    }

    @Test func segmentsEndingInJSONOrMetaKeepTheirOtherCharacters() {
        #expect(ReplayLayout.encodeSegment("GET.json") == "GET%2Ejson")
        #expect(ReplayLayout.encodeSegment("report.Meta") == "report%2EMeta")
        #expect(ReplayLayout.encodeSegment("a.json.gz") == "a.json.gz")
        #expect(ReplayLayout.encodeSegment("json") == "json")
        #expect(ReplayLayout.encodeSegment(".json") == "%2Ejson")
        // Still one encoding per segment: a literal "%2E" is written "%252E".
        #expect(ReplayLayout.encodeSegment("GET%2Ejson") == "GET%252Ejson")
    }
}
