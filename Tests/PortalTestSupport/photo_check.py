"""Phone-like photos with location and camera metadata, and what is left of them (issue #25, SPEC F17).

  photo_check.py jpeg OUT     a 400x300 JPEG, left half red, right half blue, taken "on its side" (EXIF Orientation 6),
                              with GPS, camera make and model, a comment, XMP and IPTC
  photo_check.py png OUT      a 200x100 PNG, green, with an eXIf chunk (GPS) and a text chunk naming a place
  photo_check.py bomb OUT     a tiny PNG whose header claims 20000x20000 pixels (400 megapixels)
  photo_check.py wide OUT     a 64x64 JPEG of one orange in a wide-gamut colour profile (Display P3's primaries), as an
                              iPhone writes them; prints JSON {"srgb": [r, g, b]}: that orange in sRGB, as LittleCMS
                              (through Pillow) converts it
  photo_check.py inspect FILE JSON: format, size, the colours at the top and bottom middle, and every metadata tag
                              exiftool finds ({"group:tag": value}) beside the planted values it still finds

Pillow draws and writes the images; Debian's exiftool adds the XMP and IPTC and reads everything back.
"""
import json
import subprocess
import sys

from PIL import Image

PLANTED = ["Portal Test Phone", "PortalCam", "Leaning oak at 12 Elm", "Greenleaf secret"]


def gps_ifd():
    return {
        1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0),  # 51°30'12.5"N 0°7'39"W
        5: 0, 6: 21.0,
    }


def exif_block():
    exif = Image.Exif()
    exif[0x010F] = "Portal Test Phone"  # Make
    exif[0x0110] = "PortalCam"  # Model
    exif[0x0112] = 6  # Orientation: the stored image is turned 90° anticlockwise
    exif[0x8825] = gps_ifd()
    return exif


def make_jpeg(path):
    image = Image.new("RGB", (400, 300), (220, 20, 20))
    image.paste((20, 20, 220), (200, 0, 400, 300))
    image.save(path, "JPEG", quality=92, exif=exif_block(), comment=b"Leaning oak at 12 Elm")
    subprocess.run(
        ["exiftool", "-q", "-overwrite_original", "-XMP-dc:Creator=Greenleaf secret", "-XMP-exif:GPSLatitude=51.5", "-IPTC:Keywords=Leaning oak at 12 Elm", path],
        check=True)


def make_png(path):
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "Leaning oak at 12 Elm")
    Image.new("RGB", (200, 100), (20, 200, 20)).save(path, "PNG", pnginfo=info, exif=exif_block())


def wide_gamut_profile():
    """A matrix/TRC ICC v2 display profile with Display P3's primaries (adapted to D50) and a 2.2 gamma."""
    import struct

    def s15(value):
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    def text(kind, value):
        if kind == b"desc":
            ascii = value.encode() + b"\0"
            return b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii)) + ascii + b"\0" * 8 + b"\0" * 3 + b"\0" * 67
        return b"text" + b"\0" * 4 + value.encode() + b"\0"

    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 0x0233) + b"\0\0"
    tags = [
        (b"desc", text(b"desc", "Wide test P3")), (b"cprt", text(b"cprt", "No copyright")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(0.5151, 0.2412, -0.0011)),
        (b"gXYZ", xyz(0.2920, 0.6922, 0.0419)), (b"bXYZ", xyz(0.1571, 0.0666, 0.7841)),
        (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
              + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + data


def make_wide(path):
    import io

    from PIL import ImageCms

    profile = wide_gamut_profile()
    image = Image.new("RGB", (64, 64), (200, 100, 50))
    image.save(path, "JPEG", quality=95, icc_profile=profile)
    srgb = ImageCms.profileToProfile(
        image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("sRGB"), renderingIntent=0)
    print(json.dumps({"srgb": list(srgb.getpixel((32, 32)))}))


def make_bomb(path):
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


def inspect(path):
    image = Image.open(path)
    width, height = image.size
    rgb = image.convert("RGB")
    tags = json.loads(subprocess.run(["exiftool", "-j", "-a", "-G1", "-n", path], capture_output=True, check=True, text=True).stdout)[0]
    text = json.dumps(tags)
    print(json.dumps({
        "format": image.format, "width": width, "height": height,
        "top": list(rgb.getpixel((width // 2, height // 10))), "bottom": list(rgb.getpixel((width // 2, height - 1 - height // 10))),
        "tags": {key: str(value) for key, value in tags.items()},
        "planted": [value for value in PLANTED if value in text],
    }))


if __name__ == "__main__":
    command, path = sys.argv[1], sys.argv[2]
    {"jpeg": make_jpeg, "png": make_png, "bomb": make_bomb, "wide": make_wide, "inspect": inspect}[command](path)
