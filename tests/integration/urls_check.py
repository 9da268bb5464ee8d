#!/usr/bin/python3
"""urls_check.py OUT SITE_URL - every URL the built site holds names a file
of OUT once percent-decoded, and is written with URL characters only
(tests/integration/urls.sh).  Read with real parsers: HTML (href, src,
srcset, poster, content of og:image), the sitemap and the Atom feed (XML),
the service worker's precache list, the manifest, the search index and
the open data (JSON).  Prints "ok - ..." / "not ok - ..." lines."""
import glob
import html.parser
import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

OUT, BASE = sys.argv[1], sys.argv[2].rstrip("/")
# RFC 3986 characters, '%' only as the start of an escape
ALLOWED = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*$")
urls = {}  # url -> where it was found
problems = []


def add(url, where):
    if url:
        urls.setdefault(url, where)


def local_file(url):
    """The file a URL of the site is served from, or None for another site."""
    if url.startswith(BASE + "/"):
        url = url[len(BASE):]
    if not url.startswith("/") or url.startswith("//"):
        return None
    path = urllib.parse.urlsplit(url).path
    raw = urllib.parse.unquote_to_bytes(path)
    rel = raw.lstrip(b"/")
    if rel == b"" or rel.endswith(b"/"):
        rel += b"index.html"
    return os.path.join(os.fsencode(OUT), rel)


class Page(html.parser.HTMLParser):
    def __init__(self, where):
        super().__init__()
        self.where = where

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if v is None:
                continue
            if k in ("href", "src", "poster", "action", "data-src"):
                add(v, self.where)
            elif k in ("srcset", "imagesrcset"):
                # candidates: URL then optional descriptor, comma-separated;
                # a URL holds no white space, so split on it
                for part in v.split(","):
                    words = part.split()
                    if words:
                        add(words[0], self.where + " (srcset)")
            elif k == "content" and v.startswith(BASE + "/"):
                add(v, self.where)


for f in glob.glob(os.path.join(OUT, "**", "*.html"), recursive=True):
    with open(f, encoding="utf-8") as fh:
        text = fh.read()
    Page(os.path.relpath(f, OUT)).feed(text)
    # JSON-LD blocks are JSON: their "url" and "image" values
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
        def walk(v):
            if isinstance(v, dict):
                for k, x in v.items():
                    if k in ("url", "image", "contentUrl") and isinstance(x, str):
                        add(x, os.path.relpath(f, OUT) + " (JSON-LD)")
                    else:
                        walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        walk(json.loads(block))

S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
for sm in glob.glob(os.path.join(OUT, "sitemap*.xml")):
    for loc in ET.parse(sm).getroot().iter(S + "loc"):
        add(loc.text, os.path.basename(sm))
A = "{http://www.w3.org/2005/Atom}"
feed = os.path.join(OUT, "flux.xml")
if os.path.exists(feed):
    for link in ET.parse(feed).getroot().iter(A + "link"):
        add(link.get("href"), "flux.xml")

sw = os.path.join(OUT, "sw.js")
precache = []
if os.path.exists(sw):
    with open(sw, encoding="utf-8") as fh:
        m = re.search(r"\[\s*(\"[^\]]*)\]", fh.read())
    if m:
        precache = json.loads("[" + m.group(1) + "]")
for u in precache:
    add(u, "sw.js (precache)")


def json_urls(path, keys):
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in keys and isinstance(x, str):
                    add(x, os.path.basename(path))
                else:
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(data)


json_urls(os.path.join(OUT, "manifest.webmanifest"), {"src", "start_url"})
json_urls(os.path.join(OUT, "recherche", "index.json"), {"url", "u"})
json_urls(os.path.join(OUT, "programme.json"), {"url", "page", "calendar", "image", "recap"})

checked = 0
for url, where in sorted(urls.items()):
    if url.startswith(("mailto:", "tel:", "#", "data:", "webcal:")):
        continue
    if not ALLOWED.match(url):
        problems.append("%s: not a valid URL: %r" % (where, url))
        continue
    f = local_file(url)
    if f is None:
        continue
    checked += 1
    if not os.path.isfile(f):
        problems.append("%s: %s names no file (%s)" % (where, url, os.fsdecode(f)))

print(("not ok - " if problems else "ok - ") +
      "every URL of the site (%d local, %d precached) names a file of the output" % (checked, len(precache)))
for p in problems[:20]:
    print("#   " + p)
sys.exit(1 if problems else 0)
