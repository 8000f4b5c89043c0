import Foundation
import LwkdFuzzChecks
import Testing

/// Every input a fuzz run found (and the seeds it started from) replayed through the same
/// property checks, on every `make test` (issue 15). `Regressions/<target>/` (named seeds and
/// findings) and `Regressions/<target>/corpus/` (the minimised corpus of the fuzz runs,
/// `make fuzz-merge`) must pass; `Regressions/<target>/known/` holds findings of an issue still
/// open, each a known issue until its fix makes it pass (then the file moves up a folder).
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Regressions")

    static func files(_ target: String, known: Bool) -> [URL] {
        let folders = known ? [target + "/known"] : [target, target + "/corpus"]
        return folders.flatMap { name in
            let folder = root.appendingPathComponent(name)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter {
                !$0.hasPrefix(".") && !["known", "corpus", "README.md"].contains($0)
            }.sorted().map { folder.appendingPathComponent($0) }
        }
    }

    @Test func everyTargetHasRegressionFiles() {
        for target in FuzzTargets.names {
            #expect(!Self.files(target, known: false).isEmpty, "no regression files for \(target)")
        }
    }

    @Test(arguments: FuzzTargets.names)
    func regressionFilesHoldTheProperties(_ target: String) throws {
        for file in Self.files(target, known: false) {
            let bytes = try Array(Data(contentsOf: file))
            do {
                try FuzzTargets.check(target, bytes)
            } catch {
                Issue.record("\(file.path.dropFirst(Self.root.path.count + 1)): \(error)")
            }
        }
    }

    @Test(arguments: FuzzTargets.names)
    func knownFindingsStillFail(_ target: String) throws {
        for file in Self.files(target, known: true) {
            let bytes = try Array(Data(contentsOf: file))
            withKnownIssue("\(target)/known/\(file.lastPathComponent): an open finding") {
                try FuzzTargets.check(target, bytes)
            }
        }
    }
}
