import Foundation
import PropertyBased
import Testing

@testable import PortalKernel

/// Issue #18: the accent colour is held to WCAG 2 AA wherever the stylesheet uses it, and a colour that fails gets the
/// nearest one of the same hue that passes.
@Suite("#18 Accent colour contrast")
struct AccentContrastTests {
    static let colour = zip(Gen.int(in: 0...255), Gen.int(in: 0...255), Gen.int(in: 0...255)).map {
        RGBColour(red: UInt8($0), green: UInt8($1), blue: UInt8($2))
    }

    @Test("#18 WCAG 2 ratios: white on black is 21:1, the demo green passes, the issue's light green misses every rule")
    func ratios() throws {
        let black = try #require(RGBColour(hex: "#000"))
        #expect(abs(RGBColour.white.contrast(with: black) - 21) < 1e-9)
        #expect(RGBColour(hex: "#ABC") == RGBColour(hex: "#aabbcc") && RGBColour(hex: "#12345g") == nil && RGBColour(hex: "123456") == nil)
        #expect(AccentContrast.passes(try #require(RGBColour(hex: "#2f7d32"))))
        let light = try #require(RGBColour(hex: "#8bc34a"))
        #expect(AccentContrast.failures(light).map(\.requirement.id) == ["text-on-accent", "accent-text", "accent-control"])
        #expect(abs(light.contrast(with: .white) - 2.0994) < 0.001)
        let problem = try #require(AccentContrast.problem(light))
        #expect(problem.hasPrefix("White text on the accent colour (buttons) has a contrast of 2.09:1; WCAG AA needs 4.5:1."))
        #expect(problem.contains("on the page background has a contrast of") && problem.contains("WCAG AA needs 3:1."))
        #expect(problem.hasSuffix("Try \(AccentContrast.nearestPassing(light).hex), the nearest colour of the same hue that passes."))
        #expect(AccentContrast.problem(try #require(RGBColour(hex: "#1b5e20"))) == nil)
    }

    @Test("#18 A ratio just short of the minimum never reads as reaching it")
    func ratioWording() {
        #expect(AccentContrast.ratio(4.499) == "4.49" && AccentContrast.ratio(4.5) == "4.5" && AccentContrast.ratio(3) == "3")
    }

    @Test("#18 The suggestion always passes, a passing colour is kept, and a step lighter along the path fails")
    func nearestPassing() async {
        await propertyCheck(count: 400, input: Self.colour) { colour in
            let suggestion = AccentContrast.nearestPassing(colour)
            #expect(AccentContrast.passes(suggestion), "\(colour) → \(suggestion)")
            if AccentContrast.passes(colour) {
                #expect(suggestion == colour)
            } else {
                let path = OKLCh(colour)
                let lighter = path.atLightness(min(OKLCh(suggestion).lightness + 0.01, path.lightness))
                #expect(!AccentContrast.passes(lighter), "\(colour) → \(suggestion), yet \(lighter) passes")
            }
        }
    }

    @Test("#18 The suggestion keeps the hue of a coloured accent")
    func keepsHue() async {
        await propertyCheck(count: 300, input: Self.colour) { colour in
            let start = OKLCh(colour)
            let suggestion = OKLCh(AccentContrast.nearestPassing(colour))
            guard start.chroma > 0.08, suggestion.chroma > 0.04 else { return }
            let turn = abs(remainder(suggestion.hue - start.hue, 2 * .pi))
            #expect(turn < 0.12, "\(colour) hue \(start.hue) → \(suggestion.hue)")
        }
    }
}
