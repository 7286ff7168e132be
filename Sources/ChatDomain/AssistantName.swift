/// What a reply's heading calls its author: Kimi, unless the reply came from another
/// service's model (a ChatGPT conversation imported keeps its model's name).
public enum AssistantName {
    public static func of(model: String?) -> String {
        guard let model, !model.isEmpty else { return "Kimi" }
        let lowered = model.lowercased()
        return lowered.hasPrefix("kimi") || lowered.hasPrefix("moonshot") ? "Kimi" : "Assistant"
    }
}
