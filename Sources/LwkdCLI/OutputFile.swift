import Foundation

/// Writes output atomically: a temporary file in the same directory, then a rename, so a failed
/// run never leaves a partial file or clobbers an existing one.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String, environment: CLIEnvironment) throws {
        let full = InputLoader.resolve(path, in: environment)
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
        var failed: Int32 = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return
                }
                offset += n
            }
        }
        if failed == 0, fsync(fd) != 0 { failed = errno }
        close(fd)
        if failed == 0, rename(temporary, full) != 0 { failed = errno }
        if failed != 0 {
            unlink(temporary)
            throw CLIFailure(.outputNotWritten, "\(path): \(String(cString: strerror(failed)))")
        }
    }
}
