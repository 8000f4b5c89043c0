import Foundation
import LwkdPreview
import Testing

/// What the preview may serve: files inside its roots, never one outside them.
@Suite struct PreviewFilesTests {
    /// A root folder with `post.md` and `images/x.png`, beside a `secret.txt` outside it.
    final class Layout {
        let base: String
        let root: String

        init() throws {
            base = NSTemporaryDirectory() + "lwkdconv-preview-files-" + UUID().uuidString
            root = base + "/site"
            try FileManager.default.createDirectory(
                atPath: root + "/images", withIntermediateDirectories: true)
            try Data("# post\n".utf8).write(to: URL(fileURLWithPath: root + "/post.md"))
            try Data([0x89, 0x50]).write(to: URL(fileURLWithPath: root + "/images/x.png"))
            try Data("secret\n".utf8).write(to: URL(fileURLWithPath: base + "/secret.txt"))
        }

        deinit { try? FileManager.default.removeItem(atPath: base) }
    }

    @Test func servesAFileInsideARoot() throws {
        let layout = try Layout()
        let files = PreviewFiles(roots: [layout.root])
        #expect(files.lookup("images/x.png")?.bytes == [0x89, 0x50])
        #expect(
            files.lookup("images/x%2Epng")?.bytes == [0x89, 0x50], "percent-encoding is decoded")
        #expect(PreviewFiles.mediaType(of: "a/x.png") == "image/png")
    }

    @Test(arguments: [
        "../secret.txt", "..%2fsecret.txt", "..%2Fsecret.txt", "%2e%2e/secret.txt",
        "images/../../secret.txt", "images/..%2f..%2fsecret.txt", "..\\secret.txt",
        "%2e%2e%5csecret.txt", "post.md%00.png", "", "/", "images",
    ])
    func refusesEveryPathOutsideTheRoots(_ path: String) throws {
        let layout = try Layout()
        #expect(PreviewFiles(roots: [layout.root]).lookup(path) == nil, "\(path)")
    }

    @Test func refusesASymbolicLinkThatLeadsOutside() throws {
        let layout = try Layout()
        try FileManager.default.createSymbolicLink(
            atPath: layout.root + "/leak.txt", withDestinationPath: layout.base + "/secret.txt")
        #expect(PreviewFiles(roots: [layout.root]).lookup("leak.txt") == nil)
    }
}

extension PreviewFilesTests {
    @Test func framedImagesTheRootsHoldAreServedLocally() throws {
        let layout = try Layout()
        let files = PreviewFiles(roots: [layout.root])
        let html = """
            <img src="https://lwkd.info/images/x.png" alt="a"><img src="https://lwkd.info/images/y.png" alt="b">\
            <img src="https://example.com/images/x.png" alt="c">
            """
        #expect(
            files.localizingImages(in: html, site: "https://lwkd.info")
                == """
                <img src="/files/images/x.png" alt="a"><img src="https://lwkd.info/images/y.png" alt="b">\
                <img src="https://example.com/images/x.png" alt="c">
                """)
    }
}
