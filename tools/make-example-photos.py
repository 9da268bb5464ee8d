#!/usr/bin/python3
"""Renders the photos of the example commune's recaps (content/retours/).

The example site needs real-looking photos, and nothing may be downloaded,
so every picture is painted procedurally: gradients, shapes and noise, then
a little blur, grain and vignetting so that it reads as a photograph rather
than flat vector art.  Each scene matches the `alt` text written for it in
content/retours/*/index.md; change one and you must change the other.

Everything is deterministic: each scene seeds its own random generator from
its file name, so running the script twice gives the same files (with the
same Pillow and libjpeg).  The output is 1600x1200 JPEG, quality 82.

Usage (Debian: apt-get install python3-pil python3-numpy):
    /usr/bin/python3 tools/make-example-photos.py [CONTENT_DIR] [--only NAME]

The generated images are dedicated to the public domain (CC0), like the rest
of the example content.
"""

import math
import os
import sys
import zlib

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

W, H = 1600, 1200
SS = 2  # supersampling of drawn layers, for anti-aliased edges
QUALITY = 82
MAX_BYTES = 340 * 1024
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu"]


# ---------------------------------------------------------------- helpers


def rgb(c):
    """An 0..255 colour tuple as a float32 0..1 vector."""
    return np.array(c, np.float32)[:3] / 255.0


def blur(m, r):
    """Gaussian blur of an HxW 0..1 mask (Pillow cannot blur float images,
    and 8 bits are plenty for a mask)."""
    im = Image.fromarray((np.clip(m, 0, 1) * 255).astype(np.uint8), "L")
    return np.asarray(im.filter(ImageFilter.GaussianBlur(r)), np.float32) / 255


def smoothstep(e0, e1, x):
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def jitter(rng, c, amount):
    """Colour c (0..255) with its brightness and hue nudged at random, so
    that repeated shapes (stones, leaves, tiles) are never identical."""
    v = 1.0 + rng.uniform(-amount, amount)
    return tuple(int(np.clip(x * v + rng.uniform(-amount, amount) * 40, 0, 255))
                 for x in c[:3])


def font(size, bold=False):
    """DejaVu when installed, else Pillow's bitmap font (blurred later
    anyway: the text is painted chalk or paint, never crisp type)."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for d in FONT_DIRS:
        p = os.path.join(d, name)
        if os.path.exists(p):
            return ImageFont.truetype(p, size)
    return ImageFont.load_default()


class Layer:
    """A transparent RGBA layer drawn at SS times the size, so that PIL's
    aliased polygons come out smooth once scaled down.  Coordinates are
    given in final-image pixels."""

    def __init__(self):
        self.im = Image.new("RGBA", (W * SS, H * SS), (0, 0, 0, 0))
        self.d = ImageDraw.Draw(self.im)

    @staticmethod
    def _pts(pts):
        return [(x * SS, y * SS) for x, y in pts]

    def poly(self, pts, c, a=255):
        self.d.polygon(self._pts(pts), fill=tuple(c[:3]) + (a,))

    def ellipse(self, box, c, a=255, outline=None, width=1):
        x0, y0, x1, y1 = box
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        ol = None if outline is None else tuple(outline[:3]) + (a,)
        fill = None if c is None else tuple(c[:3]) + (a,)
        self.d.ellipse((x0 * SS, y0 * SS, x1 * SS, y1 * SS), fill=fill,
                       outline=ol, width=int(width * SS))

    def circle(self, x, y, r, c, a=255):
        self.ellipse((x - r, y - r, x + r, y + r), c, a)

    def rect(self, box, c, a=255):
        x0, y0, x1, y1 = box
        self.poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], c, a)

    def line(self, pts, c, width, a=255):
        self.d.line(self._pts(pts), fill=tuple(c[:3]) + (a,),
                    width=max(1, int(width * SS)), joint="curve")

    def arc(self, box, start, end, c, width, a=255):
        x0, y0, x1, y1 = box
        self.d.arc((x0 * SS, y0 * SS, x1 * SS, y1 * SS), start, end,
                   fill=tuple(c[:3]) + (a,), width=int(width * SS))

    def text(self, xy, s, c, size, bold=False, a=255, anchor="la"):
        f = font(size * SS, bold)
        try:
            self.d.text((xy[0] * SS, xy[1] * SS), s, font=f,
                        fill=tuple(c[:3]) + (a,), anchor=anchor)
        except (TypeError, ValueError):  # bitmap font: no anchor
            self.d.text((xy[0] * SS, xy[1] * SS), s, font=f,
                        fill=tuple(c[:3]) + (a,))

    def array(self):
        """Premultiplied downscale (RGBa), then straight RGB and alpha."""
        small = self.im.convert("RGBa").resize((W, H), Image.BOX)
        small = small.convert("RGBA")
        a = np.asarray(small, np.float32) / 255.0
        return a[..., :3], a[..., 3:4]


class Scene:
    def __init__(self, name):
        self.rng = np.random.default_rng(zlib.crc32(name.encode()))
        self.img = np.zeros((H, W, 3), np.float32)

    # -- noise

    def noise(self, cell, octaves=4, sx=1.0, sy=1.0, h=H, w=W):
        """Fractal value noise, mean 0.5, std about 0.18, h x w.  sx/sy
        stretch it (wood grain, clouds, ripples)."""
        gh, gw = int(math.ceil(h / sy)), int(math.ceil(w / sx))
        acc = np.zeros((gh, gw), np.float32)
        amp, total = 1.0, 0.0
        c = float(cell)
        for _ in range(octaves):
            ci = max(2, int(c))
            ny, nx = gh // ci + 3, gw // ci + 3
            g = self.rng.random((ny, nx)).astype(np.float32)
            big = Image.fromarray(g, mode="F").resize((nx * ci, ny * ci),
                                                       Image.BICUBIC)
            oy = int(self.rng.integers(0, ci))
            ox = int(self.rng.integers(0, ci))
            acc += amp * np.asarray(big)[oy:oy + gh, ox:ox + gw]
            total += amp
            amp *= 0.5
            c /= 2.0
        acc /= total
        if (gh, gw) != (h, w):
            acc = np.asarray(Image.fromarray(acc, mode="F").resize(
                (w, h), Image.BILINEAR))
        sd = float(acc.std()) or 1.0
        return np.clip((acc - acc.mean()) / sd * 0.18 + 0.5, 0, 1)

    # -- painting

    def fill(self, y0, y1, top, bottom, x0=0, x1=W):
        """Vertical gradient between two colours over a band."""
        t = np.linspace(0, 1, y1 - y0, dtype=np.float32)[:, None, None]
        self.img[y0:y1, x0:x1] = rgb(top) * (1 - t) + rgb(bottom) * t

    def put(self, layer, texture=None, amount=0.0):
        """Composites a Layer; texture (HxW noise) varies its brightness."""
        col, a = layer.array()
        if texture is not None:
            col = col * (1.0 + amount * (texture[..., None] - 0.5))
        self.img = self.img * (1 - a) + np.clip(col, 0, 1) * a

    def mask(self, draw_fn, blur_r=0.0):
        """A soft HxW mask from a function drawing on a Layer."""
        l = Layer()
        draw_fn(l)
        _, a = l.array()
        m = a[..., 0]
        if blur_r > 0:
            m = blur(m, blur_r)
        return m

    def shade(self, m, k):
        """Darkens (k < 0) or lightens (k > 0) where mask m is set."""
        m = m[..., None]
        if k < 0:
            self.img *= 1 + k * m
        else:
            self.img += (1 - self.img) * k * m

    def tint(self, m, c, k):
        m = m[..., None] * k
        self.img = self.img * (1 - m) + rgb(c) * m

    def modulate(self, m, tex, amount):
        """Varies brightness by a noise texture inside a mask."""
        f = 1 + amount * (tex - 0.5) * m
        self.img *= f[..., None]

    # -- finishing

    def save(self, path, soften=0.7, grain=0.018, vignette=0.22, warm=0.0):
        img = self.img
        if warm:
            img = img * np.array([1 + warm, 1, 1 - warm], np.float32)
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        r = np.sqrt(((xx - W / 2) / (W / 2)) ** 2 + ((yy - H / 2) / (H / 2)) ** 2)
        img = img * (1 - vignette * smoothstep(0.6, 1.5, r))[..., None]
        u8 = (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)
        pim = Image.fromarray(u8, "RGB")
        if soften:
            pim = pim.filter(ImageFilter.GaussianBlur(soften))
        a = np.asarray(pim, np.float32)
        g = self.rng.normal(0, grain * 255, (H, W, 1)).astype(np.float32)
        g = g + self.rng.normal(0, grain * 80, (H, W, 3)).astype(np.float32)
        out = Image.fromarray(np.clip(a + g, 0, 255).astype(np.uint8), "RGB")
        # Busy scenes (grass, duckweed) compress badly: soften them a
        # little more until the file fits the size budget of a web page.
        for extra in (0.0, 0.4, 0.7, 1.0, 1.4):
            im = out.filter(ImageFilter.GaussianBlur(extra)) if extra else out
            im.save(path, "JPEG", quality=QUALITY, optimize=True)
            if os.path.getsize(path) <= MAX_BYTES:
                break


# ------------------------------------------------------- scene elements


def sky(s, y1, top=(64, 118, 196), bottom=(196, 218, 236), clouds=0.55):
    s.fill(0, y1, top, bottom)
    n = s.noise(260, 5, sx=3.0, h=y1)
    detail = s.noise(60, 3, h=y1)
    c = smoothstep(0.52, 0.78, n) * clouds
    shadow = smoothstep(0.5, 0.9, detail)
    col = rgb((250, 250, 252)) * (1 - 0.18 * shadow[..., None])
    part = s.img[:y1]
    s.img[:y1] = part * (1 - c[..., None]) + col * c[..., None]


def crown(l, rng, cx, cy, rx, ry, dark, mid, light, n=2200, leaf=(5, 14),
          blobs=7):
    """A tree crown made of leaf dabs grouped in lumps, lit from the upper
    left: many small dabs give the ragged outline foliage has."""
    lumps = []
    for _ in range(blobs):
        a = rng.uniform(0, 2 * math.pi)
        r = rng.uniform(0.1, 0.55)
        lumps.append((cx + rx * r * math.cos(a), cy + ry * r * math.sin(a),
                      rx * rng.uniform(0.45, 0.7), ry * rng.uniform(0.45, 0.7)))
    dabs = []
    for _ in range(n):
        bx, by, brx, bry = lumps[int(rng.integers(len(lumps)))]
        a = rng.uniform(0, 2 * math.pi)
        r = math.sqrt(rng.uniform())
        dx, dy = r * math.cos(a), r * math.sin(a)
        x, y = bx + brx * dx, by + bry * dy
        lum = 0.5 - 0.35 * dx - 0.45 * dy + rng.normal(0, 0.18)
        lum -= 0.25 * ((x - cx) / rx) * 0.5 + 0.25 * ((y - cy) / ry) * 0.5
        dabs.append((lum, x, y))
    dabs.sort()
    for lum, x, y in dabs:
        c = dark if lum < 0.35 else mid if lum < 0.72 else light
        rad = rng.uniform(*leaf)
        l.ellipse((x - rad, y - rad * 0.8, x + rad, y + rad * 0.8),
                  jitter(rng, c, 0.12))


def tree(s, cx, base, height, width, dark=(30, 52, 28), mid=(62, 94, 44),
         light=(112, 138, 66), trunk=(78, 64, 52)):
    l = Layer()
    tw = width * 0.06
    top = base - height * 0.55
    l.poly([(cx - tw, base), (cx + tw, base), (cx + tw * 0.5, top),
            (cx - tw * 0.5, top)], trunk)
    for k in range(4):
        a = -math.pi / 2 + s.rng.uniform(-0.9, 0.9)
        ln = height * s.rng.uniform(0.2, 0.35)
        l.line([(cx, top + 20), (cx + ln * math.cos(a), top + ln * math.sin(a))],
               trunk, tw * 0.4)
    crown(l, s.rng, cx, base - height * 0.62, width / 2, height * 0.42, dark,
          mid, light, n=int(width * 12), leaf=(width * 0.007, width * 0.02))
    s.put(l, s.noise(8, 2), 0.35)


def grass(s, y0, y1, far=(96, 126, 62), near=(70, 112, 44), blades=9000,
          x0=0, x1=W):
    s.fill(y0, y1, far, near, x0, x1)
    m = np.zeros((H, W), np.float32)
    m[y0:y1, x0:x1] = 1
    s.modulate(m, s.noise(40, 5), 0.6)
    l = Layer()
    for _ in range(blades):
        y = s.rng.uniform(y0, y1)
        t = (y - y0) / max(1, y1 - y0)
        x = s.rng.uniform(x0, x1)
        hgt = 4 + 26 * t * s.rng.uniform(0.5, 1.2)
        lean = s.rng.normal(0, 0.35) * hgt
        c = jitter(s.rng, (88, 132, 52) if s.rng.random() < 0.6
                   else (124, 156, 70), 0.2)
        l.line([(x, y), (x + lean, y - hgt)], c, 0.6 + 1.6 * t)
    s.put(l)


def stones(l, rng, x0, y0, x1, y1, row=(34, 58), width=(50, 120),
           palette=((170, 160, 140), (150, 140, 122), (186, 176, 152)),
           mortar=(196, 188, 170), gap=4, rough=5):
    """Rubble masonry (moellons): rows of irregular stones in mortar."""
    l.rect((x0, y0, x1, y1), mortar)
    y = y0
    while y < y1:
        h = rng.uniform(*row)
        x = x0 - rng.uniform(0, width[1])
        while x < x1:
            w = rng.uniform(*width)
            jit = [rng.uniform(-rough, rough) for _ in range(8)]
            pts = [(x + gap + jit[0], y + gap + jit[1]),
                   (x + w - gap + jit[2], y + gap + jit[3]),
                   (x + w - gap + jit[4], min(y1, y + h) - gap + jit[5]),
                   (x + gap + jit[6], min(y1, y + h) - gap + jit[7])]
            pts = [(min(max(px, x0), x1), min(max(py, y0), y1)) for px, py in pts]
            c = palette[int(rng.integers(len(palette)))]
            l.poly(pts, jitter(rng, c, 0.1))
            x += w
        y += h


def tiles(l, rng, top_y, bot_y, left_top, right_top, left_bot, right_bot,
          rows=9, base=(138, 84, 62), missing=()):
    """A roof of flat tiles seen from the front, rows widening towards the
    eave.  missing lists (row, column) holes showing the dark battens."""
    for r in range(rows):
        t0, t1 = r / rows, (r + 1) / rows
        ya, yb = top_y + (bot_y - top_y) * t0, top_y + (bot_y - top_y) * t1
        la = left_top + (left_bot - left_top) * t0
        ra = right_top + (right_bot - right_top) * t0
        lb = left_top + (left_bot - left_top) * t1
        rb = right_top + (right_bot - right_top) * t1
        ncol = 26
        off = 0.5 if r % 2 else 0.0
        for c in range(-1, ncol + 1):
            u0, u1 = (c + off) / ncol, (c + off + 1) / ncol
            u0, u1 = max(0.0, u0), min(1.0, u1)
            if u1 <= u0:
                continue
            pts = [(la + (ra - la) * u0 + 1, ya), (la + (ra - la) * u1 - 1, ya),
                   (lb + (rb - lb) * u1 - 1, yb + 3), (lb + (rb - lb) * u0 + 1, yb + 3)]
            if (r, c) in missing:
                l.poly(pts, (38, 30, 26))
                l.line([(pts[0][0], (ya + yb) / 2), (pts[1][0], (ya + yb) / 2)],
                       (96, 74, 52), 4)
                continue
            l.poly(pts, jitter(rng, base, 0.16))
            l.line([pts[3], pts[2]], (70, 40, 30), 2)


def shadow_ellipse(s, box, k=-0.45, radius=18):
    """Soft contact shadow under an object."""
    m = s.mask(lambda l: l.ellipse(box, (0, 0, 0)), radius)
    s.shade(m, k)


def wood(s, y0, y1, base=(150, 106, 66), planks=6, vertical=False, x0=0, x1=W,
         persp=0.0):
    """Weathered planks: stretched noise for the grain, dark seams."""
    s.fill(y0, y1, base, tuple(int(c * 0.9) for c in base), x0, x1)
    grain = s.noise(90, 5, sx=1 if vertical else 14, sy=14 if vertical else 1)
    m = np.zeros((H, W), np.float32)
    m[y0:y1, x0:x1] = 1
    s.modulate(m, grain, 0.7)
    s.modulate(m, s.noise(200, 3), 0.25)
    l = Layer()
    for k in range(1, planks):
        if vertical:
            x = x0 + (x1 - x0) * k / planks
            l.line([(x, y0), (x + persp, y1)], (50, 34, 22), 3)
        else:
            t = k / planks
            y = y0 + (y1 - y0) * t ** (1 + persp)
            l.line([(x0, y), (x1, y)], (50, 34, 22), 2 + 3 * t)
    s.put(l, None)


def leaf_pile(l, rng, cx, cy, rx, ry, colours, n=1800, size=(6, 13)):
    """Heap of cut ivy or leaves: pointed leaves at random angles."""
    for _ in range(n):
        a = rng.uniform(0, 2 * math.pi)
        r = math.sqrt(rng.uniform())
        x = cx + rx * r * math.cos(a)
        y = cy + ry * r * math.sin(a) * (0.6 if math.sin(a) < 0 else 1.0)
        sz = rng.uniform(*size)
        th = rng.uniform(0, 2 * math.pi)
        pts = [(x + sz * math.cos(th + d) * f, y + sz * math.sin(th + d) * f)
               for d, f in ((0, 1.4), (2.2, 0.8), (math.pi, 0.5), (4.1, 0.8))]
        l.poly(pts, jitter(rng, colours[int(rng.integers(len(colours)))], 0.15))


# ------------------------------------------------------------ the lavoir


LAV = dict(wall_top=330, wall_bot=700, eave=430, slab_top=690, water_top=760,
           water_bot=960, kerb_bot=1030, left=170, right=1430)


def lavoir_base(s, before):
    """The wash-house of the Grandes-Eaux, seen from across its basin.
    The same seed draws the same building for both photos of the pair;
    before adds the ivy, moss, duckweed and grime that the 2025 workshop
    removed."""
    g = LAV
    # one seed for both photos, so that every stone is where it was
    s.rng = np.random.default_rng(zlib.crc32(b"lavoir-des-grandes-eaux"))
    sky(s, 560, clouds=0.45 if before else 0.6)
    tree(s, 90, 620, 560, 420)
    tree(s, 1530, 640, 600, 460, dark=(30, 56, 34), mid=(62, 100, 52))
    tree(s, 1250, 420, 300, 300, dark=(40, 66, 36), mid=(82, 116, 60))
    grass(s, 540, g["water_top"], far=(104, 128, 70), near=(92, 120, 58),
          blades=1500)
    # back wall, in the shade of the roof
    l = Layer()
    stones(l, s.rng, g["left"] + 40, g["wall_top"], g["right"] - 40, g["slab_top"],
           palette=((176, 166, 146), (160, 150, 128), (190, 180, 158)),
           mortar=(204, 196, 178))
    s.put(l, s.noise(14, 3), 0.5)
    m = np.zeros((H, W), np.float32)
    m[g["eave"]:g["slab_top"], g["left"]:g["right"]] = 1
    m = blur(m, 25)
    s.shade(m, -0.55)
    # side walls (pignons), lit
    l = Layer()
    for x0, x1 in ((g["left"], g["left"] + 60), (g["right"] - 60, g["right"])):
        stones(l, s.rng, x0, g["wall_top"] - 40, x1, g["slab_top"] + 10,
               row=(28, 44), width=(30, 60),
               palette=((214, 204, 178), (196, 186, 160), (224, 214, 190)),
               mortar=(226, 220, 204))
    s.put(l, s.noise(10, 3), 0.4)
    # oak posts and the eave beam
    l = Layer()
    for x in (470, 800, 1130):
        l.rect((x - 16, g["eave"], x + 16, g["slab_top"] + 20), (104, 82, 60))
        l.rect((x - 16, g["eave"], x - 8, g["slab_top"] + 20), (128, 102, 76))
    l.rect((g["left"], g["eave"] - 6, g["right"], g["eave"] + 22), (96, 74, 54))
    l.rect((g["left"], g["eave"] - 6, g["right"], g["eave"] + 2), (130, 104, 78))
    s.put(l, s.noise(6, 2, sy=8), 0.5)
    # roof: flat tiles, a few missing near the right-hand edge
    l = Layer()
    missing = {(7, 22), (8, 23), (6, 21)} if not before else \
        {(7, 22), (8, 23), (6, 21), (3, 8), (4, 8), (5, 15), (8, 4), (2, 19)}
    tiles(l, s.rng, 205, g["eave"] - 4, g["left"] + 20, g["right"] - 20,
          g["left"] - 30, g["right"] + 30, rows=8, missing=missing)
    roof = l.array()[1][..., 0]  # moss and shade only on the tiles
    s.put(l, s.noise(7, 3), 0.45)
    roof = roof * np.linspace(1, 0, H, dtype=np.float32)[:, None] ** 0.3
    s.shade(roof * smoothstep(0.35, 0.8, s.noise(40, 4)), -0.3)
    if before:
        s.tint(roof * smoothstep(0.55, 0.75, s.noise(25, 4)), (66, 80, 40), 0.7)
    # sloping washing slabs along the basin
    l = Layer()
    x = g["left"]
    while x < g["right"]:
        w = s.rng.uniform(90, 140)
        l.poly([(x + 3, g["slab_top"]), (x + w - 3, g["slab_top"]),
                (x + w - 1, g["water_top"] + 4), (x + 1, g["water_top"] + 4)],
               jitter(s.rng, (206, 198, 180), 0.06))
        l.line([(x + 3, g["slab_top"]), (x + w - 3, g["slab_top"])], (236, 230, 214), 4)
        x += w
    s.put(l, s.noise(12, 4), 0.45)
    water(s, before)
    # front kerb (margelle) and grass bank
    l = Layer()
    stones(l, s.rng, 0, g["water_bot"], W, g["kerb_bot"], row=(70, 70),
           width=(140, 220), palette=((200, 192, 172), (186, 178, 158)),
           mortar=(150, 144, 130), gap=3, rough=2)
    s.put(l, s.noise(14, 4), 0.5)
    grass(s, g["kerb_bot"], H, far=(96, 128, 58), near=(66, 104, 40), blades=5000)
    if before:
        overgrowth(s)


def water(s, before):
    """Basin water: the scene above mirrored, rippled and tinted; murky
    green with duckweed before the cleaning, clear after."""
    g = LAV
    y0, y1 = g["water_top"], g["water_bot"]
    h = y1 - y0
    src = s.img[max(0, y0 - h):y0][::-1].copy()
    if src.shape[0] < h:
        src = np.pad(src, ((0, h - src.shape[0]), (0, 0), (0, 0)), mode="edge")
    rip = s.noise(30, 3, sx=9, h=h)
    shift = ((rip - 0.5) * 24).astype(np.int32)
    cols = (np.arange(W)[None, :] + shift) % W
    refl = src[np.arange(h)[:, None], cols]
    if before:
        deep = rgb((52, 62, 34))
        mix = 0.75
    else:
        deep = rgb((40, 70, 78))
        mix = 0.45
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    out = refl * (1 - mix) * (0.75 + 0.25 * t) + deep * mix
    # bright streaks where the ripples catch the sky
    streak = smoothstep(0.72, 0.9, s.noise(18, 2, sx=12, h=h))
    out += streak[..., None] * (0.08 if before else 0.18)
    s.img[y0:y1] = np.clip(out, 0, 1)
    if before:
        l = Layer()
        for _ in range(7000):
            x = s.rng.uniform(0, W)
            y = s.rng.uniform(y0, y1)
            if s.rng.random() < 0.35 + 0.5 * ((y - y0) / h):
                r = s.rng.uniform(2, 5)
                l.ellipse((x - r, y - r * 0.5, x + r, y + r * 0.5),
                          jitter(s.rng, (118, 150, 52), 0.2))
        for _ in range(60):  # fallen leaves
            x, y = s.rng.uniform(0, W), s.rng.uniform(y0 + 10, y1 - 10)
            r = s.rng.uniform(8, 14)
            l.ellipse((x - r, y - r * 0.4, x + r, y + r * 0.4),
                      jitter(s.rng, (120, 90, 40), 0.2))
        s.put(l)


def overgrowth(s):
    """What the 2025 volunteers cleared: ivy on the left pillar and wall,
    moss on slabs and kerb, grime, and tall weeds along the kerb."""
    g = LAV
    grime = s.noise(50, 5)
    m = np.zeros((H, W), np.float32)
    m[g["slab_top"]:g["water_top"]] = 1
    m[g["water_bot"]:g["kerb_bot"]] = 1
    m[g["wall_top"] - 40:g["slab_top"], g["left"]:g["left"] + 60] = 1
    m[g["wall_top"] - 40:g["slab_top"], g["right"] - 60:g["right"]] = 1
    s.tint(m * smoothstep(0.45, 0.7, grime), (70, 86, 40), 0.6)
    s.modulate(m, s.noise(20, 4), 0.5)
    s.shade(m, -0.2)
    l = Layer()
    ivy = ((36, 64, 30), (52, 84, 38), (30, 52, 28), (70, 100, 46))
    leaf_pile(l, s.rng, g["left"] + 40, 520, 150, 260, ivy, n=2600, size=(8, 16))
    leaf_pile(l, s.rng, g["right"] - 20, 470, 110, 240, ivy, n=1800, size=(8, 16))
    leaf_pile(l, s.rng, 470, 600, 40, 120, ivy, n=500, size=(7, 13))
    for _ in range(700):  # weeds along the kerb and the slabs
        x = s.rng.uniform(0, W)
        base = g["kerb_bot"] + s.rng.uniform(-10, 40) if s.rng.random() < 0.7 \
            else g["water_top"] + s.rng.uniform(-10, 6)
        hgt = s.rng.uniform(30, 110)
        lean = s.rng.normal(0, 0.3) * hgt
        l.line([(x, base), (x + lean, base - hgt)],
               jitter(s.rng, (90, 124, 50), 0.25), s.rng.uniform(1.5, 3.5))
    s.put(l, s.noise(6, 2), 0.4)


def scene_lavoir_avant(s):
    lavoir_base(s, before=True)


def scene_lavoir_apres(s):
    lavoir_base(s, before=False)
    # a zinc bucket left on the kerb
    l = Layer()
    l.poly([(1250, 930), (1330, 930), (1320, 1010), (1260, 1010)], (156, 162, 164))
    l.poly([(1250, 930), (1270, 930), (1268, 1010), (1260, 1010)], (196, 200, 200))
    l.ellipse((1250, 920, 1330, 940), (90, 96, 98))
    l.arc((1252, 880, 1328, 960), 190, 350, (120, 124, 126), 3)
    s.put(l, s.noise(5, 2), 0.3)




def stone_slab(s, y0, y1, base=(196, 188, 168), joints=(), lichen=0.0):
    """Big limestone slabs filling a band, with joints at given x."""
    s.fill(y0, y1, base, tuple(int(c * 0.92) for c in base))
    m = np.zeros((H, W), np.float32)
    m[y0:y1] = 1
    s.modulate(m, s.noise(120, 6), 0.5)
    s.modulate(m, s.noise(6, 2), 0.25)
    pits = smoothstep(0.75, 0.85, s.noise(10, 3))
    s.shade(m * pits, -0.25)
    if lichen:
        s.tint(m * smoothstep(0.7, 0.8, s.noise(16, 4)), (168, 170, 120), lichen)
    l = Layer()
    for x0, x1 in joints:
        l.line([(x0, y0), (x1, y1)], (110, 104, 92), 5)
    s.put(l)


def bucket(l, cx, top, w, h, zinc=(158, 164, 166)):
    """Galvanised bucket in three-quarter view."""
    bw = w * 0.78
    l.poly([(cx - w / 2, top), (cx + w / 2, top), (cx + bw / 2, top + h),
            (cx - bw / 2, top + h)], zinc)
    l.poly([(cx - w / 2, top), (cx - w / 4, top), (cx - bw / 4, top + h),
            (cx - bw / 2, top + h)], tuple(min(255, c + 40) for c in zinc))
    l.poly([(cx + w / 3, top), (cx + w / 2, top), (cx + bw / 2, top + h),
            (cx + bw / 3, top + h)], tuple(int(c * 0.75) for c in zinc))
    l.ellipse((cx - bw / 2, top + h - h * 0.12, cx + bw / 2, top + h + h * 0.12),
              tuple(int(c * 0.8) for c in zinc))
    for k in (0.3, 0.7):
        y = top + h * k
        ww = w + (bw - w) * k
        l.arc((cx - ww / 2, y - h * 0.1, cx + ww / 2, y + h * 0.1), 0, 180,
              tuple(int(c * 0.7) for c in zinc), 3)
    l.ellipse((cx - w / 2, top - h * 0.17, cx + w / 2, top + h * 0.17),
              tuple(int(c * 0.55) for c in zinc))
    l.ellipse((cx - w / 2 + 6, top - h * 0.17 + 4, cx + w / 2 - 6, top + h * 0.17 - 2),
              (70, 80, 78))
    l.arc((cx - w / 2, top - h * 0.9, cx + w / 2, top + h * 0.5), 200, 340,
          (110, 114, 116), 5)


def scrub_brush(l, cx, cy, ang, size=1.0):
    """Chiendent scrubbing brush: a wooden back over pale bristles."""
    ca, sa = math.cos(ang), math.sin(ang)

    def tr(pts):
        return [(cx + (x * ca - y * sa) * size, cy + (x * sa + y * ca) * size)
                for x, y in pts]

    l.poly(tr([(-120, -30), (120, -30), (135, 0), (120, 38), (-120, 38),
               (-135, 0)]), (206, 176, 110))
    l.poly(tr([(-115, -42), (115, -42), (128, -20), (115, 12), (-115, 12),
               (-128, -20)]), (150, 104, 62))
    l.poly(tr([(-108, -38), (108, -38), (116, -26), (-116, -26)]), (186, 138, 88))


def glove(l, cx, cy, ang, c):
    """A work glove lying flat: palm, four fingers and a thumb."""
    ca, sa = math.cos(ang), math.sin(ang)

    def p(x, y):
        return (cx + x * ca - y * sa, cy + x * sa + y * ca)

    l.poly([p(-60, -55), p(60, -55), p(65, 60), p(-65, 60)], c)
    l.poly([p(-70, 55), p(70, 55), p(60, 120), p(-60, 120)],
           tuple(int(v * 0.8) for v in c))
    for dx, ln in ((-45, 95), (-15, 110), (15, 105), (45, 85)):
        l.line([p(dx, -50), p(dx * 1.05, -50 - ln)], c, 28)
        l.circle(*p(dx * 1.05, -50 - ln), 14, c)
    l.line([p(-60, 0), p(-120, -60)], c, 30)
    l.circle(*p(-120, -60), 15, c)


def scene_outils(s):
    """Tools laid on the kerb at the end of the day: brush, bucket,
    gloves and a scraper, the basin's water along the top edge."""
    s.fill(0, 300, (38, 66, 70), (56, 88, 90))
    rip = smoothstep(0.6, 0.9, s.noise(22, 3, sx=8))
    m = np.zeros((H, W), np.float32)
    m[:300] = 1
    s.shade(m * rip, 0.25)
    stone_slab(s, 300, H, joints=((560, 540), (1180, 1230)), lichen=0.3)
    l = Layer()
    l.line([(0, 300), (W, 300)], (230, 224, 206), 8)
    s.put(l)
    shadow_ellipse(s, (340, 620, 780, 760), -0.45, 18)
    shadow_ellipse(s, (900, 560, 1320, 840), -0.5, 22)
    shadow_ellipse(s, (170, 880, 560, 1120), -0.35, 16)
    shadow_ellipse(s, (700, 930, 1160, 1040), -0.35, 12)
    l = Layer()
    scrub_brush(l, 560, 660, -0.15, 1.4)
    s.put(l, s.noise(5, 2, sx=6), 0.5)
    l = Layer()
    bucket(l, 1100, 480, 320, 300)
    s.put(l, s.noise(9, 3), 0.3)
    l = Layer()
    glove(l, 330, 1000, 0.5, (196, 160, 70))
    glove(l, 470, 990, -0.3, (184, 150, 64))
    s.put(l, s.noise(4, 2), 0.5)
    l = Layer()  # scraper: wooden handle, steel blade
    l.line([(760, 990), (980, 960)], (120, 80, 50), 26)
    l.poly([(975, 940), (1000, 935), (1130, 920), (1150, 1000), (1000, 990),
            (975, 985)], (150, 156, 160))
    l.line([(1000, 937), (1130, 922)], (210, 214, 216), 4)
    s.put(l, s.noise(5, 2), 0.3)
    # mud dried on the slab around the tools
    s.tint(smoothstep(0.68, 0.78, s.noise(30, 4)) * (np.arange(H) > 320)[:, None],
           (120, 100, 70), 0.35)
    return {"warm": 0.03}


def scene_eau_claire(s):
    """Close-up of the basin once cleared: clear water over the stone
    bottom, sky reflected at the top, a slab edge in the upper corner."""
    bottom = np.zeros((H, W, 3), np.float32)
    b = s.noise(70, 6)
    bottom[:] = rgb((150, 140, 112))
    bottom *= (0.6 + 0.8 * b)[..., None]
    joints = np.abs(s.noise(160, 2, sx=3) - 0.5) < 0.008
    bottom[joints] *= 0.6
    pebbles = smoothstep(0.7, 0.8, s.noise(12, 3))
    bottom = bottom * (1 - 0.3 * pebbles[..., None]) + rgb((190, 180, 160)) * 0.3 * pebbles[..., None]
    # refraction: shift the bottom by a rippled field
    dx = ((s.noise(60, 3, sx=4) - 0.5) * 40).astype(np.int32)
    dy = ((s.noise(60, 3, sx=4) - 0.5) * 30).astype(np.int32)
    yy, xx = np.mgrid[0:H, 0:W]
    bottom = bottom[np.clip(yy + dy, 0, H - 1), np.clip(xx + dx, 0, W - 1)]
    depth = np.linspace(1.0, 0.35, H, dtype=np.float32)[:, None, None]
    water_c = rgb((40, 86, 92))
    img = bottom * (1 - depth * 0.8) + water_c * depth * 0.8
    # caustics: thin bright network
    c = 1 - np.abs(s.noise(45, 2) - 0.5) * 2
    caust = smoothstep(0.93, 0.99, c) * (1 - depth[..., 0] * 0.7)
    img += caust[..., None] * rgb((150, 160, 120)) * 0.3
    # sky reflection, stronger far away (top): Fresnel
    refl = smoothstep(0.55, 0.0, np.linspace(0, 1, H))[:, None]
    skyc = rgb((196, 214, 232))
    wav = smoothstep(0.45, 0.75, s.noise(26, 3, sx=10))
    r = (refl * (0.4 + 0.6 * wav))[..., None]
    img = img * (1 - r * 0.8) + skyc * r * 0.8
    s.img = np.clip(img, 0, 1)
    # slab edge in the top-left corner and a floating lime leaf
    l = Layer()
    l.poly([(0, 0), (640, 0), (420, 150), (0, 230)], (198, 190, 170))
    l.poly([(0, 230), (420, 150), (425, 170), (0, 254)], (120, 114, 100))
    s.put(l, s.noise(14, 4), 0.5)
    shadow_ellipse(s, (980, 780, 1140, 860), -0.4, 10)
    l = Layer()
    l.poly([(960, 760), (1040, 730), (1120, 760), (1040, 800)], (150, 160, 60))
    l.line([(960, 760), (1120, 760)], (110, 120, 40), 3)
    s.put(l, s.noise(5, 2), 0.3)


def wheelbarrow(l, x, y, tray=(46, 110, 74)):
    """Side view: the tray, a wheel in front, legs and handles behind."""
    l.line([(x + 340, y + 70), (x + 620, y + 20)], (90, 70, 50), 16)
    l.line([(x + 330, y + 140), (x + 640, y + 60)], (80, 62, 44), 14)
    l.line([(x + 380, y + 130), (x + 400, y + 250)], (60, 60, 62), 12)
    l.line([(x + 520, y + 100), (x + 540, y + 250)], (60, 60, 62), 12)
    l.poly([(x - 20, y - 40), (x + 420, y - 40), (x + 380, y + 140),
            (x + 90, y + 150)], tray)
    l.poly([(x - 20, y - 40), (x + 420, y - 40), (x + 416, y - 22),
            (x - 14, y - 22)], tuple(min(255, c + 50) for c in tray))
    l.circle(x + 60, y + 190, 78, (34, 34, 36))
    l.circle(x + 60, y + 190, 48, (120, 124, 126))
    l.circle(x + 60, y + 190, 14, (70, 72, 74))
    l.line([(x + 60, y + 190), (x + 150, y + 120)], (60, 60, 62), 12)


def scene_brouette(s):
    """A wheelbarrow heaped with ivy and brambles on the grass, a hedge
    and the wash-house's stone gable behind."""
    sky(s, 540, clouds=0.5)
    tree(s, 300, 440, 400, 520)
    l = Layer()
    stones(l, s.rng, 900, 80, 1600, 520, row=(36, 54), width=(50, 110),
           palette=((210, 200, 176), (194, 184, 160), (222, 212, 188)),
           mortar=(226, 220, 204))
    l.poly([(880, 80), (1600, 20), (1600, 60), (880, 110)], (120, 76, 56))
    s.put(l, s.noise(12, 3), 0.45)
    l = Layer()
    crown(l, s.rng, 450, 470, 480, 90, (28, 50, 26), (54, 86, 40), (96, 126, 58),
          n=7000, leaf=(4, 10), blobs=12)
    s.put(l, s.noise(6, 2), 0.3)
    grass(s, 520, H, far=(104, 132, 66), near=(70, 108, 42), blades=7000)
    shadow_ellipse(s, (380, 900, 1240, 1010), -0.5, 24)
    l = Layer()
    wheelbarrow(l, 480, 720)
    s.put(l, s.noise(8, 3), 0.35)
    l = Layer()
    ivy = ((34, 60, 30), (50, 82, 36), (28, 48, 26), (72, 104, 46), (90, 70, 44))
    leaf_pile(l, s.rng, 690, 640, 250, 120, ivy, n=4200, size=(9, 18))
    for _ in range(40):  # bramble stems sticking out
        a = s.rng.uniform(-math.pi, 0)
        x0, y0 = 690 + s.rng.uniform(-150, 150), 640 + s.rng.uniform(-40, 40)
        ln = s.rng.uniform(80, 200)
        l.line([(x0, y0), (x0 + ln * math.cos(a), y0 + ln * math.sin(a) * 0.7)],
               (96, 58, 48), 3)
    s.put(l, s.noise(5, 2), 0.4)
    l = Layer()
    leaf_pile(l, s.rng, 1150, 980, 60, 30, ivy, n=120, size=(9, 16))
    s.put(l)




# -------------------------------------------- school wall, paint, flowers


def perspective_coeffs(src, dst):
    """Coefficients for Image.transform(PERSPECTIVE), which maps output
    points dst back to input points src."""
    a = []
    b = []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b += [u, v]
    return np.linalg.solve(np.array(a, np.float64), np.array(b, np.float64))


def asphalt(s, y0, y1, base=(104, 104, 108)):
    s.fill(y0, y1, tuple(int(c * 0.9) for c in base), base)
    m = np.zeros((H, W), np.float32)
    m[y0:y1] = 1
    s.modulate(m, s.noise(4, 2), 0.5)
    s.modulate(m, s.noise(120, 4), 0.3)
    s.shade(m * smoothstep(0.8, 0.9, s.noise(3, 1)), 0.25)


def mural(l, rng, x0, y0, x1, y1):
    """The children's design painted on the yard wall: the Loire with a
    sailing barge under a yellow sun, green hillsides, a stripe of
    flowers along the bottom."""
    w, h = x1 - x0, y1 - y0
    l.rect((x0, y0, x1, y1), (168, 208, 228))
    l.circle(x0 + w * 0.78, y0 + h * 0.28, h * 0.16, (246, 200, 60))
    for k in range(12):
        a = k * math.pi / 6
        cx, cy = x0 + w * 0.78, y0 + h * 0.28
        l.line([(cx + h * 0.2 * math.cos(a), cy + h * 0.2 * math.sin(a)),
                (cx + h * 0.27 * math.cos(a), cy + h * 0.27 * math.sin(a))],
               (246, 200, 60), 8)
    hills = [(x0, y0 + h * 0.62)]
    for k in range(9):
        hills.append((x0 + w * (k + 0.5) / 8, y0 + h * (0.42 + 0.12 * math.sin(k * 1.7))))
    hills += [(x1, y0 + h * 0.6), (x1, y1), (x0, y1)]
    l.poly(hills, (98, 160, 78))
    l.poly([(x0, y0 + h * 0.62), (x1, y0 + h * 0.58), (x1, y1), (x0, y1)],
           (58, 118, 178))
    for k in range(14):
        yy = y0 + h * (0.66 + 0.02 * (k % 3))
        xx = x0 + w * k / 14
        l.arc((xx, yy, xx + w / 16, yy + 24), 200, 340, (236, 244, 250), 5)
    bx, by = x0 + w * 0.3, y0 + h * 0.62
    l.poly([(bx - 110, by), (bx + 120, by), (bx + 90, by + 34), (bx - 90, by + 34)],
           (120, 72, 40))
    l.line([(bx, by), (bx, by - 170)], (90, 60, 40), 6)
    l.poly([(bx + 4, by - 165), (bx + 100, by - 20), (bx + 4, by - 20)], (250, 246, 236))
    stripe_y = y0 + h * 0.86
    l.rect((x0, stripe_y, x1, y1), (236, 226, 200))
    x = x0 + 20
    while x < x1 - 20:
        c = [(222, 70, 80), (244, 170, 40), (160, 90, 180), (240, 240, 240)][
            int(rng.integers(4))]
        r = rng.uniform(14, 22)
        cy = stripe_y + (y1 - stripe_y) / 2
        for k in range(5):
            a = k * 2 * math.pi / 5
            l.circle(x + r * 0.7 * math.cos(a), cy + r * 0.7 * math.sin(a), r * 0.55, c)
        l.circle(x, cy, r * 0.4, (250, 220, 70))
        x += rng.uniform(60, 90)


def scene_mur_cour(s):
    """The freshly painted yard wall of the primary school, a lime tree
    above it and the school's slate roof on the left."""
    sky(s, 470, clouds=0.5)
    l = Layer()  # school building on the left
    l.poly([(0, 130), (380, 60), (520, 190), (520, 470), (0, 470)], (214, 204, 180))
    l.poly([(0, 120), (380, 40), (560, 200), (540, 210), (380, 72), (0, 150)],
           (74, 82, 96))
    l.poly([(0, 150), (380, 72), (380, 120), (0, 200)], (88, 96, 110))
    for x in (90, 250):
        l.rect((x, 250, x + 90, 420), (240, 240, 236))
        l.rect((x + 8, 258, x + 82, 412), (70, 92, 112))
        l.line([(x + 45, 258), (x + 45, 412)], (240, 240, 236), 5)
        l.line([(x + 8, 335), (x + 82, 335)], (240, 240, 236), 5)
    s.put(l, s.noise(8, 3), 0.35)
    tree(s, 1150, 560, 620, 720)
    # the wall, with its tile coping, then the mural
    top, bot = 430, 860
    l = Layer()
    l.rect((0, top, W, bot), (232, 224, 204))
    mural(l, s.rng, 40, top + 40, W - 40, bot - 30)
    l.rect((0, top - 18, W, top + 14), (150, 90, 64))
    l.line([(0, top + 14), (W, top + 14)], (100, 60, 44), 4)
    s.put(l, s.noise(5, 2), 0.18)
    m = np.zeros((H, W), np.float32)
    m[top + 14:bot] = 1
    s.modulate(m, s.noise(160, 4), 0.12)
    dapple = smoothstep(0.5, 0.62, s.noise(50, 4)) * (np.arange(W) > 760)[None, :]
    s.shade(m * dapple, -0.28)
    asphalt(s, bot, H)
    shadow = np.zeros((H, W), np.float32)
    shadow[bot:bot + 60] = np.linspace(1, 0, 60)[:, None]
    s.shade(shadow, -0.3)
    l = Layer()  # painted white line of a game court
    l.poly([(0, 1080), (W, 1020), (W, 1034), (0, 1096)], (232, 232, 224))
    s.put(l, s.noise(4, 2), 0.4)


def paint_pot(l, cx, base, w, h, paint, label):
    """Open tin of paint: body, label band, paint surface and a drip."""
    top = base - h
    l.rect((cx - w / 2, top, cx + w / 2, base), (170, 172, 176))
    l.rect((cx - w / 2, top + h * 0.25, cx + w / 2, top + h * 0.8), label)
    l.rect((cx - w / 2, top, cx - w / 2 + w * 0.16, base), (206, 208, 210), a=120)
    l.rect((cx + w / 2 - w * 0.2, top, cx + w / 2, base), (40, 40, 44), a=90)
    l.ellipse((cx - w / 2, base - w * 0.14, cx + w / 2, base + w * 0.14), (150, 152, 156))
    l.ellipse((cx - w / 2, top - w * 0.16, cx + w / 2, top + w * 0.16), (196, 198, 200))
    l.ellipse((cx - w / 2 + 8, top - w * 0.16 + 6, cx + w / 2 - 8, top + w * 0.16 - 6),
              paint)
    l.poly([(cx + w * 0.1, top + 2), (cx + w * 0.2, top + 2), (cx + w * 0.18, top + h * 0.35),
            (cx + w * 0.12, top + h * 0.35)], paint)
    l.circle(cx + w * 0.15, top + h * 0.35, w * 0.04, paint)


def brush(l, x0, y0, x1, y1, tip):
    """Flat brush: handle, ferrule and bristles tipped with paint."""
    dx, dy = x1 - x0, y1 - y0
    ln = math.hypot(dx, dy)
    ux, uy = dx / ln, dy / ln
    l.line([(x0, y0), (x0 + ux * ln * 0.55, y0 + uy * ln * 0.55)], (150, 100, 60), 18)
    fx, fy = x0 + ux * ln * 0.55, y0 + uy * ln * 0.55
    l.line([(fx, fy), (fx + ux * ln * 0.18, fy + uy * ln * 0.18)], (176, 178, 182), 30)
    bx, by = fx + ux * ln * 0.18, fy + uy * ln * 0.18
    l.line([(bx, by), (x1, y1)], (210, 190, 150), 32)
    l.line([(bx + ux * ln * 0.15, by + uy * ln * 0.15), (x1, y1)], tip, 34)


def scene_pots_peinture(s):
    """Still life on a trestle table: tins of paint, brushes, a roller."""
    s.fill(0, 420, (120, 140, 96), (150, 160, 120))
    l = Layer()
    for _ in range(60):  # out-of-focus garden behind
        x, y, r = s.rng.uniform(0, W), s.rng.uniform(0, 420), s.rng.uniform(30, 90)
        c = jitter(s.rng, [(80, 110, 60), (180, 190, 150), (60, 90, 50)][int(s.rng.integers(3))], 0.2)
        l.circle(x, y, r, c, a=110)
    s.put(l)
    blurred = Image.fromarray((np.clip(s.img, 0, 1) * 255).astype(np.uint8)).filter(
        ImageFilter.GaussianBlur(18))
    s.img = np.asarray(blurred, np.float32) / 255
    wood(s, 420, H, base=(176, 140, 100), planks=5, persp=0.6)
    shadows = [(170, 700, 530, 790), (560, 640, 900, 730), (930, 720, 1320, 810),
               (250, 1000, 1100, 1130), (1000, 880, 1520, 1000)]
    for b in shadows:
        shadow_ellipse(s, b, -0.45, 20)
    l = Layer()
    paint_pot(l, 340, 750, 300, 300, (60, 120, 190), (230, 230, 226))
    paint_pot(l, 720, 690, 260, 260, (246, 196, 48), (60, 80, 120))
    paint_pot(l, 1110, 770, 320, 320, (110, 170, 90), (230, 230, 226))
    s.put(l, s.noise(6, 2), 0.25)
    l = Layer()
    brush(l, 260, 1080, 1000, 1040, (60, 120, 190))
    brush(l, 1060, 960, 1480, 900, (246, 196, 48))
    # paint roller lying on the table
    l.line([(200, 930), (420, 900)], (60, 60, 64), 10)
    l.line([(140, 960), (210, 930)], (40, 40, 44), 26)
    l.poly([(400, 860), (640, 830), (650, 930), (410, 960)], (230, 226, 210))
    l.poly([(400, 860), (640, 830), (642, 850), (402, 880)], (250, 248, 240))
    s.put(l, s.noise(4, 2), 0.3)
    s.tint(smoothstep(0.86, 0.88, s.noise(9, 2)) * (np.arange(H) > 800)[:, None],
           (60, 120, 190), 0.8)


def scene_marelle(s):
    """Hopscotch freshly painted on the yard's asphalt, seen from above
    at an angle, with the tin of white paint beside it."""
    asphalt(s, 0, H)
    flat = Image.new("RGBA", (1000, 2000), (0, 0, 0, 0))
    d = ImageDraw.Draw(flat)
    white = (240, 240, 232, 255)
    boxes = [(350, 1700, 650, 2000, "1"), (350, 1400, 650, 1700, "2"),
             (200, 1100, 500, 1400, "3"), (500, 1100, 800, 1400, "4"),
             (350, 800, 650, 1100, "5"), (200, 500, 500, 800, "6"),
             (500, 500, 800, 800, "7"), (350, 200, 650, 500, "8")]
    for x0, y0, x1, y1, n in boxes:
        d.rectangle((x0, y0, x1, y1), outline=white, width=22)
        f = font(150, True)
        try:
            d.text(((x0 + x1) / 2, (y0 + y1) / 2), n, font=f, fill=white, anchor="mm")
        except (TypeError, ValueError):
            d.text((x0 + 100, y0 + 90), n, font=f, fill=white)
    d.ellipse((250, -100, 750, 300), outline=white, width=22)
    try:
        d.text((500, 80), "CIEL", font=font(110, True), fill=white, anchor="mm")
    except (TypeError, ValueError):
        d.text((360, 40), "CIEL", font=font(110, True), fill=white)
    dst = [(520, 80), (1040, 80), (1500, 1200), (60, 1200)]
    src = [(0, 0), (1000, 0), (1000, 2000), (0, 2000)]
    co = perspective_coeffs(src, dst)
    warped = flat.transform((W, H), Image.PERSPECTIVE, tuple(co), Image.BICUBIC)
    a = np.asarray(warped, np.float32) / 255
    wear = 0.75 + 0.25 * smoothstep(0.3, 0.6, s.noise(5, 2))
    al = a[..., 3:4] * wear[..., None]
    s.img = s.img * (1 - al) + a[..., :3] * al
    shadow_ellipse(s, (1240, 1000, 1560, 1120), -0.5, 16)
    l = Layer()
    paint_pot(l, 1380, 1060, 220, 200, (240, 240, 232), (200, 60, 50))
    brush(l, 1180, 1150, 1000, 1010, (240, 240, 232))
    s.put(l, s.noise(5, 2), 0.25)
    s.modulate(np.ones((H, W), np.float32), np.linspace(0.3, 0.7, H)[:, None] * np.ones((1, W)), 0.6)


def seedling(l, rng, x, y, r, flower=None):
    """A plant in its black plastic pot seen from above at an angle."""
    l.ellipse((x - r, y - r * 0.55, x + r, y + r * 0.55), (30, 30, 32))
    l.ellipse((x - r * 0.86, y - r * 0.45, x + r * 0.86, y + r * 0.45), (78, 56, 40))
    for _ in range(int(r * 1.4)):
        a = rng.uniform(0, 2 * math.pi)
        d = rng.uniform(0, r * 0.9)
        lx, ly = x + d * math.cos(a), y - r * 0.35 + d * math.sin(a) * 0.6
        lr = rng.uniform(r * 0.12, r * 0.26)
        l.ellipse((lx - lr, ly - lr * 0.7, lx + lr, ly + lr * 0.7),
                  jitter(rng, (70, 120, 52) if rng.random() < 0.6 else (100, 150, 70), 0.15))
    if flower:
        for _ in range(int(r * 0.3)):
            a = rng.uniform(0, 2 * math.pi)
            d = rng.uniform(0, r * 0.7)
            fx, fy = x + d * math.cos(a), y - r * 0.5 + d * math.sin(a) * 0.6
            fr = rng.uniform(r * 0.07, r * 0.12)
            l.circle(fx, fy, fr, jitter(rng, flower, 0.08))


def scene_godets(s):
    """Trays of young perennials in black pots, waiting to be planted,
    some in flower, with a trowel and plant labels."""
    s.fill(0, H, (170, 156, 130), (150, 136, 112))
    m = np.ones((H, W), np.float32)
    s.modulate(m, s.noise(4, 1), 0.3)
    s.modulate(m, s.noise(60, 3), 0.3)
    flowers = [None, (160, 110, 200), None, (250, 214, 60), (244, 244, 240), None,
               (210, 60, 80)]
    rows = 6
    for r in range(rows):
        t = r / (rows - 1)
        y = 190 + t ** 1.3 * 960
        rad = 52 + 64 * t
        n = int(W / (rad * 2.05)) + 2
        l = Layer()
        kind = flowers[r % len(flowers)]
        for c in range(n):
            x = (c + 0.5 * (r % 2)) * rad * 2.05 - rad * 0.5
            seedling(l, s.rng, x, y, rad, kind if s.rng.random() < 0.8 else None)
        s.put(l, s.noise(5, 2), 0.3)
    l = Layer()
    for x, y, a in ((300, 380, -0.2), (900, 600, 0.15), (1320, 880, -0.1)):
        l.poly([(x, y), (x + 40, y - 6), (x + 52, y - 170), (x + 12, y - 164)], (244, 244, 240))
        l.line([(x + 16, y - 120), (x + 42, y - 124)], (80, 80, 90), 3)
        l.line([(x + 14, y - 100), (x + 40, y - 104)], (80, 80, 90), 3)
    # a trowel across the front
    l.line([(220, 1150), (460, 1060)], (170, 60, 40), 30)
    l.poly([(450, 1050), (640, 960), (700, 1010), (520, 1110)], (150, 156, 162))
    l.line([(450, 1055), (690, 1000)], (200, 204, 208), 4)
    s.put(l, s.noise(5, 2), 0.2)
    return {"warm": 0.02}


def plant(l, rng, x, y, kind, size):
    """One clump of the flower bed; kind names the perennial."""
    if kind == "graminee":
        for _ in range(int(size * 0.8)):
            a = rng.uniform(-2.2, -0.9)
            ln = rng.uniform(0.6, 1.2) * size * 1.5
            l.line([(x, y), (x + ln * math.cos(a), y + ln * math.sin(a))],
                   jitter(rng, (150, 160, 90), 0.15), 2.5)
        return
    leaf = {"lavande": (120, 140, 110), "santoline": (160, 168, 140)}.get(kind, (70, 116, 50))
    for _ in range(int(size * 1.5)):
        a = rng.uniform(math.pi, 2 * math.pi)
        d = rng.uniform(0, size)
        lx, ly = x + d * math.cos(a), y + d * math.sin(a) * 0.7
        r = rng.uniform(size * 0.08, size * 0.16)
        l.ellipse((lx - r, ly - r * 0.7, lx + r, ly + r * 0.7), jitter(rng, leaf, 0.15))
    if kind == "lavande":
        for _ in range(int(size * 0.7)):
            a = rng.uniform(-2.4, -0.7)
            ln = rng.uniform(0.9, 1.5) * size
            ex, ey = x + ln * math.cos(a), y + ln * math.sin(a)
            l.line([(x + (ex - x) * 0.3, y + (ey - y) * 0.3), (ex, ey)], (110, 130, 90), 2)
            l.line([(x + (ex - x) * 0.75, y + (ey - y) * 0.75), (ex, ey)],
                   jitter(rng, (130, 100, 190), 0.1), 7)
        return
    colour = {"marguerite": (246, 246, 240), "achillee": (246, 208, 60),
              "geranium": (214, 60, 90), "santoline": (236, 200, 60),
              "sauge": (100, 90, 200)}[kind]
    for _ in range(int(size * 0.5)):
        a = rng.uniform(math.pi, 2 * math.pi)
        d = rng.uniform(0, size * 0.9)
        fx, fy = x + d * math.cos(a), y + d * math.sin(a) * 0.8 - size * 0.15
        fr = rng.uniform(size * 0.05, size * 0.09)
        l.circle(fx, fy, fr, jitter(rng, colour, 0.08))
        if kind == "marguerite":
            l.circle(fx, fy, fr * 0.35, (240, 190, 40))


def scene_massif(s):
    """The new bed of perennials in front of the town hall's limestone
    facade: MAIRIE carved above the door, shutters open."""
    sky(s, 140, clouds=0.3)
    l = Layer()
    l.poly([(0, 60), (W, 60), (W, 150), (0, 150)], (70, 78, 92))
    y = 150
    while y < 760:  # tuffeau ashlar
        x = -s.rng.uniform(0, 120)
        while x < W:
            w = s.rng.uniform(130, 200)
            l.rect((x + 2, y + 2, x + w - 2, y + 52), jitter(s.rng, (226, 216, 190), 0.04))
            x += w
        y += 54
    l.rect((0, 140, W, 170), (236, 228, 206))
    for x in (120, 470, 1130):
        l.rect((x - 70, 300, x + 180, 700), (120, 140, 150))  # open shutters
        l.rect((x, 280, x + 110, 690), (244, 244, 240))
        l.rect((x + 8, 288, x + 102, 682), (60, 76, 92))
        for k in range(1, 4):
            l.line([(x + 8, 288 + 98.5 * k), (x + 102, 288 + 98.5 * k)], (244, 244, 240), 5)
        l.line([(x + 55, 288), (x + 55, 682)], (244, 244, 240), 5)
        for sx0 in (x - 70, x + 110):
            for k in range(14):
                l.line([(sx0 + 4, 300 + k * 28), (sx0 + 66, 300 + k * 28)], (96, 116, 128), 3)
    l.rect((740, 200, 980, 760), (214, 204, 176))
    l.rect((770, 330, 950, 760), (92, 58, 44))
    l.line([(860, 330), (860, 760)], (70, 44, 34), 4)
    l.text((860, 258), "MAIRIE", (150, 136, 110), 58, bold=True, anchor="mm")
    s.put(l, s.noise(9, 3), 0.25)
    m = np.zeros((H, W), np.float32)
    m[150:760] = 1
    s.modulate(m, s.noise(140, 4), 0.15)
    # the bed: bark mulch, brick edging, clumps from back to front
    s.fill(740, 1040, (92, 62, 40), (110, 74, 46))
    m = np.zeros((H, W), np.float32)
    m[740:1040] = 1
    s.modulate(m, s.noise(6, 2), 0.5)
    s.fill(1040, H, (196, 186, 160), (184, 172, 146))
    m = np.zeros((H, W), np.float32)
    m[1040:] = 1
    s.modulate(m, s.noise(3, 2), 0.6)
    l = Layer()
    for k in range(24):
        x = k * 70 - 10
        l.poly([(x, 1030), (x + 66, 1026), (x + 66, 1058), (x, 1062)],
               jitter(s.rng, (160, 80, 56), 0.1))
    s.put(l, s.noise(5, 2), 0.3)
    kinds = ["lavande", "marguerite", "achillee", "graminee", "geranium", "santoline", "sauge"]
    clumps = []
    for _ in range(40):
        y = s.rng.uniform(790, 1020)
        clumps.append((y, s.rng.uniform(0, W), kinds[int(s.rng.integers(len(kinds)))]))
    clumps.sort()
    for y, x, kind in clumps:
        l = Layer()
        plant(l, s.rng, x, y, kind, 50 + (y - 790) * 0.35)
        s.put(l, s.noise(4, 2), 0.3)




# ------------------------------------------------------------ the meal


def vichy(s, x0, y0, x1, y1, c=(200, 56, 60), sq=60, horizon=None):
    """Red gingham tablecloth with soft creases, seen from above, or
    receding towards a horizon line when one is given."""
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if horizon is not None:
        z = (y1 - horizon) / np.maximum(yy - horizon, 1.0)
        xx = (xx - W / 2) * z + W / 2
        yy = (y1 - horizon) * (1 - z) * 3
    a = (np.floor(xx / sq) % 2).astype(np.float32)
    b = (np.floor(yy / sq) % 2).astype(np.float32)
    k = (a + b) / 2
    col = rgb((246, 242, 236)) * (1 - k[..., None]) + rgb(c) * k[..., None]
    m = np.zeros((H, W), np.float32)
    m[y0:y1, x0:x1] = 1
    s.img = s.img * (1 - m[..., None]) + col * m[..., None]
    s.modulate(m, s.noise(200, 3, sx=3), 0.25)
    s.modulate(m, s.noise(3, 1), 0.12)


def plate(l, x, y, r):
    l.circle(x, y, r, (236, 236, 232))
    l.circle(x, y, r * 0.72, (250, 250, 248))
    l.arc((x - r * 0.72, y - r * 0.72, x + r * 0.72, y + r * 0.72), 200, 320,
          (214, 214, 210), 3)


def glass(l, x, y, r):
    l.circle(x, y, r, (214, 228, 230), a=150)
    l.arc((x - r, y - r, x + r, y + r), 0, 360, (250, 252, 252), 4, a=220)
    l.arc((x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7), 200, 260,
          (255, 255, 255), 6, a=230)


def cutlery(l, x, y, ang, ln):
    ca, sa = math.cos(ang), math.sin(ang)
    l.line([(x, y), (x + ca * ln, y + sa * ln)], (190, 192, 196), 9)
    l.line([(x + ca * ln * 0.6, y + sa * ln * 0.6), (x + ca * ln, y + sa * ln)],
           (210, 212, 216), 14)


def scene_tables_dressees(s):
    """Long table laid for the shared meal, seen from above: gingham
    cloth, white plates, glasses, a bread basket and a water jug."""
    vichy(s, 0, 0, W, H)
    napkins = [(240, 200, 70), (120, 180, 200), (240, 150, 170)]
    for k, x in enumerate((230, 630, 1030, 1430)):
        for y, flip in ((230, 1), (970, -1)):
            shadow_ellipse(s, (x - 150, y - 130, x + 170, y + 160), -0.3, 16)
            l = Layer()
            nc = napkins[(k + (y > 500)) % 3]
            l.poly([(x - 230, y - 40), (x - 170, y - 40), (x - 170, y + 100), (x - 230, y + 100)], nc)
            plate(l, x, y, 140)
            cutlery(l, x - 190, y - 60 * flip, math.pi / 2 * flip, 150)
            cutlery(l, x + 175, y - 70 * flip, math.pi / 2 * flip, 160)
            s.put(l, s.noise(4, 2), 0.1)
            l = Layer()
            glass(l, x + 130, y - 150 * flip, 42)
            s.put(l)
    # bread basket and jug down the middle
    shadow_ellipse(s, (500, 540, 900, 720), -0.4, 20)
    l = Layer()
    l.ellipse((500, 520, 880, 700), (170, 120, 64))
    for k in range(10):
        l.arc((500 + k * 6, 520 + k * 5, 880 - k * 6, 700 - k * 5), 0, 360, (140, 96, 48), 3)
    for k in range(7):
        x = 560 + k * 42
        l.ellipse((x, 560 + (k % 2) * 30, x + 90, 640 + (k % 2) * 30), (226, 186, 120))
        l.ellipse((x + 10, 570 + (k % 2) * 30, x + 80, 630 + (k % 2) * 30), (246, 232, 200))
    s.put(l, s.noise(4, 2), 0.35)
    shadow_ellipse(s, (1030, 520, 1230, 720), -0.4, 16)
    l = Layer()
    l.circle(1120, 610, 90, (190, 214, 220), a=190)
    l.circle(1120, 610, 70, (160, 196, 206), a=200)
    l.arc((1030, 520, 1210, 700), 190, 270, (255, 255, 255), 8)
    l.line([(1200, 600), (1250, 590)], (190, 214, 220), 18, a=190)
    s.put(l)


def tart(l, rng, x, y, r):
    """Apple tart from above: golden crust, fanned slices, glaze."""
    l.circle(x, y, r, (196, 140, 70))
    l.circle(x, y, r * 0.9, (214, 164, 84))
    for ring, n in ((0.74, 26), (0.46, 17), (0.2, 8)):
        span = 2 * math.pi / n * 1.7
        for k in range(n):
            a0 = k * 2 * math.pi / n + ring
            outer, inner = r * (ring + 0.12), r * (ring - 0.1)
            arc_o = [(x + outer * math.cos(a0 + span * j / 8),
                      y + outer * math.sin(a0 + span * j / 8)) for j in range(9)]
            arc_i = [(x + inner * math.cos(a0 + span * j / 8),
                      y + inner * math.sin(a0 + span * j / 8)) for j in range(9)]
            l.poly(arc_o + arc_i[::-1], jitter(rng, (240, 206, 130), 0.08))
            l.line(arc_o, (176, 106, 48), 6)
            l.line([arc_o[0], arc_i[0]], (168, 104, 50), 7)
            l.line(arc_o[:5], (150, 84, 36), 8)
    l.circle(x, y, r * 0.1, (226, 170, 90))


def baguette(l, x0, y0, x1, y1, wdt):
    l.line([(x0, y0), (x1, y1)], (196, 132, 60), wdt)
    l.circle(x0, y0, wdt / 2, (196, 132, 60))
    l.circle(x1, y1, wdt / 2, (196, 132, 60))
    l.line([(x0, y0 - wdt * 0.2), (x1, y1 - wdt * 0.2)], (214, 156, 80), wdt * 0.5)
    dx, dy = x1 - x0, y1 - y0
    for k in range(1, 6):
        cx, cy = x0 + dx * k / 6, y0 + dy * k / 6
        l.line([(cx - dx * 0.05, cy - dy * 0.05 + wdt * 0.15),
                (cx + dx * 0.05, cy + dy * 0.05 - wdt * 0.25)], (240, 214, 160), wdt * 0.16)


def scene_tartes(s):
    """Desserts and bread brought by the families: two apple tarts,
    baguettes and a round loaf on a striped tea towel."""
    wood(s, 0, H, base=(160, 118, 80), planks=7)
    l = Layer()
    l.poly([(120, 640), (1020, 560), (1100, 1160), (200, 1200)], (240, 236, 226))
    s.put(l, s.noise(30, 3), 0.2)
    l = Layer()
    for k in range(4):
        y0 = 690 + k * 22
        l.line([(130, y0 - 40 + k), (1030, y0 - 120 + k)], (180, 50, 56), 7)
    s.put(l)
    for x, y, r in ((440, 340, 260), (1180, 330, 230)):
        shadow_ellipse(s, (x - r - 10, y - r + 40, x + r + 40, y + r + 50), -0.45, 24)
        l = Layer()
        tart(l, s.rng, x, y, r)
        s.put(l, s.noise(4, 2), 0.3)
    shadow_ellipse(s, (300, 780, 1000, 1100), -0.35, 24)
    shadow_ellipse(s, (1080, 720, 1480, 1110), -0.45, 24)
    l = Layer()
    baguette(l, 330, 940, 980, 800, 90)
    baguette(l, 280, 1060, 940, 950, 84)
    l.circle(1280, 900, 190, (170, 108, 50))
    l.circle(1270, 890, 170, (190, 126, 60))
    l.line([(1160, 850), (1380, 930)], (236, 206, 150), 16)
    l.line([(1230, 770), (1310, 1010)], (236, 206, 150), 16)
    s.put(l, s.noise(5, 3), 0.4)
    # a dusting of flour
    s.shade(smoothstep(0.82, 0.9, s.noise(6, 2)) * (np.arange(H) > 700)[:, None], 0.3)
    return {"warm": 0.04}


def bunting(l, rng, x0, y0, x1, y1, sag, flag, colours):
    """A string of triangular flags hanging between two points."""
    n = max(3, int(math.hypot(x1 - x0, y1 - y0) / (flag * 1.25)))
    pts = []
    for k in range(n + 1):
        t = k / n
        pts.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + sag * 4 * t * (1 - t)))
    l.line(pts, (60, 56, 50), max(1.0, flag * 0.04))
    for k in range(n):
        (ax, ay), (bx, by) = pts[k], pts[k + 1]
        mx, my = (ax + bx) / 2, (ay + by) / 2
        c = colours[k % len(colours)]
        l.poly([(ax + (bx - ax) * 0.08, ay + (by - ay) * 0.08),
                (bx - (bx - ax) * 0.08, by - (by - ay) * 0.08),
                (mx + rng.uniform(-2, 2), my + flag * 1.1)], jitter(rng, c, 0.06))


def scene_guirlandes(s):
    """The square laid out for the meal before the guests arrive: two
    long tables with white cloths under lime trees, bunting overhead."""
    sky(s, 470, top=(90, 140, 200), clouds=0.35)
    l = Layer()  # houses closing the square
    for x0, x1, hgt in ((0, 420, 250), (420, 760, 300), (760, 1180, 270), (1180, W, 240)):
        top = 520 - hgt
        l.rect((x0, top, x1, 520), jitter(s.rng, (224, 214, 188), 0.05))
        l.poly([(x0 - 10, top), (x1 + 10, top), (x1 - 40, top - 90), (x0 + 40, top - 90)],
               (78, 86, 100))
        for wx in range(int(x0) + 50, int(x1) - 60, 110):
            l.rect((wx, top + 50, wx + 44, top + 120), (70, 84, 98))
            l.rect((wx, top + 150, wx + 44, top + 220), (70, 84, 98))
    s.put(l, s.noise(8, 3), 0.25)
    tree(s, 170, 620, 620, 560)
    tree(s, 1440, 640, 640, 600)
    s.fill(520, H, (196, 180, 150), (176, 160, 130))  # gravel
    m = np.zeros((H, W), np.float32)
    m[520:] = 1
    s.modulate(m, s.noise(4, 1), 0.35)
    s.modulate(m, s.noise(90, 4), 0.25)
    vp = (800, 470)

    def at(x_near, y_near, t):
        return (x_near + (vp[0] - x_near) * t, y_near + (vp[1] - y_near) * t)

    shadow = s.mask(lambda ll: [ll.poly([at(x0, 1240, 0), at(x1, 1240, 0), at(x1, 1240, 0.9),
                                         at(x0, 1240, 0.9)], (0, 0, 0))
                                for x0, x1 in ((80, 620), (980, 1520))], 14)
    s.shade(shadow, -0.35)
    l = Layer()
    for x0, x1 in ((100, 560), (1040, 1500)):
        top_y = 1020
        tt = 0.8
        l.poly([at(x0, top_y, 0), at(x1, top_y, 0), at(x1, top_y, tt), at(x0, top_y, tt)],
               (246, 246, 240))
        near = [at(x0, top_y, 0), at(x1, top_y, 0), at(x1, top_y + 50, 0), at(x0, top_y + 50, 0)]
        l.poly(near, (226, 226, 220))
        inner = x1 if x0 < 800 else x0
        l.poly([at(inner, top_y, 0), at(inner, top_y, tt), at(inner, top_y + 50, tt),
                at(inner, top_y + 50, 0)], (214, 214, 208))
        for k in range(9):  # jugs and bread along the table
            t = 0.08 + k * 0.09
            cx, cy = at((x0 + x1) / 2, top_y, t)
            sc = 1 - t
            l.rect((cx - 12 * sc, cy - 50 * sc, cx + 12 * sc, cy), (240, 200, 90), a=220)
    for x0 in (40, 1460):  # benches
        x1 = x0 + 100
        l.poly([at(x0, 1140, 0), at(x1, 1140, 0), at(x1, 1140, 0.9), at(x0, 1140, 0.9)],
               (150, 110, 70))
    s.put(l, s.noise(6, 2), 0.15)
    l = Layer()
    colours = [(214, 50, 56), (248, 200, 50), (40, 110, 180), (250, 250, 246), (70, 150, 80)]
    for k, (y, sag, flag) in enumerate(((140, 120, 70), (280, 80, 44), (360, 50, 28),
                                         (410, 30, 18))):
        bunting(l, s.rng, -20, y - 20 * k, W + 20, y + 30, sag, flag, colours[k % 2:] + colours[:k % 2])
    s.put(l, s.noise(5, 2), 0.15)
    return {"warm": 0.03}


def scene_merci(s):
    """Slate board propped on an easel against the village hall's
    limestone wall, thanks written in chalk."""
    l = Layer()
    stones(l, s.rng, 0, 0, W, H, row=(60, 70), width=(160, 240),
           palette=((224, 214, 188), (214, 204, 178), (232, 222, 198)),
           mortar=(236, 230, 214), gap=3, rough=2)
    s.put(l, s.noise(10, 4), 0.3)
    s.fill(1020, H, (150, 140, 120), (130, 120, 104))
    m = np.zeros((H, W), np.float32)
    m[1020:] = 1
    s.modulate(m, s.noise(5, 2), 0.4)
    shadow_ellipse(s, (300, 150, 1380, 1100), -0.35, 40)
    l = Layer()
    l.line([(420, 1180), (560, 120)], (130, 92, 60), 34)
    l.line([(1180, 1180), (1040, 120)], (130, 92, 60), 34)
    l.rect((300, 160, 1300, 960), (150, 106, 66))
    l.rect((330, 190, 1270, 930), (40, 48, 46))
    s.put(l, s.noise(6, 2, sy=4), 0.3)
    m = np.zeros((H, W), np.float32)
    m[190:930, 330:1270] = 1
    smear = smoothstep(0.4, 0.8, s.noise(120, 3, sx=3))
    s.tint(m * smear, (90, 98, 94), 0.35)
    chalk = Layer()
    chalk.text((800, 360), "Merci à toutes", (240, 240, 232), 92, bold=True, anchor="mm")
    chalk.text((800, 480), "et à tous !", (240, 240, 232), 92, bold=True, anchor="mm")
    chalk.text((800, 640), "Journée citoyenne", (240, 226, 150), 58, anchor="mm")
    chalk.text((800, 720), "samedi 24 mai 2025", (240, 226, 150), 58, anchor="mm")
    hx, hy = 1130, 820  # a small heart
    chalk.circle(hx - 28, hy - 10, 30, (230, 120, 130))
    chalk.circle(hx + 28, hy - 10, 30, (230, 120, 130))
    chalk.poly([(hx - 57, hy), (hx + 57, hy), (hx, hy + 64)], (230, 120, 130))
    col, a = chalk.array()
    grainy = smoothstep(0.2, 0.55, s.noise(3, 1))[..., None]
    a = a * (0.55 + 0.45 * grainy)
    s.img = s.img * (1 - a) + col * a
    s.shade(smoothstep(0.85, 0.95, s.noise(4, 1)) * m, 0.08)
    return {"warm": 0.03}


def jug(l, x, base, w, h, liquid, level):
    """Glass jug: pale glass body, liquid up to level, bright rims."""
    top = base - h
    body = [(x - w * 0.42, top + h * 0.15), (x + w * 0.42, top + h * 0.15),
            (x + w / 2, base - h * 0.2), (x + w * 0.44, base), (x - w * 0.44, base),
            (x - w / 2, base - h * 0.2)]
    l.poly(body, (220, 232, 230), a=90)
    ly = base - h * level
    # half-width of the body at the liquid's surface (between the
    # shoulder at 15 % of the height and the belly at 80 %)
    k = min(1.0, max(0.0, (ly - (top + h * 0.15)) / (h * 0.65)))
    hw = w * (0.42 + 0.08 * k) - 6
    l.poly([(x - hw, ly), (x + hw, ly), (x + w / 2 - 6, base - h * 0.2),
            (x + w * 0.44 - 6, base - 6), (x - w * 0.44 + 6, base - 6),
            (x - w / 2 + 6, base - h * 0.2)], liquid, a=236)
    l.ellipse((x - hw, ly - 12, x + hw, ly + 12),
              tuple(min(255, c + 30) for c in liquid), a=230)
    l.poly([(x - w * 0.42, top + h * 0.15), (x - w * 0.3, top), (x + w * 0.35, top),
            (x + w * 0.42, top + h * 0.15)], (220, 232, 230), a=80)
    l.line([(x - w * 0.3, top), (x + w * 0.35, top)], (250, 252, 252), 5, a=230)
    l.line([(x - w * 0.36, top + h * 0.2), (x - w * 0.4, base - h * 0.15)], (255, 255, 255), 10, a=200)
    l.arc((x + w * 0.3, top + h * 0.2, x + w * 0.75, top + h * 0.7), 270, 90,
          (230, 238, 236), 16, a=170)


def scene_pichets(s):
    """Two glass jugs, lemonade and mint water, and tumblers on the
    gingham cloth, late sunlight through the leaves behind."""
    s.fill(0, 560, (120, 140, 70), (180, 170, 110))
    l = Layer()
    for _ in range(90):  # bokeh of sunlit leaves
        x, y, r = s.rng.uniform(0, W), s.rng.uniform(0, 560), s.rng.uniform(20, 70)
        bright = s.rng.random() < 0.3
        c = (255, 244, 200) if bright else jitter(s.rng, (90, 120, 60), 0.3)
        l.circle(x, y, r, c, a=160 if bright else 120)
    s.put(l)
    blurred = Image.fromarray((np.clip(s.img, 0, 1) * 255).astype(np.uint8)).filter(
        ImageFilter.GaussianBlur(14))
    s.img = np.asarray(blurred, np.float32) / 255
    vichy(s, 0, 560, W, H, sq=90, horizon=330)
    for x, w in ((520, 360), (1040, 340)):
        shadow_ellipse(s, (x - w / 2 + 60, 980, x + w / 2 + 160, 1090), -0.4, 20)
    shadow_ellipse(s, (1260, 1000, 1480, 1070), -0.35, 14)
    shadow_ellipse(s, (140, 1010, 340, 1080), -0.35, 14)
    l = Layer()
    jug(l, 520, 1030, 360, 520, (244, 222, 120), 0.72)
    jug(l, 1040, 1030, 340, 480, (196, 226, 210), 0.8)
    for cx in (230, 1360):
        l.poly([(cx - 70, 860), (cx + 70, 860), (cx + 60, 1040), (cx - 60, 1040)], (224, 234, 232), a=100)
        l.poly([(cx - 66, 920), (cx + 66, 920), (cx + 60, 1036), (cx - 60, 1036)], (244, 222, 120), a=200)
        l.ellipse((cx - 70, 848, cx + 70, 872), (250, 252, 252), a=160)
        l.line([(cx - 50, 880), (cx - 44, 1020)], (255, 255, 255), 8, a=200)
    s.put(l)
    l = Layer()  # mint leaves in the water, lemon slices in the lemonade
    leaf_pile(l, s.rng, 1040, 800, 110, 140, ((60, 140, 70), (80, 160, 80)),
              n=16, size=(14, 24))
    for cx, cy in ((470, 700), (580, 760), (520, 860)):
        l.circle(cx, cy, 42, (250, 236, 150))
        l.circle(cx, cy, 34, (246, 226, 110))
        for k in range(8):
            a = k * math.pi / 4
            l.line([(cx, cy), (cx + 32 * math.cos(a), cy + 32 * math.sin(a))],
                   (252, 244, 200), 3)
    s.put(l)
    return {"warm": 0.05}


# ---------------------------------------------------------------- main


# (recap folder, file name, painter): the alt texts of these files are in
# content/retours/FOLDER/index.md.
SCENES = [
    ("le-lavoir-retrouve", "lavoir-avant.jpg", scene_lavoir_avant),
    ("le-lavoir-retrouve", "lavoir-apres.jpg", scene_lavoir_apres),
    ("le-lavoir-retrouve", "outils-sur-la-margelle.jpg", scene_outils),
    ("le-lavoir-retrouve", "bassin-eau-claire.jpg", scene_eau_claire),
    ("le-lavoir-retrouve", "brouette-de-lierre.jpg", scene_brouette),
    ("couleurs-dans-le-bourg", "mur-de-la-cour-repeint.jpg", scene_mur_cour),
    ("couleurs-dans-le-bourg", "pots-de-peinture.jpg", scene_pots_peinture),
    ("couleurs-dans-le-bourg", "marelle.jpg", scene_marelle),
    ("couleurs-dans-le-bourg", "godets-prets-a-planter.jpg", scene_godets),
    ("couleurs-dans-le-bourg", "massif-de-la-mairie.jpg", scene_massif),
    ("le-repas-sous-les-guirlandes", "guirlandes-sur-la-place.jpg",
     scene_guirlandes),
    ("le-repas-sous-les-guirlandes", "tables-dressees.jpg",
     scene_tables_dressees),
    ("le-repas-sous-les-guirlandes", "tartes-et-pain.jpg", scene_tartes),
    ("le-repas-sous-les-guirlandes", "tableau-merci.jpg", scene_merci),
    ("le-repas-sous-les-guirlandes", "pichets-au-soleil.jpg", scene_pichets),
]


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    content = os.path.join(here, "..", "content")
    only = None
    args = list(argv[1:])
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1]
        del args[i:i + 2]
    if args:
        content = args[0]
    for folder, name, fn in SCENES:
        if only and only not in name:
            continue
        out_dir = os.path.join(content, "retours", folder)
        os.makedirs(out_dir, exist_ok=True)
        s = Scene(folder + "/" + name)
        opts = fn(s) or {}
        path = os.path.join(out_dir, name)
        s.save(path, **opts)
        print("%s %d KB" % (os.path.relpath(path, content),
                            os.path.getsize(path) // 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
