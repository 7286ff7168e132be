/// What the API takes (moonshot-api.md §5.4, §9.4).
public enum RequestLimits {
    /// A whole request body: images go in it as base64, a third larger than the file.
    public static let bodyBytes = 100 * 1024 * 1024
    /// One uploaded file.
    public static let fileBytes = 100 * 1024 * 1024

    /// What an image adds to a request body: its base64 and the data URL around it.
    public static func bodyBytes(ofImage bytes: Int) -> Int {
        (bytes + 2) / 3 * 4 + 64
    }
}
