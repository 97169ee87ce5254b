import PortalKernel
import Testing

/// #25, SPEC F17: the names files are shown and downloaded under.
@Suite("Attached file names")
struct AttachedFileNameTests {
    @Test("F17: a name loses its folders, control and direction-changing characters and leading dots, keeps emoji sequences, and ends in its type's extension")
    func names() {
        #expect(AttachedFileName.clean("C:\\crew\\after.jpg", fileExtension: "jpg") == "after.jpg")
        #expect(AttachedFileName.clean("../../etc/passwd", fileExtension: "pdf") == "passwd.pdf")
        #expect(AttachedFileName.clean("invoice\u{202E}fdp.exe", fileExtension: "pdf") == "invoicefdp.exe.pdf", "no right-to-left override")
        #expect(AttachedFileName.clean("line\r\nbreak.pdf", fileExtension: "pdf") == "linebreak.pdf")
        let family = "👩\u{200D}👩\u{200D}👧"
        #expect(AttachedFileName.clean("\(family) garden.jpeg", fileExtension: "jpg") == "\(family) garden.jpeg", "the joiners stay")
        #expect(AttachedFileName.clean("...hidden", fileExtension: "png") == "hidden.png")
        #expect(AttachedFileName.clean("  ", fileExtension: "pdf") == "File.pdf")
        let long = AttachedFileName.clean(String(repeating: "é", count: 1_000), fileExtension: "pdf")
        #expect(long == String(repeating: "é", count: AttachedFileName.maxLength) + ".pdf")
    }
}
