import Foundation

/// The account's accent colour held to WCAG 2 AA wherever the stylesheet uses it (issue #18): a colour that fails is
/// refused when saved, with the ratio measured, the ratio needed and the nearest colour of the same hue that passes.
///
/// The stylesheet (`portal.css`) puts white text on the accent (buttons, the current filter), accent text on the page
/// background and on white cards (links, secondary buttons), and accent edges and focus outlines against them. The
/// page background, ``pageBackground``, is the darker of the two, so a colour that passes against it passes against
/// white too.
public enum AccentContrast {
    /// One way the stylesheet uses the accent, and the contrast WCAG 2 AA asks of it.
    public struct Requirement: Hashable, Sendable {
        /// A stable name for tests and logs.
        public let id: String
        /// What is shown, in a sentence a person reads ("White text on the accent colour").
        public let what: String
        /// The colour the accent is read against.
        public let against: RGBColour
        /// The smallest ratio that passes: 4.5 for text, 3 for a control's edge or focus outline.
        public let minimum: Double
    }

    /// A requirement a colour misses, and the ratio it has.
    public struct Failure: Hashable, Sendable {
        /// The requirement missed.
        public let requirement: Requirement
        /// The contrast ratio the colour has against ``Requirement/against`` (1 to 21), below ``Requirement/minimum``.
        public let ratio: Double
    }

    /// The page background (`--wash` in `portal.css`).
    public static let pageBackground = RGBColour(red: 0xf4, green: 0xf6, blue: 0xf8)

    /// Every use of the accent, strictest first.
    public static let requirements: [Requirement] = [
        Requirement(id: "text-on-accent", what: "White text on the accent colour (buttons)", against: .white, minimum: 4.5),
        Requirement(
            id: "accent-text", what: "Accent-coloured links and text on the page background", against: pageBackground, minimum: 4.5),
        Requirement(
            id: "accent-control", what: "Accent button edges and focus outlines on the page background", against: pageBackground,
            minimum: 3),
    ]

    /// The requirements `colour` misses; empty when it passes.
    public static func failures(_ colour: RGBColour) -> [Failure] {
        requirements.compactMap { requirement in
            let ratio = colour.contrast(with: requirement.against)
            return ratio >= requirement.minimum ? nil : Failure(requirement: requirement, ratio: ratio)
        }
    }

    /// Whether `colour` meets every requirement.
    public static func passes(_ colour: RGBColour) -> Bool { failures(colour).isEmpty }

    /// `colour` if it passes, else the lightest colour of the same OKLCh hue that does, found by lowering the
    /// lightness (and, where sRGB cannot hold the chroma, the chroma as little as needed): the nearest along that path.
    /// Black ends the path and passes, so there always is one.
    public static func nearestPassing(_ colour: RGBColour) -> RGBColour {
        guard !passes(colour) else { return colour }
        let start = OKLCh(colour)
        var (passing, failing) = (0.0, start.lightness)
        for _ in 0..<50 {
            let middle = (passing + failing) / 2
            if passes(start.atLightness(middle)) { passing = middle } else { failing = middle }
        }
        return start.atLightness(passing)
    }

    /// Why `colour` is refused, for a person: each requirement missed with its ratio, and the suggestion; `nil` when
    /// it passes.
    public static func problem(_ colour: RGBColour) -> String? {
        let failures = failures(colour)
        guard !failures.isEmpty else { return nil }
        let reasons = failures.map {
            "\($0.requirement.what) has a contrast of \(ratio($0.ratio)):1; WCAG AA needs \(ratio($0.requirement.minimum)):1."
        }
        return (reasons + ["Try \(nearestPassing(colour).hex), the nearest colour of the same hue that passes."]).joined(separator: " ")
    }

    /// `ratio` to two decimals, rounded down so that a ratio just short of the minimum never reads as reaching it.
    static func ratio(_ ratio: Double) -> String {
        String(format: "%.2f", (ratio * 100).rounded(.down) / 100).replacingOccurrences(of: ".00", with: "").replacingOccurrences(
            of: #"(\.\d)0$"#, with: "$1", options: .regularExpression)
    }
}
