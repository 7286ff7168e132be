import ChatDomain

/// The files waiting to go with the next message, shown as chips above the input. Each
/// is read (and a document uploaded and extracted) off the main actor as soon as it is
/// attached, so sending does not wait for it unless it is still on its way.
public struct AttachmentTray: Sendable, Equatable {
    public private(set) var items: [PendingAttachment] = []
    /// The chip Backspace at the start of the input selected: a second Backspace removes it.
    public var selected: Int?

    public init() {}

    public var isEmpty: Bool { items.isEmpty }

    /// Every attachment, once all are ready.
    public var ready: [Attachment]? {
        var ready: [Attachment] = []
        for item in items {
            guard case let .ready(attachment) = item.phase else { return nil }
            ready.append(attachment)
        }
        return ready
    }

    /// The first still on its way.
    public var pending: PendingAttachment? {
        items.first { if case .ready = $0.phase { false } else { true } }
    }

    /// `id` comes from `AppState`, which numbers every file of the run: a tray parked
    /// during an edit must never share an id with the one in use.
    mutating func add(id: Int, path: String, name: String, phase: PendingAttachment.Phase = .reading) {
        items.append(PendingAttachment(id: id, path: path, name: name, phase: phase))
    }

    mutating func update(_ id: Int, _ change: (inout PendingAttachment) -> Void) {
        guard let index = items.firstIndex(where: { $0.id == id }) else { return }
        change(&items[index])
    }

    @discardableResult
    mutating func remove(_ id: Int) -> PendingAttachment? {
        guard let index = items.firstIndex(where: { $0.id == id }) else { return nil }
        selected = nil
        return items.remove(at: index)
    }

    mutating func removeAll() {
        items = []
        selected = nil
    }

    func contains(_ id: Int) -> Bool { items.contains { $0.id == id } }
}

/// One file in the tray.
public struct PendingAttachment: Sendable, Equatable, Identifiable {
    public enum Phase: Sendable, Equatable {
        case reading
        case uploading
        case extracting
        case ready(Attachment)
    }

    public let id: Int
    /// As typed, `~` expanded by the reader.
    public var path: String
    public var name: String
    public var phase: Phase

    /// The chip's text: `report.pdf · 2.1 MB`, or the step it is at.
    public var chip: String {
        switch phase {
        case .reading: return "\(name) · reading…"
        case .uploading: return "\(name) · uploading…"
        case .extracting: return "\(name) · extracting…"
        case let .ready(attachment): return attachment.label
        }
    }
}

/// Alt-A's one-line path prompt above the input.
public struct PathPrompt: Sendable, Equatable {
    public var field = InputBuffer()
    /// The names Tab found when more than one fits, shown under the prompt.
    public var completions: [String] = []
    /// Bumped on each Tab, so a slow listing's answer is dropped once the path moved on.
    var completionRequest = 0
}

/// A bracketed paste that was exactly the path of a file: Enter attaches it.
public struct AttachOffer: Sendable, Equatable {
    public var path: String
    /// The pasted text, taken out of the input when the file is attached.
    public var pasted: String
}
