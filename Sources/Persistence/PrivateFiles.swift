import Foundation

/// Files that only their owner may read, as ssh and gpg keep theirs: chat history,
/// the log, the model cache, the text handed to an editor. Folders kimichat creates
/// are 0700 and files 0600; folders that already exist are left as they are.
public enum PrivateFiles {
    public static let fileMode: mode_t = 0o600
    public static let folderMode: mode_t = 0o700

    /// Creates `folder` and any missing folders above it, each 0700.
    public static func makeFolder(_ folder: String) throws(FileProblem) {
        var path = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            path += "/" + component
            if mkdir(path, folderMode) == 0 {
                // The umask may have taken bits away; it never adds any.
                chmod(path, folderMode)
            } else if errno != EEXIST {
                throw FileProblem(path: path, action: "create the folder", code: errno)
            }
        }
    }

    /// Creates an empty file 0600 (and its missing folders, 0700); false when it
    /// already existed, which is left untouched.
    @discardableResult
    public static func createFile(_ path: String) throws(FileProblem) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try makeFolder(folder) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw FileProblem(path: path, action: "create", code: errno)
        }
        fchmod(descriptor, fileMode)
        close(descriptor)
        return true
    }

    /// Writes `data` to a new file 0600 at `path`, which must not exist yet.
    public static func createFile(_ path: String, contents data: Data) throws(FileProblem) {
        guard try createFile(path) else { throw FileProblem(path: path, action: "create", code: EEXIST) }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw FileProblem(path: path, action: "write", code: errno)
        }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: data) } catch { throw FileProblem(path: path, action: "write", code: EIO) }
    }

    /// Replaces the file at `path` with `data` in one step (a private temporary file
    /// renamed over it), so a reader never sees half of it.
    public static func replace(_ path: String, with data: Data) throws(FileProblem) {
        let temporary = path + ".\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        try createFile(temporary, contents: data)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileProblem(path: path, action: "replace", code: code)
        }
    }

    /// The permission bits of the file at `path` when group or others may read it.
    public static func readableByOthers(_ path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let mode = status.st_mode & 0o777
        return mode & 0o044 != 0 ? mode : nil
    }

    /// Whether this process may write the file at `path` (`access`, so root may).
    public static func isWritable(_ path: String) -> Bool {
        access(path, W_OK) == 0
    }
}

/// A file or folder that could not be made or written, in words: the path and the
/// reason, never an error number.
public struct FileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let action: String
    public let reason: String
    public let isPermissionDenied: Bool

    public init(path: String, action: String, code: Int32) {
        self.path = path
        self.action = action
        reason = Self.words(for: code)
        isPermissionDenied = code == EACCES || code == EPERM
    }

    public var description: String { "cannot \(action) \(path): \(reason)" }

    /// The common causes in words; anything else stays general (the number means
    /// nothing to a reader).
    public static func words(for code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOSPC, EDQUOT: "the disk is full"
        case ENOENT: "a folder on the way does not exist"
        case ENOTDIR: "a part of the path is a file, not a folder"
        case EEXIST: "it already exists"
        case EISDIR: "it is a folder"
        case ENAMETOOLONG: "the name is too long"
        default: "the system refused"
        }
    }
}
