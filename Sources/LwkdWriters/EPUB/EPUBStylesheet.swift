/// The EPUB stylesheet, kept in the writer until theme loading lands on main.
// TODO(#5): move into themes/default/epub.css once LwkdThemes can load it.
enum EPUBStylesheet {
    static let css = """
        @charset "UTF-8";
        html { -epub-hyphens: auto; hyphens: auto; }
        body { margin: 0 5%; font-family: serif; line-height: 1.45; }
        h1, h2, h3, h4, h5, h6 { font-family: sans-serif; line-height: 1.2; hyphens: none; page-break-after: avoid; break-after: avoid; }
        h1 { font-size: 1.6em; margin: 1em 0 0.3em; }
        h2 { font-size: 1.3em; margin: 1.4em 0 0.4em; border-bottom: 1px solid #ccc; padding-bottom: 0.15em; }
        h3 { font-size: 1.1em; margin: 1.2em 0 0.3em; }
        p { margin: 0.5em 0; }
        a { color: #1a5fb4; text-decoration: none; }
        code, pre { font-family: monospace; font-size: 0.9em; }
        pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.5em; border-radius: 3px; }
        blockquote { margin: 0.8em 1.5em; color: #444; }
        img { max-width: 100%; height: auto; }
        table { border-collapse: collapse; margin: 0.8em 0; }
        th, td { border: 1px solid #bbb; padding: 0.2em 0.4em; }
        .dateline { font-family: sans-serif; font-size: 0.85em; color: #555; margin-top: 0; }
        .titlepage { text-align: center; margin-top: 30%; }
        .titlepage .title { font-size: 2em; }
        .titlepage .subtitle { font-family: sans-serif; font-size: 1.1em; margin: 0.6em 0; }
        nav#toc ol { list-style: none; padding-left: 0; }
        nav#toc li { margin: 0.8em 0 0; font-family: sans-serif; font-weight: bold; }
        /* Sections run on one line under their week, so the contents stays short. */
        nav#toc ol ol { padding-left: 1em; margin: 0.15em 0 0; font-family: serif; font-size: 0.9em; line-height: 1.5; }
        nav#toc ol ol li { display: inline; margin: 0; font-family: serif; font-weight: normal; }
        nav#toc ol ol li + li::before { content: " · "; color: #888; }

        """
}
