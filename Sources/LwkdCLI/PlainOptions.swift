import ArgumentParser
import LwkdWriters

/// Options of the plain-text edition, handed to whichever writer uses them.
package struct PlainOptions: ParsableArguments {
    package init() {}

    @Option(
        help:
            "Plain text: list link references after each 'section' or once at the end ('document')."
    )
    var referenceLocation: String = PlainOptions.defaultReferenceLocation

    @Flag(help: "Plain text: write RFC 3676 format=flowed lines.")
    var flowed = false

    package static let defaultReferenceLocation = "section"

    package func validate() throws {
        guard ["section", "document"].contains(referenceLocation) else {
            throw ValidationError("--reference-location must be 'section' or 'document'")
        }
    }
}
