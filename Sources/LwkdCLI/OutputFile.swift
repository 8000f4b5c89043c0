import Foundation
import LwkdWriters

/// Writes output without harming what it writes to.
///
/// A regular file (or a new one) is replaced atomically: a temporary file in the same
/// directory, then a rename, so a failed run never leaves a partial file or clobbers an
/// existing one. A symbolic link has its target replaced and stays a link. A character
/// device or a FIFO (`/dev/null`, a pipe a reader waits on) is opened and written in place,
/// never replaced. Anything else (a socket, a block device) is refused.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String, environment: CLIEnvironment) throws {
        try bytes.withUnsafeBufferPointer { try write($0, to: path, environment: environment) }
    }

    static func write(
        _ bytes: UnsafeBufferPointer<UInt8>, to path: String, environment: CLIEnvironment
    ) throws {
        try write(to: path, environment: environment) { writeAll(bytes, to: $0) }
    }

    /// Writes what `produce` hands its sink, a part at a time, with the same care as the
    /// bytes of a whole output: the temporary file is removed if `produce` throws or a write
    /// fails, and the destination is then as it was.
    static func write(
        to path: String, environment: CLIEnvironment,
        producing produce: ((UnsafeBufferPointer<UInt8>) -> Bool) throws -> Void
    ) throws {
        try write(to: path, environment: environment) { fd in
            var failure: Int32?
            try produce { chunk in
                failure = writeAll(chunk, to: fd)
                return failure == nil
            }
            return failure
        }
    }

    /// Opens where `path` leads as the type of file it is, and has `body` write into the
    /// descriptor (nil, or the errno of a failed write).
    private static func write(
        to path: String, environment: CLIEnvironment, body: (Int32) throws -> Int32?
    ) throws {
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
            case S_IFCHR, S_IFIFO: return try writeInPlace(to: full, shown: path, body: body)
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
        removeStaleTemporaries(in: directory)
        let temporary =
            directory + "/." + (full as NSString).lastPathComponent + ".lwkdconv-\(getpid())"
        let slot = PendingTemporaries.register(temporary)
        defer { PendingTemporaries.unregister(slot) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CLIFailure(
                .outputNotWritten,
                "\(path): cannot create file: \(String(cString: strerror(errno)))")
        }
        if let hold = ProcessInfo.processInfo.environment["LWKD_TEST_HOLD_TEMPORARY"],
            let seconds = Double(hold)
        {
            // For the interruption tests only: a window in which the temporary file exists.
            Thread.sleep(forTimeInterval: seconds)
        }
        var failed: Int32
        do {
            failed = try body(fd) ?? 0
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        if failed == 0, fsync(fd) != 0 { failed = errno }
        close(fd)
        if failed == 0, rename(temporary, full) != 0 { failed = errno }
        if failed != 0 {
            unlink(temporary)
            throw CLIFailure(.outputNotWritten, "\(path): \(String(cString: strerror(failed)))")
        }
    }

    /// Removes temporary files an earlier run left in `directory` (it was killed with
    /// SIGKILL, or the machine stopped): `.NAME.lwkdconv-PID`, regular, ours, and PID no
    /// longer running.
    static func removeStaleTemporaries(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return
        }
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: ".lwkdconv-", options: .backwards),
                marker.lowerBound > name.index(after: name.startIndex),
                let pid = Int32(name[marker.upperBound...]), pid > 0, pid != getpid()
            else { continue }
            // Alive, or someone else's: leave it.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            let file = directory + "/" + name
            var info = stat()
            guard lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                info.st_uid == getuid()
            else { continue }
            unlink(file)
        }
    }

    /// Writes into a device or FIFO as it is (no temporary file, no rename).
    private static func writeInPlace(
        to full: String, shown path: String, body: (Int32) throws -> Int32?
    ) throws {
        let fd = open(full, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIFailure(
                .outputNotWritten, "\(path): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        if let failure = try body(fd) {
            throw CLIFailure(.outputNotWritten, "\(path): \(String(cString: strerror(failure)))")
        }
    }

    /// Writes every byte, retrying interrupted writes; the errno of a failure, else nil.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Int32? {
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

/// The temporary files being written, removed by a SIGINT or SIGTERM handler before the signal
/// ends the process as it would have: a fixed table of C strings, since a signal handler may
/// only call async-signal-safe functions (unlink, signal, raise).
enum PendingTemporaries {
    static let capacity = 8
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    nonisolated(unsafe) static var installed = false
    static let lock = NSLock()

    /// Records `path` until ``unregister(_:)``; the slot, or nil when the table is full.
    static func register(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if !installed {
            _ = slots  // initialised here, never first in the handler
            let handler: @convention(c) (Int32) -> Void = { signal in
                for i in 0..<PendingTemporaries.capacity {
                    if let path = PendingTemporaries.slots[i] { unlink(path) }
                }
                Glibc.signal(signal, SIG_DFL)
                raise(signal)
            }
            for number in [SIGINT, SIGTERM, SIGHUP] {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = handler
                sigemptyset(&action.sa_mask)
                action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND))
                sigaction(number, &action, nil)
            }
            installed = true
        }
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = strdup(path)
            return i
        }
        return nil
    }

    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        let path = slots[slot]
        slots[slot] = nil
        free(path)
    }
}
