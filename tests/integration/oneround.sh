#!/bin/sh
# One check says every error it can (outside tester: the pre-receive
# hook refused one push per round, the broken links only once the front
# matter was right).  A page whose front matter is wrong still has the
# links of its body checked, and so have the other pages; a page whose
# front matter cannot be read is still found by its file, and what may
# name it by the slug it could not tell is not called an error.
. "$(dirname "$0")/../lib.sh"

example_repo

# a wrong field and a broken link in one page, a broken link in another
(cd "$R" && sed -i 's/^fin: "12:00"$/fin: "midi"/' content/ateliers/repeindre-le-preau.md &&
 echo 'Voir [le plan](plan-du-preau.pdf).' >>content/ateliers/repeindre-le-preau.md &&
 echo 'Voir [la FAQ](ancienne-faq.md).' >>content/pages/contact.md &&
 $GIT commit -qam "trois erreurs")
fin=$(grep -n '^fin: "midi"$' "$C/ateliers/repeindre-le-preau.md" | cut -d: -f1)
plan=$(wc -l <"$C/ateliers/repeindre-le-preau.md")
faq=$(wc -l <"$C/pages/contact.md")
run_lang en_GB.UTF-8 check
status "check: exit status 1" 1 "$(cat "$WORK/rc")"
contains "check: the wrong field" "$WORK/out" "content/ateliers/repeindre-le-preau.md:$fin:6: error: "
contains "check: the broken link in the same page" "$WORK/out" \
	"content/ateliers/repeindre-le-preau.md:$plan:16: error: the link 'plan-du-preau.pdf' points to content/ateliers/plan-du-preau.pdf, which does not exist"
contains "check: the broken link in another page" "$WORK/out" \
	"content/pages/contact.md:$faq:15: error: the link 'ancienne-faq.md' points to content/pages/ancienne-faq.md, which does not exist"
n=$(grep -c ': error: ' "$WORK/out")
if [ "$n" = 3 ]; then ok "check: three errors, no more"; else not_ok "check: three errors, no more ($n)" "$(cat "$WORK/out")"; fi
# sorted by file and line, as every message
if grep ': error: ' "$WORK/out" | cut -d: -f1,2 | sort -t: -k1,1 -k2,2n -c 2>/dev/null; then ok "check: errors sorted"
else not_ok "check: errors sorted" "$(cat "$WORK/out")"; fi
run_lang fr_FR.UTF-8 check
contains "check in French: the wrong field" "$WORK/out" "content/ateliers/repeindre-le-preau.md:$fin:6: erreur : "
contains "check in French: the broken link in the same page" "$WORK/out" \
	"content/ateliers/repeindre-le-preau.md:$plan:16: erreur : le lien « plan-du-preau.pdf »"
contains "check in French: the broken link in another page" "$WORK/out" \
	"content/pages/contact.md:$faq:15: erreur : le lien « ancienne-faq.md »"
run_lang en_GB.UTF-8 build
status "build: exit status 1" 1 "$(cat "$WORK/rc")"
contains "build: the broken link in another page too" "$WORK/out" \
	"content/pages/contact.md:$faq:15: error: the link 'ancienne-faq.md'"
if [ ! -e "$OUT" ]; then ok "build: nothing published"; else not_ok "build: nothing published"; fi

# a front matter that cannot be read (the page's own slug in it): the
# page is still there for links to its file and for references by its
# file or by the address its slug gives; its body's links are checked
(cd "$R" && $GIT reset -q --hard HEAD~1 &&
 sed -i '0,/^titre: /s/^titre: .*/titre: [Repeindre le préau\nslug: preau/' content/ateliers/repeindre-le-preau.md &&
 echo 'Voir [le plan](plan-du-preau.pdf).' >>content/ateliers/repeindre-le-preau.md &&
 sed -i 's|^  - ateliers/repeindre-le-preau$|  - ateliers/preau|' content/patrimoine/ancienne-ecole-des-filles.md &&
 printf 'Voir [le préau](../ateliers/repeindre-le-preau.md) et [rien](../ateliers/absent.md).\n' >>content/pages/contact.md &&
 $GIT commit -qam "YAML illisible")
plan=$(wc -l <"$C/ateliers/repeindre-le-preau.md")
faq=$(wc -l <"$C/pages/contact.md")
run_lang en_GB.UTF-8 check
status "unread front matter: exit status 1" 1 "$(cat "$WORK/rc")"
contains "unread front matter: said" "$WORK/out" "content/ateliers/repeindre-le-preau.md:3:5: error: invalid YAML"
contains "unread front matter: its body's broken link" "$WORK/out" \
	"content/ateliers/repeindre-le-preau.md:$plan:16: error: the link 'plan-du-preau.pdf'"
contains "unread front matter: another page's broken link" "$WORK/out" \
	"content/pages/contact.md:$faq:62: error: the link '../ateliers/absent.md'"
lacks "unread front matter: a link to its file is right" "$WORK/out" "repeindre-le-preau.md, which does not exist"
lacks "unread front matter: a reference by its slug is not called wrong" "$WORK/out" "does not match any page"
n=$(grep -c ': error: ' "$WORK/out")
if [ "$n" = 3 ]; then ok "unread front matter: three errors, no more"; else not_ok "unread front matter: three errors, no more ($n)" "$(cat "$WORK/out")"; fi
