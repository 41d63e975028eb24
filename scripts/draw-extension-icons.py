#!/usr/bin/env python3
"""Draws the extension's toolbar/store icons (extension/icons/icon-N.png).

The icons are committed as data; run this again only to change their look.
Standard library only: each pixel is computed (a rounded teal square with a
white speech bubble and a check mark), supersampled 4x4 for smooth edges,
and written as an RGBA PNG with zlib.
"""
import math
import struct
import sys
import zlib
from pathlib import Path

TEAL = (15, 118, 110)
WHITE = (255, 255, 255)


def inside_rounded(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def near_segment(x, y, ax, ay, bx, by, w):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= w


def shade(u, v):
    """Colour at unit coordinates (u, v) in [0,1): (rgb, alpha)."""
    if not inside_rounded(u, v, 0.02, 0.02, 0.98, 0.98, 0.2):
        return None
    check = near_segment(u, v, 0.32, 0.45, 0.45, 0.58, 0.055) or near_segment(u, v, 0.45, 0.58, 0.70, 0.32, 0.055)
    bubble = inside_rounded(u, v, 0.16, 0.16, 0.84, 0.72, 0.12)
    tail = 0.28 <= u <= 0.46 and 0.70 <= v <= 0.86 and (u - 0.28) <= (0.86 - v) * 1.1
    if (bubble or tail) and not check:
        return WHITE
    return TEAL


def png(size):
    n = 4
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0]
            hits = 0
            for sy in range(n):
                for sx in range(n):
                    c = shade((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size)
                    if c:
                        hits += 1
                        for i in range(3):
                            acc[i] += c[i]
            if hits:
                row += bytes([acc[0] // hits, acc[1] // hits, acc[2] // hits, round(255 * hits / (n * n))])
            else:
                row += bytes(4)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / 'extension' / 'icons')
    out.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (out / f'icon-{size}.png').write_bytes(png(size))
        print(f'{out}/icon-{size}.png')


if __name__ == '__main__':
    main()
