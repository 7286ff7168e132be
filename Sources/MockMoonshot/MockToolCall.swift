/// A tool call the mock's model makes.
struct MockToolCall {
    var id: String
    var type: String
    var name: String
    var arguments: String

    static let webSearchResultTokens = 3_210

    /// `$web_search`, with arguments shaped as moonshot-api.md §9.1 describes: an opaque
    /// object carrying `usage.total_tokens`, the size of the results to come.
    static func webSearch(query: String, number: Int) -> MockToolCall {
        let arguments = "{\"query\":\(JSONText.quoted(query)),\"search_result\":{\"search_id\":\"mock-search-\(number)\"},"
            + "\"usage\":{\"total_tokens\":\(webSearchResultTokens)}}"
        return MockToolCall(id: "$web_search:mock-\(number)", type: "builtin_function", name: "$web_search",
                            arguments: arguments)
    }
}
