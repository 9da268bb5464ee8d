#!/usr/bin/python3
"""feeds_check.py OUT SITE_URL - the Atom feed's required elements and the
sitemap's URLs against the built site (tests/integration/extras.sh).
Prints "ok - ..." / "not ok - ..." lines."""
import os
import sys
import xml.etree.ElementTree as ET

OUT, URL = sys.argv[1], sys.argv[2].rstrip("/")
A = "{http://www.w3.org/2005/Atom}"
S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def report(name, problems):
    print(("not ok - " if problems else "ok - ") + name)
    for p in problems[:15]:
        print("#   " + p)


def local(url):
    """The output file a URL of the site is served from."""
    if not url.startswith(URL + "/"):
        return None
    path = url[len(URL) + 1:]
    return os.path.join(OUT, path + "index.html" if path == "" or path.endswith("/") else path)


p = []
feed = ET.parse(os.path.join(OUT, "flux.xml")).getroot()
if feed.tag != A + "feed":
    p.append("root is %s" % feed.tag)
for el in ("id", "title", "updated"):
    if feed.find(A + el) is None or not (feed.find(A + el).text or "").strip():
        p.append("feed lacks atom:" + el)
entries = feed.findall(A + "entry")
if feed.find(A + "author/" + A + "name") is None and any(
        e.find(A + "author") is None for e in entries):
    p.append("no author for the feed nor for every entry")
self_links = [l for l in feed.findall(A + "link") if l.get("rel") == "self"]
if len(self_links) != 1 or self_links[0].get("href") != URL + "/flux.xml":
    p.append("rel=self link is not %s/flux.xml" % URL)
ids = []
for e in entries:
    title = (e.findtext(A + "title") or "").strip()
    for el in ("id", "title", "updated"):
        if not (e.findtext(A + el) or "").strip():
            p.append("entry %r lacks atom:%s" % (title, el))
    alt = [l.get("href") for l in e.findall(A + "link") if l.get("rel", "alternate") == "alternate"]
    if e.find(A + "content") is None and not alt:
        p.append("entry %r has neither content nor an alternate link" % title)
    for href in alt:
        f = local(href)
        if f is None or not os.path.isfile(f):
            p.append("entry %r links to %s, not a page of the site" % (title, href))
    ids.append(e.findtext(A + "id"))
if len(ids) != len(set(ids)):
    p.append("entry ids are not unique")
if not entries:
    p.append("the feed has no entry")
report("Atom feed: required elements, unique ids, absolute links to existing pages (%d entries)"
       % len(entries), p)

p = []
urls = [u.text for u in ET.parse(os.path.join(OUT, "sitemap.xml")).getroot().iter(S + "loc")]
for u in urls:
    f = local(u)
    if f is None or not os.path.isfile(f):
        p.append("%s is not in the output" % u)
if len(urls) != len(set(urls)):
    p.append("duplicate URLs")
pages = sum(1 for r, _, fs in os.walk(OUT) for f in fs if f == "index.html")
if len(urls) < pages - 2:
    p.append("%d URLs for %d pages" % (len(urls), pages))
report("sitemap.xml: every URL exists in the output (%d URLs)" % len(urls), p)
