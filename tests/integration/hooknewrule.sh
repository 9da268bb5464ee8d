#!/bin/sh
# A check fabrique gained after a site was published reaches the live
# site as a warning, not as a refused push (outside tester 29 F10): the
# server's fabrique upgraded, the first push of the day — a workshop
# cancelled for rain — was refused for the sentences of fabrique init
# left in pages nobody touched.  The pre-receive hook still checks the
# tip strictly; a warning the published version already had (same file,
# same words) stays a warning, and the push is told so.  A warning the
# push brings, and every error, still refuse it.  Real `git push` to a
# bare repository over file://, the hooks as docs/deploy.md installs them.
. "$(dirname "$0")/../lib.sh"

starter_site
W=ateliers/nettoyer-les-abords-de-l-ecole.md
starter_addressed
commit_at 2026-11-01T10:00:00+01:00 "site"

# The server as an older fabrique would have had it: the starter's
# sentences did not stop a push (fabrique.strict false stands for the
# check that did not exist yet); the site is published with them.
BARE=$WORK/srv.git WWW=$WORK/www
mkbare "$BARE" main strict=false
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"
$GIT remote add origin "file://$BARE"
push() { (env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE $GIT push -q origin main) >"$WORK/.push" 2>&1; pst=$?; }
push
status "the site is published with the starter's sentences" 0 $pst
contains "... which were warnings" "$WORK/.push" ": avertissement : cette page contient encore une phrase du site créé par fabrique init"
check "... and it is live" test -s "$WWW/current/index.html"

# The server's fabrique now refuses those sentences (strict, the default).
git -C "$BARE" config --unset fabrique.strict
sed -i 's/^statut: .*/statut: annule/' "$W"
commit_at 2026-11-02T07:00:00+01:00 "Atelier école annulé (pluie)"
push
status "the cancellation is accepted" 0 $pst
contains "the old pages' sentences are said, as warnings" "$WORK/.push" \
	"remote: pages/mentions-legales.md:"
lacks "... not as errors" "$WORK/.push" ": erreur : cette page contient encore une phrase du site créé par fabrique init"
contains "... and the push says why they do not stop it" "$WORK/.push" \
	"remote: note : 6 avertissements ci-dessus étaient déjà dans la version publiée, avant cet envoi (des vérifications plus récentes que le site, sans doute) : ils n’empêchent pas l’envoi ; corrigez-les quand vous pourrez"
lacks "... nor is it refused" "$WORK/.push" "l’envoi est refusé"
check "the cancellation is published" grep -qi "annulé" "$WWW/current/$(echo "$W" | sed 's/\.md$//')/index.html"

# A warning the push brings still refuses it: a mistyped field.
before=$(git -C "$BARE" rev-parse main)
sed -i 's/^titre: \(.*\)/titre: \1\ncouleur: rouge/' "$W"
commit_at 2026-11-02T09:00:00+01:00 "couleur"
push
status "a new warning: refused" refused "$(refused)"
contains "... said as an error at its file" "$WORK/.push" "remote: $W:3:1: erreur : « couleur » n’est pas un champ prévu"
contains "... with the refusal" "$WORK/.push" "l’envoi est refusé"
contains "... the old ones still warnings" "$WORK/.push" "remote: pages/mentions-legales.md:"
lacks "... not errors" "$WORK/.push" ": erreur : cette page contient encore une phrase du site créé par fabrique init"
check "the branch did not move" test "$(git -C "$BARE" rev-parse main)" = "$before"

# The same sentence written into a page the push adds is new: refused.
sed -i '/^couleur:/d' "$W"
mkdir -p pages && cp pages/mentions-legales.md pages/mentions-bis.md
sed -i 's/^titre: .*/titre: Mentions (bis)/' pages/mentions-bis.md
commit_at 2026-11-02T10:00:00+01:00 "mentions bis"
push
status "an old sentence copied into a new page: refused" refused "$(refused)"
contains "... as an error in the new page" "$WORK/.push" "remote: pages/mentions-bis.md:"

# Every published sentence replaced: the note is gone, nothing spared.
$GIT rm -q pages/mentions-bis.md
fill_starter .
commit_at 2026-11-02T11:00:00+01:00 "textes de la commune"
push
status "the sentences replaced: accepted" 0 $pst
lacks "no note then" "$WORK/.push" "déjà dans la version publiée"
lacks "no sentence left" "$WORK/.push" "contient encore une phrase"

# A first push to an empty server has nothing published: strict as ever.
BARE2=$WORK/srv2.git
mkbare "$BARE2" main
hook_install "$BARE2" pre-receive
git -C "$S" checkout -q HEAD~3 -- . && commit_at 2026-11-02T12:00:00+01:00 "les phrases de départ"
(env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE $GIT push -q "file://$BARE2" main) >"$WORK/.push" 2>&1
check "a new server's first push with the sentences: refused" test $? -ne 0
contains "... as errors" "$WORK/.push" ": erreur : cette page contient encore une phrase du site créé par fabrique init"
