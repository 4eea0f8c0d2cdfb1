"""Recognise web-page boilerplate in plain-text dumps, line by line.

Everything here works on one cleaned line at a time and is anchored: a line is boilerplate when
it *is* a marker ("Partager", "Mentions légales", "Subscribe"), or *starts* with one in a way
no headline does ("Il vous reste 62 % de l'article à lire", "Lire aussi : …"). Nothing matches
a marker word in the middle of a sentence, so "Abonnements : les prix montent" or a paragraph
saying that readers may subscribe survive. Markers are French, English, German and Spanish.

Which lines *around* a marker are dropped too (perks listed under a price offer, link titles
under "Lire aussi") depends on position, and is decided by the caller (``textdump``).
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
_TRAILING = " \t:.!›»>→…|"

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
    r"do not sell my (?:personal )?information|"
    # German and Spanish
    r"impressum|datenschutz(?:erklärung)?|kontakt|startseite|nach oben|"
    r"aviso legal|política de privacidad|política de cookies|contacto|inicio|volver arriba"
)

_LINE_MARKERS = (
    # Sharing and following.
    rf"(?:partager|partagez|share|teilen|compartir)(?: (?:cet|l')article| this(?: article|"
    rf" story| page)?| (?:sur|on|en|auf) (?:{_SOCIAL}))?",
    rf"(?:(?:{_SOCIAL})[\s,|/·•]*)+",
    r"tweet|tweeter|copy link|copier le lien|lien copié|link copied|enlace copiado",
    r"(?:follow us|suivez-nous|folgen sie uns|síguenos)(?: (?:on|sur|auf|en) .{1,60})?",
    r"imprimer(?: l'article)?|print(?: this article)?|envoyer(?: par e-?mail)?|"
    r"send by e-?mail|drucken|imprimir",
    # Teaser buttons: only the button itself, what follows is real content.
    r"read more|lire la suite|lire plus|voir plus|en savoir plus|learn more|see more|"
    r"show more|weiterlesen|mehr lesen|leer más|seguir leyendo|ver más",
    # Footer.
    r"(?:©|\(c\) ?\d{4}|copyright ?(?:©|\(c\)|\d{4})).*",
    r"(?:all rights reserved|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados)\b.*",
    # Ads, reading time, audio, comments, photo credits.
    r"publicité|advertisement|ad|sponsored|sponsorisé|contenu sponsorisé|"
    r"contenu partenaire|partner content|anzeige|werbung|publicidad",
    r"\d+ ?min(?:utes?)?(?: de lecture| read| lesezeit| de lectura)",
    r"(?:temps de lecture|durée de lecture|lecture|reading time|lesezeit|tiempo de lectura)"
    r" ?: ?\d+ ?min(?:utes?)?\.?",
    r"(?:écouter|listen to|escuchar|anhören)(?: cet article| this article| el artículo)?"
    r"(?: \(\d+ ?min\))?",
    r"(?:voir les |afficher les |read |view |show )?\d* ?(?:commentaires?|comments?|"
    r"kommentare|comentarios)",
    r"réagir|réagissez|leave a comment|laisser un commentaire|ajouter un commentaire",
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
    r"pour (?:lire|découvrir) la suite\b.*",
    r"(?:la suite de cet article|la suite|cet article|ce contenu|cet article premium)"
    r" est réservée? (?:aux|à nos) abonnés\b.*",
    r"(?:article )?réservé aux abonnés\b.*|contenu réservé\b.*",
    r"il vous reste \d+ ?% (?:de l'article )?à (?:lire|découvrir)\b.*",
    r"vous avez lu \d+ ?%.*",
    r"abonnez-vous\b.{0,120}|s'abonner\b.{0,120}|je m'abonne\b.{0,120}",
    r"(?:vous êtes |êtes-vous )?déjà abonnée? ?\?.{0,80}|déjà inscrit ?\?.{0,80}",
    r"connectez-vous(?: pour .{0,60})?|identifiez-vous(?: pour .{0,60})?",
    r"(?:soutenez|aidez)(?: un| une| le| la| notre| nos)? (?:\w+ ){0,3}"
    r"(?:journalisme|média|media|rédaction|information|presse)\b.{0,80}",
    r"devenez (?:membre|abonnée?)\b.{0,80}|offrez-vous\b.{0,80}",
    r"subscribe(?: now| today| here)?(?: (?:for|from) .{0,60})?",
    r"subscribe (?:now )?(?:to|and) (?:continue|keep|read|unlock|get|access|enjoy|save|our)"
    r"\b.{0,100}",
    r"already (?:a )?(?:subscriber|member|registered)\b.{0,80}|already have an account\b.{0,60}",
    r"(?:sign|log) in to (?:continue|read|keep reading)\b.{0,80}",
    r"(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved|exclusive)"
    r" (?:to|for) (?:subscribers|members)\b.{0,80}",
    r"(?:to )?continue reading\b.{0,80}|keep reading\b.{0,80}",
    r"unlock (?:this|the full|full|unlimited) .{0,80}",
    r"support (?:independent|quality|our) journalism\b.{0,80}|support us\b.{0,80}",
    r"become a (?:member|subscriber)\b.{0,80}",
    r"(?:jetzt|gleich) abonnieren\b.{0,80}|weiterlesen mit\b.{0,80}|"
    r"abo (?:abschließen|wählen|testen)\b.{0,80}|bereits (?:abonnent|abonniert)\b.{0,80}|"
    r"zum abo\b.{0,80}|dieser artikel ist (?:nur )?für abonnenten\b.{0,80}",
    r"suscríbete\b.{0,100}|suscribirse\b.{0,80}|hazte suscriptor\b.{0,80}|"
    r"¿?ya (?:eres|soy) suscriptor\b.{0,80}|¿?ya tienes (?:una )?cuenta\b.{0,80}|"
    r"inicia sesión\b.{0,80}|este artículo es exclusivo para suscriptores\b.{0,80}",
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
    r"lee también|te puede interesar|noticias relacionadas|ver también|relacionados?"
)

_FLAGS = re.IGNORECASE


def _whole(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(alternatives) + r")", _FLAGS)


_NAV_RE = _whole(_NAV_WORDS)
_LINE_RE = _whole(*_LINE_MARKERS)
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
_PAYWALL_WORDS = re.compile(r"\b(?:abonn|subscri|suscri|abonnier|paywall)\w*", _FLAGS)

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
_TAGLINE_SEPARATOR = re.compile(r"\s[|—–\-·•:]\s|\s[|]|[|]\s")


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
    solo desde
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
        "à": "propos lire voir partir",
        "a": "propos lire partir",
        "en": "savoir",
        "pour": "lire découvrir",
        "sur": "le",
        "dans": "la",
        "the": "article story content",
        "this": "article story content",
        "to": "continue",
        "et": "bien",
        "and": "much so lots",
        "y": "mucho",
        "ce": "contenu",
        "cet": "article",
        "il": "vous",
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
        "you": "may might",
        "see": "also more",
        "politique": "de des relative",
        "get": "our the unlimited full digital",
        "join": "our the",
        "keep": "reading",
        "support": "independent quality our us",
        "become": "a",
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
    if not bare or not _may_be_marker(bare):
        return None
    if _RELATED_ALONE_RE.fullmatch(bare) or _RELATED_ALONE_RE.fullmatch(line.strip()):
        return Boiler.RELATED
    if _RELATED_INLINE_RE.fullmatch(bare):
        return Boiler.RELATED_INLINE
    if _PAYWALL_RE.fullmatch(bare):
        return Boiler.PAYWALL
    if is_price_offer(bare):
        return Boiler.OFFER
    if _NAV_RE.fullmatch(bare):
        return Boiler.NAV
    if _LINE_RE.fullmatch(bare) or is_breadcrumb(bare):
        return Boiler.LINE
    if _mentions_rights(bare) and _RIGHTS_ANYWHERE.fullmatch(bare):
        return Boiler.LINE
    return None


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
    """A cookie-consent banner, whatever its length."""
    return _COOKIE_PARAGRAPH.match(plain_apostrophes(paragraph[:80])) is not None


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
    if len(line) > 100 or (line.rstrip().endswith((".", "?", "!")) and not _DOMAIN.search(line)):
        return False
    text = plain_apostrophes(line)
    return _DOMAIN.search(text) is not None or _OUTLET_WORDS.search(text) is not None


def is_strong_tagline(line: str) -> bool:
    """A tagline even without a title under it: outlet marker *and* a name|slogan separator."""
    text = plain_apostrophes(line)
    return is_tagline(line) and _TAGLINE_SEPARATOR.search(text) is not None
