"""Split plain-text dumps (copied web pages, headline lists, saved articles) into items.

A dump has no markup, so structure is read from the *shape* of lines and from their
*position*. The parser makes five linear passes (no look-ahead beyond the current run of
lines), so a 50 MB dump costs the same per line as a small one.

1. **Lines.** The text is cleaned once, the way :func:`reader.text.clean_multiline` does it,
   and split into lines; each line is then exactly what :func:`reader.text.clean` returns, so
   titles and blocks need no second pass. Hard-wrapped prose (a block of three lines or more
   that nearly all reach the same width and whose next lines often start in lower case) is
   joined back into paragraphs; headline lists never look like that, headlines start with a
   capital.
2. **Classes.** Each line is *blank*; a *separator* (no letter or digit: ``-``, ``***``,
   ``•``, ``===``, ``· · ·``, emoji); *boilerplate* (line-anchored multilingual markers, see
   :mod:`reader.ingest.boilerplate`; also a line of markers joined by ``·``, ``|``, ``/``…
   such as "Partager · Imprimer", tag lines such as "Filed under: …" and wire credits such
   as "Reporting by A; editing by B" or "(Avec AFP)", at any length); *metadata*, a line
   made only of a date and/or an author plus filler words (``Par X``, ``Auteur : X``, ``By
   X``, ``Von X``, ``publié le 11/11/2024 Par X``, ``Updated Nov. 5, 2024 10:42``, see
   :mod:`reader.ingest.dates`; also a name and a role, "Jane Roe, Rome correspondent", and a
   name alone right next to a date line); or *text*. A text line is a *paragraph* when it is
   long (180+ characters, or 100+ made of finished sentences); any other text line is
   *short*, and loses its bullet (``•``, ``-``, ``*``…), list number or clock time
   (``1.``, ``2)``, ``07h12``, ``14:05 –``) before a capital (not ``2026 :``, ``3h de``).
3. **Boilerplate blocks.** Some markers take the lines after them along. A paywall marker
   ("Lisez la suite…", "Il vous reste 40 % de l'article à lire", "Subscribe to continue
   reading") opens a paywall block in which further markers, prices, bulleted lines and
   paragraphs about subscribing are dropped; paywall lines come in one tight block, so right
   after a marker (no blank line since) a sentence ("Our newsroom is funded by readers.") or a
   line about subscribing goes too, while a headline-shaped line ends the block. A price
   offer ("Accès illimité dès 1 €", "£1 for 4
   weeks") also drops the perk lines under it, up to the next blank line. "Lire aussi :" /
   "Read more:" / "Related:" drop the link titles under them. Whatever two newsletter prompts
   of one block enclose is a sign-up box and goes. A run of tiny lines holding two
   navigation links or more is a menu or a footer and goes whole. A block ends at a separator,
   at a real paragraph, or at a line directly followed by a paragraph (a title or a heading,
   not a perk or a link).
4. **Runs.** What is left alternates between paragraphs and *runs*: the short, metadata, blank
   and separator lines between two paragraphs. A run is read in context:

   - A separator line ends the current article.
   - Short lines with no paragraph after them are headlines. The exception is a short tail
     that still reads as the article's end: one or two closing sentences ("Affaire à
     suivre."), a list after a line ending in ":", lines that all read as prose (a finished
     sentence of 80+ characters without a "Rubrique :" opening, or 120+ characters stopping
     on a lower-case word: a paragraph cut by a paywall) but for section headings above such
     lines, or a name alone (a signature, taken as the author). One other headline-shaped
     line among them and they are all headlines, but for finished sentences of 100+
     characters right under the last paragraph: they end the article (one embedded in a
     headline feed) and the headlines follow. In a list of blocks that each hold a
     headline over one sentence (a copied "Latest news" page), the sentence is the
     headline's teaser, kept as its one block as a feed summary is; only with two such
     blocks or more and no other block of several lines.
   - Outside an article, short lines before a paragraph are headlines, then one title: the
     short line directly followed by metadata if there is one, else the last line that neither
     starts in lower case (a heading) nor ends with a full stop. Lines after the title are its
     first section headings.
   - At the top of the file (nothing emitted yet), the first line may be the site's tagline:
     dropped, and so are its later repeats. Above a headline list it must be a *header*: a
     name, a bar, middle dot or spaced dash (not a colon), a slogan, the name carrying an
     outlet marker or written in capitals ("REVUE DE PRESSE — semaine du …", "Actu Express |
     Toutes les dépêches"). Right above the title, an outlet marker ("Le Journal du Coin —
     l'info sans filtre", a domain name), a bar or middle dot ("Sud Ovale | Le rugby du Sud"),
     or a line mostly in capitals is enough. A spaced dash or a colon alone is not: titles
     have them too ("Climat — la conférence s'ouvre"). Then, when exactly one short line is
     left above the title-shaped line, with no separator line before, the two are a title and
     its standfirst (the standfirst opens the body). Section labels of one to three words
     ("Politique", "Sciences" then "Climat") above a line twice as long are dropped first.
   - Inside an article, short lines before the next paragraph are section headings
     (``Block(heading=True)``) when heading-shaped (under 100 characters, no final ``.``,
     ``!``, ``:``; a question may be a heading), else short paragraphs. They start a *new*
     article instead when a short line is directly followed by metadata (title then by-line),
     when a paywall block comes before them, when a wider blank gap than any inside the
     article comes before them (two blank lines or more), or when three or more short lines
     stand in a row that is not all lower case, not a list (bullets, or after a paragraph
     ending in ":") and not mostly sentences: that is a headline run, then the title of an
     embedded article. A lower-case start always
     reads as a heading. Metadata lines inside an article (a by-line after the lead) fill its
     author and date and are removed from the body.
5. **Items.** An article whose first block is a paragraph gets a title derived from its lead
   (first sentence, cut at a word boundary by 100 characters with "…", dangling small words
   dropped) and ``title_derived=True``; the lead stays the first paragraph. No item is empty
   or made of separators; duplicates are kept (storage removes them).

Known limits: one or two capitalised short lines between two paragraphs read as headings, so
two embedded articles separated by a single headline merge; a headline list in which every
headline is followed by a long teaser reads as one article with headings; a headline list
whose first headline sits right above a title and a by-line reads as title and standfirst; a
tagline made of a plain name, a spaced dash and a slogan, in mixed case and without an outlet
word, reads as a title; dates without a year are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from itertools import pairwise

from reader.ingest import boilerplate
from reader.ingest.boilerplate import Boiler
from reader.ingest.dates import DateHit, find_dates
from reader.ingest.titles import derive_title
from reader.model import Block, ParsedItem
from reader.text.clean import strip_controls

# Length thresholds, in characters.
PARAGRAPH_LEN = 180  # at least this long: a paragraph, whatever its punctuation
SENTENCES_PARAGRAPH_LEN = 100  # from here, a line of finished sentences is a paragraph
LONG_SENTENCE_LEN = 140  # one finished sentence this long is a paragraph too
HEADING_MAX_LEN = 100  # section headings are shorter than this
PROSE_SENTENCE_LEN = 80  # one finished sentence this long reads as prose, not as a headline
CUT_PROSE_LEN = 120  # a line this long stopping on a lower-case word is cut-off prose
KICKER_MAX_LEN = 30  # section labels above a title ("Politique", "Rugby - Top 14")
NAME_ROLE_MAX_LEN = 90  # "Jane Roe, senior political correspondent in Brussels"
META_MAX_LEN = 160  # metadata lines are shorter than this

_ALNUM = re.compile(r"[^\W_]")
_BULLET = re.compile(r"^(?:[•·‣▪▫●○◦■□►▶➤→✓✔☐☑*+]|[-–—](?=\s))\s*")
# List numbers and clock times in front of headlines ("1. Incendie …", "07h12 Grève …",
# "14:05 – Markets …"): a marker like a bullet when a capitalised word follows, never
# "2026 :", "20h :" or a duration ("3h de débat").
_NUMBERING = re.compile(
    r"^(?:\d{1,2}[.)]|(?:[01]?\d|2[0-3])(?:h(?:[0-5]\d)?|:[0-5]\d))\s+(?:[-–—|]\s+)?"
    r"(?=[«\"“'‘]?[A-ZÀ-ÖØ-Þ])"
)
_CLOSERS = r"\"»”’')\]"
_ENDS_SENTENCE = re.compile(rf"[.!…;:][{_CLOSERS}]*$")
_ENDS_PUNCTUATION = re.compile(rf"[.!?…;:,][{_CLOSERS}]*$")
_ENDS_FINAL = re.compile(rf"[.!?…][{_CLOSERS}]*$")
_ENDS_HEADING_PUNCTUATION = re.compile(rf"[.!…;:,][{_CLOSERS}]*$")
# A headline's rubric: "Tempête : …", "Rugby: …", "JO-2026/ski alpin: …".
_RUBRIC = re.compile(r"^[^\s:]+(?: [^\s:]+){0,2} ?: ")
# A sentence boundary inside a line: a lower-case letter or digit, final punctuation, a space
# and a capital. Requiring the lower-case letter skips "M. Dupont" and "U.S. officials".
INNER_SENTENCE = re.compile(r"[a-zà-ÿ0-9%)»”\"][.!?…]+[\"»”’)]*\s+[«\"“(]?[A-ZÀ-ÖØ-Þ]")


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and edit)."""
    return frozenset(text.split())


class Kind(Enum):
    """What one line of a dump is."""

    BLANK = "blank"
    SEPARATOR = "separator"
    DROP = "drop"
    META = "meta"
    TEXT = "text"


@dataclass(slots=True)
class Line:
    """One classified line. ``text`` has its bullet stripped; ``raw`` is as written."""

    kind: Kind
    raw: str = ""
    text: str = ""
    paragraph: bool = False
    bulleted: bool = False
    boiler: Boiler | None = None
    meta: Meta | None = None


@dataclass(frozen=True, slots=True)
class Meta:
    """What a metadata line says."""

    author: str | None = None
    published: datetime | None = None
    updated: datetime | None = None


def parse_text_dump(text: str) -> list[ParsedItem]:
    """Split a decoded plain-text dump into headline and article items."""
    return parse_joined_lines(join_wrapped_lines(clean_lines(text)))


def parse_joined_lines(raw_lines: Sequence[str]) -> list[ParsedItem]:
    """`parse_text_dump` from lines already cleaned and unwrapped (``join_wrapped_lines``)."""
    lines = [classify_line(raw) for raw in raw_lines]
    attach_bare_bylines(lines)
    drop_boilerplate_blocks(lines)
    drop_newsletter_boxes(lines)
    drop_footer_menus(lines)
    return _Assembler().assemble(lines)


# --- pass 1: clean lines, hard-wrapped prose ----------------------------------------------


def split_lines(text: str) -> list[str]:
    """The text's lines with Unicode normalised and controls stripped, spacing as written.

    Unicode is normalised again after controls are stripped: removing a control between a
    letter and a combining accent leaves a non-NFC pair, which ``clean`` would then change.
    No-break spaces become spaces; line and paragraph separators end lines.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(unicodedata.normalize("NFC", text))
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    return text.split("\n")


def fold_lines(lines: Iterable[str]) -> list[str]:
    """Each line exactly as ``reader.text.clean`` returns it, from ``split_lines``.

    Whitespace is folded with ``str.split()`` (the regex's whitespace set, several times
    faster on big dumps). A test checks ``clean(line) == line``, so items need no second
    cleaning.
    """
    return [" ".join(line.split()) for line in lines]


def clean_lines(text: str) -> list[str]:
    """The dump's lines, each exactly as ``reader.text.clean`` returns it (the steps of
    ``reader.text.clean_multiline``, see ``split_lines`` and ``fold_lines``)."""
    return fold_lines(split_lines(text))


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Join hard-wrapped paragraphs back into one line each; leave everything else alone."""
    out: list[str] = []
    start = 0
    count = len(lines)
    while start < count:
        if not lines[start]:
            out.append("")
            start += 1
            continue
        end = start
        while end < count and lines[end]:
            end += 1
        block = lines[start:end]
        out.extend(_unwrap_block(block) if len(block) >= 3 else block)
        start = end
    return out


def _unwrap_block(block: list[str]) -> list[str]:
    """Join a block's lines when the block looks hard-wrapped at a fixed width."""
    lengths = [len(line) for line in block]
    width = max(lengths)
    if not 40 <= width <= 120:
        return block
    wrap_from = max(width - 25, int(width * 0.6))
    wrapped = [k for k in range(len(block) - 1) if lengths[k] >= wrap_from]
    if len(wrapped) * 2 < len(block) - 1:
        return block
    # Wrapped prose continues mid-sentence, so the next line often starts in lower case;
    # headline lists and title + heading pairs start with capitals.
    continued = sum(1 for k in wrapped if starts_lower(block[k + 1]))
    if continued < 2 or continued * 5 < len(wrapped) * 2:
        return block
    joined: list[str] = []
    current = block[0]
    for k in range(1, len(block)):
        line = block[k]
        if lengths[k - 1] >= wrap_from and not _BULLET.match(line) and _ALNUM.search(line):
            glue = "" if current.endswith("-") and starts_lower(line) else " "
            current = current + glue + line
        else:
            joined.append(current)
            current = line
    joined.append(current)
    return joined


# --- pass 2: line classes ------------------------------------------------------------------


def classify_line(raw: str) -> Line:
    """Classify one cleaned line on its own (context comes in later passes)."""
    if not raw:
        return Line(Kind.BLANK)
    if not _ALNUM.search(raw):
        return Line(Kind.SEPARATOR, raw)
    if is_paragraph(raw):
        return _classify_paragraph(raw)
    bullet = _BULLET.match(raw)
    text = raw[bullet.end() :] if bullet else raw
    numbering = _NUMBERING.match(text)
    if numbering:
        bullet, text = numbering, text[numbering.end() :]
    if not _ALNUM.search(text):
        return Line(Kind.SEPARATOR, raw)
    kind = boilerplate.classify(raw)
    if kind is not None:
        return Line(Kind.DROP, raw, text, bulleted=bullet is not None, boiler=kind)
    meta = parse_meta_line(text)
    if meta is not None:
        return Line(Kind.META, raw, text, meta=meta)
    return Line(Kind.TEXT, raw, text, bulleted=bullet is not None)


def _classify_paragraph(raw: str) -> Line:
    """A paragraph is content, unless it is a cookie banner or a paywall blurb in sentences."""
    if boilerplate.is_cookie_paragraph(raw) or boilerplate.is_label_line(raw):
        return Line(Kind.DROP, raw, raw, paragraph=True, boiler=Boiler.LINE)
    kind = boilerplate.classify(raw)
    if kind is Boiler.PAYWALL or kind is Boiler.OFFER:
        return Line(Kind.DROP, raw, raw, paragraph=True, boiler=kind)
    return Line(Kind.TEXT, raw, raw, paragraph=True)


def is_paragraph(line: str) -> bool:
    """Long enough, or made of enough finished sentences, to be body text and not a headline."""
    size = len(line)
    if size >= PARAGRAPH_LEN:
        return True
    if size < SENTENCES_PARAGRAPH_LEN or not _ENDS_FINAL.search(line):
        return False
    return size >= LONG_SENTENCE_LEN or INNER_SENTENCE.search(line) is not None


def starts_lower(text: str) -> bool:
    """Whether the first letter of ``text`` is lower case (section headings often are)."""
    for char in text:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False


def ends_sentence(text: str) -> bool:
    """Whether a line closes like a sentence (a question mark does not count)."""
    return _ENDS_SENTENCE.search(text) is not None


def is_heading_shaped(text: str) -> bool:
    """Short and without final punctuation but a question mark: how section headings look."""
    return len(text) < HEADING_MAX_LEN and _ENDS_HEADING_PUNCTUATION.search(text) is None


def is_prose(text: str) -> bool:
    """A short line that still reads as body text, not as a headline.

    Either one finished sentence of 80 characters or more that does not open with a rubric
    ("Tempête : …"), or a line of 120 characters or more that stops on a lower-case word: a
    paragraph cut off by a paywall.
    """
    if starts_lower(text):
        return False
    size = len(text)
    if size >= PROSE_SENTENCE_LEN and _ENDS_FINAL.search(text) and not _RUBRIC.match(text):
        return True
    return size >= CUT_PROSE_LEN and text[-1].isalpha() and text[-1].islower()


# --- metadata lines ------------------------------------------------------------------------

# By-lines: "Par X", "By X", "Von X", "Por X" (also after "écrit", "written", which are filler).
_BY_CUES = ("par ", "by ", "von ", "por ")
_CUE_BOUNDARY = " |,;(–—-\x00"
_AUTHOR_LABEL = re.compile(
    r"(?:^|(?<=[\s|,;(–—\-\x00]))(?:auteure?|autrice|author|autora?|verfasser(?:in)?|"
    r"rédacteur|rédactrice|texte|text)\s*:\s*",
    re.IGNORECASE,
)
_NAME_END = re.compile(r"\s*(?:[,|;\x00(]|\s[-–—·•]\s)")
_NAME_PARTICLES = _words(
    "de du des d' la le van von der den da di del y et and und & ben bin al el"
)
_CONNECTORS = frozenset({"et", "and", "und", "y", "&"})
# By-lines without a cue word: a name, then a role ("Jane Roe Environment correspondent",
# "Jean Dupont, envoyé spécial à Kiev"), a place or a desk after the role at most.
_ROLE_WORDS = (
    r"(?:correspondent|correspondante?|reporter|reporterin|editor|éditrice|éditeur|journaliste|"
    r"journalist|journalistin|rédacteur|rédactrice|chroniqueur|chroniqueuse|columnist|writer|"
    r"envoyée? spéciale?|korrespondent(?:in)?|redakteur(?:in)?|corresponsal|redactora?|"
    r"periodista|enviad[oa] especial)"
)
# Cheap pre-check for the role words (most lines name no role).
_ROLE_STEMS = re.compile(
    "correspon|reporter|editor|éditeur|éditrice|journalist|rédact|chroniq|columnist|writer|"
    "envoy|korrespond|redakt|redactor|periodista|enviad"
)
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+"
_NAME_ROLE = re.compile(
    rf"(?P<name>{_CAPITALISED}(?: (?:(?:de|du|da|van|von|der|le|la|del|el) )?{_CAPITALISED})"
    rf"{{1,2}}?)(?:,| [-–—|])? (?P<role>(?:[\w'’]+(?:-[\w'’]+)* ){{0,3}}?(?i:{_ROLE_WORDS})"
    r"(?: (?:à|a|in|en|at|for|für|de|du|des|au|aux|bei|en|pour) [\w'’ -]{1,40})?)"
)
# "Par Jean Dupont avec AFP": the agency is a credit, not part of the name.
_AGENCY_TAIL = re.compile(
    r"\s*\(?\s*(?:avec|with|mit|con|et|and|\+)\s+(?:l'|l’|la\s)?(?:afp|reuters|ap|dpa|efe|ansa|"
    r"belga|agences|agencies|agenturen|agencias)\b\s*\)?",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’-]+(?: [A-ZÀ-ÖØ-Þ][\w'’-]+)?(?:,| [-–—])\s")
_UPDATE_CUE = re.compile(
    r"(?:mis|mise) à jour|\bmaj\b|updated?|modifiée?|modified|actualisée?|actualizado|"
    r"aktualisiert|edited|last",
    re.IGNORECASE,
)
# Words a metadata line may hold besides its date and author.
_FILLER = re.compile(
    # A bare time ("modifié à 12h30", "10:05 AM GMT+1") or a relative one ("2 hours ago").
    r"\b\d{1,2} ?h ?\d{0,2}(?!\w)|\b\d{1,2}[:.]\d\d(?![\d.])|\b[ap]\.?m\b\.?|"
    r"(?:\b(?:utc|gmt)|(?<=\x00)) ?[+-] ?\d{1,2}(?::?\d\d)?(?!\d)|"
    r"\b(?:il y a|hace|vor) \d+ ?(?:min|minutes?|h|heures?|jours?|minutos?|horas?|stunden?)\b|"
    r"\b\d+ ?(?:min|mins|minutes?|h|hrs?|hours?|days?) ago\b|"
    r"\b(?:publiée?|publie|publication|published|posted|mis|mise|à|a|jour|maj|updated?|last|"
    r"dernière|modifiée?|modified|edited|actualisée?|actualizado|aktualisiert|veröffentlicht|"
    r"publicado|written|écrit|rédigé|geschrieben|signé|propos|recueillis|interview|entretien|"
    r"réalisée?|le|la|les|on|at|am|um|el|de|du|the|date|heure|h|uhr|utc|gmt|cet|cest|est|edt|"
    r"pst|pdt|bst|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|"
    r"jueves|viernes|sábado|domingo|et|and|y|und)\b|[\W_]",
    re.IGNORECASE,
)


def parse_meta_line(text: str) -> Meta | None:
    """Read a line made only of a date and/or an author; None for any other line.

    The date and the author are cut out of the line; what is left must be filler ("publié le",
    "Updated", weekday names, punctuation). So "Par Anne Kerbrat" and "publié le 11/11/2024 Par
    Anne Kerbrat" are metadata, "Par ailleurs, le ministre…" and "4 décembre 2024 : un tournant"
    are not.
    """
    if len(text) > META_MAX_LEN:
        return None
    hits = find_dates(text)
    if not hits and not _has_author_cue(text.lower()):
        return _name_and_role(text)
    masked = _mask_dates(text, hits)
    if hits:
        masked = _DATELINE.sub("", masked)
    masked = _AGENCY_TAIL.sub("", masked)
    author, masked = _take_author(masked)
    if author is None and not hits:
        return None
    if _ALNUM.search(_FILLER.sub("", masked)):
        return None
    published = updated = None
    previous_end = 0
    for hit in hits:
        if _UPDATE_CUE.search(text, previous_end, hit.start):
            updated = updated or hit.value
        else:
            published = published or hit.value
        previous_end = hit.end
    return Meta(author, published, updated)


def _name_and_role(text: str) -> Meta | None:
    """A by-line without "By": a name then a role ("Jane Roe, Rome correspondent")."""
    if len(text) > NAME_ROLE_MAX_LEN or not _ROLE_STEMS.search(text.lower()):
        return None
    match = _NAME_ROLE.fullmatch(text)
    if match is None or not _is_person_name(match["name"]):
        return None
    return Meta(author=match["name"])


def _mask_dates(text: str, hits: Sequence[DateHit]) -> str:
    """Replace each date with one NUL, which also ends an author name running into it."""
    parts: list[str] = []
    position = 0
    for hit in hits:
        parts.append(text[position : hit.start])
        parts.append("\x00")
        position = hit.end
    parts.append(text[position:])
    return "".join(parts)


def _has_author_cue(lower: str) -> bool:
    """Cheap pre-check (substring tests) before any author pattern is tried."""
    if "par " in lower or "by " in lower or "von " in lower or "por " in lower:
        return True
    return _has_label_cue(lower)


def _has_label_cue(lower: str) -> bool:
    return ":" in lower and (
        "aut" in lower or "verfasser" in lower or "rédact" in lower or "text" in lower
    )


def _take_author(masked: str) -> tuple[str | None, str]:
    """Cut the author out of a (date-masked) line: labelled ("Auteur : X") or by-line ("Par X")."""
    lower = masked.lower()
    if _has_label_cue(lower):
        label = _AUTHOR_LABEL.search(masked)
        if label:
            value = masked[label.end() :]
            name = re.split(r"\s*(?:[|;\x00]|\s[-–—·•]\s)", value, maxsplit=1)[0].strip(" ,")
            if name and len(name) <= 80 and len(name.split()) <= 10:
                rest = masked[: label.start()] + value[value.find(name) + len(name) :]
                return name, rest
    for cue in _BY_CUES:
        start = lower.find(cue)
        while start >= 0:
            if start == 0 or lower[start - 1] in _CUE_BOUNDARY:
                value = masked[start + len(cue) :]
                end = _NAME_END.search(value)
                cut = end.start() if end else len(value)
                name = value[:cut].strip()
                if _is_person_name(name):
                    rest = _drop_role(value[cut:].lstrip(" "))
                    return name, masked[:start] + " " + rest
            start = lower.find(cue, start + 1)
    return None, masked


# By-lines that name a team rather than a person.
_COLLECTIVE_AUTHORS = frozenset(
    {
        "la rédaction",
        "notre rédaction",
        "staff",
        "our staff",
        "staff reporters",
        "the editors",
        "die redaktion",
        "la redacción",
        "redacción",
    }
)


def _is_person_name(name: str) -> bool:
    """One to six words, capitalised except for particles ("de", "van") and "et"/"and"."""
    if name.lower() in _COLLECTIVE_AUTHORS:
        return True
    words = name.split()
    if not 1 <= len(words) <= 6 or words[-1].lower() in _NAME_PARTICLES:
        return False
    if not words[0][0].isupper():
        return False
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if not word[0].isupper():
            return False
    return all(w.lower() not in _CONNECTORS for w in (words[0], words[-1]))


def _drop_role(rest: str) -> str:
    """Drop a role after the name (", envoyé spécial à Kiev"), up to the next date or bar.

    A role in brackets goes too: "(Kiev, envoyé spécial)", "(correspondant à Rome)".
    """
    if rest.startswith("("):
        close = rest.find(")")
        if 0 < close <= 60 and "\x00" not in rest[:close]:
            return rest[close + 1 :]
        return rest
    if not rest.startswith(","):
        return rest
    end = min((i for i in (rest.find("\x00"), rest.find("|")) if i >= 0), default=len(rest))
    role = rest[1:end]
    if len(role) <= 60 and not role.rstrip().endswith("."):
        return rest[end:]
    return rest


def attach_bare_bylines(lines: list[Line]) -> None:
    """A name alone next to a date line is the author ("Lucía Fernández" / "Madrid - 1 oct 2024").

    Only a name-shaped short line (two to four capitalised words) whose nearest neighbour
    above or below, blank and boilerplate lines skipped, is a date line without an author.
    """
    following: list[Line | None] = [None] * len(lines)
    after: Line | None = None
    for index in range(len(lines) - 1, -1, -1):
        following[index] = after
        if lines[index].kind not in (Kind.BLANK, Kind.DROP):
            after = lines[index]
    before: Line | None = None
    for index, line in enumerate(lines):
        if (
            line.kind is Kind.TEXT
            and not line.paragraph
            and _is_signature(line)
            and (_is_bare_date(before) or _is_bare_date(following[index]))
        ):
            line.kind, line.meta = Kind.META, Meta(author=line.text)
        if line.kind not in (Kind.BLANK, Kind.DROP):
            before = line


def _is_bare_date(line: Line | None) -> bool:
    meta = line.meta if line is not None else None
    return meta is not None and meta.author is None and (meta.published or meta.updated) is not None


# --- pass 3: boilerplate blocks ------------------------------------------------------------


MAX_PERKS = 10
"""An offer lists a few perks; past this many short lines, what follows is content (a
headline list pasted after a subscription box must not vanish with it)."""

_BLOCK_OPENERS = frozenset({Boiler.PAYWALL, Boiler.OFFER, Boiler.RELATED, Boiler.RELATED_INLINE})


def drop_boilerplate_blocks(lines: list[Line]) -> None:
    """Drop the lines that belong to a paywall, offer or related-links block (in place)."""
    if not any(line.boiler in _BLOCK_OPENERS for line in lines):
        return
    before_paragraph = _followed_by_paragraph(lines)
    paywall = perks = related = related_inline = False
    related_taken = perks_taken = 0
    # Paywall lines come in one tight block: right after a marker (no blank line since), a
    # sentence or a line about subscribing is more of it; a headline-shaped line is not.
    fresh = False
    for index, line in enumerate(lines):
        kind = line.kind
        if kind is not Kind.DROP and kind is not Kind.TEXT:
            fresh = False
        if kind is Kind.BLANK:
            perks = False
            related = related and related_taken == 0
            continue
        if kind is Kind.SEPARATOR:
            paywall = perks = related = related_inline = False
            continue
        if kind is Kind.DROP:
            boiler = line.boiler
            if boiler is Boiler.PAYWALL or boiler is Boiler.OFFER:
                fresh = True
            if boiler is Boiler.PAYWALL:
                paywall, perks = True, perks or line.raw.rstrip().endswith(":")
            elif boiler is Boiler.OFFER:
                paywall = perks = True
                perks_taken = 0
            elif boiler is Boiler.RELATED:
                related, related_taken = True, 0
            elif boiler is Boiler.RELATED_INLINE:
                related_inline = True
            continue
        if kind is Kind.META:
            related = related_inline = False
            continue
        if line.paragraph:
            if paywall and boilerplate.mentions_subscription(line.text):
                _drop(line)
                continue
            paywall = perks = related = related_inline = fresh = False
            continue
        # A short text line: part of the open block, or real content that closes it.
        title_like = before_paragraph[index]
        if perks and not title_like and perks_taken < MAX_PERKS:
            perks_taken += 1
            _drop(line)
        elif paywall and not title_like and (line.bulleted or boilerplate.has_price(line.text)):
            perks = perks or boilerplate.has_price(line.text)
            _drop(line)
        elif related and (related_taken == 0 or not title_like) and related_taken < 6:
            related_taken += 1
            _drop(line)
        elif (related_inline and line.bulleted and not title_like) or (
            paywall and fresh and not title_like and _reads_as_paywall_text(line.text)
        ):
            _drop(line)
        else:
            paywall = perks = related = related_inline = fresh = False


def _reads_as_paywall_text(text: str) -> bool:
    """Right under a paywall marker: a sentence, or a line about subscribing."""
    return not is_heading_shaped(text) or boilerplate.mentions_subscription(text)


def _followed_by_paragraph(lines: Sequence[Line]) -> list[bool]:
    """For each line, whether a paragraph comes right after it (boilerplate lines skipped).

    Inside a boilerplate block, such a line is the title or heading of what follows, not one
    more perk or link title. A blank line in between breaks the tie: link titles and perks are
    commonly followed by a blank line.
    """
    result = [False] * len(lines)
    next_is_paragraph = False
    for index in range(len(lines) - 1, -1, -1):
        result[index] = next_is_paragraph
        line = lines[index]
        if line.kind is not Kind.DROP:
            next_is_paragraph = line.kind is Kind.TEXT and line.paragraph
    return result


def _drop(line: Line) -> None:
    line.kind = Kind.DROP
    line.boiler = line.boiler or Boiler.LINE


def drop_newsletter_boxes(lines: list[Line]) -> None:
    """Drop what stands between two newsletter prompts of one block (no blank line between).

    A sign-up box inside an article ("Sign up to …", a blurb, a privacy notice, "after
    newsletter promotion") comes as one block opened and closed by prompts.
    """
    since_prompt: list[Line] | None = None
    for line in lines:
        if line.kind is Kind.BLANK or line.kind is Kind.SEPARATOR:
            since_prompt = None
        elif line.kind is Kind.DROP and boilerplate.is_newsletter_prompt(line.raw):
            for inner in since_prompt or ():
                _drop(inner)
            since_prompt = []
        elif since_prompt is not None and line.kind is Kind.TEXT:
            since_prompt.append(line)


def drop_footer_menus(lines: list[Line]) -> None:
    """Drop runs of tiny lines that hold two navigation links or more: a menu or a footer."""
    links = [index for index, line in enumerate(lines) if line.boiler is Boiler.NAV]
    examined_to = -1
    for position, link in enumerate(links):
        if link < examined_to:
            continue
        start, end = link, link + 1
        while start > 0 and _menu_candidate(lines[start - 1]):
            start -= 1
        while end < len(lines) and _menu_candidate(lines[end]):
            end += 1
        examined_to = end
        if position + 1 < len(links) and links[position + 1] < end:
            for line in lines[start:end]:
                if line.kind is Kind.TEXT:
                    _drop(line)


def _menu_candidate(line: Line) -> bool:
    if line.kind is Kind.TEXT:
        return (
            not line.paragraph
            and len(line.text) <= 40
            and len(line.text.split()) <= 4
            and not _ENDS_FINAL.search(line.text)
        )
    return line.kind is not Kind.META


# --- pass 4 and 5: runs, articles and items -----------------------------------------------


@dataclass(slots=True)
class _Draft:
    """An article being assembled."""

    title: str
    derived: bool = False
    blocks: list[Block] = field(default_factory=list)
    author: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    # Widest run of blank lines seen between the article's blocks.
    widest_gap: int = 0

    def add_meta(self, meta: Meta | None) -> None:
        if meta is None:
            return
        self.author = self.author or meta.author
        self.published = self.published or meta.published
        self.updated = self.updated or meta.updated

    def to_item(self) -> ParsedItem | None:
        blocks = tuple(block for block in self.blocks if block.text)
        title = self.title
        derived = self.derived
        if not title and blocks:
            title, derived = derive_title(blocks[0].text), True
        if not title:
            return None
        if not blocks:
            return ParsedItem(kind="headline", title=title)
        return ParsedItem(
            kind="article",
            title=title,
            title_derived=derived,
            blocks=blocks,
            author=self.author,
            published=self.published or self.updated,
        )


class _Assembler:
    """Reads classified lines as runs between paragraphs and builds the items."""

    def __init__(self) -> None:
        self.items: list[ParsedItem] = []
        self.article: _Draft | None = None
        # False until the first item starts: only then can a line be the site's tagline.
        self.started = False
        # Whether a separator line came before: the file no longer starts with an article.
        self.separated = False
        self.taglines: set[str] = set()
        # A header dropped above what turned out to be nothing: given back as a headline.
        self.header: str | None = None

    def assemble(self, lines: Iterable[Line]) -> list[ParsedItem]:
        run: list[Line] = []
        for line in lines:
            if line.kind is Kind.TEXT and line.paragraph:
                self._run(run, before_paragraph=True)
                run = []
                self._paragraph(line)
            else:
                # Dropped lines stay in the run: they still part blank lines, so removing a
                # "Partager" between two blank lines does not fake a wide gap.
                run.append(line)
        self._run(run, before_paragraph=False)
        self._close()
        if not self.items and self.header is not None:
            self.items.append(ParsedItem(kind="headline", title=self.header))
        return self.items

    # A run is everything between two paragraphs; separators cut it into segments.
    def _run(self, run: list[Line], before_paragraph: bool) -> None:
        segments: list[list[Line]] = [[]]
        for line in run:
            if line.kind is Kind.SEPARATOR:
                segments.append([])
            else:
                segments[-1].append(line)
        for index, segment in enumerate(segments):
            if index:
                self._close()
                self.separated = True
            if before_paragraph and index == len(segments) - 1:
                self._lead(segment)
            else:
                self._tail(segment)

    def _tail(self, segment: list[Line]) -> None:
        """Lines with no paragraph after them: an article's closing line, else headlines."""
        shorts = _shorts(segment)
        article = self.article
        if article is not None:
            for line in segment:
                article.add_meta(line.meta)
            if shorts and self._closes_article(segment, shorts, article):
                article.blocks.extend(_body_block(line) for line in shorts)
                return
            if shorts and _prose_tail(segment, shorts, article):
                article.blocks.extend(
                    Block(line.text, heading=True) if not is_prose(line.text) else Block(line.raw)
                    for line in shorts
                )
                return
            # The article's last paragraphs may be short sentences, with headlines after
            # them (an article embedded in a headline feed): those lines stay its own.
            prose = _leading_prose(shorts)
            if prose and _prose_tail(segment, prose, article):
                article.blocks.extend(Block(line.raw) for line in prose)
                shorts = shorts[len(prose) :]
                last = next(index for index, line in enumerate(segment) if line is prose[-1])
                segment = segment[last + 1 :]
            if (
                len(shorts) == 1
                and article.author in (None, shorts[0].text)
                and _is_signature(shorts[0])
                and _widest_gap(segment) <= 1
            ):
                # A signature under the last paragraph: the author, not a headline.
                article.author = shorts[0].text
                return
            self._close()
        if not self.started and shorts and boilerplate.is_strong_tagline(shorts[0].text):
            self.taglines.add(shorts[0].text)
            self.header = shorts[0].text
            shorts = shorts[1:]
        self._headlines(shorts, _teasers(segment, shorts))

    @staticmethod
    def _closes_article(segment: list[Line], shorts: list[Line], article: _Draft) -> bool:
        """Whether the short lines after an article's last paragraph still belong to it.

        Only sentences or list items, close to the text: one or two closing sentences ("Affaire
        à suivre."), or a list introduced by a line ending in ":". Anything else, headlines with
        full stops included, is a headline run.
        """
        if _widest_gap(segment) > max(1, article.widest_gap):
            return False
        if not all(line.bulleted or ends_sentence(line.text) for line in shorts):
            return False
        introduced = shorts[0].text.endswith(":") or (
            bool(article.blocks) and article.blocks[-1].text.endswith(":")
        )
        return len(shorts) <= 2 or introduced

    def _lead(self, segment: list[Line]) -> None:
        """Lines followed by a paragraph: metadata, headings, or a new article's title."""
        shorts = _shorts(segment)
        article = self.article
        if article is None:
            if shorts:
                self._start_article(segment)
            else:
                self._open(_Draft(title="", derived=True), segment)
            return
        if not shorts:
            for line in segment:
                article.add_meta(line.meta)
            article.widest_gap = max(article.widest_gap, _widest_gap(segment))
            return
        if self._starts_new_article(segment, shorts, article):
            self._start_article(segment)
            return
        article.widest_gap = max(article.widest_gap, _widest_gap(segment))
        for line in segment:
            if line.kind is Kind.META:
                article.add_meta(line.meta)
            elif line.kind is Kind.TEXT:
                article.blocks.append(_body_block(line))

    def _starts_new_article(self, segment: list[Line], shorts: list[Line], article: _Draft) -> bool:
        if _title_before_meta(segment) is not None or _paywall_before_text(segment):
            return True
        if all(starts_lower(line.text) for line in shorts):
            return False
        gap = _gap_before_text(segment)
        if gap >= 2 and gap > article.widest_gap:
            return True
        return not self._fits_article(shorts, article)

    @staticmethod
    def _fits_article(shorts: list[Line], article: _Draft) -> bool:
        """Whether short lines between two paragraphs read as part of the same article."""
        if len(shorts) <= 2:
            return True
        if all(line.bulleted for line in shorts):
            return True
        if article.blocks and article.blocks[-1].text.endswith(":"):
            return True
        sentences = sum(1 for line in shorts if ends_sentence(line.text))
        return sentences * 2 > len(shorts)

    def _start_article(self, segment: list[Line]) -> None:
        """Headlines, then the title of a new article, then its first headings."""
        self._close()
        shorts = _shorts(segment)
        title_at = _title_index(segment, shorts)
        before = shorts[:title_at]
        title = shorts[title_at]
        draft = _Draft(title=title.text)
        if not self.started and before:
            before, draft = self._top_of_file(before, title, draft)
        self._headlines(before)
        for line in shorts[title_at + 1 :]:
            draft.blocks.append(_body_block(line))
        self._open(draft, segment)

    def _top_of_file(
        self, before: list[Line], title: Line, draft: _Draft
    ) -> tuple[list[Line], _Draft]:
        """Tagline, section label, title and standfirst above the file's first article.

        Short lines above the title-shaped line: the first may be the site's tagline (an
        outlet marker; right at the top, also a bar, a middle dot or capitals), the next a
        section label; when one line is left, it is the title and the title-shaped line its
        standfirst. Only before any separator line and with at most two lines above the
        title: with more, they are headlines.
        """
        first = before[0].text
        labels = 0
        while labels + 1 < len(before) and _is_label(before[labels + 1]):
            labels += 1
        top = not self.separated and len(before) - labels <= 2
        if (
            boilerplate.is_tagline(first)
            or boilerplate.is_strong_tagline(first)
            or (top and boilerplate.is_top_tagline(first))
        ):
            self.taglines.add(first)
            before = before[1:]
        # Section labels above the title ("Politique", "Sciences / Climat"), several at most
        # when they stand in a row, the last one under half the length of the line below.
        while (
            top
            and len(before) > 1
            and _is_label(before[0])
            and (_is_label(before[1]) or _is_kicker(before[0], before[1]))
        ):
            before = before[1:]
        if top and len(before) == 1 and _is_kicker(before[0], title):
            before = []
        top = not self.separated and len(before) <= 2
        if top and len(before) == 1 and _is_title_above_standfirst(before[0]):
            # Title, then a standfirst (a subtitle, a score line): the standfirst opens the
            # body.
            return [], _Draft(title=before[0].text, blocks=[Block(title.raw)])
        return before, draft

    def _open(self, draft: _Draft, segment: list[Line]) -> None:
        for line in segment:
            draft.add_meta(line.meta)
        self.article = draft
        self.started = True

    def _paragraph(self, line: Line) -> None:
        if self.article is None:
            self._open(_Draft(title="", derived=True), [])
        assert self.article is not None
        self.article.blocks.append(Block(line.raw))

    def _headlines(self, shorts: Iterable[Line], teasers: dict[int, Line] | None = None) -> None:
        """Headline items; a headline with a teaser (`teasers`, by the headline's id) keeps
        it as its one block, as a feed entry keeps its summary."""
        teasers = teasers or {}
        skip = {id(teaser) for teaser in teasers.values()}
        for line in shorts:
            title = line.text
            if id(line) in skip or not title or title in self.taglines:
                continue
            teaser = teasers.get(id(line))
            blocks = (Block(teaser.text),) if teaser is not None else ()
            self.items.append(ParsedItem(kind="headline", title=title, blocks=blocks))
            self.started = True

    def _close(self) -> None:
        if self.article is not None:
            item = self.article.to_item()
            if item is not None:
                self.items.append(item)
            self.article = None


def _teasers(segment: list[Line], shorts: list[Line]) -> dict[int, Line]:
    """Teasers under headlines, by the headline's id: in a list whose entries are blocks of a
    headline over one sentence ("Bank of England holds rates at 4%" / "The decision was
    widely expected by markets."), maybe with a time line, between blank lines. Only when
    two blocks or more are such pairs and no block of several lines is anything else: one
    headline ending in a full stop under another is not a teaser."""
    wanted = {id(line) for line in shorts}
    blocks: list[list[Line]] = [[]]
    for line in segment:
        if line.kind is Kind.BLANK or line.kind is Kind.SEPARATOR:
            blocks.append([])
        elif line.kind is Kind.TEXT and id(line) in wanted:
            blocks[-1].append(line)
    pairs: dict[int, Line] = {}
    for block in blocks:
        if len(block) < 2:
            continue
        if len(block) > 2 or not _is_teaser_pair(block[0], block[1]):
            return {}
        pairs[id(block[0])] = block[1]
    return pairs if len(pairs) >= 2 else {}


def _is_teaser_pair(headline: Line, teaser: Line) -> bool:
    """A headline-shaped line over one finished sentence of six words or more."""
    return (
        not headline.bulleted
        and not teaser.bulleted
        and is_heading_shaped(headline.text)
        and _ENDS_FINAL.search(teaser.text) is not None
        and len(teaser.text.split()) >= 6
        and not starts_lower(teaser.text)
        and _RUBRIC.match(teaser.text) is None
        and INNER_SENTENCE.search(teaser.text) is None
    )


def _shorts(segment: Iterable[Line]) -> list[Line]:
    return [line for line in segment if line.kind is Kind.TEXT]


def _body_block(line: Line) -> Block:
    """A short line inside an article: a heading if it looks like one, else a paragraph."""
    if not line.bulleted and is_heading_shaped(line.text):
        return Block(line.text, heading=True)
    return Block(line.raw)


def _is_label(line: Line) -> bool:
    """One to three words, no final punctuation: a section label's shape."""
    text = line.text
    return (
        len(text.split()) <= 3
        and len(text) <= KICKER_MAX_LEN
        and not line.bulleted
        and _ENDS_PUNCTUATION.search(text) is None
    )


def _is_kicker(line: Line, below: Line) -> bool:
    """A section label right above a line at least twice as long (a title)."""
    return _is_label(line) and len(below.text) >= 2 * len(line.text)


def _is_title_above_standfirst(line: Line) -> bool:
    """Whether the line above the title-shaped line is the real title, not a headline."""
    text = line.text
    return not line.bulleted and not starts_lower(text) and not ends_sentence(text)


def _is_signature(line: Line) -> bool:
    """A name alone under an article's last paragraph: "Jean Dupont", "Maria de la Cruz"."""
    words = line.text.split()
    return 2 <= len(words) <= 4 and len(line.text) <= 40 and _is_person_name(line.text)


def _prose_tail(segment: list[Line], shorts: list[Line], article: _Draft) -> bool:
    """Whether the short lines that end a run are the article's last paragraphs.

    Every one must read as prose (see :func:`is_prose`), or be a section heading above such
    a line ("What the government wants" over two one-sentence paragraphs), and
    sit as close to the text as the article's own blocks; after them come only boilerplate
    or the end of the file. One other headline-shaped line among them and they are all
    headlines.
    """
    if shorts[-1].bulleted or not is_prose(shorts[-1].text):
        return False
    for line, below in pairwise(shorts):
        if line.bulleted:
            return False
        if not is_prose(line.text) and not (is_heading_shaped(line.text) and is_prose(below.text)):
            return False
    last = shorts[-1]
    widest = current = 0
    for line in segment:
        current = current + 1 if line.kind is Kind.BLANK else 0
        widest = max(widest, current)
        if line is last:
            break
    return widest <= max(1, article.widest_gap)


def _leading_prose(shorts: list[Line]) -> list[Line]:
    """The first short lines that are finished sentences of 100 characters or more: a
    headline that long ending in a full stop is rare, an article's last sentence is not
    (a 96-character sentence among headlines stays a headline)."""
    count = 0
    while count < len(shorts) and _is_long_sentence(shorts[count]):
        count += 1
    return shorts[:count]


def _is_long_sentence(line: Line) -> bool:
    text = line.text
    return (
        not line.bulleted
        and len(text) >= SENTENCES_PARAGRAPH_LEN
        and is_prose(text)
        and _ENDS_FINAL.search(text) is not None
    )


def _title_before_meta(segment: list[Line]) -> int | None:
    """Position among the short lines of the last one directly followed by metadata."""
    found = None
    short_number = -1
    for index, line in enumerate(segment):
        if line.kind is not Kind.TEXT:
            continue
        short_number += 1
        after = index + 1
        while after < len(segment) and segment[after].kind in (Kind.BLANK, Kind.DROP):
            after += 1
        if after < len(segment) and segment[after].kind is Kind.META:
            found = short_number
    return found


def _title_index(segment: list[Line], shorts: list[Line]) -> int:
    """Which short line of a run is the title of the article that follows it."""
    by_meta = _title_before_meta(segment)
    if by_meta is not None:
        return by_meta
    for index in range(len(shorts) - 1, -1, -1):
        text = shorts[index].text
        if not starts_lower(text) and not ends_sentence(text):
            return index
    for index in range(len(shorts) - 1, -1, -1):
        if not starts_lower(shorts[index].text):
            return index
    return 0


def _paywall_before_text(segment: Iterable[Line]) -> bool:
    """Whether a paywall or offer block ends the article before the run's first short line."""
    for line in segment:
        if line.kind is Kind.TEXT:
            return False
        if line.boiler is Boiler.PAYWALL or line.boiler is Boiler.OFFER:
            return True
    return False


def _widest_gap(segment: Iterable[Line]) -> int:
    widest = current = 0
    for line in segment:
        current = current + 1 if line.kind is Kind.BLANK else 0
        widest = max(widest, current)
    return widest


def _gap_before_text(segment: Iterable[Line]) -> int:
    """Widest run of blank lines before the first short line of a run."""
    widest = current = 0
    for line in segment:
        if line.kind is Kind.TEXT:
            break
        current = current + 1 if line.kind is Kind.BLANK else 0
        widest = max(widest, current)
    return widest


# --- derived titles ------------------------------------------------------------------------
