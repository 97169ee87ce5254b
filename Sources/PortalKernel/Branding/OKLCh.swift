import Foundation

/// A colour in OKLCh, the polar form of Björn Ottosson's OKLab: a perceptual space where changing the lightness `L`
/// (0…1) at a fixed hue looks like the same colour made lighter or darker (issue #18: ``AccentContrast``).
struct OKLCh: Hashable, Sendable {
    var lightness: Double
    var chroma: Double
    /// The hue angle, in radians.
    var hue: Double

    init(lightness: Double, chroma: Double, hue: Double) {
        (self.lightness, self.chroma, self.hue) = (lightness, chroma, hue)
    }

    /// `colour` in OKLCh.
    init(_ colour: RGBColour) {
        let (r, g, b) = colour.linear
        let l = cbrt(0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b)
        let m = cbrt(0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b)
        let s = cbrt(0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b)
        let a = 1.977_998_495_1 * l - 2.428_592_205_0 * m + 0.450_593_709_9 * s
        let bb = 0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766_0 * s
        self.init(lightness: 0.210_454_255_3 * l + 0.793_617_785_0 * m - 0.004_072_046_8 * s, chroma: hypot(a, bb), hue: atan2(bb, a))
    }

    /// The colour's linear-light sRGB channels, which may fall outside 0…1 when the colour is outside sRGB.
    var linearRGB: (red: Double, green: Double, blue: Double) {
        let (a, b) = (chroma * cos(hue), chroma * sin(hue))
        let l = pow(lightness + 0.396_337_777_4 * a + 0.215_803_757_3 * b, 3)
        let m = pow(lightness - 0.105_561_345_8 * a - 0.063_854_172_8 * b, 3)
        let s = pow(lightness - 0.089_484_177_5 * a - 1.291_485_548_0 * b, 3)
        return (
            4.076_741_662_1 * l - 3.307_711_591_3 * m + 0.230_969_929_2 * s,
            -1.268_438_004_6 * l + 2.609_757_401_1 * m - 0.341_319_396_5 * s,
            -0.004_196_086_3 * l - 0.703_418_614_7 * m + 1.707_614_701_0 * s
        )
    }

    /// Whether the colour is inside sRGB (with a hair of tolerance for rounding).
    var isInGamut: Bool {
        let (r, g, b) = linearRGB
        return [r, g, b].allSatisfy { $0 >= -1e-7 && $0 <= 1 + 1e-7 }
    }

    /// The colour at `lightness` with this hue, its chroma reduced as little as needed to stay inside sRGB, as 8-bit
    /// sRGB: the path ``AccentContrast`` walks.
    func atLightness(_ lightness: Double) -> RGBColour {
        var point = OKLCh(lightness: lightness, chroma: chroma, hue: hue)
        if !point.isInGamut {
            var (low, high) = (0.0, chroma)
            for _ in 0..<40 {
                point.chroma = (low + high) / 2
                if point.isInGamut { low = point.chroma } else { high = point.chroma }
            }
            point.chroma = low
        }
        let (r, g, b) = point.linearRGB
        return RGBColour(linearRed: r, linearGreen: g, linearBlue: b)
    }
}
