import Foundation
import LwkdTestSupport
import Testing

/// The hidden preheader (issue 16), checked in a real browser engine: headless Chromium lays
/// out each sample's HTML e-mail, and a script in the page reports what a reader sees. The
/// preheader must add no visible text (the page's `innerText` is the same with the element
/// removed, and the element has no size) while its text is still the first text of the
/// document, where inbox previews take it from.
@Suite struct PreheaderChromiumTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs in the page after layout; writes its findings into `<pre id="lwkd-result">`.
    static let probe = """
        <script>
        addEventListener('load', () => {
          const p = document.querySelector('.preheader');
          const r = {found: !!p};
          if (p) {
            const box = p.getBoundingClientRect();
            r.text = p.textContent.trim();
            r.display = getComputedStyle(p).display;
            r.area = box.width * box.height;
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let first = '';
            while (walker.nextNode()) {
              const t = walker.currentNode.textContent.trim();
              if (t) { first = t; break; }
            }
            r.firstText = first;
            const visible = document.body.innerText;
            p.remove();
            r.sameWithout = visible === document.body.innerText;
          }
          const out = document.createElement('pre');
          out.id = 'lwkd-result';
          out.textContent = JSON.stringify(r);
          document.body.appendChild(out);
        });
        </script>
        """

    struct Finding: Decodable {
        var found: Bool
        var text: String?
        var display: String?
        var area: Double?
        var firstText: String?
        var sameWithout: Bool?
    }

    @Test func thePreheaderIsInThePreviewAndNowhereInTheVisibleBody() throws {
        guard let chromium = Self.chromium else {
            print(
                "skipped: Chromium preheader check (apt-get install chromium; make screenshots does)"
            )
            return
        }
        let dir = try TemporaryDirectory()
        var checked = 0
        for post in Repository.samplePosts + Repository.seedPosts {
            for theme in ["default", "lwkd"] {
                let name = "\(post.lastPathComponent) \(theme)"
                let run = CLIRun.run(
                    [
                        post.path, "--to", "html-email", "--theme", theme, "--quiet",
                        "--resource-path", Repository.samples.path,
                    ], directory: dir.path)
                try #require(run.code == 0, "\(name): \(run.stderr)")
                let html = run.stdout.replacingOccurrences(
                    of: "</body>", with: Self.probe + "</body>")
                let file = try dir.write("page.html", html)
                let finding = try Self.render(
                    file, chromium: chromium, profile: dir.path + "/profile")
                try #require(finding.found, "\(name): no .preheader element")
                let text = try #require(finding.text)
                #expect(!text.isEmpty, "\(name): empty preheader")
                #expect(
                    finding.firstText == text,
                    "\(name): the preview would start with '\(finding.firstText ?? "")'")
                #expect(finding.display == "none", "\(name): display \(finding.display ?? "?")")
                #expect(finding.area == 0, "\(name): the preheader takes \(finding.area ?? -1) px²")
                #expect(finding.sameWithout == true, "\(name): the preheader adds visible text")
                checked += 1
            }
        }
        #expect(checked >= 2 * Repository.samplePosts.count)
        if Repository.seedPosts.isEmpty { print("note: seeds not checked (../shared is missing)") }
    }

    /// Loads `file` in headless Chromium and reads the probe's result from the dumped DOM.
    static func render(_ file: String, chromium: String, profile: String) throws -> Finding {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
            "--virtual-time-budget=5000", "--dump-dom", "file://" + file,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let start = dom.range(of: "<pre id=\"lwkd-result\">"),
            let end = dom[start.upperBound...].range(of: "</pre>")
        else {
            throw HarnessFailure("chromium printed no result (exit \(process.terminationStatus))")
        }
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
                of: "&lt;", with: "<"
            )
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(
                of: "&amp;", with: "&")
        return try JSONDecoder().decode(Finding.self, from: Data(json.utf8))
    }

    struct HarnessFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
