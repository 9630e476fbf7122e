#!/usr/bin/env python3
"""Writes the hostile images of tests/fuzz/corpus/img/ (issue 16): PNG
decompression bombs under and over the pixel cap, a 16-bit RGBA bomb, an
interlaced one, the largest PNG and progressive JPEGs the budget takes, a CMYK JPEG, a transparent PNG, a truncated JPEG and
PNG, a JPEG whose header claims 65500 x 65500.  Run from the repository
root; needs gm for the JPEGs."""
import os, struct, subprocess, zlib

OUT = 'tests/fuzz/corpus/img'


def chunk(kind, data):
    body = kind + data
    return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body))


def png(w, h, depth=8, ctype=0, interlace=0, fill=b'\0'):
    """A valid PNG of w x h whose rows are all fill: tiny when compressed."""
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype] * depth // 8
    z = zlib.compressobj(9)
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)] \
        if interlace else [(0, 0, 1, 1)]
    data = b''
    for x0, y0, dx, dy in passes:
        cols, rows = -(-(w - x0) // dx), -(-(h - y0) // dy)
        if cols > 0 and rows > 0:
            row = b'\0' + fill * (cols * bpp)
            data += b''.join(z.compress(row) for _ in range(rows))
    data += z.flush()
    ihdr = struct.pack('>IIBBBBB', w, h, depth, ctype, 0, 0, interlace)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', data) + chunk(b'IEND', b'')


def gm(args, fmt):
    return subprocess.run(['gm', 'convert', *args, f'{fmt}:-'], check=True, capture_output=True).stdout


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


os.makedirs(OUT, exist_ok=True)
write('bomb-png-grey-6000', png(6000, 6000))
write('bomb-png-grey-6300', png(6300, 6300))
write('bomb-png-rgba16-4000', png(4000, 4000, 16, 6))
write('bomb-png-rgb-interlaced-5000', png(5000, 5000, 8, 2, 1))
write('bomb-png-over-cap-12000', png(12000, 12000))
write('png-transparent', gm(['-size', '300x200', 'xc:none', '-fill', 'red', '-draw', 'circle 150,100 150,20'], 'png'))
write('jpeg-cmyk', gm(['-size', '400x300', 'plasma:fractal', '-colorspace', 'CMYK'], 'jpg'))
jpg = gm(['-size', '640x400', 'plasma:fractal'], 'jpg')
write('jpeg-truncated', jpg[: len(jpg) // 2])
write('jpeg-ok', jpg)
# A baseline JPEG whose SOF0 claims 65500 x 65500.
sof = jpg.find(b'\xff\xc0')
write('jpeg-sof-huge', jpg[: sof + 5] + struct.pack('>HH', 65500, 65500) + jpg[sof + 9:])
# Just inside the decode budget: the most memory an accepted image takes.
write('png-gradient-budget', gm(['-size', '4300x4400', 'gradient:white-navy', '-depth', '8'], 'png'))
# A 40 MP progressive JPEG, as some phone apps export: it must pass.
write('jpeg-progressive-40mp', gm(['-size', '7000x5700', 'gradient:red-blue', '-interlace', 'Line'], 'jpg'))
write('jpeg-progressive-cmyk-40mp', gm(['-size', '7000x5700', 'gradient:red-blue', '-colorspace', 'CMYK', '-interlace', 'Line'], 'jpg'))
p = png(300, 200, 8, 2, 0, b'\x80')
write('png-truncated', p[: len(p) - 20])
