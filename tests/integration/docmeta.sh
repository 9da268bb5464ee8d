#!/bin/sh
# Office documents and PDFs with compressed properties keep no names when
# published (privacy: a commune publishes no name without need).  A .docx
# (python-docx), an .xlsx (openpyxl), an .ods (odfpy) name their author and last editor in
# their properties (docProps/core.xml, app.xml's Company; meta.xml): said
# by check, removed from the published copy, which still opens, while the
# file in the repository is left alone.  Comments and tracked changes
# (names inside the text) are said, not removed; a package fabrique cannot
# read (damaged, encrypted) is said and published as it is.  A PDF 1.5
# whose Info dictionary sits in a compressed object stream (qpdf
# --object-streams=generate, as Word writes them): its author is said and
# blanked, the PDF still checks with qpdf and keeps its size; when the
# stream would not fit in its place again, the name is said to stay.
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3

R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1
D=site/retours/fete-2025
$PY - "$D" <<'PY' >"$WORK/make" 2>&1 || { not_ok "the documents are made" "$(cat "$WORK/make")"; exit 0; }
import io, re, subprocess, sys, zipfile, docx, openpyxl
from openpyxl.comments import Comment
from odf.opendocument import OpenDocumentSpreadsheet
from odf import meta, dc, table
d = sys.argv[1]
w = docx.Document()
w.add_paragraph("Arrêté municipal n° 12 : fermeture du lavoir")
w.core_properties.author = "Hélène Martin"
w.core_properties.last_modified_by = "Paul Durand"
w.save(d + "/arrete.docx")
src = zipfile.ZipFile(d + "/arrete.docx")
parts = {n: src.read(n) for n in src.namelist()}
# as a program streaming its output writes it: data descriptors (flag 8),
# and the commune's name as Company (app.xml)
app = re.sub(rb"<Company>[^<]*</Company>|<Company/>", b"", parts["docProps/app.xml"])
parts["docProps/app.xml"] = app.replace(b"</Properties>", b"<Company>Secr\xc3\xa9tariat Jos\xc3\xa9 Roux</Company></Properties>")
pipe = subprocess.Popen(["sh", "-c", "cat > '%s/flux.docx'" % d], stdin=subprocess.PIPE)
class Unseekable(io.RawIOBase):
    def writable(self): return True
    def write(self, b): pipe.stdin.write(b); return len(b)
with zipfile.ZipFile(Unseekable(), "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in parts.items(): z.writestr(n, b)
pipe.stdin.close(); pipe.wait()
# a reviewed .docx, its properties cleared: a comment and tracked
# changes, signed
w.core_properties.author = w.core_properties.last_modified_by = ""
mem = io.BytesIO(); w.save(mem)
src = zipfile.ZipFile(mem)
parts = {n: src.read(n) for n in src.namelist()}
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
doc = parts["word/document.xml"].decode()
doc = doc.replace("</w:p>", '<w:ins w:id="1" w:author="Jean Relecteur" w:date="2025-05-01T10:00:00Z"><w:r><w:t> ajout</w:t></w:r></w:ins>'
                  '<w:del w:id="2" w:author="Jean Relecteur" w:date="2025-05-01T10:00:00Z"><w:r><w:delText> retrait</w:delText></w:r></w:del></w:p>', 1)
rel = parts["word/_rels/document.xml.rels"].decode().replace("</Relationships>",
    '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>')
ct = parts["[Content_Types].xml"].decode().replace("</Types>",
    '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')
com = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments %s><w:comment w:id="0" w:author="Jean Relecteur" w:initials="JR">'
       '<w:p><w:r><w:t>A revoir</w:t></w:r></w:p></w:comment></w:comments>' % W)
with zipfile.ZipFile(d + "/relu.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in parts.items():
        z.writestr(n, {"word/document.xml": doc.encode(), "word/_rels/document.xml.rels": rel.encode(),
                       "[Content_Types].xml": ct.encode()}.get(n, b))
    z.writestr("word/comments.xml", com)
# a sign-up sheet (openpyxl): its properties and a signed comment
x = openpyxl.Workbook()
x.active["A1"] = "Atelier lavoir"
x.active["A1"].comment = Comment("Rappeler la mairie", "Sophie Garnier")
x.properties.creator = "Sophie Garnier"
x.properties.lastModifiedBy = "Luc Bernard"
x.save(d + "/inscriptions.xlsx")
o = OpenDocumentSpreadsheet()
o.meta.addElement(meta.InitialCreator(text="Jeanne Petit"))
o.meta.addElement(dc.Creator(text="Marc Leroy"))
o.meta.addElement(meta.PrintedBy(text="Accueil mairie"))
o.spreadsheet.addElement(table.Table(name="Inscriptions"))
o.save(d + "/inscriptions.ods")
# damaged: its central directory cut off
b = open(d + "/arrete.docx", "rb").read()
open(d + "/abime.docx", "wb").write(b[:b.rindex(b"PK\1\2")])
# encrypted members (the flag ZIP sets for a password)
e = bytearray(b)
for sig, at in ((b"PK\3\4", 6), (b"PK\1\2", 8)):
    for m in re.finditer(re.escape(sig), bytes(e)):
        e[m.start() + at] |= 1
open(d + "/chiffre.docx", "wb").write(bytes(e))
# a PDF 1.5 whose Info dictionary is compressed in an object stream
def pdf_with(info):
    content = b"BT /F1 24 Tf 72 700 Td (Compte rendu du conseil) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", info]
    pdf = b"%PDF-1.7\n"; offs = []
    for i, ob in enumerate(objs):
        offs.append(len(pdf)); pdf += b"%d 0 obj\n" % (i + 1) + ob + b"\nendobj\n"
    x = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return pdf
def objstm_pdf(info, name):
    open(d + "/plain.pdf", "wb").write(pdf_with(info))
    subprocess.run(["qpdf", "--object-streams=generate", d + "/plain.pdf", d + "/" + name], check=True)
objstm_pdf(b"<< /Author (Helene Martin) /Title (Compte rendu) /Producer (Writer) >>", "compte-rendu.pdf")
# the same, its title repeating the author's name: blanked, the object
# stream compresses worse than qpdf made it, so the name cannot be
# removed in place
objstm_pdf(b"<< /Author (Conseil municipal de Saint-Jean-de-Luz) /Title (Conseil municipal de Saint-Jean-de-Luz) >>", "conseil.pdf")
PY
rm -f $D/plain.pdf
printf '\n[Arrêté](arrete.docx), [flux](flux.docx), [relu](relu.docx), [inscriptions](inscriptions.ods), [tableur](inscriptions.xlsx), [abîmé](abime.docx), [chiffré](chiffre.docx), [compte rendu](compte-rendu.pdf), [conseil](conseil.pdf).\n' >>$D/index.md
commit_all "$R" "documents" >/dev/null
(cd "$R" && git ls-files -s $D) >"$WORK/staged"

"$FABRIQUE" check site >"$WORK/check" 2>&1
status "check succeeds (warnings)" 0 $?
for f in arrete.docx flux.docx inscriptions.ods inscriptions.xlsx compte-rendu.pdf; do
	contains "$f: its author is said" "$WORK/check" "$f holds the name of its author"
done
lacks "a reviewed .docx without names in its properties: none said" "$WORK/check" "relu.docx holds the name of its author"
contains "its comments are said" "$WORK/check" "relu.docx holds comments, each signed with its author's name"
contains "its tracked changes are said" "$WORK/check" "relu.docx holds tracked changes"
contains "a workbook's comments are said" "$WORK/check" "inscriptions.xlsx holds comments"
lacks "a .docx without comments: none said" "$WORK/check" "arrete.docx holds comments"
lacks "nor tracked changes" "$WORK/check" "arrete.docx holds tracked changes"
contains "a name that cannot be removed is said so" "$WORK/check" "conseil.pdf holds the name of its author in a compressed part that fabrique cannot rewrite"
lacks "and not as blanked" "$WORK/check" "conseil.pdf holds the name of its author in its properties"
contains "a damaged package is said unchecked" "$WORK/check" "abime.docx could not be checked for names"
contains "an encrypted one too" "$WORK/check" "chiffre.docx could not be checked for names"
"$FABRIQUE" check site --strict >"$WORK/strict" 2>&1
status "check --strict (the pre-receive hook) refuses" 1 $?
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/fr" 2>&1
contains "in French, comments" "$WORK/fr" "relu.docx contient des commentaires"
contains "in French, tracked changes" "$WORK/fr" "Révision › Accepter toutes les modifications"
contains "in French, a name kept" "$WORK/fr" "conseil.pdf contient le nom de l’auteur dans une partie compressée"
contains "in French, unchecked" "$WORK/fr" "abime.docx n’a pas pu être vérifié"

"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds" 0 $?
P=$OUT/retours/fete-2025
$PY - "$P" "$D" >"$WORK/read" 2>&1 <<'PY'
import sys, zipfile, docx, openpyxl
from odf.opendocument import load
p, d = sys.argv[1], sys.argv[2]
for f in ("arrete.docx", "flux.docx", "relu.docx", "inscriptions.ods", "inscriptions.xlsx"):
    z = zipfile.ZipFile(p + "/" + f)
    assert z.testzip() is None, f
    blob = b"".join(z.read(n) for n in z.namelist())
    for name in ("Hélène", "Paul Durand", "José Roux", "Jeanne Petit", "Marc Leroy", "Accueil mairie", "Luc Bernard"):
        if name.encode() in blob: print("NAME", f, name)
    if f.endswith(".docx"):
        w = docx.Document(p + "/" + f)
        assert "Arrêté municipal" in w.paragraphs[0].text, f
        assert w.core_properties.author == "" and w.core_properties.last_modified_by == "", f
    elif f.endswith(".xlsx"):
        x = openpyxl.load_workbook(p + "/" + f)
        assert x.active["A1"].value == "Atelier lavoir" and x.properties.creator in (None, ""), f
    else:
        assert load(p + "/" + f).spreadsheet is not None
    print("opens", f)
assert b"Jean Relecteur" in zipfile.ZipFile(p + "/relu.docx").read("word/comments.xml")
print("comments kept")
for f, part, name in (("arrete.docx", "docProps/core.xml", "Hélène Martin"),
                      ("flux.docx", "docProps/app.xml", "José Roux"),
                      ("inscriptions.ods", "meta.xml", "Jeanne Petit")):
    assert name.encode() in zipfile.ZipFile(d + "/" + f).read(part), f
print("done")
PY
for f in arrete.docx flux.docx relu.docx inscriptions.ods inscriptions.xlsx; do
	contains "$f is published, opens and reads" "$WORK/read" "opens $f"
done
lacks "no name is left in the published office documents" "$WORK/read" "NAME"
contains "the comments stay (the text's own)" "$WORK/read" "comments kept"
contains "the check of the published files ran to the end" "$WORK/read" "done"
for f in abime.docx chiffre.docx; do
	if cmp -s "$D/$f" "$P/$f"; then ok "$f is published as it is"; else not_ok "$f is published as it is"; fi
done
(cd "$R" && git status --porcelain && git ls-files -s $D) >"$WORK/after"
if cmp -s "$WORK/staged" "$WORK/after"; then ok "the documents in git are left alone"
else not_ok "the documents in git are left alone" "$(diff "$WORK/staged" "$WORK/after")"; fi

C=$P/compte-rendu.pdf
if [ "$(wc -c <"$C")" = "$(wc -c <"$D/compte-rendu.pdf")" ]; then ok "the PDF keeps its size"
else not_ok "the PDF keeps its size"; fi
qpdf --check "$C" >"$WORK/qpdf" 2>&1
status "the published PDF checks with qpdf" 0 $?
contains "qpdf finds no error" "$WORK/qpdf" "No syntax or stream encoding errors found"
pdfinfo "$C" >"$WORK/info" 2>&1
lacks "the PDF's author is gone" "$WORK/info" "Helene"
contains "its title stays" "$WORK/info" "Compte rendu"
pdftotext "$C" - >"$WORK/text" 2>&1
contains "its text reads" "$WORK/text" "Compte rendu du conseil"
pdfinfo "$D/compte-rendu.pdf" >"$WORK/srcinfo" 2>&1
contains "the PDF in the site is left alone" "$WORK/srcinfo" "Helene Martin"
if cmp -s "$D/conseil.pdf" "$P/conseil.pdf"; then ok "a PDF whose name cannot be removed is published as it is"
else not_ok "a PDF whose name cannot be removed is published as it is"; fi

# Larger than the 64 MB fabrique reads (outside tester 24 F3): a .docx
# whose text part is 65 MB (a few hundred KB zipped) still has its
# author removed from its small properties, and the warning says its
# comments were not looked for, not that it is encrypted or damaged; a
# package whose properties part itself is that large is said too large.
$PY - "$D" <<'PY' >"$WORK/make2" 2>&1 || not_ok "the large documents are made" "$(cat "$WORK/make2")"
import sys, zipfile
d = sys.argv[1]
src = zipfile.ZipFile(d + "/arrete.docx")
parts = {n: src.read(n) for n in src.namelist()}
body = parts["word/document.xml"]
pad = b"<!--" + b" " * (65 * 1024 * 1024) + b"-->"
big = dict(parts)
big["word/document.xml"] = body.replace(b"?>", b"?>" + pad, 1)
with zipfile.ZipFile(d + "/gros.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in big.items():
        z.writestr(n, b)
bomb = dict(parts)
bomb["docProps/core.xml"] = parts["docProps/core.xml"].replace(b"?>", b"?>" + pad, 1)
with zipfile.ZipFile(d + "/bombe.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in bomb.items():
        z.writestr(n, b)
PY
printf '\n[Gros](gros.docx), [bombe](bombe.docx).\n' >>$D/index.md
commit_all "$R" "gros documents" >/dev/null
rm -rf "$OUT"
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/big.err"
status "a site with documents over 64 MB builds" 0 $?
contains "the large text: its comments were not looked for, said" "$WORK/big.err" \
	"gros.docx's text is larger than the 64 MB fabrique reads: its author's name is removed, but its comments and tracked changes, which name who made them, were not looked for"
lacks "not said encrypted or damaged" "$WORK/big.err" "gros.docx could not be checked"
$PY - "$OUT/retours/fete-2025/gros.docx" <<'PY' >"$WORK/big.core" 2>&1
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(z.read("docProps/core.xml").decode())
PY
status "its published copy reads as a package" 0 $?
lacks "its author is removed all the same" "$WORK/big.core" "Hélène Martin"
contains "a properties part over 64 MB: said too large" "$WORK/big.err" \
	"bombe.docx could not be checked for names (one of its parts is larger than the 64 MB fabrique reads)"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/bigfr" 2>&1
contains "in French" "$WORK/bigfr" "le texte de site/retours/fete-2025/gros.docx dépasse les 64 Mo que fabrique lit"
