import Foundation
import LwkdTestSupport
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A `lwkdconv preview` process on a post in a temporary folder, for the browser tests.
final class PreviewProcess {
    static var binary: String {
        Repository.builtProducts.appendingPathComponent("lwkdconv").path
    }

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let folder: String
    let process = Process()
    private let errors = TextBuffer()
    private(set) var port = 0

    /// Writes `post` as `folder/name` and starts the preview on it.
    /// `before` prepares the folder first (a theme).
    init(
        post: String, name: String = "2026-08-20-update.md", arguments: [String] = [],
        before: (String) throws -> Void = { _ in }
    ) throws {
        folder = NSTemporaryDirectory() + "lwkdconv-preview-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: folder + "/site", withIntermediateDirectories: true)
        try write(post, name: name)
        try before(folder)
        // The test runner's threads block some signals and a child inherits that: start the
        // binary with every signal unblocked and at its default action (as a shell would).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", "-c",
                "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
                    + "[signal.signal(s, signal.SIG_DFL) for s in (signal.SIGINT, signal.SIGTERM)]; "
                    + "os.execv(sys.argv[1], sys.argv[1:])",
                Self.binary, "preview", "site/" + name,
            ] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        let errors = self.errors
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            errors.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if let found = Self.port(in: stderr) {
                port = found
                return
            }
            usleep(20_000)
        }
        throw PreviewError.notStarted(stderr)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    var stderr: String { errors.text.withLock { $0 } }

    var url: String { "http://127.0.0.1:\(port)/" }

    /// Replaces the post (or another file) in `site/`, atomically as editors save.
    func write(_ text: String, name: String = "2026-08-20-update.md") throws {
        try Data(text.utf8).write(
            to: URL(fileURLWithPath: folder + "/site/" + name), options: .atomic)
    }

    /// Sends Ctrl-C's SIGINT and waits up to `seconds` for the exit; the exit status, or nil.
    func interrupt(waiting seconds: Double = 10) -> Int32? {
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    static func port(in text: String) -> Int? {
        guard let range = text.range(of: "at http://127.0.0.1:") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    enum PreviewError: Error { case notStarted(String) }

    /// Text appended from the pipe's reading thread.
    final class TextBuffer: Sendable {
        let text = Mutex("")
    }
}

/// HTTP requests sent byte for byte, so a path like `/files/../x` reaches the server as
/// written (a browser or URLSession would normalise it first).
enum RawHTTP {
    /// The response to `GET path` (status line, headers and body), or "" when none came.
    static func get(_ path: String, port: Int, host: String? = nil) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return "" }
        let request =
            "GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65_536, 0) }
            guard count > 0 else { break }
            response += buffer[0..<count]
            // A server that keeps the connection open despite `Connection: close` (Chromium's
            // DevTools endpoint) has answered once its Content-Length bytes are in.
            if let length = contentLength(response), let end = headerEnd(response),
                response.count - end >= length
            {
                break
            }
        }
        return String(decoding: response, as: UTF8.self)
    }

    static func headerEnd(_ bytes: [UInt8]) -> Int? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where Array(bytes[index..<index + 4]) == marker {
            return index + 4
        }
        return nil
    }

    static func contentLength(_ bytes: [UInt8]) -> Int? {
        guard let end = headerEnd(bytes) else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).lowercased()
        guard let range = head.range(of: "\r\ncontent-length:") else { return nil }
        // Lines end in "\r\n", one Character in Swift.
        let value = head[range.upperBound...].prefix { $0 != "\r\n" }
        return Int(value.trimmingCharacters(in: .whitespaces))
    }

    /// The status code of a response.
    static func status(_ response: String) -> Int? {
        let parts = response.prefix { $0 != "\r\n" }.split(separator: " ")
        return parts.count > 1 ? Int(parts[1]) : nil
    }

    /// The body of a response.
    static func body(_ response: String) -> String {
        guard let range = response.range(of: "\r\n\r\n") else { return "" }
        return String(response[range.upperBound...])
    }
}
