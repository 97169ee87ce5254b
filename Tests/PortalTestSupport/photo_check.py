"""Phone-like photos with location and camera metadata, and what is left of them (issue #25, SPEC F17).

  photo_check.py jpeg OUT     a 400x300 JPEG, left half red, right half blue, taken "on its side" (EXIF Orientation 6),
                              with GPS, camera make and model, a comment, XMP and IPTC
  photo_check.py png OUT      a 200x100 PNG, green, with an eXIf chunk (GPS) and a text chunk naming a place
  photo_check.py bomb OUT     a tiny PNG whose header claims 20000x20000 pixels (400 megapixels)
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
    {"jpeg": make_jpeg, "png": make_png, "bomb": make_bomb, "inspect": inspect}[command](path)
