#!/usr/bin/env python3
"""tests/integration/subpath_check.py [--network] OUT BASEURL PORT [URL...] - every
address a site published under a path (BASEURL, like https://ville.example/journee/)
writes to itself (but the URLs named) stays under that path, and answers 200 when OUT is
served at http://127.0.0.1:PORT/journee/ by a real HTTP server.  --network: OUT
is a network's site (fabrique reseau): no manifest, sitemap or robots.txt, and
one search index per région (recherche/*.json).

Read as a browser and a feed reader read them: the pages' HTML parsed
(href, src, action, formaction, poster, data-index, srcset, a meta
refresh's url=, each resolved against the page's own address), the
service worker's precache list and offline page, the web manifest's
start_url, scope and icons, the search index's documents, the Atom
feed's and the sitemap's links and the calendars' URL: lines.  Prints
"ok - ..." / "not ok - ..." lines (tests/lib.sh's format)."""
import html.parser
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

args = sys.argv[1:]
network = args[:1] == ["--network"]
if network:
    args = args[1:]
out, baseurl, port = args[0], args[1], args[2]
# links to the host's pages outside the site an editor wrote on purpose
outside_ok = set(args[3:])
base = urllib.parse.urlsplit(baseurl)
host, prefix = base.netloc, base.path  # "ville.example", "/journee/"
fails = []
found = {}  # absolute path on the host -> where it was found


class Links(html.parser.HTMLParser):
    ONE = {"href", "src", "action", "formaction", "poster", "data-index"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in self.ONE:
                self.urls.append(value)
            elif name == "srcset":
                for cand in value.split(","):
                    if cand.strip():
                        self.urls.append(cand.split()[0])
            elif name == "content" and tag == "meta":
                m = re.match(r"\s*\d+\s*;\s*url=(.*)", value, re.I)
                if m:
                    self.urls.append(m.group(1).strip("'\""))


def page_address(rel):
    """The address the server gives the file rel of OUT."""
    if rel == "index.html":
        return baseurl
    if rel.endswith("/index.html"):
        return urllib.parse.urljoin(baseurl, rel[: -len("index.html")])
    return urllib.parse.urljoin(baseurl, rel)


def note(url, where):
    """url, resolved already: the site's own must be under the path."""
    u = urllib.parse.urlsplit(url)
    if u.scheme not in ("http", "https", "webcal") or u.netloc != host:
        return
    if url in outside_ok:
        return
    if not u.path.startswith(prefix):
        fails.append("%s: %s is outside %s" % (where, url, prefix))
        return
    found.setdefault(u.path, where)


pages = 0
for root, _, files in os.walk(out):
    for f in files:
        rel = os.path.relpath(os.path.join(root, f), out)
        if not f.endswith(".html"):
            continue
        pages += 1
        p = Links()
        with open(os.path.join(out, rel), encoding="utf-8") as fh:
            p.feed(fh.read())
        for u in p.urls:
            note(urllib.parse.urljoin(page_address(rel), u), rel)

sw = open(os.path.join(out, "sw.js"), encoding="utf-8").read()
m = re.search(r"var PRECACHE = (\[.*?\]);", sw, re.S)
for u in json.loads(m.group(1)) if m else []:
    note(urllib.parse.urljoin(baseurl, u), "sw.js PRECACHE")
m = re.search(r"var OFFLINE = '([^']*)'", sw)
if m and m.group(1):
    note(urllib.parse.urljoin(baseurl, m.group(1)), "sw.js OFFLINE")
if not m or not m.group(1):
    fails.append("sw.js has no offline page")

if not network:
    man = json.load(open(os.path.join(out, "manifest.webmanifest")))
    murl = urllib.parse.urljoin(baseurl, "manifest.webmanifest")
    for key in ("start_url", "scope"):
        note(urllib.parse.urljoin(murl, man[key]), "manifest " + key)
        if urllib.parse.urlsplit(urllib.parse.urljoin(murl, man[key])).path != prefix:
            fails.append("manifest %s is %s, not %s" % (key, man[key], prefix))
    for icon in man.get("icons", []):
        note(urllib.parse.urljoin(murl, icon["src"]), "manifest icon")

indexes = ["index.json"] if not network else sorted(
    f for f in os.listdir(os.path.join(out, "recherche")) if f.endswith(".json"))
if not indexes:
    fails.append("no search index in recherche/")
for name in indexes:
    index = json.load(open(os.path.join(out, "recherche", name)))
    for d in index["docs"]:
        note(urllib.parse.urljoin(urllib.parse.urljoin(baseurl, "recherche/"), d[0]),
             "search index " + name)

for name in ("flux.xml",) if network else ("flux.xml", "sitemap.xml"):
    tree = ET.parse(os.path.join(out, name))
    for el in tree.iter():
        if el.tag.endswith("}link") and el.get("href"):
            note(el.get("href"), name)
        if el.tag.endswith("}loc") and el.text:
            note(el.text.strip(), name)
        if el.tag.endswith("}id") and el.text and el.text.startswith("http"):
            note(el.text.strip(), name)

for root, _, files in os.walk(out):
    for f in files:
        if f.endswith(".ics"):
            rel = os.path.relpath(os.path.join(root, f), out)
            text = open(os.path.join(out, rel), encoding="utf-8").read()
            for line in re.sub(r"\r\n[ \t]", "", text).split("\r\n"):
                if line.startswith("URL"):
                    note(line.split(":", 1)[1], rel)

robots = "" if network else open(os.path.join(out, "robots.txt"), encoding="utf-8").read()
for line in robots.splitlines():
    if line.startswith("Sitemap:"):
        note(line.split(":", 1)[1].strip(), "robots.txt")


def status(path):
    req = urllib.request.Request("http://127.0.0.1:%s%s" % (port, path))
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


bad = []
for path, where in sorted(found.items()):
    code = status(path)
    if code != 200:
        bad.append("%s (from %s): %s" % (path, where, code))


def report(ok, name, details):
    if ok:
        print("ok - " + name)
    else:
        print("not ok - " + name)
        for l in details[:20]:
            print("#   " + l)


report(pages > 10 and len(found) > (20 if network else 25), "the pages and outputs hold links to check "
       "(%d pages, %d addresses)" % (pages, len(found)), ["too few"])
report(not fails, "every address the site writes to itself is under " + prefix,
       fails)
report(not bad, "each of them answers 200 from the server", bad)
