import ArgumentParser
import LwkdWriters

/// Options of the plain-text writer; the registry's default writer is replaced by one built
/// from them when the output format is `plain`.
struct PlainOptions: ParsableArguments {
    @Option(
        help:
            "Plain text: list link references after each 'section' or once at the end ('document')."
    )
    var referenceLocation: String = PlainTextWriter.ReferenceLocation.section.rawValue

    @Flag(help: "Plain text: write RFC 3676 format=flowed lines.")
    var flowed = false

    func validate() throws {
        guard PlainTextWriter.ReferenceLocation(rawValue: referenceLocation) != nil else {
            throw ValidationError("--reference-location must be 'section' or 'document'")
        }
    }

    /// `writer`, or a plain-text writer with these options when `writer` is the plain one.
    func configure(_ writer: any Writer) -> any Writer {
        guard writer is PlainTextWriter else { return writer }
        return PlainTextWriter(
            referenceLocation: PlainTextWriter.ReferenceLocation(rawValue: referenceLocation)
                ?? .section,
            flowed: flowed)
    }
}
