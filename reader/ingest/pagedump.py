"""Web pages dumped to text by a text browser (`lynx -dump`, `w3m -dump`, fixed-width copies).

Such a dump keeps the page's structure in its layout, and that is read first, words last:

- **Width.** Text is wrapped at one width, so a line break inside a paragraph is a wrap
  exactly when the next word would not have fitted on the line; any other break ends an
  element (a by-line under a standfirst, two menu entries). Widths are counted both in
  characters and in UTF-8 bytes, since some lynx builds wrap by bytes.
- **Indentation.** lynx puts headings flush left, paragraphs three columns in, list items
  deeper behind `*`, `+`, `o` or a number; w3m marks items with `•`. An element is a run of
  lines of one indentation, joined where they wrap.
- **Marks.** `(BUTTON)`, `[IMG]`, `IFRAME:`, form fields (`____`), `#alternate` link lines and
  the "References" list of link URLs are the browser's, never the article's.

Elements are then scored: prose (a run of words that ends a sentence) counts its length,
anything else costs a little, marks and boilerplate cost more. The article body is the
stretch of elements with the best total (the maximum-sum segment), trimmed to its first and
last prose element, so menus, related links and footers around it fall away, and short
furniture inside it (a caption, "A LIRE", a sharing bar) is left out. Its title is the
nearest flush-left heading above that stretch (a page's h1 is flush left and a kicker like
"Monde" is too short); its author and date come from the by-line and date lines between the
title and the body. A page whose best stretch holds too little prose is a front or section
page: it gives its headline-shaped elements as headlines, each with the prose element right
under it as its standfirst.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from reader.ingest import boilerplate
from reader.ingest.dates import find_dates
from reader.ingest.page_fields import BY_CUE, MONTH_WORD, byline_name
from reader.ingest.textdump import fold_lines, parse_meta_line
from reader.ingest.titles import derive_title
from reader.model import Block, ParsedItem

MIN_LINES = 12
"""Fewer non-blank lines than this is not a page."""
SNIFF_LINES = 5000
"""Lines looked at to tell a page dump from other text."""
MAX_WIDTH = 110
"""Dumps wrap at 80 columns or so; no wider than this."""
ARTICLE_MIN_PROSE = 280
"""Characters of prose a stretch needs to be an article rather than a list of links."""
TITLE_LOOKBACK = 30
"""How many elements above the body the title may be."""
HEADER_LOOKBACK = 80
"""How many elements above the best stretch its article's header (headline and by-line)
may be: a sharing bar and a box of links between them are a few dozen."""
LOOSE_TITLE_LOOKBACK = 12
"""A headline that is not flush left is looked for only this close above the body."""
LOOSE_TITLE_MAX = 150
"""A headline that is not flush left is still no longer than this."""
HEADER_META_SPAN = 4
"""The by-line or date follows its headline within this many elements."""
KICKER_LOOKBACK = 3
"""A breadcrumb repeating the headline sits this close above it."""
HEADLINE_MIN_WORDS = 4
"""On a front page, shorter link labels are menu entries, not headlines."""
CAPTION_MAX_LEN = 300
"""Captions above a photo credit are shorter than this; a longer text is a paragraph."""
GAP_STEP = 20.0
"""Each further non-prose element in a row costs this much more: a caption or two inside an
article is cheap, a menu or a block of related links splits it."""
GAP_MAX = 200.0
"""What one more non-prose element can cost at most."""

_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_ITEM_MARK = re.compile(r"^(?:[*+o#•·◦▪‣-]|\d{1,3}[.)])\s+")
_BROWSER_MARK = re.compile(
    r"\((?:BUTTON|IMAGE|INS|DEL)\)|\[(?:IMG|INS|EMBED|USEMAP|iframe|svg[^\]]*|[^\]\s]*\."
    r"(?:png|jpe?g|gif|svg|webp)[^\]]*)\]|^IFRAME:|^REFRESH\(|^#\w|_{4,}|\[\d+\]",
    re.IGNORECASE,
)
# A line of bracketed labels only: w3m's buttons and images ("[Partager] [Facebook]", "[logo]").
_BUTTONS = re.compile(r"^\s*(?:\[[^\]\n]{1,40}\]\s*)+$")
_INLINE_NOISE = re.compile(
    r"\[(?:IMG|INS|EMBED|USEMAP|svg[^\]]*)\]|\[\d+\]|\[[^\]\s]*\.(?:png|jpe?g|gif|svg|webp)\]",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[.!?…][\"»”’')\]]*$|[.!?…] ?[\"»”’')]+ ?\.?$")
# "(OLEKSII CHUMACHENKO / AFP)", "Pool / REUTERS", "Getty Images/Johner RF": who took a photo.
_AGENCY_CREDIT = re.compile(
    r"(?:\b(?:AFP|REUTERS|Reuters|AP|SIPA|Sipa|EPA|ANSA|DPA|Getty|MAXPPP|Hans Lucas|"
    r"Shutterstock|iStock|Alamy|NurPhoto|NURPHOTO|PA|Bloomberg|ABACA|Abaca)\b.{0,30}$)|"
    r"\b\w+\.com/|\(\s*[A-ZÀ-Ý][A-ZÀ-Ý .'’-]+/[^)]*\)\s*$"
)
_CREDIT_TAIL = re.compile(r"[.!?…»”)]\s+[—–-]\s+((?:©\s*)?[^.!?—–]{3,60})$")


def _tail_credit(text: str) -> tuple[re.Match[str] | None, bool]:
    """A credit after a sentence ("… le 2 mai. — Jane Roe / AFP") and whether it names a
    photographer ("Name / AGENCY", "©", "Photo"); without one, "… — AFP" is the wire's
    sign-off under a paragraph."""
    tail = _CREDIT_TAIL.search(text)
    return tail, tail is not None and _PHOTOGRAPHER.search(tail.group(1)) is not None


# "Name / AGENCY", "© ...", "Photo X": who took a picture, not which wire sent the text.
_PHOTOGRAPHER = re.compile(r"/|©|\bphotos?\b", re.IGNORECASE)
# "Avec AFP", "(with Reuters)": the wire's sign-off under the last paragraph, not a credit
# under a caption.
_SIGN_OFF = re.compile(r"^\(?\s*(?:avec|with|mit|con|et|and|sources?\s*:)\s", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"»”’')]*(?=\s)")
_BY_ENDING = re.compile(r"\b(?:par|by|von|por)\s*:?$", re.IGNORECASE)
_GLUED = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])")
GLUED_MAX = 3
"""Lower-to-upper case junctions inside words ("momentGuerre"): a run of glued labels."""
DOUBLED_MIN = 20
"""A sentence said twice that is shorter than this may be a real repetition."""
TEASER_MAX_PROSE = 2
"""At most this much prose in a whole page, under a headline: a paywalled article."""
_REFERENCES = frozenset({"references", "visible links", "hidden links", "références"})
_CREDIT = re.compile(r"©|\bcopyright\b|\bcrédits?\b|\bphoto\s*:|\bimage source\b", re.I)


@dataclass(slots=True)
class Element:
    """One element of the page: a heading, a paragraph, a list item."""

    first: int
    """Index of its first line in the dump."""
    indent: int
    layer: str
    """"head" (flush left), "para" (a few columns in), "item" (bulleted), "deep"."""
    lines: list[str] = field(default_factory=list)
    text: str = ""
    marked: bool = False
    """Holds a browser mark or is boilerplate: never content."""
    prose: bool = False


@dataclass(slots=True)
class PageDump:
    """What a page dump gave, and why each left-out line was left out."""

    items: list[ParsedItem]
    reasons: dict[str, str] = field(default_factory=dict)

    def reason(self, line: str) -> tuple[str, bool]:
        why = self.reasons.get(line, "dropped: menu, link, footer")
        if why.startswith("metadata"):
            return why, False
        return why, not why.startswith("separator")


def layout_lines(lines: Sequence[str]) -> list[str]:
    """``textdump.split_lines`` output with tabs expanded and trailing spaces gone: the
    indentation is what this module reads."""
    return [line.expandtabs(8).rstrip() for line in lines]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def is_page_dump(lines: Sequence[str]) -> bool:
    """Whether lines (from ``layout_lines``) are laid out as a text browser lays out a page
    (see the module doc); callers pass the first `SNIFF_LINES`, which tell."""
    lines = [line for line in lines if line.strip()]
    if len(lines) < MIN_LINES:
        return False
    widths = sorted(len(line) for line in lines)
    if widths[int(len(widths) * 0.97)] > MAX_WIDTH:
        return False
    indented = sum(1 for line in lines if line.startswith(" "))
    marks = sum(1 for line in lines if _BROWSER_MARK.search(line) or _BUTTONS.match(line))
    # lynx indents most of a page; w3m indents only items, but leaves its marks.
    return indented >= 0.3 * len(lines) or marks >= 3


def _wrap_width(lines: Sequence[str]) -> tuple[int, int]:
    """The widths (characters, bytes) the dump was wrapped at: the longest common line."""
    chars = sorted((len(line) for line in lines if line.strip()), reverse=True)
    octets = sorted((len(line.encode()) for line in lines if line.strip()), reverse=True)
    pick = min(len(chars) - 1, max(2, len(chars) // 100))
    return chars[pick], octets[pick]


def _continues(previous: str, line: str, width: tuple[int, int]) -> bool:
    """Whether `line` is the wrapped rest of `previous` (its first word did not fit)."""
    word = line.lstrip().split(" ", 1)[0]
    if len(previous) + 1 + len(word) > width[0] - 1:
        return True
    return len(previous.encode()) + 1 + len(word.encode()) > width[1] - 1


def _stands_alone(previous: str, line: str) -> bool:
    """A by-line, date or credit right under a finished sentence is its own element, even
    when the sentence filled its line."""
    if not _ENDS_SENTENCE.search(previous):
        return False
    text = " ".join(line.split())
    return parse_meta_line(text) is not None or _is_credit(text)


def _is_credit(text: str) -> bool:
    """A photo or image credit: "Jane Roe / AFP", "afp.com/Alain JOCARD", "© Reuters"."""
    if len(text) > 90 or (_ENDS_SENTENCE.search(text) and not text.endswith(")")):
        return False
    tail, photo = _tail_credit(text)
    if tail is not None and not photo:
        return False  # "Le trafic reprendra lundi. — AFP": a wire paragraph's sign-off
    if _CREDIT.search(text) or _AGENCY_CREDIT.search(text):
        return True
    # "DDM ARCHIVES - SEBASTIEN LAPEYRERE": names in capitals, joined by a dash or a slash.
    letters = [char for char in text if char.isalpha()]
    return (
        len(letters) >= 6
        and all(char.isupper() for char in letters)
        and bool(re.search(r"\s[-/–]\s|/", text))
    )


def _is_doubled(text: str) -> bool:
    """A text said twice in a row: an image's alt text and its caption, side by side, the
    second sometimes followed by the photo's credit ("Le port. Le port. Photo X")."""
    half = len(text) // 2
    if len(text) >= 40 and text[: half - 1].strip() == text[half + 1 :].strip()[: half - 1]:
        return True
    for end in _SENTENCE_END.finditer(text):
        said = text[: end.end()]
        if len(said) < DOUBLED_MIN:
            continue
        return text[end.end() :].lstrip().startswith(said)
    return False


def _layer(line: str, indent: int) -> str:
    # Paragraphs sit three columns in; anything further left is a heading (some pages
    # indent their h1 by a column or two).
    if indent <= 2:
        return "head"
    if _ITEM_MARK.match(line.lstrip()):
        return "item"
    return "para" if indent <= 4 else "deep"


def _join(lines: Sequence[str]) -> str:
    text = ""
    for line in lines:
        part = line.strip()
        if not text:
            text = part
        elif text.endswith("Ã"):  # a lone lead byte of "à" cut by a wrap, read as cp1252
            text = text[:-1] + "à " + part
        elif text.endswith("-") and not text.endswith(" -"):
            text += part
        else:
            text += " " + part
    return " ".join(text.split())


def elements(lines: Sequence[str]) -> list[Element]:
    """Split the dump's lines into elements (see the module doc)."""
    width = _wrap_width(lines)
    found: list[Element] = []
    current: Element | None = None
    for index, line in enumerate(lines):
        if not line.strip():
            current = None
            continue
        indent = _indent(line)
        layer = _layer(line, indent)
        if (
            current is not None
            and layer != "item"
            and (
                indent == current.indent
                or (current.layer in ("item", "head") and indent > current.indent)
            )
            and _continues(current.lines[-1], line, width)
            and not _stands_alone(current.lines[-1], line)
        ):
            current.lines.append(line)
            continue
        current = Element(index, indent, layer, [line])
        found.append(current)
    for element in found:
        raw = _join(element.lines)
        if element.layer == "item":
            raw = _ITEM_MARK.sub("", raw, count=1)
        element.marked = bool(_BROWSER_MARK.search(raw) or _BUTTONS.match(raw) or _is_doubled(raw))
        element.text = " ".join(_INLINE_NOISE.sub(" ", raw).split())
        element.prose = not element.marked and _is_prose(element.text)
        if element.prose and (
            boilerplate.classify(element.text) is not None
            or boilerplate.is_cookie_paragraph(element.text)
            or boilerplate.is_reader_appeal(element.text)
        ):
            element.prose, element.marked = False, True
    _mark_captions(found)
    return found


def _mark_captions(found: Sequence[Element]) -> None:
    """A photo's caption sits above its credit, and is sometimes repeated below it."""
    for index, element in enumerate(found):
        tail, photo = _tail_credit(element.text)
        if (
            tail is not None
            and photo
            and _is_credit(tail.group(1))
            and len(element.text) <= CAPTION_MAX_LEN
        ):
            # "Des manifestants à Paris, le 3 mai. — Jane Roe / AFP": a caption with its
            # credit on the same line, often under the same words as the image's alt text.
            element.prose, element.marked = False, True
            above = found[index - 1] if index else None
            if above is not None and element.text.startswith(above.text[:60]):
                above.prose, above.marked = False, True
            continue
        if not _is_credit(element.text):
            continue
        element.marked = True
        above = found[index - 1] if index else None
        if (
            above is None
            or _SIGN_OFF.match(element.text)
            or len(above.text) > CAPTION_MAX_LEN
            or len(_WORD.findall(above.text)) < 5
            or _is_date_line(above.text)
            or BY_CUE.match(above.text)
        ):
            continue
        above.prose, above.marked = False, True
        below = found[index + 1] if index + 1 < len(found) else None
        if below is not None and below.text[:30] == above.text[:30]:
            below.prose, below.marked = False, True


def _is_prose(text: str) -> bool:
    """A sentence or more: enough words, and the last one closes a sentence."""
    words = len(_WORD.findall(text))
    if words < 4 or _CREDIT.search(text):
        return False
    tail, photo = _tail_credit(text)
    if tail is not None and not photo:
        text = text[: tail.start(1)].rstrip(" —–-")  # a wire's sign-off: "… dimanche. — AFP"
    if _ENDS_SENTENCE.search(text):
        return words >= 6 or len(text) >= 30
    return len(text) >= 220 and words >= 30 and len(_GLUED.findall(text)) < GLUED_MAX


def _score(element: Element) -> float:
    if element.prose:
        weight = 1.0 if element.layer in ("para", "head") else 0.3
        return weight * len(element.text)
    if element.marked:
        return -60.0
    if element.layer == "head":
        return -15.0
    return -30.0 if element.layer == "para" else -40.0


def _best_stretch(found: Sequence[Element]) -> tuple[int, int, float]:
    """The maximum-sum run of elements (start, end exclusive, score)."""
    best = (0, 0, 0.0)
    start, total, gap = 0, 0.0, 0
    for index, element in enumerate(found):
        if total <= 0:
            start, total, gap = index, 0.0, 0
        score = _score(element)
        if score < 0:
            score -= min(GAP_MAX, GAP_STEP * gap)
            gap += 1
        else:
            gap = 0
        total += score
        if total > best[2]:
            best = (start, index + 1, total)
    return best


def _references_start(lines: Sequence[str]) -> int:
    """Where lynx's list of link URLs begins (its "References" heading), else the end."""
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip().lower() in _REFERENCES and not lines[index].startswith(" "):
            return index
    return len(lines)


def _is_title(element: Element, *, loose: bool = False) -> bool:
    """A headline: flush left as lynx prints an h1, or with `loose` any short line that
    does not end like a sentence (some pages centre or indent their h1)."""
    text = element.text
    if loose:
        shaped = element.layer != "item" and len(text) <= LOOSE_TITLE_MAX and not text.endswith(".")
    else:
        shaped = element.layer == "head" and len(text) <= 250
    return (
        shaped
        and not element.marked
        and 2 <= len(_WORD.findall(text)) <= 40
        and not _is_date_line(text)
        and not BY_CUE.match(text)
        and not _is_credit(text)
        and boilerplate.classify(text) is None
    )


def _is_date_line(text: str) -> bool:
    """A date and at most two other words ("Publié le 3 mars 2026", "19 October")."""
    hits = find_dates(text)
    stripped = text
    for hit in hits:
        stripped = stripped.replace(text[hit.start : hit.end], " ")
    return len(_WORD.findall(stripped)) <= 2 and bool(hits or MONTH_WORD.search(text))


def _metadata(
    found: Sequence[Element], start: int, end: int, *, alone_needs_date: bool = False
) -> tuple[str | None, datetime | None, set[int]]:
    """Author and date from the by-line and date elements in found[start:end]; the indexes
    of those used. Only short elements between a headline and its body are asked, so a
    name alone there is a by-line. Above a headline, capitalised words alone are as
    often a breadcrumb ("Accueil Région Ville"): with `alone_needs_date`, a name without
    "Par"/"By" counts only beside a date."""
    author: str | None = None
    published: datetime | None = None
    used: set[int] = set()
    weak_date: int | None = None  # where the date came from, while that is no date line
    author_at: int | None = None
    for index in range(max(0, start), min(end, len(found))):
        element = found[index]
        if element.prose or element.marked or len(element.text) > 200:
            continue
        text = element.text
        if index + 1 < end and index + 1 < len(found) and _BY_ENDING.search(text):
            # "Article rédigé par" / "franceinfo avec AFP": a by-line over two elements.
            text = f"{text} {found[index + 1].text}"
        hits = find_dates(text)
        if hits and (published is None or (weak_date is not None and _is_date_line(text))):
            # A date line ("Publié le 8 juillet") beats a date inside a caption.
            if weak_date is not None and weak_date != author_at:
                used.discard(weak_date)
            published = hits[0].value
            weak_date = None if _is_date_line(text) or BY_CUE.match(text) else index
            used.add(index)
        if author is None and not (alone_needs_date and not hits and not BY_CUE.match(text)):
            name = byline_name(text)
            if name is not None and not find_dates(name):
                author, author_at = name, index
                used.add(index)
    return author, published, used


def _without_kicker(found: Sequence[Element], title_at: int) -> str:
    """The headline without a kicker printed into its line ("Maroc Naufrage : ..."): a
    breadcrumb just above that repeats the headline's end gives it whole."""
    title = found[title_at].text
    for crumb in found[max(0, title_at - KICKER_LOOKBACK) : title_at]:
        rest = crumb.text
        if (
            rest != title
            and title.endswith(" " + rest)
            and len(_WORD.findall(rest)) >= 3
            and len(_WORD.findall(title[: -len(rest)])) <= 2
        ):
            return rest
    return title


def _before_related_tail(found: Sequence[Element], prose: list[int]) -> list[int]:
    """`prose` without a short tail that follows a "related" heading ("Sur le même sujet",
    "Read more"): a teaser or two under it can outweigh the heading's cost. A "Lire aussi"
    box in mid-article is followed by the rest of the body, which is kept."""
    for position in range(1, len(prose)):
        between = range(prose[position - 1] + 1, prose[position])
        if not any(
            boilerplate.classify(found[i].text) == boilerplate.Boiler.RELATED for i in between
        ):
            continue
        tail = sum(len(found[i].text) for i in prose[position:])
        if tail < ARTICLE_MIN_PROSE:
            return prose[:position]
    return prose


def _header_above(found: Sequence[Element], first: int) -> int | None:
    """The nearest article header above found[first]: a headline directly followed (within
    a few elements) by its by-line or its date line. A page has one, its article's.

    The headline is flush left as lynx prints an h1; failing that, any short line that does
    not end like a sentence (some pages centre or indent their h1, and a standfirst, which
    also sits above a by-line, ends with a full stop)."""
    for strict, lookback in ((True, HEADER_LOOKBACK), (False, LOOSE_TITLE_LOOKBACK)):
        for index in range(first - 1, max(-1, first - lookback), -1):
            element = found[index]
            if not _is_title(element, loose=not strict) or len(_WORD.findall(element.text)) < 3:
                continue
            standfirst = 0  # a standfirst may come between the headline and its by-line
            for below in found[index + 1 : min(first, index + 1 + HEADER_META_SPAN)]:
                if below.text == element.text or below.marked:
                    continue  # the headline again, a photo, a button
                if below.prose:
                    standfirst += 1
                    if standfirst > 1:
                        break
                    continue
                if len(below.text) > 160:
                    break
                if BY_CUE.match(below.text) or _is_date_line(below.text):
                    return index
    return None


def _is_teaser_page(found: Sequence[Element], first: int) -> bool:
    """A page whose one piece of prose sits under a headline: a paywalled article's
    standfirst, not a front page (which shows a standfirst under many headlines)."""
    prose = [e for e in found if e.prose and e.layer in ("para", "head")]
    if len(prose) > TEASER_MAX_PROSE:
        return False
    above = found[max(0, first - 2) : first]
    return any(_is_title(e) and len(_WORD.findall(e.text)) >= 3 for e in above)


def parse_page_dump(lines: Sequence[str]) -> PageDump:
    """Read a page dump (lines from ``layout_lines``) into one article, or a front page's
    headlines."""
    lines = lines[: _references_start(lines)]
    found = elements(lines)
    start, end, _ = _best_stretch(found)
    prose = [
        index
        for index in range(start, end)
        if found[index].prose and found[index].layer in ("para", "head")
    ]
    page = PageDump(items=[])
    if not prose or (
        sum(len(found[index].text) for index in prose) < ARTICLE_MIN_PROSE
        and not _is_teaser_page(found, prose[0])
    ):
        page.items = _front_page(found)
        return page
    header = _header_above(found, prose[0])
    stretch_first = prose[0]
    if header is not None:
        # A related-links box can cut the body's opening paragraphs off the best stretch;
        # the headline with its by-line is the surer mark of where the article begins.
        prose = [
            index
            for index in range(header + 1, prose[0])
            if found[index].prose
            and found[index].layer in ("para", "head")
            and found[index].text != found[header].text
        ] + prose
    prose = _before_related_tail(found, prose)
    first, last = prose[0], prose[-1]
    while last + 1 < len(found) and found[last + 1].prose and found[last + 1].layer == "deep":
        last += 1  # a closing quote, printed as a blockquote
    title_at = header
    if title_at is None:
        title_at = next(
            (
                index
                for index in range(first - 1, max(-1, first - TITLE_LOOKBACK), -1)
                if _is_title(found[index]) and len(_WORD.findall(found[index].text)) >= 3
            ),
            None,
        )
    meta_from = title_at + 1 if title_at is not None else max(0, first - 8)
    author, published, used = _metadata(found, meta_from, max(first, stretch_first) + 3)
    if title_at is not None and (author is None or published is None):
        # Some pages put the date or the by-line just above the headline.
        above_author, above_date, above = _metadata(
            found, title_at - 4, title_at, alone_needs_date=True
        )
        if author is None and above_author is not None:
            author, used = above_author, used | above
        if published is None and above_date is not None:
            published, used = above_date, used | above
    if author is None:  # a signature under the last paragraph
        author, _, signed = _metadata(found, last + 1, last + 3)
        if author and len(author.split()) <= 5:
            used |= signed
        else:
            author = None
    if title_at is not None:
        # A standfirst between the headline and the by-line opens the body.
        standfirst = [
            i
            for i in range(title_at + 1, first)
            if found[i].prose
            and found[i].layer in ("para", "head")
            and i not in used
            and found[i].text != found[title_at].text
        ]
        if standfirst and standfirst[0] <= title_at + 2:
            first = standfirst[0]
    blocks: list[Block] = []
    for index in range(first, last + 1):
        element = found[index]
        if element.prose:
            blocks.append(Block(element.text))
        elif (
            element.layer == "head"
            and not element.marked
            and index != title_at
            and index < last
            and found[index + 1].prose
            and len(element.text) < 100
            and boilerplate.classify(element.text) is None
        ):
            blocks.append(Block(element.text, heading=True))
    if title_at is not None:
        title, derived = _without_kicker(found, title_at), False
    else:
        title, derived = derive_title(blocks[0].text), True
    page.items = [
        ParsedItem(
            kind="article",
            title=title,
            title_derived=derived,
            blocks=tuple(blocks),
            author=author,
            published=published,
        )
    ]
    for index, element in enumerate(found):
        why = (
            "metadata: by-line or date" if index in used else _why(element, first <= index <= last)
        )
        for line in fold_lines(element.lines):
            page.reasons[line] = why
    return page


def _why(element: Element, inside: bool) -> str:
    if element.marked:
        return "dropped: browser mark, boilerplate"
    if not _ALNUM.search(element.text):
        return "separator"
    if inside:
        return "dropped: caption, link in article"
    return "dropped: menu, link, footer"


def _front_page(found: Sequence[Element]) -> list[ParsedItem]:
    """A front or section page: headline-shaped elements, each with its standfirst."""
    items: list[ParsedItem] = []
    seen: set[str] = set()
    # The site's own name recurs in its copyright line; it is no headline.
    owned = " ".join(element.text for element in found if _CREDIT.search(element.text))
    for index, element in enumerate(found):
        words = len(_WORD.findall(element.text))
        if element.text in owned:
            continue
        if (
            element.marked
            or element.prose
            or not HEADLINE_MIN_WORDS <= words <= 40
            or element.text.endswith(":")
            or _is_date_line(element.text)
            or boilerplate.classify(element.text) is not None
            or element.text in seen
        ):
            continue
        seen.add(element.text)
        below = found[index + 1] if index + 1 < len(found) else None
        blocks = (Block(below.text),) if below is not None and below.prose else ()
        items.append(ParsedItem(kind="headline", title=element.text, blocks=blocks))
    return items
