"""Recognise web-page boilerplate in plain-text dumps, line by line.

Everything here works on one cleaned line at a time and is anchored: a line is boilerplate when
it *is* a marker ("Partager", "Mentions légales", "Subscribe"), or *starts* with one in a way
no headline does ("Il vous reste 62 % de l'article à lire", "Lire aussi : …"). Nothing matches
a marker word in the middle of a sentence, so "Abonnements : les prix montent" or a paragraph
saying that readers may subscribe survive. Markers are French, English, German and Spanish.

A line made of several markers joined by separators ("Partager · Imprimer", "Share | Back to
top") is a marker too, and so are lines that carry no marker word up front but have a fixed
shape: wire credits ("Reporting by A; editing by B", "Le Quotidien avec AFP"), photo credits
and captions ending with one ("… Photograph: J. Roe/Getty Images"), newsletter prompts.

Which lines *around* a marker are dropped too (perks listed under a price offer, link titles
under "Lire aussi") depends on position, and is decided by the caller (``textdump``), which
also asks here whether a line at the top of a file is the site's tagline.
"""

from __future__ import annotations

import re
from enum import Enum


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and edit)."""
    return frozenset(text.split())


class Boiler(Enum):
    """What kind of boilerplate a line is; it decides what happens to the lines after it."""

    LINE = "line"  # drop this line only (navigation, sharing, footer, ads, "Read more")
    NAV = "nav"  # a navigation or footer link; a run of them takes its short neighbours along
    PAYWALL = "paywall"  # starts a paywall block
    OFFER = "offer"  # a price offer: the short lines after it are the offer's perks
    RELATED = "related"  # "Lire aussi :" alone: the next short lines are link titles
    RELATED_INLINE = "related_inline"  # "Lire aussi : <link title>" on one line


# Leading bullets and trailing arrows or colons never change what a marker is.
_LEADING = " \t•·‣▪▫●○◦■□►▶➤→>*+-–—✓✔☐☑|"
_TRAILING = " \t:.!›»>→↑⬆▲…|"

# Short lines this long or longer are never navigation or sharing markers.
_MAX_MARKER_LEN = 160

_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|instagram|youtube|tiktok|bluesky|mastodon|"
    r"threads|telegram|pinterest|reddit|messenger|flipboard|e-?mail|mail|sms|rss"
)

_NAV_WORDS = (
    # French
    r"nous contacter|contactez-nous|contact|contacts|mentions légales|mentions legales|"
    r"politique de confidentialité|politique de confidentialite|confidentialité|"
    r"politique (?:relative aux|de gestion des|des) cookies|données personnelles|"
    r"cgu|cgv|conditions générales(?: d'utilisation| de vente)?|conditions d'utilisation|"
    r"retour en haut(?: de (?:la )?page)?|haut de (?:la )?page|plan du site|accueil|"
    r"à propos|a propos|qui sommes-nous \??|nous suivre|flux rss|accessibilité|"
    r"gérer (?:les|mes) cookies|paramètres des cookies|paramétrer les cookies|"
    r"tout accepter|tout refuser|accepter et fermer|publicité|annonceurs|aide|recrutement|"
    r"mon compte|se connecter|connexion|se déconnecter|s'inscrire|rechercher|recherche|"
    # English
    r"contact us|privacy(?: policy| notice| settings)?|terms(?: of (?:use|service))?|"
    r"terms (?:and|&) conditions|back to top|site ?map|cookie(?:s)?(?: settings| policy| "
    r"preferences)?|manage cookies|accept(?: all)?(?: cookies)?|reject all|home(?: ?page)?|"
    r"menu|search|about(?: us)?|careers|jobs|advertise(?: with us)?|help|faq|"
    r"log ?in|log ?out|sign ?in|sign ?up|my account|accessibility|"
    r"skip to (?:main )?(?:content|navigation)|aller au contenu(?: principal)?|"
    r"passer au contenu(?: principal)?|zum inhalt springen|ir al contenido(?: principal)?|"
    r"do not sell my (?:personal )?information|"
    # Section labels of a page's furniture: alone on their line they are not news.
    r"top stories|more top stories|latest (?:news|stories|headlines)|à la une|"
    r"close|fermer|see all|voir tout|voir toute l'actu(?:alité)?|toute l'actualité|"
    r"next (?:article|story)|previous (?:article|story)|article (?:suivant|précédent)|"
    r"breaking(?: news)?|en direct|live|"
    # German and Spanish
    r"impressum|datenschutz(?:erklärung)?|kontakt|startseite|nach oben|"
    r"aviso legal|política de privacidad|política de cookies|contacto|inicio|volver arriba"
)

# Tag and category lines under an article: "Filed under: …", "Mots-clés : …", "Tags: …".
_TAG_LINES = (
    r"(?:filed under|posted in|classé dans|classé sous) ?:? ?\S.*",
    r"(?:tags|tagged(?: with)?|mots[- ]clés|mot[- ]clé|mots[- ]clefs|catégories|catégorie|"
    r"categories|category|topics|thèmes|themen|schlagwörter|schlagworte|stichwörter|etiquetas|"
    r"temas|keywords) ?: ?\S.*",
)

_LINE_MARKERS = (
    # Sharing and following.
    rf"(?:partager|partagez|share|teilen|compartir)(?: (?:cet|l')article| this(?: article|"
    rf" story| page)?| (?:sur|on|en|auf) (?:{_SOCIAL}))?",
    rf"(?:(?:{_SOCIAL})[\s,|/·•]*)+",
    r"tweet|tweeter|copy link|copier le lien|lien copié|link copied|enlace copiado",
    # Ad slots, caption labels, follow buttons and sponsored boxes inside a page.
    r"(?:the )?(?:story|article) continues (?:below|after)(?: (?:this|the))?"
    r"(?: advertisement| ad)?",
    r"(?:la )?suite (?:de l'article )?après (?:la|cette) publicité",
    r"image (?:caption|source) ?[,:].*",
    r"follow|suivre|ajouter aux favoris|add to (?:favourites|favorites|bookmarks)",
    r"sponsored content|contenus sponsorisés|promoted (?:stories|content)|"
    r"recommended by \w+|powered by \w+",
    # Sharing prompts under an article: "Vous avez aimé cet article ? Partagez-le !".
    r"(?:vous avez (?:aimé|apprécié)|vous aimez) (?:cet article|ce contenu|cette lecture)\b.*",
    r"(?:did you (?:enjoy|like)|enjoyed|liked|found) this (?:article|story|piece)\b.*",
    r"(?:partagez-le|share it)(?: (?:avec|with) .{1,40})?",
    r"(?:follow us|suivez-nous|folgen sie uns|síguenos)(?: (?:on|sur|auf|en) .{1,60})?",
    r"imprimer(?: l'article)?|print(?: this article)?|envoyer(?: par e-?mail)?|"
    r"send by e-?mail|drucken|imprimir",
    # Teaser buttons: only the button itself, what follows is real content.
    r"read more|lire la suite|lisez la suite|lire plus|voir plus|en savoir plus|learn more|"
    r"see more|show more|weiterlesen|mehr lesen|leer más|seguir leyendo|ver más",
    # Footer.
    r"(?:©|\(c\) ?\d{4}|copyright ?(?:©|\(c\)|\d{4})).*",
    r"(?:all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados)\b.*",
    # Ads, reading time, audio, comments, photo credits.
    r"publicité|advertisement|ad|sponsored|sponsorisé|contenu sponsorisé|"
    r"contenu partenaire|partner content|anzeige|werbung|publicidad",
    r"\d+ ?min(?:utes?)?(?: de lecture| read| lesezeit| de lectura)",
    r"(?:temps de lecture|durée de lecture|lecture|reading time|lesezeit|tiempo de lectura)"
    r" ?:? ?\d+ ?min(?:utes?)?\.?",
    r"(?:écouter|listen to|escuchar|anhören)(?: cet article| this article| el artículo)?"
    r"(?: \(\d+ ?min\))?",
    r"(?:voir les |afficher les |read |view |show )?\d* ?(?:commentaires?|comments?|"
    r"kommentare|comentarios)(?: ?\(\d+\))?",
    r"(?:offrir|offrez) (?:cet |l')article|gift (?:this )?article|artikel verschenken|"
    r"regalar (?:este )?artículo|(?:cet article|ce contenu) vous est offert\b.*|"
    r"lire plus tard|read later|später lesen|leer más tarde|link|lien|enlace|copiar enlace|"
    r"reuse this (?:content|article)|(?:artikel|beitrag|seite) (?:teilen|merken|drucken|"
    r"verschenken|vorlesen lassen|anhören)|zur merkliste hinzufügen|merkliste|"
    r"(?:ir a|aller aux|go to|zu den|voir les) (?:los )?(?:comentarios|commentaires|comments|"
    r"kommentaren)|sign up (?:to|for)\b.{1,60}|"
    r"(?:purchase )?licensing rights|reprints?(?: (?:&|and) permissions)?|"
    r"our (?:standards|editorial standards|ethics policy)\b.{0,80}|"
    r"sauvegarder(?: l'article| cet article)?|enregistrer(?: l'article| cet article)?|"
    r"ajouter à (?:mes|vos) (?:favoris|articles|sélections)|save(?: this)?(?: article| story|"
    r" for later)?|bookmark|merken|guardar|"
    r"photo d'illustration|image d'illustration|illustration|photo d'archives?|"
    r"image d'archives?|archives?|"
    r"(?:publié |mis à jour |modifié |updated |posted |published |actualizado |aktualisiert )?"
    r"(?:il y a|hace|vor) \d+ ?(?:min|minutes?|h|heures?|jours?|minutos?|horas?|días?|"
    r"stunden?|std|tagen?)|(?:updated |posted |published )?\d+ ?(?:min|minutes?|h|hours?|hrs?|"
    r"days?) ago|"
    r"réagir|réagissez|commenter|comentar|kommentieren|leave a comment|"
    r"laisser un commentaire|ajouter un commentaire",
    *_TAG_LINES,
    # Credits name an agency or carry a slash or a ©: "Photo : AFP", "Image © J. Roux/DR".
    r"(?:photos?|crédits? photos?|images?|illustrations?|fotos?|bild|credit|crédits?) ?[:©] ?"
    r"(?=.{0,80}$)(?:.*(?:\b(?:afp|reuters|getty(?: images)?|ap|dpa|efe|epa|sipa|maxppp|abaca|"
    r"shutterstock|istock|dr|archives?)\b|/|©).*)",
    # Newsletter prompts.
    r"(?:inscrivez-vous|abonnez-vous|recevez|inscription|sign up|subscribe|get|join)"
    r"(?: (?:à|a|to|for))? (?:notre|nos|la|les|our|the) newsletters?\b.{0,80}",
    r"(?:recevez|get|receive|sign up to receive)\b.{0,60}\b(?:inbox|boîte (?:mail|e-mail|aux "
    r"lettres)|par e-?mail|by e-?mail)\b.{0,30}",
    r"newsletters?(?: \w+)?|je m'inscris|s'inscrire à la newsletter|"
    r"(?:votre|your|entrez votre|enter your) (?:adresse )?e-?mail(?: address)?|"
    r"ok|valider|envoyer|submit",
)

_PAYWALL_MARKERS = (
    r"(?:lisez|lire) la suite\b.{3,120}",
    r"pour (?:lire|découvrir) la suite\b.*|pour (?:continuer à lire|poursuivre (?:la|votre) "
    r"lecture)\b.*",
    r"(?:la suite de cet article|la suite de l'article|la suite|cet article|ce contenu|"
    r"cette enquête|cet article premium) est (?:exclusivement )?réservée? (?:aux|à nos)"
    r" (?:lecteurs )?(?:abonnés|membres)\b.*|la suite (?:de (?:cet|l')article )?est réservée\b.*",
    r"(?:article |contenu )?réservée?s? (?:aux|à nos) abonnés\b.*|contenu réservé\b.*|"
    r"article réservé\b.*|exclusivité (?:abonnés?|réservée aux abonnés|premium)\b.*",
    r"il vous reste \d+(?:[.,]\d+)? ?% (?:de (?:l'|cet )article )?à (?:lire|découvrir)\b.*|"
    r"il vous reste \d+ articles? (?:gratuits?|offerts?)\b.*",
    r"(?:découvrir|voir|consulter|découvrez) (?:les|nos) offres\b.{0,60}|"
    r"(?:see|view|explore) (?:our |all )?(?:offers|plans|subscription options)\b.{0,60}|"
    r"vous avez lu \d+(?:[.,]\d+)? ?%.*|vous avez (?:atteint|épuisé) (?:la|votre|vos|le)\b.{0,120}",
    r"abonnez-vous\b.{0,120}|s'abonner\b.{0,120}|je m'abonne\b.{0,120}",
    r"(?:vous êtes |êtes-vous )?déjà abonnée? ?\?.{0,80}|déjà inscrit ?\?.{0,80}",
    r"connectez-vous(?: pour .{0,60})?|identifiez-vous(?: pour .{0,60})?",
    r"accédez (?:à|a) (?:tous nos|toutes nos|l'intégralité|tout|nos|la suite)\b.{0,100}",
    r"(?:exclusif|exclu) abonnés?\b.*|réservé abonnés\b.*",
    r"(?:soutenez|aidez)(?: un| une| le| la| notre| nos)? (?:\w+ ){0,3}"
    r"(?:journalisme|média|media|rédaction|information|presse)\b.{0,80}",
    r"devenez (?:membre|abonnée?)\b.{0,80}|offrez-vous\b.{0,80}",
    r"subscribe(?: now| today| here)?(?: (?:for|from) .{0,60})?",
    r"subscribe (?:now )?(?:to|and) (?:continue|keep|read|unlock|get|access|enjoy|save|our)"
    r"\b.{0,100}",
    r"already (?:a )?(?:subscriber|member|registered)\b.{0,80}|already have an account\b.{0,60}",
    r"(?:sign|log) in to (?:continue|read|keep reading)\b.{0,80}",
    r"(?:this|the) (?:article|story|content|piece) is (?:only |exclusively )?(?:(?:available|"
    r"reserved|exclusive|open)(?: only| exclusively)? )?(?:to|for) (?:paying |paid )?"
    r"(?:subscribers|members)\b.{0,120}",
    r"(?:for )?subscribers?[- ]only\b.{0,80}|subscriber exclusive\b.{0,80}",
    r"you(?:'ve| have) (?:reached|hit|used(?: up)?|read|exhausted|no more|\d+|one|two|three)"
    r"\b.{0,60}\b(?:limit|free|articles?|stories|allowance)\b.{0,80}",
    r"(?:sign|log) in or (?:subscribe|register)\b.{0,80}|(?:register|create a free account) to "
    r"(?:continue|read|keep reading)\b.{0,80}|(?:get )?unlimited (?:digital )?access\b.{0,100}",
    r"(?:\d+|one|two|three|no) free (?:articles?|stories|reads?) (?:left|remaining)\b.{0,80}|"
    r"this is your last free (?:article|story)\b.{0,80}",
    r"(?:to )?continue reading\b.{0,80}|keep reading\b.{0,80}",
    r"continuer (?:la lecture|à lire)(?: (?:de )?(?:cet |l')article)?",
    r"unlock (?:this|the full|full|unlimited) .{0,80}",
    r"support (?:independent|quality|our) journalism\b.{0,80}|support us\b.{0,80}",
    r"become a (?:member|subscriber)\b.{0,80}",
    r"(?:jetzt|gleich) abonnieren\b.{0,80}|weiterlesen mit\b.{0,80}|"
    r"abo (?:abschließen|wählen|testen)\b.{0,80}|bereits (?:abonnent|abonniert)\b.{0,80}|"
    r"zum abo\b.{0,80}|(?:dieser (?:artikel|beitrag|inhalt) ist )?(?:nur|exklusiv) für "
    r"(?:abonnent\w*|abo-?\w*|[\w-]*plus-?(?:abonnent|kund)\w*|zahlende \w+)\b.{0,80}|"
    r"sie haben (?:ihr|das) (?:limit|kontingent|freikontingent)\b.{0,80}|"
    r"lesen sie (?:jetzt )?(?:weiter|den (?:ganzen|vollständigen) artikel)\b.{0,80}",
    r"suscríbete\b.{0,100}|suscribirse\b.{0,80}|hazte suscriptor\b.{0,80}|"
    r"¿?ya (?:eres|soy) suscriptor\b.{0,80}|¿?ya tienes (?:una )?cuenta\b.{0,80}|"
    r"inicia sesión\b.{0,80}|(?:este |esta )?(?:contenido|artículo|noticia) (?:es )?exclusiv[oa] "
    r"para (?:suscriptores|socios|abonados)\b.{0,80}|(?:sólo|solo) para (?:suscriptores|socios|"
    r"abonados)\b.{0,80}|has (?:alcanzado|agotado) (?:el|tu|los)\b.{0,100}|"
    r"para (?:seguir|continuar) leyendo\b.{0,100}|(?:lee|leer) sin límites\b.{0,80}",
    r"et bien plus encore\b.*|and (?:much|so much|lots) more\b.*|y mucho más\b.*|"
    r"und vieles mehr\b.*",
    r"(?:essai gratuit|free trial|sans engagement|résiliable à tout moment|"
    r"cancel (?:at )?any ?time|no commitment)\b.{0,80}",
)

_RELATED_HEADS = (
    r"lire aussi|à lire aussi|a lire aussi|à lire également|lire également|voir aussi|"
    r"à voir aussi|sur le même sujet|dans la même rubrique|nos articles recommandés|"
    r"vous aimerez aussi|vous aimerez peut-être aussi|read also|also read|related"
    r"(?: articles| stories| content| coverage| reading)?|see also|more on this(?: story| topic)?|"
    r"recommended(?: for you| reading)?|you may also like|you might also like|"
    r"lesen sie auch|mehr zum thema|auch interessant|das könnte sie auch interessieren|"
    r"lee también|te puede interesar|noticias relacionadas|ver también|relacionados?|"
    r"les plus lus|les plus lues|articles les plus lus|most read|most popular|meistgelesen|"
    r"lo más leído|du même auteur|from the same author|sur le même thème|sujets associés|"
    r"related topics|more stories|plus d'articles|suggested (?:topics|reading)|sujets suggérés|"
    r"explore more on (?:these|this) topics?|more on (?:these|this) topics?|"
    r"most viewed|most watched|most shared|trending(?: now)?|tendances|read next|"
    r"à lire ensuite"
)

_FLAGS = re.IGNORECASE


def _whole(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(alternatives) + r")", _FLAGS)


_NAV_RE = _whole(_NAV_WORDS)
_LINE_RE = _whole(*_LINE_MARKERS)
_LABEL_RE = _whole(*_TAG_LINES)
# Separators between markers on one line: "Partager · Imprimer", "Share | Back to top".
_SEGMENT_SPLIT = re.compile(r"\s*[·|•/]\s*|\s+[-–—]\s+|\s?:\s")
_SEGMENT_CHARS = frozenset("·|•/-–—:")
_PAYWALL_RE = _whole(*_PAYWALL_MARKERS)
_RELATED_ALONE_RE = re.compile(rf"(?:{_RELATED_HEADS}|read more ?:|lire la suite ?:)", _FLAGS)
_RELATED_INLINE_RE = re.compile(
    rf"(?:{_RELATED_HEADS}|read more|more)\s*[:>›»→|–—-]\s*\S.*", _FLAGS
)
_COOKIE_PARAGRAPH = re.compile(
    r"(?:nous utilisons des cookies|ce site (?:web )?utilise des cookies|we use cookies|"
    r"this (?:web)?site uses cookies|en poursuivant votre navigation|"
    r"by (?:continuing to use|using) (?:this|our) (?:web)?site|en continuant à naviguer|"
    r"utilizamos cookies|wir verwenden cookies)\b",
    _FLAGS,
)
COOKIE_PROMPT_MAX = 700
"""A consent prompt or a plea to subscribe is a paragraph or two, not an article."""
_COOKIE_WORD = re.compile(r"\bcookies?\b|\btraceurs\b|\btrackers\b", _FLAGS)
_ADDRESSED = re.compile(r"\b(?:vous|votre|vos|you|your)\b", _FLAGS)
_CONSENT = re.compile(
    r"\b(?:accept|refus|consent|param[eé]tr|g[eé]rer|choix|choisi|choose|choice|"
    r"pr[eé]f[eé]rences|settings|manage|autoris|allow|enable)\w*",
    _FLAGS,
)
_SELF_REFERENCE = re.compile(
    r"\b(?:cet article|ce contenu|cette enqu[eê]te|notre (?:journal|journalisme|r[eé]daction|"
    r"travail|site)|nos journalistes|this (?:article|story|content|site)|our (?:journalism|"
    r"newsroom|work|reporting|journalists|site)|support us|nous soutenir)\b",
    _FLAGS,
)
_SUPPORT = re.compile(r"\b(?:soutenir|soutenez|support|donate|faire un don|donation)\w*", _FLAGS)
_PAYWALL_WORDS = re.compile(
    r"\b(?:abonn|subscri|suscri|abonnier|paywall)\w*|\bfree (?:articles?|stories)\b|"
    r"\barticles? (?:gratuits?|offerts?)\b",
    _FLAGS,
)

# Wire credits: "Reporting by A; additional reporting by B in Lille; editing by C", "(Avec AFP)",
# "Édité par X". Role words in any case, names capitalised (so "Reporting by the BBC has
# shown…" is prose, not a credit).
_NAME = (
    r"[A-ZÀ-ÖØ-Þ][\w.'’-]*"
    r"(?: (?:[A-ZÀ-ÖØ-Þ][\w.'’-]*|de|da|du|van|von|der|le|la|del|al|bin|ben|el))*"
)
_NAMES = rf"{_NAME}(?:(?:,| and| et| und| y| &) {_NAME})*"
_ROLE = (
    r"(?i:(?:(?:additional|further|with additional) )?(?:reporting|writing|editing|research|"
    r"graphics|fact-checking))"
)
_PERSON_IN = rf"{_NAME}(?: (?i:in) {_NAME}(?:,? {_NAME})?)?"
_PEOPLE = rf"{_PERSON_IN}(?:(?:,| and| et| und| y| &) {_PERSON_IN})*"
_ONE_CREDIT = rf"{_ROLE}(?: (?i:and) {_ROLE})? (?i:by) {_PEOPLE}"
_AGENCY = (
    r"(?i:(?:l'|la |las |les )?(?:afp|reuters|ap|dpa|efe|ansa|belga|ats|sda|apa|kyodo|xinhua|"
    r"europa press|agences|agencies|agenturen|agencias|wires))"
)
# Photo credits without a label: "REUTERS/Jane Roe", "Jean Dupont / AFP", "AFP via Getty Images".
_PHOTO_AGENCIES = (
    r"(?:afp|reuters|ap|getty images|epa|dpa|sipa|maxppp|abaca|abacapress|shutterstock|istock|"
    r"hans lucas|divergence|leemage|belga|anp|efe|bloomberg|pa|pa images|alamy|ap photo)"
)
_PHOTO_CREDIT_RE = re.compile(
    rf"(?:[\w.'’ -]{{1,50}} ?/ ?)?{_PHOTO_AGENCIES}(?: ?/ ?[\w.'’ -]{{1,50}})?"
    rf"(?: via {_PHOTO_AGENCIES})?",
    re.IGNORECASE,
)
_AGENCY_WORDS = _words(
    "afp reuters ap dpa efe ansa belga ats sda apa kyodo xinhua press agences agencies "
    "agenturen agencias wires images epa sipa maxppp abaca abacapress shutterstock istock lucas "
    "divergence leemage anp bloomberg pa alamy photo"
)
# Image captions that end with a credit: "The glacier in August. Photograph: J. Doe/Getty".
_CAPTION_RE = re.compile(
    r".{0,200}?\b(?:photograph|photographie|photo|photos|foto|fotografía|image|illustration|"
    r"crédit photo|credit|crédits?)s? ?[:©] ?[^:]{1,80}",
    re.IGNORECASE,
)
_CAPTION_CUE = re.compile(r"hoto|oto ?:|mage ?:|r[eé]dit")
# Newsletter prompts in any wording: "Free weekly newsletter", "after newsletter promotion".
_NEWSLETTER_RE = re.compile(r"(?:[\w'’-]+ ){0,4}newsletters?(?: [\w'’-]+){0,4}", re.IGNORECASE)
_CREDIT_RE = re.compile(
    rf"\(?(?:{_ONE_CREDIT}(?: ?[;,.] ?(?i:and )?{_ONE_CREDIT})*|"
    rf"(?:(?!(?i:par|by|von|por) ){_NAMES} )?"
    rf"(?i:avec|with|mit|con) (?:(?i:material von|informations? de|información de|"
    rf"informaciones de|reporting from) )?{_AGENCY}(?:(?:,| et| and| und| y| &) {_AGENCY})*|"
    rf"(?i:édité|éditée|edité|editado|editada|bearbeitet|redigiert) (?i:par|por|von) {_NAMES})"
    r"[.;)]*"
)

# Prices in offers: "1€", "1 €", "£1", "$2/month", "9,99 euros", "4,90 €/mois".
_PRICE = re.compile(
    r"(?:[€$£]\s?\d+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?\s?(?:€|euros?\b|\$|£|usd\b|eur\b|chf\b))",
    _FLAGS,
)
_OFFER_START = re.compile(
    r"(?:[€$£]\s?\d|\d+(?:[.,]\d{1,2})?\s?(?:€|euros?\b|\$|£)|accès|acces|access|offre|offer|"
    r"(?:abonnement|subscription)s? (?:numérique|digital|annuel|mensuel|premium|intégral|à|dès|"
    r"pour|from|for|only)\b|à partir de|a partir de|dès|seulement|only|just|from|essayez|try|"
    r"profitez|enjoy|le premier mois|1er mois|premier mois|first month|"
    r"\d+ (?:mois|semaines?|months?|weeks?) (?:pour|for|à|at)|sólo|solo|desde)\b",
    _FLAGS,
)
# Offers speak of a period or of access; news about prices usually does not open like this.
_OFFER_TERMS = re.compile(
    r"(?:/\s?(?:mois|mo|month|an|year|yr|semaine|week|monat|mes)\b|\b(?:mois|month|months|"
    r"semaines?|weeks?|an|ans|year|jahr|monat|año|mes|illimitée?|unlimited|offerte?|free|gratuit"
    r"|abonnement|subscription|accès|acces|access|essai|trial|seulement|only|just)\b)",
    _FLAGS,
)
_BREADCRUMB_SPLIT = re.compile(r"\s+[>›»/|]\s+")
_BREADCRUMB_HOME = re.compile(r"(?:accueil|home|inicio|startseite)$", _FLAGS)

# Tagline shapes: the outlet's name or slogan above an article title.
_OUTLET_WORDS = re.compile(
    r"\b(?:journal|quotidien|hebdo\w*|gazette|magazine|mag|times|daily|weekly|post|herald|"
    r"tribune|courrier|chronicle|news|infos?|l'info|actus?|actualités?|médias?|media|presse|"
    r"press|édition|edition|zeitung|nachrichten|diario|periódico|noticias|blog|radio|tv|"
    r"independent|indépendante?|sans filtre|en continu|depuis (?:18|19|20)\d\d|"
    r"since (?:18|19|20)\d\d|fondée? en|founded)\b",
    _FLAGS,
)
_DOMAIN = re.compile(
    r"\b(?:www\.)?[\w-]+\.(?:fr|com|net|org|info|news|be|ch|ca|de|es|eu|io|co\.uk)\b", _FLAGS
)
_HEADER_SEPARATOR = re.compile(r"\s[|—–\-·•]\s|\s[|·•]|[|·•]\s")
_STRONG_SEPARATOR = re.compile(r"\s[|·•]|[|·•]\s")


def plain_apostrophes(text: str) -> str:
    """Typographic apostrophes as ASCII ones, for matching only."""
    if "’" in text or "‘" in text or "ʼ" in text:
        return text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    return text


def normalise(line: str) -> str:
    """The marker-matching form of a line: no bullets or trailing arrows, plain apostrophes."""
    return plain_apostrophes(line).lstrip(_LEADING).rstrip(_TRAILING)


# First words a marker can start with. Most headlines start with none of them, and one set
# lookup is much cheaper than the pattern matches below; a test keeps the two in step.
_TRIGGERS = _words(
    """
    nous contactez-nous contact contacts mentions politique confidentialité données cgu cgv
    conditions retour haut plan accueil à a qui flux accessibilité gérer paramètres paramétrer
    tout accepter publicité annonceurs aide recrutement mon se connexion s'inscrire rechercher
    recherche privacy terms back site sitemap cookie cookies manage accept reject home homepage
    menu search about careers jobs advertise help faq log login logout sign signin signup my
    accessibility do impressum datenschutz datenschutzerklärung kontakt startseite nach aviso
    política contacto inicio volver partager partagez share teilen compartir facebook twitter x
    linkedin whatsapp instagram youtube tiktok bluesky mastodon threads telegram pinterest reddit
    messenger flipboard e-mail email mail sms rss tweet tweeter copy copier lien link enlace
    follow suivez-nous folgen síguenos imprimer print envoyer send drucken imprimir read lire
    voir en learn see show weiterlesen mehr leer seguir ver copyright all tous alle todos
    advertisement ad sponsored sponsorisé contenu partner anzeige werbung publicidad temps durée
    lecture reading lesezeit tiempo écouter listen escuchar anhören afficher view comments
    comment commentaire commentaires kommentare comentarios réagir réagissez leave laisser
    ajouter photo photos crédit crédits image illustration foto bild inscrivez-vous
    abonnez-vous recevez receive inscription subscribe get join newsletter newsletters je votre your
    entrez enter ok valider submit lisez pour la cet ce article réservé il vous s'abonner
    êtes-vous déjà connectez-vous identifiez-vous soutenez aidez devenez offrez-vous already to
    this the continue keep unlock support become jetzt gleich abo bereits zum dieser suscríbete
    suscribirse hazte ya inicia este et and y und essai free sans résiliable cancel no sur
    dans nos also related recommended you lesen auch das lee te noticias relacionado
    relacionados more accès acces access offre offer abonnement abonnements subscription
    subscriptions dès seulement only just essayez try profitez enjoy le 1er premier first sólo
    solo desde commenter comentar kommentieren filed posted classé tags tagged mots mot
    mots-clés mot-clé mots-clefs catégories catégorie categories category topics thèmes themen
    for cette schlagwörter schlagworte stichwörter etiquetas temas keywords lisez réservé réservée
    réservés exclusivité subscriber subscribers you've vous nur exklusiv sie contenido esta
    artículo noticia para has reporting writing editing additional further research graphics
    fact-checking avec with mit con édité éditée edité editado editada bearbeitet redigiert
    offrir offrez gift artikel regalar sauvegarder enregistrer save bookmark merken guardar
    archive archives hace vor updated published publié mis modifié actualizado aktualisiert
    register create unlimited accédez exclusif exclu subscriber lecture les most meistgelesen
    lo du from plus sujets découvrir découvrez consulter explore view purchase licensing reprint
    reprints our skip aller passer zum ir suggested später link lien go zu zur reuse copiar
    beitrag seite merkliste top latest did enjoyed liked found partagez-le story image close
    fermer follow suivre ajouter add next previous suivant précédent trending tendances
    promoted powered sponsored breaking live continuer contenus toute suite
    """
)
_TRIGGER_CHARS = frozenset("©(¿0123456789€$£")
_FIRST_WORD_EDGES = '«»"“”¿¡(:.,;!?›>→…|'
# Common first words of real headlines that also start a few markers: for these, the second
# word must fit too before the patterns are tried.
_SECOND_WORDS: dict[str, frozenset[str]] = {
    first: frozenset(seconds.split())
    for first, seconds in {
        "la": "suite",
        "le": "premier",
        "à": "propos lire voir partir la",
        "top": "stories",
        "story": "continues",
        "image": "caption source",
        "next": "article story",
        "previous": "article story",
        "add": "to",
        "promoted": "stories content",
        "powered": "by",
        "sponsored": "content",
        "breaking": "news",
        "live": "",
        "follow": "",
        "close": "",
        "trending": "now",
        "continuer": "la à",
        "toute": "l'actualité",
        "suite": "de après",
        "found": "this",
        "liked": "this",
        "enjoyed": "this",
        "latest": "news stories headlines",
        "a": "propos lire partir",
        "en": "savoir direct",
        "pour": "lire découvrir continuer poursuivre",
        "sur": "le",
        "dans": "la",
        "the": "article story content piece",
        "this": "article story content piece is",
        "for": "subscribers subscriber",
        "cette": "enquête",
        "reporting": "by",
        "writing": "by",
        "editing": "by",
        "to": "continue",
        "et": "bien",
        "and": "much so lots",
        "y": "mucho",
        "ce": "contenu",
        "cet": "article",
        "il": "vous y",
        "je": "m'abonne m'inscris",
        "vous": "êtes avez aimerez",
        "nous": "contacter suivre",
        "no": "commitment",
        "do": "not",
        "all": "rights",
        "tout": "accepter refuser",
        "se": "connecter déconnecter",
        "mon": "compte",
        "my": "account",
        "your": "email e-mail mail",
        "votre": "adresse email e-mail mail",
        "you": "may might have",
        "you've": "reached hit used read",
        "see": "also more our all offers plans",
        "politique": "de des relative",
        "get": "our the unlimited full digital",
        "join": "our the",
        "keep": "reading",
        "support": "independent quality our us",
        "become": "a",
        "our": "standards editorial ethics",
        "skip": "to",
        "aller": "au aux",
        "passer": "au",
        "zum": "inhalt abo",
        "ir": "al a",
        "go": "to",
        "zu": "den",
        "zur": "merkliste",
        "reuse": "this",
        "copiar": "enlace",
        "suggested": "topics reading",
        "découvrir": "les nos",
        "découvrez": "les nos",
        "consulter": "les nos",
        "explore": "our all offers plans more",
        "purchase": "licensing",
        "les": "plus",
        "most": "read popular viewed watched shared",
        "lo": "más",
        "du": "même",
        "from": "the",
        "plus": "d'articles",
        "sujets": "associés",
        "register": "to",
        "create": "a",
        "vor": "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 30 45 50",
        "hace": "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 30 45 50",
        "artikel": "verschenken merken teilen drucken vorlesen anhören",
        "save": "this article story for",
        "mis": "à",
        "posted": "in",
        "filed": "under",
        "mots": "clés clefs",
        "mot": "clé",
        "nur": "für",
        "sie": "haben",
        "para": "seguir continuar",
        "has": "alcanzado agotado",
        "with": "afp reuters ap dpa efe agencies wires additional reporting",
        "avec": "afp l'afp reuters ap l'ap agences dpa efe",
        "mit": "dpa afp ap reuters material agenturen",
        "con": "efe información informaciones agencias afp reuters ap europa",
        "further": "reporting",
        "additional": "reporting",
        "research": "by",
        "graphics": "by",
    }.items()
}
_RIGHTS_WORDS = ("reserved", "réservés", "vorbehalten", "reservados")
_PATH_CHARS = frozenset(">›»/|")
_RIGHTS_TOKENS = frozenset(
    variant + end
    for word in _RIGHTS_WORDS
    for variant in (word, word.capitalize(), word.upper())
    for end in ("", ".", ",")
)
_RIGHTS_ANYWHERE = re.compile(
    r".{0,60}\b(?:all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados)",
    _FLAGS,
)


def _may_be_marker(bare: str) -> bool:
    """Cheap pre-check: could this normalised line match any marker pattern at all?"""
    if bare[0] in _TRIGGER_CHARS:
        return True
    words = bare.split(None, 2)
    first = words[0].lower()
    if first not in _TRIGGERS:
        first = plain_apostrophes(first).strip(_FIRST_WORD_EDGES)
    if first in _TRIGGERS:
        seconds = _SECOND_WORDS.get(first)
        if seconds is None or len(words) == 1:
            return True
        second = plain_apostrophes(words[1].lower()).strip(_FIRST_WORD_EDGES)
        if not second or second in seconds:
            return True
    if _PATH_CHARS.isdisjoint(bare) and not _may_mention_rights(bare):
        return False
    return _has_path_separator(bare) or _mentions_rights(bare)


def _has_path_separator(line: str) -> bool:
    return " > " in line or " › " in line or " » " in line or " / " in line or " | " in line


def _may_mention_rights(line: str) -> bool:
    return "serv" in line or "SERV" in line or "vorbehalten" in line or "VORBEHALTEN" in line


def _mentions_rights(line: str) -> bool:
    return not _RIGHTS_TOKENS.isdisjoint(line.split())


def classify(line: str) -> Boiler | None:
    """The boilerplate kind of one short, cleaned line, or None for content."""
    if len(line) >= _MAX_MARKER_LEN:
        return None
    bare = normalise(line)
    if not bare:
        return None
    if not _may_be_marker(bare):
        return Boiler.LINE if _is_credit_anywhere(bare) else None
    if _RELATED_ALONE_RE.fullmatch(bare) or _RELATED_ALONE_RE.fullmatch(line.strip()):
        return Boiler.RELATED
    if _RELATED_INLINE_RE.fullmatch(bare):
        return Boiler.RELATED_INLINE
    kind = _classify_bare(bare)
    if kind is None and _SEGMENT_CHARS.intersection(bare):
        kind = _classify_segments(bare)
    if kind is None and _is_credit_anywhere(bare):
        kind = Boiler.LINE
    return kind


def _classify_bare(bare: str) -> Boiler | None:
    """The kind of one normalised line or segment, ignoring the "related links" heads."""
    if _PAYWALL_RE.fullmatch(bare):
        return Boiler.PAYWALL
    if is_price_offer(bare):
        return Boiler.OFFER
    if _NAV_RE.fullmatch(bare):
        return Boiler.NAV
    if _LINE_RE.fullmatch(bare) or is_credit(bare) or is_breadcrumb(bare):
        return Boiler.LINE
    if _PHOTO_CREDIT_RE.fullmatch(bare):
        return Boiler.LINE
    if _mentions_rights(bare) and _RIGHTS_ANYWHERE.fullmatch(bare):
        return Boiler.LINE
    return None


def _classify_segments(bare: str) -> Boiler | None:
    """A line of markers joined by separators ("Partager · Imprimer", "Share | Back to top").

    Every segment must be a marker on its own; one ordinary segment ("Grève | les trains à
    l'arrêt") keeps the whole line.
    """
    parts = [normalise(part) for part in _SEGMENT_SPLIT.split(bare)]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return None
    kinds = []
    for part in parts:
        kind = _classify_bare(part) if _may_be_marker(part) else None
        if kind is None:
            return None
        kinds.append(kind)
    return Boiler.NAV if all(kind is Boiler.NAV for kind in kinds) else Boiler.LINE


def _is_credit_anywhere(bare: str) -> bool:
    """Credits and prompts that do not open with a marker word (checked on cheap cues first)."""
    lower = bare.lower()
    if "ewsletter" in lower and _NEWSLETTER_RE.fullmatch(bare):
        return True
    if _CAPTION_CUE.search(lower) and _is_caption(bare):
        return True
    # Cheapest last: an agency's name as the first or the last word.
    last = lower[lower.rfind(" ") + 1 :]
    first = lower.split(" ", 1)[0]
    if (
        last.rsplit("/", 1)[-1].strip("()") not in _AGENCY_WORDS
        and first.split("/", 1)[0].strip("()") not in _AGENCY_WORDS
    ):
        return False
    return _is_agency_credit(bare)


def _is_caption(bare: str) -> bool:
    """A caption ends with a labelled credit naming an agency or holding a slash or a ©."""
    if _CAPTION_RE.fullmatch(bare) is None:
        return False
    credit = bare[bare.rfind(":") + 1 :].strip() if ":" in bare else bare
    return "/" in credit or "©" in bare or _is_agency_credit(credit)


def _is_agency_credit(bare: str) -> bool:
    """ "Jean Dupont / AFP", "Le Monde avec AFP": a credit that ends with an agency's name."""
    last = bare.rsplit(None, 1)[-1].rsplit("/", 1)[-1].strip("()").lower()
    first = bare.split(None, 1)[0].split("/", 1)[0].strip("()").lower()
    if last not in _AGENCY_WORDS and first not in _AGENCY_WORDS:
        return False
    return _CREDIT_RE.fullmatch(bare) is not None or _PHOTO_CREDIT_RE.fullmatch(bare) is not None


def is_newsletter_prompt(line: str) -> bool:
    """A boilerplate line about a newsletter ("Sign up to …", "Free weekly newsletter")."""
    lower = line.lower().lstrip(_LEADING)
    return ("newsletter" in lower or lower.startswith("sign up")) and classify(line) is not None


def is_credit(line: str) -> bool:
    """A wire credit line: "Reporting by A; editing by B", "(Avec AFP)", "Édité par X"."""
    return len(line) < 300 and _CREDIT_RE.fullmatch(normalise(line)) is not None


def is_label_line(line: str) -> bool:
    """A credit or a tag line, whatever its length ("Tags : a, b, c…", "Reporting by…")."""
    if len(line) >= 400:
        return False
    head = normalise(line[:60])
    if head and _may_be_marker(head):
        bare = normalise(line)
        return is_credit(bare) or _LABEL_RE.fullmatch(bare) is not None
    return len(line) < 120 and bool(head) and _is_agency_credit(normalise(line))


def is_price_offer(line: str) -> bool:
    """A subscription price offer ("Accès illimité dès 1€", "£1 for 4 weeks", "$2/month").

    A price alone is not enough ("Netflix : l'abonnement passe à 15 € par mois" is news):
    the line must open with the price or with offer wording.
    """
    return (
        len(line) < 120
        and _OFFER_START.match(line) is not None
        and _PRICE.search(line) is not None
        and _OFFER_TERMS.search(line) is not None
    )


def has_price(line: str) -> bool:
    """Whether a line mentions an amount of money."""
    return _PRICE.search(line) is not None


def is_cookie_paragraph(paragraph: str) -> bool:
    """A cookie-consent banner, whatever its length: one that opens like one, or one that
    asks the reader to choose about cookies (an article about cookie rules reports, it
    does not address "you")."""
    if _COOKIE_PARAGRAPH.match(plain_apostrophes(paragraph[:80])) is not None:
        return True
    # Asked of every line of a text file: the cheap test first.
    return (
        len(paragraph) <= COOKIE_PROMPT_MAX
        and _COOKIE_WORD.search(paragraph) is not None
        and _ADDRESSED.search(paragraph) is not None
        and _CONSENT.search(paragraph) is not None
    )


def is_reader_appeal(paragraph: str) -> bool:
    """The outlet talking to its reader about itself: "This article is free to read...
    please support us by subscribing", "Cet article est en accès libre... abonnez-vous"."""
    text = plain_apostrophes(paragraph)
    return (
        len(text) <= COOKIE_PROMPT_MAX
        and _ADDRESSED.search(text) is not None
        and _SELF_REFERENCE.search(text) is not None
        and (_PAYWALL_WORDS.search(text) is not None or _SUPPORT.search(text) is not None)
    )


def mentions_subscription(text: str) -> bool:
    """Whether a text talks about subscribing (used only inside a paywall block)."""
    return _PAYWALL_WORDS.search(text) is not None


def is_breadcrumb(line: str) -> bool:
    """ "Accueil > Monde > Europe": short segments joined by path separators."""
    if not _has_path_separator(line):
        return False
    parts = _BREADCRUMB_SPLIT.split(line)
    if len(parts) < 2 or any(len(part.split()) > 4 for part in parts):
        return False
    return len(parts) >= 3 or _BREADCRUMB_HOME.match(parts[0]) is not None


def is_tagline(line: str) -> bool:
    """An outlet name or slogan, as found above an article title at the top of a page.

    The caller only asks about a short line in tagline position (first line of the file,
    followed by a title); here the line must also carry an outlet marker: a domain name or an
    outlet word ("Journal", "Daily", "l'info", "since 1900"). A dash alone is not enough, since
    titles have dashes too.
    """
    if not _tagline_sized(line):
        return False
    text = plain_apostrophes(line)
    return _DOMAIN.search(text) is not None or _OUTLET_WORDS.search(text) is not None


def is_strong_tagline(line: str) -> bool:
    """A header even above a headline list: a name, a separator, a slogan.

    The separator is a bar, a middle dot or a spaced dash, never a colon ("Tempête : trois
    morts" is a headline), and the name carries an outlet marker or is written in capitals,
    two words or more ("REVUE DE PRESSE — semaine du 2 au 8", "THE MERIDIAN REVIEW · Books").
    """
    if not _tagline_sized(line):
        return False
    text = plain_apostrophes(line)
    separator = _HEADER_SEPARATOR.search(text)
    if separator is None:
        return False
    return is_tagline(line) or _capitalised_name(text[: separator.start()])


def is_top_tagline(line: str) -> bool:
    """A tagline in the surest position: the file's first line, right above the title.

    Besides the strong shapes, a bar or a middle dot is enough here ("Sud Ovale | Le rugby du
    Sud"), and so is a line mostly in capitals (an outlet name or a section label). A spaced
    dash or a colon alone is not: "Climat — la conférence s'ouvre" above a standfirst is a
    title.
    """
    if not _tagline_sized(line):
        return False
    if is_strong_tagline(line) or is_tagline(line) or _STRONG_SEPARATOR.search(line):
        return True
    letters = [char for char in line if char.isalpha()]
    upper = sum(1 for char in letters if char.isupper())
    return len(letters) >= 4 and upper * 10 >= len(letters) * 7


def _tagline_sized(line: str) -> bool:
    return len(line) <= 100 and (
        not line.rstrip().endswith((".", "?", "!")) or _DOMAIN.search(line) is not None
    )


def _capitalised_name(text: str) -> bool:
    """Two words or more, every letter a capital: "THE ORBITAL REPORT"."""
    words = [word for word in text.split() if any(char.isalpha() for char in word)]
    return len(words) >= 2 and all(
        char.isupper() for word in words for char in word if char.isalpha()
    )
