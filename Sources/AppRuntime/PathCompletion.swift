import Foundation

/// Tab in Alt-A's path prompt: the path completed as far as every name that fits
/// agrees, like a shell's Tab; the names when more than one still fits. A folder
/// completes with its `/`, ready for the next part.
public enum PathCompletion {
    public static func complete(_ typed: String, home: String,
                                list: (String) -> [String]? = { try? FileManager.default.contentsOfDirectory(atPath: $0) },
                                isFolder: (String) -> Bool = PathCompletion.isFolder) -> (path: String, choices: [String]) {
        if typed == "~" { return ("~/", []) }
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let stem = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let folder = expandFolder(folderPart, home: home)
        guard let names = list(folder) else { return (typed, []) }
        // Hidden files only when asked for with a dot.
        let fitting = names.filter { $0.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
        guard let first = fitting.first else { return (typed, []) }
        if fitting.count == 1 {
            let full = (folder as NSString).appendingPathComponent(first)
            return (folderPart + first + (isFolder(full) ? "/" : ""), [])
        }
        var common = first
        for name in fitting.dropFirst() {
            while !name.hasPrefix(common) { common.removeLast() }
        }
        return (folderPart + common, fitting.map { name in
            isFolder((folder as NSString).appendingPathComponent(name)) ? name + "/" : name
        })
    }

    static func expandFolder(_ folder: String, home: String) -> String {
        if folder.isEmpty { return FileManager.default.currentDirectoryPath }
        if folder == "~/" || folder.hasPrefix("~/") { return home + "/" + folder.dropFirst(2) }
        if folder.hasPrefix("/") { return folder }
        return FileManager.default.currentDirectoryPath + "/" + folder
    }

    public static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
