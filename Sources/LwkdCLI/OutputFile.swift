import Foundation

/// Writes output without harming what it writes to.
///
/// A regular file (or a new one) is replaced atomically: a temporary file in the same
/// directory, then a rename, so a failed run never leaves a partial file or clobbers an
/// existing one. A symbolic link has its target replaced and stays a link. A character
/// device or a FIFO (`/dev/null`, a pipe a reader waits on) is opened and written in place,
/// never replaced. Anything else (a socket, a block device) is refused.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String, environment: CLIEnvironment) throws {
        var full = InputLoader.resolve(path, in: environment)
        var info = stat()
        if lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            guard let target = realpath(full, nil) else {
                throw CLIFailure(
                    .outputNotWritten, "\(path): the symbolic link leads nowhere (or in a loop)")
            }
            full = String(cString: target)
            free(target)
        }
        if stat(full, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG, S_IFDIR: break
            case S_IFCHR, S_IFIFO: return try writeInPlace(bytes, to: full, shown: path)
            default:
                throw CLIFailure(
                    .outputNotWritten,
                    "\(path): not a regular file, character device or FIFO; refusing to replace it")
            }
        }
        let directory = (full as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw CLIFailure(.outputNotWritten, "\(path): directory \(directory) does not exist")
        }
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            throw CLIFailure(.outputNotWritten, "\(path): is a directory")
        }
        let temporary =
            directory + "/." + (full as NSString).lastPathComponent + ".lwkdconv-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CLIFailure(
                .outputNotWritten,
                "\(path): cannot create file: \(String(cString: strerror(errno)))")
        }
        var failed: Int32 = writeAll(bytes, to: fd) ?? 0
        if failed == 0, fsync(fd) != 0 { failed = errno }
        close(fd)
        if failed == 0, rename(temporary, full) != 0 { failed = errno }
        if failed != 0 {
            unlink(temporary)
            throw CLIFailure(.outputNotWritten, "\(path): \(String(cString: strerror(failed)))")
        }
    }

    /// Writes into a device or FIFO as it is (no temporary file, no rename).
    private static func writeInPlace(_ bytes: [UInt8], to full: String, shown path: String)
        throws
    {
        let fd = open(full, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIFailure(
                .outputNotWritten, "\(path): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        if let failure = writeAll(bytes, to: fd) {
            throw CLIFailure(.outputNotWritten, "\(path): \(String(cString: strerror(failure)))")
        }
    }

    /// Writes every byte, retrying interrupted writes; the errno of a failure, else nil.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBufferPointer { buffer -> Int32? in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, base + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return n < 0 ? errno : EIO }
                offset += n
            }
            return nil
        }
    }
}
