import Foundation

/// What a model lets a conversation change (moonshot-api.md §1.2, §1.3, §9.7): the
/// settings editor shows the rest as fixed, and nothing fixed is sent.
public struct SettingsRules: Sendable, Equatable {
    public enum Thinking: Sendable, Equatable {
        /// kimi-k2.6: `thinking: {"type": "disabled"}` turns it off.
        case adjustable
        case alwaysOn
        case never
    }

    public var thinking: Thinking
    public var reasoningEffort: Bool
    /// The ranges that may be sent; nil when the model fixes its sampling.
    public var temperature: ClosedRange<Double>?
    public var topP: ClosedRange<Double>?
    public var maxTokens: ClosedRange<Int>
    public static let historyRounds = 0...10_000

    public init(_ model: ModelInfo) {
        switch model.thinking {
        case .byDefault: thinking = .adjustable
        case .always: thinking = .alwaysOn
        case .never: thinking = .never
        }
        reasoningEffort = model.reasoningEffort
        temperature = model.fixedSampling ? nil : (model.temperatureRange ?? 0...1)
        topP = model.fixedSampling ? nil : 0.01...1
        maxTokens = 16...max(16, model.contextLength - 1_024)
    }

    /// `0.3`, `1`: as few digits as the number needs.
    public static func number(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A typed decimal in `range`, or why not.
    public static func decimal(_ text: String, in range: ClosedRange<Double>) -> Result<Double, SettingsInputError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else {
            return .failure(SettingsInputError("a number from \(number(range.lowerBound)) to \(number(range.upperBound))"))
        }
        guard range.contains(value) else {
            return .failure(SettingsInputError("\(trimmed) is outside \(number(range.lowerBound))–\(number(range.upperBound))"))
        }
        return .success(value)
    }

    /// A typed whole number in `range`, or why not.
    public static func whole(_ text: String, in range: ClosedRange<Int>) -> Result<Int, SettingsInputError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard let value = Int(trimmed) else {
            return .failure(SettingsInputError("a whole number from \(range.lowerBound) to \(range.upperBound)"))
        }
        guard range.contains(value) else {
            return .failure(SettingsInputError("\(value) is outside \(range.lowerBound)–\(range.upperBound)"))
        }
        return .success(value)
    }
}

/// Why a typed value is refused, in words.
public struct SettingsInputError: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
