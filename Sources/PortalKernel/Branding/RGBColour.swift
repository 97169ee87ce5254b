import Foundation

/// An sRGB colour with 8-bit channels, as a stylesheet writes it (`#2f7d32`), and its WCAG 2 contrast (issue #18).
public struct RGBColour: Hashable, Sendable, CustomStringConvertible {
    /// The red channel, 0 to 255 (sRGB-encoded, as written in `#rrggbb`).
    public let red: UInt8
    /// The green channel, 0 to 255.
    public let green: UInt8
    /// The blue channel, 0 to 255.
    public let blue: UInt8

    /// Memberwise: the three sRGB channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        (self.red, self.green, self.blue) = (red, green, blue)
    }

    /// `#rgb` or `#rrggbb`, in either case; `nil` for anything else.
    public init?(hex: String) {
        guard hex.hasPrefix("#"), hex.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        let digits = Array(hex.dropFirst())
        let pairs: [String]
        switch digits.count {
        case 3: pairs = digits.map { String([$0, $0]) }
        case 6: pairs = stride(from: 0, to: 6, by: 2).map { String(digits[$0...$0 + 1]) }
        default: return nil
        }
        guard let red = UInt8(pairs[0], radix: 16), let green = UInt8(pairs[1], radix: 16), let blue = UInt8(pairs[2], radix: 16)
        else { return nil }
        self.init(red: red, green: green, blue: blue)
    }

    /// `#ffffff`: the text on the accent and the cards' background.
    public static let white = RGBColour(red: 255, green: 255, blue: 255)

    /// `#rrggbb`, lower case.
    public var hex: String { "#" + [red, green, blue].map { String(format: "%02x", $0) }.joined() }

    public var description: String { hex }

    /// The channels as linear-light values from 0 to 1 (the sRGB transfer function undone).
    var linear: (red: Double, green: Double, blue: Double) {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.040_45 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return (channel(red), channel(green), channel(blue))
    }

    /// The colour nearest to linear-light channels (each clamped to 0…1, then rounded to 8 bits).
    init(linearRed: Double, linearGreen: Double, linearBlue: Double) {
        func channel(_ value: Double) -> UInt8 {
            let c = min(max(value, 0), 1)
            let encoded = c <= 0.003_130_8 ? c * 12.92 : 1.055 * pow(c, 1 / 2.4) - 0.055
            return UInt8((encoded * 255).rounded())
        }
        self.init(red: channel(linearRed), green: channel(linearGreen), blue: channel(linearBlue))
    }

    /// WCAG 2's relative luminance, from 0 (black) to 1 (white).
    public var relativeLuminance: Double {
        let (r, g, b) = linear
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG 2's contrast ratio with `other`, from 1 to 21, the same either way round.
    public func contrast(with other: RGBColour) -> Double {
        let (a, b) = (relativeLuminance, other.relativeLuminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}
