import ChatDomain
import Foundation

/// The model catalogue shipped with kimichat (`Resources/models.json`, compiled in as
/// data, so the binary needs no file beside it).
public enum BundledModels {
    /// The catalogue; empty (with the reason logged by the caller) if the file is broken.
    public static func load() throws -> [ModelInfo] {
        try ModelCatalogueFile.decode(Data(PackageResources.models_json))
    }
}
