import LwkdXML

/// The preview page: every pane of a ``PreviewSnapshot`` on one page, which reloads itself
/// (keeping its scroll position) when the server announces a newer version over
/// Server-Sent Events.
public enum PreviewPage {
    /// The whole page for `snapshot`, rendering number `version`.
    public static func render(_ snapshot: PreviewSnapshot, version: Int) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>Preview: \(escape(snapshot.title))</title>\n"
        out += "<style>\n\(style)</style>\n</head>\n"
        out += "<body data-version=\"\(version)\">\n"
        out += header(snapshot, version: version)
        out += "<main>\n"
        if let failure = snapshot.failure {
            out +=
                "<section id=\"failure\" class=\"failure\">\n<h2>The post could not be read</h2>\n"
            out += finding(failure, lines: snapshot.sourceLines)
            out += "<p>The page reloads when the file changes.</p>\n</section>\n"
        }
        for pane in snapshot.panes { out += section(pane, version: version) }
        if !snapshot.facts.isEmpty { out += facts(snapshot.facts) }
        if snapshot.failure == nil { out += findings(snapshot) }
        out += source(snapshot.sourceLines, file: snapshot.file)
        out += "</main>\n<script>\n\(script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Parts

    static func header(_ snapshot: PreviewSnapshot, version: Int) -> String {
        var out =
            "<header class=\"bar\">\n<div class=\"what\"><strong>\(escape(snapshot.title))</strong>"
        out += " <span class=\"file\">\(escape(snapshot.file))</span></div>\n<nav>"
        var links = snapshot.panes.map { ($0.id, $0.title) }
        if snapshot.failure != nil { links.insert(("failure", "Error"), at: 0) }
        if !snapshot.facts.isEmpty { links.append(("facts", "Facts")) }
        if snapshot.failure == nil {
            links.append(("findings", "Check (\(snapshot.findings.count))"))
        }
        links.append(("source", "Source"))
        out += links.map { "<a href=\"#\($0.0)\">\(escape($0.1))</a>" }.joined(separator: " ")
        out += "</nav>\n<div class=\"status\"><span id=\"status\">connecting…</span> · rendering "
        out +=
            "\(version) in <span id=\"ms\">\(milliseconds(snapshot.milliseconds))</span> ms</div>\n"
        return out + "</header>\n"
    }

    static func section(_ pane: PreviewPane, version: Int) -> String {
        var out =
            "<section id=\"\(escape(pane.id))\" class=\"pane\">\n<h2>\(escape(pane.title))</h2>\n"
        if !pane.counts.isEmpty {
            out += "<p class=\"counts\">"
            out += pane.counts.map { count in
                let state = count.isOver ? "over" : "fits"
                return
                    "<span class=\"\(state)\">\(count.value) / \(count.limit) \(escape(count.unit))"
                    + (count.isOver ? " (over the limit)" : "") + "</span>"
            }.joined(separator: " · ")
            out += "</p>\n"
        }
        if let error = pane.error {
            return out + "<p class=\"error\">\(escape(error))</p>\n</section>\n"
        }
        switch pane.kind {
        case .frames(let widths):
            out += "<div class=\"frames\">\n"
            for width in widths {
                out += "<figure><figcaption>\(width) px</figcaption>"
                out += "<iframe title=\"\(escape(pane.title)) at \(width) px\" "
                out += "src=\"/frame/\(escape(pane.id))?v=\(version)\" width=\"\(width)\" "
                out +=
                    "height=\"900\" sandbox=\"allow-same-origin allow-popups\"></iframe></figure>\n"
            }
            out += "</div>\n"
        case .text:
            out += "<pre class=\"text\">\(escape(pane.body))</pre>\n"
        case .source:
            out += "<pre class=\"markup\">\(escape(pane.body))</pre>\n"
        }
        return out + "</section>\n"
    }

    static func facts(_ facts: [PreviewFact]) -> String {
        var out = "<section id=\"facts\" class=\"pane\">\n<h2>Facts</h2>\n<dl class=\"facts\">\n"
        for fact in facts {
            let value: String
            if let text = fact.value {
                value =
                    fact.isLink
                    ? "<a href=\"\(escape(text))\" rel=\"noreferrer\">\(escape(text))</a>"
                    : escape(text)
            } else {
                value = "<em>none</em>"
            }
            out += "<dt>\(escape(fact.name))</dt><dd>\(value)</dd>\n"
        }
        return out + "</dl>\n</section>\n"
    }

    static func findings(_ snapshot: PreviewSnapshot) -> String {
        var out = "<section id=\"findings\" class=\"pane\">\n<h2>Check</h2>\n"
        if snapshot.findings.isEmpty {
            return out + "<p class=\"clean\">No findings.</p>\n</section>\n"
        }
        out += "<ul class=\"findings\">\n"
        for item in snapshot.findings {
            out += "<li>" + finding(item, lines: snapshot.sourceLines) + "</li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    /// One finding: where (linked to its source line), what, and the line itself.
    static func finding(_ item: PreviewFinding, lines: [String]) -> String {
        var out = "<p class=\"finding \(escape(item.severity))\">"
        if let line = item.line {
            let place = item.column.map { "line \(line), column \($0)" } ?? "line \(line)"
            out += "<a class=\"at\" href=\"#L\(line)\">\(place)</a> "
        }
        out += "<span class=\"severity\">\(escape(item.severity))</span> "
        out += "<span class=\"message\">\(escape(item.message))</span>"
        if let rule = item.rule { out += " <code class=\"rule\">[\(escape(rule))]</code>" }
        out += "</p>\n"
        if let line = item.line, line >= 1, line <= lines.count {
            out += "<pre class=\"excerpt\"><span class=\"no\">\(line)</span> "
            out += "\(escape(lines[line - 1]))</pre>\n"
        }
        return out
    }

    static func source(_ lines: [String], file: String) -> String {
        var out = "<section id=\"source\" class=\"pane\">\n<h2>Source: \(escape(file))</h2>\n"
        out += "<ol class=\"source\">\n"
        for (index, line) in lines.enumerated() {
            out += "<li id=\"L\(index + 1)\"><code>\(escape(line))</code></li>\n"
        }
        return out + "</ol>\n</section>\n"
    }

    static func milliseconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Escapes text for HTML content and double-quoted attributes.
    static func escape(_ text: String) -> String { HTMLSerializer.escape(text, quotes: true) }

    // MARK: - Style and script

    static let style = """
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 15px; color: #1b1b1b; background: #eef0f3; }
        .bar { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline; padding: 10px 20px; background: #1d2733; color: #f3f5f7; }
        .bar a { color: #bcd3ff; text-decoration: none; margin-right: 10px; }
        .bar a:hover { text-decoration: underline; }
        .bar .file { color: #9aa7b5; font-family: monospace; margin-left: 8px; }
        .bar .status { margin-left: auto; color: #9aa7b5; font-size: 13px; }
        main { padding: 16px 20px 40px; }
        .pane { margin: 0 0 18px; padding: 12px 16px 14px; background: #ffffff; border: 1px solid #d6dae0; border-radius: 6px; scroll-margin-top: 56px; }
        .pane h2 { margin: 0 0 10px; font-size: 17px; }
        .frames { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
        figure { margin: 0; }
        figcaption { font-size: 12px; color: #5d6875; margin: 0 0 4px; }
        iframe { display: block; border: 1px solid #c9ced6; background: #ffffff; }
        pre { margin: 0; padding: 10px 12px; overflow: auto; max-height: 640px; background: #f6f7f9; border: 1px solid #e1e4e8; border-radius: 4px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; line-height: 1.45; }
        pre.text { white-space: pre; }
        pre.markup { white-space: pre-wrap; word-break: break-all; }
        .counts span { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; }
        .counts .fits { background: #e3f4e6; color: #1d5a2b; }
        .counts .over { background: #fde4e1; color: #8c1d13; font-weight: bold; }
        .error, .failure { color: #8c1d13; }
        .failure { background: #fff4f2; border-color: #e8a59c; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; font-family: monospace; word-break: break-all; }
        ul.findings { list-style: none; margin: 0; padding: 0; }
        ul.findings li { margin: 0 0 10px; }
        .finding { margin: 0 0 4px; }
        .finding .severity { display: inline-block; min-width: 56px; font-size: 12px; text-transform: uppercase; }
        .finding.error .severity { color: #b3261e; font-weight: bold; }
        .finding.warning .severity { color: #8a5a00; font-weight: bold; }
        .finding.notice .severity { color: #3b5b8a; }
        .finding .at { font-family: monospace; }
        pre.excerpt { max-height: none; }
        .no { display: inline-block; min-width: 3em; color: #8a94a0; text-align: right; margin-right: 8px; }
        ol.source { margin: 0; padding: 0 0 0 4.2em; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; line-height: 1.45; color: #8a94a0; max-height: 640px; overflow: auto; background: #f6f7f9; border: 1px solid #e1e4e8; border-radius: 4px; }
        ol.source li { padding-left: 8px; scroll-margin-top: 60px; }
        ol.source code { color: #1b1b1b; white-space: pre-wrap; font-family: inherit; }
        ol.source li:target { background: #fff3b0; }
        .clean { color: #1d5a2b; }

        """

    /// Restores the scroll position after a reload, and reloads when the server announces a
    /// newer rendering.
    static let script = """
        (function () {
          var version = Number(document.body.dataset.version);
          var key = "lwkdconv-preview-scroll";
          var saved = sessionStorage.getItem(key);
          function restore() {
            if (saved) { var at = JSON.parse(saved); window.scrollTo(at.x, at.y); }
          }
          restore();
          window.addEventListener("load", function () { restore(); sessionStorage.removeItem(key); });
          var status = document.getElementById("status");
          var events = new EventSource("/events");
          events.addEventListener("version", function (event) {
            status.textContent = "live";
            if (Number(event.data) !== version) {
              sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
              events.close();
              location.reload();
            }
          });
          events.onerror = function () { status.textContent = "reconnecting…"; };
        })();

        """
}
