/// How a page shows the bag's artifacts.
public enum ArtifactMode: Sendable {
    /// Relative links and `<img src>` into the bag; `dataPrefix` leads from the page to `data/`.
    case linked(dataPrefix: String)
    /// `data:` URIs read from `dataDirectory`, images only, while `budgetBytes` (of decoded
    /// bytes) lasts; larger or later artifacts are listed without being embedded (`share`).
    case embedded(dataDirectory: String, budgetBytes: Int)
}
