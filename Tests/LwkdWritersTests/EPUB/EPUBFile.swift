import Foundation
import LwkdXML
import ZIPFoundation

/// An EPUB read back for assertions: its members in zip order, and EPUBCheck when installed.
struct EPUBFile {
    let bytes: [UInt8]
    let paths: [String]
    let members: [String: [UInt8]]

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var paths: [String] = []
        var members: [String: [UInt8]] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            paths.append(entry.path)
            members[entry.path] = Array(data)
        }
        self.paths = paths
        self.members = members
    }

    func text(_ path: String) -> String {
        members[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Every XML member (`.xml`, `.opf`, `.ncx`, `.xhtml`, `.svg`) with its libxml2 problems.
    var xmlProblems: [String: [XMLProblem]] {
        var out: [String: [XMLProblem]] = [:]
        for path in paths
        where [".xml", ".opf", ".ncx", ".xhtml", ".svg"].contains(where: path.hasSuffix) {
            let problems = XMLCheck.problems(in: text(path))
            if !problems.isEmpty { out[path] = problems }
        }
        return out
    }

    /// The members as text, for golden comparison (binary members as their size).
    var listing: String {
        paths.map { path in
            // Images and the shared stylesheet by size only, so a CSS tweak does not rewrite every golden.
            let isOpaque =
                path.hasSuffix(".png") || path.hasSuffix(".jpg") || path.hasSuffix(".css")
            let body = isOpaque ? "(\(members[path]?.count ?? 0) bytes)\n" : text(path)
            return "=== \(path)\n\(body)"
        }.joined()
    }
}

/// Debian's `epubcheck` (a jar, run with `java -jar`), run on a written file when installed.
enum EPUBCheck {
    static let jar = "/usr/share/java/epubcheck.jar"
    static let java = "/usr/bin/java"

    static var isInstalled: Bool {
        FileManager.default.fileExists(atPath: jar)
            && FileManager.default.isExecutableFile(atPath: java)
    }

    /// EPUBCheck's messages for errors and warnings; empty when it passes cleanly.
    static func problems(in bytes: [UInt8], name: String) throws -> [String] {
        guard isInstalled else { return [] }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lwkd-epubcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name + ".epub")
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: java)
        process.arguments = ["-jar", jar, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(
            decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let problems = output.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("ERROR") || $0.hasPrefix("WARNING") || $0.hasPrefix("FATAL")
        }
        if process.terminationStatus != 0, problems.isEmpty {
            return ["epubcheck exited \(process.terminationStatus): \(output)"]
        }
        return problems
    }
}
