import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Debian's headless Chromium, for the tests that need a real browser.
enum Chromium {
    /// The browser, or nil when it is not installed.
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The browser's path, or an error saying it is missing.
    static func executable() throws -> String {
        guard let path else { throw Missing() }
        return path
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { Chromium.missing }
    }

    static let missing =
        "chromium is not installed (make test-deps installs it): browser tests skipped"

    static let flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
        "--disable-background-networking", "--disable-dev-shm-usage",
    ]

    /// The DOM of `url` once loaded (scripts run), as `--dump-dom` prints it.
    static func dumpDOM(_ url: String) throws -> String {
        let profile = NSTemporaryDirectory() + "lwkdconv-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        process.arguments = flags + ["--user-data-dir=" + profile, "--dump-dom", url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A browser that keeps a page open, driven through its DevTools HTTP endpoint.
    final class Session {
        let process = Process()
        let profile = NSTemporaryDirectory() + "lwkdconv-chromium-" + UUID().uuidString
        private(set) var devToolsPort = 0

        init(_ url: String) throws {
            process.executableURL = URL(fileURLWithPath: try Chromium.executable())
            process.arguments =
                Chromium.flags + ["--user-data-dir=" + profile, "--remote-debugging-port=0", url]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if let text = try? String(
                    contentsOfFile: profile + "/DevToolsActivePort", encoding: .utf8),
                    let port = Int(text.split(separator: "\n").first ?? "")
                {
                    devToolsPort = port
                    return
                }
                usleep(50_000)
            }
            throw SessionError.noDevTools
        }

        deinit {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
            try? FileManager.default.removeItem(atPath: profile)
        }

        /// The titles of the open pages.
        func titles() -> [String] {
            let body = RawHTTP.body(RawHTTP.get("/json/list", port: devToolsPort))
            guard
                let targets = try? JSONSerialization.jsonObject(with: Data(body.utf8))
                    as? [[String: Any]]
            else { return [] }
            return targets.filter { $0["type"] as? String == "page" }.compactMap {
                $0["title"] as? String
            }
        }

        /// Waits up to `seconds` for a page whose title satisfies `test`; true when one did.
        func waitForTitle(within seconds: Double, _ test: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            repeat {
                if titles().contains(where: test) { return true }
                usleep(50_000)
            } while Date() < deadline
            return false
        }

        enum SessionError: Error { case noDevTools }
    }
}
