import Foundation

/// What an input file is for, so that a wrong kind of path is told in those terms.
package struct InputKind: Sendable {
    /// What the file should be ("a post", "a recipient list").
    var noun: String
    /// What to give instead of a folder.
    var folderHint: String

    static let post = InputKind(
        noun: "a post", folderHint: "give a post file, or convert the folder's posts with -o DIR/")
    package static let recipientList = InputKind(
        noun: "a recipient list", folderHint: "give the CSV file, as in --list subscribers.csv")
    static let dkimKey = InputKind(
        noun: "a DKIM key", folderHint: "give the PEM file, as in --dkim-key dkim.pem")
    static let template = InputKind(
        noun: "a template", folderHint: "give the template file, as in --template template.md")
    static let feed = InputKind(
        noun: "a feed", folderHint: "give the Atom feed file, as in --feed feed.xml")
}

/// Reads a named input file: a regular file only, never blocking on a FIFO or a device, each
/// refusal one line that says what the path really is.
enum InputFile {
    /// The bytes of the regular file at `full`, named `shown` in messages.
    static func read(_ full: String, shownAs shown: String, kind: InputKind) throws -> [UInt8] {
        var info = stat()
        guard stat(full, &info) == 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT, lstat(full, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                throw CLIFailure(
                    .unreadableInput, "\(shown): is a broken symlink (its target does not exist)")
            }
            throw failure(code, shown)
        }
        try requireRegular(info, shown, kind)
        // O_NONBLOCK: should a FIFO take the file's place after the check, opening it must not
        // wait for a writer; the check after opening then refuses it.
        let fd = open(full, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw failure(errno, shown) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw failure(errno, shown) }
        try requireRegular(info, shown, kind)
        // Straight into an array of the file's size and one byte more (issue 14: a zeroed
        // 64 KB chunk per file was a fortieth of a digest's instructions); only a file that grew
        // since fstat fills it and goes on in chunks.
        let size = Int(info.st_size)
        var bytes = try [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < buffer.count {
                let n = Glibc.read(fd, base + count, buffer.count - count)
                if n < 0, errno == EINTR { continue }
                guard n >= 0 else { throw failure(errno, shown) }
                if n == 0 { return }
                count += n
            }
        }
        if bytes.count <= size { return bytes }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw failure(errno, shown) }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }

    private static func requireRegular(_ info: stat, _ shown: String, _ kind: InputKind) throws {
        let type = info.st_mode & S_IFMT
        if type == S_IFREG { return }
        if type == S_IFDIR {
            throw CLIFailure(
                .unreadableInput, "\(shown): is a folder, not \(kind.noun); \(kind.folderHint)")
        }
        let what =
            switch type {
            case S_IFIFO: "a FIFO (named pipe)"
            case S_IFCHR: "a character device"
            case S_IFBLK: "a block device"
            case S_IFSOCK: "a socket"
            default: "of an unknown type"
            }
        throw CLIFailure(
            .unreadableInput,
            "\(shown): is \(what), not a regular file; give a file, or '-' to read standard input")
    }

    private static func failure(_ code: Int32, _ shown: String) -> CLIFailure {
        let reason =
            switch code {
            case ENOENT, ENOTDIR: "no such file"
            case ELOOP: "is a symlink loop (its links lead back to themselves), not a file"
            case EACCES, EPERM: "permission denied"
            case ENAMETOOLONG: "the path is too long"
            default: "cannot read file: \(String(cString: strerror(code)))"
            }
        return CLIFailure(.unreadableInput, "\(shown): \(reason)")
    }
}
