/// The port through which the app asks for the model lineup (the endpoint's list,
/// cached, merged with the bundled catalogue).
public protocol ModelListing: Sendable {
    /// The lineup, and a quiet note when the endpoint's list could not be had.
    func lineup() async -> (models: [ModelInfo], note: String?)
}
