"""Cleaning a web page's title and author fields of what the site adds around them.

Pages put their site's name into `<title>` ("Storm closes port | Harbour Times") and
fill author fields with a placeholder from the CMS ("Username"), a "By" prefix, or the
same name twice in two cases. The site is known from `og:site_name`, the publisher and
the page's domain, so titles are compared with those rather than with a list of sites.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

__all__ = [
    "BY_CUE",
    "MONTH_WORD",
    "byline_name",
    "clean_author",
    "is_domain_name",
    "strip_site_name",
]

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—·»]|::)\s+")
_MAX_SITE_WORDS = 5
_BY_PREFIX = re.compile(r"^(?:by|par|de|von|por|auteur|author|written by|écrit par)\s*:?\s+",
                        re.IGNORECASE)  # fmt: skip
# Names content systems put where no author was entered.
_PLACEHOLDERS = frozenset(
    {"username", "user", "admin", "administrator", "author", "auteur", "editor", "staff",
     "webmaster", "anonymous", "anonyme", "guest", "null", "none", "unknown"}
)  # fmt: skip


def _key(text: str) -> str:
    """Letters and digits only, accents and case aside: "Bondy-Blog" is "bondyblog"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in folded if char.isalnum())


def site_keys(site_names: Iterable[str | None], url: str | None) -> set[str]:
    """What the site is called: its names and its domain's main label."""
    keys = {_key(name) for name in site_names if name}
    labels = _host_labels(url)
    if len(labels) >= 2:
        keys.add(_key(labels[-2]))
        keys.add(_key("".join(labels[:-1])))
    return {key for key in keys if len(key) >= 2}


def is_domain_name(name: str, url: str | None) -> bool:
    """Whether an author field is only the site's address ("temoignages.re", "Temoignages
    re"): not a by-line. A newsroom name ("CBS News") is one."""
    labels = _host_labels(url)
    return len(labels) >= 2 and _key(name) == _key("".join(labels))


def _host_labels(url: str | None) -> list[str]:
    """The labels of a page's host name, "www", "m" and "amp" aside."""
    host = (urlsplit(url).hostname or "") if url else ""
    return [label for label in host.split(".") if label and label not in ("www", "m", "amp")]


def _is_site(part: str, keys: set[str]) -> bool:
    key = _key(part)
    if not key or len(part.split()) > _MAX_SITE_WORDS:
        return False
    return any(key == site or (len(key) >= 3 and (key in site or site in key)) for site in keys)


def strip_site_name(title: str, site_names: Iterable[str | None], url: str | None) -> str:
    """The title without a leading or trailing site name ("… | DW", "Le Monde - …")."""
    keys = site_keys(site_names, url)
    if not keys:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    separators = _TITLE_SEPARATORS.findall(title)
    # Trailing parts first ("Title | Site", "Title | Site | 04.03.2026"), then a leading
    # one; a trailing date goes only with the site name before it.
    if (
        len(parts) > 2
        and not any(char.isalpha() for char in parts[-1])
        and _is_site(parts[-2], keys)
    ):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and _is_site(parts[-1], keys):
        parts.pop()
        separators.pop()
    if len(parts) > 1 and _is_site(parts[0], keys):
        parts.pop(0)
        separators.pop(0)
    rebuilt = parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        rebuilt += separator + part
    return rebuilt.strip(" |-–—·:") or title


def clean_author(raw: str | None) -> str | None:
    """Author names without "By" prefixes, CMS placeholders or repeats in another case.

    A site's own name is kept: newsrooms sign wire copy that way ("CBS News").
    """
    if not raw:
        return None
    names: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"\s*;\s*", raw):
        name = _BY_PREFIX.sub("", part.strip()).strip(" ,")
        key = _key(name)
        if not key or key in seen or name.casefold() in _PLACEHOLDERS:
            continue
        seen.add(key)
        names.append(name)
    return "; ".join(names) or None


# --- by-lines in a page's text --------------------------------------------------------

_ALNUM = re.compile(r"[^\W_]")
MONTH_WORD = re.compile(
    r"\b(?:janv?|févr?|fevr?|mars|avr|mai|juin|juil|août|aout|sept?|oct|nov|déc|dec|jan|feb|"
    r"mar|apr|may|jun|jul|aug|january|february|march|april|june|july|august|september|"
    r"october|november|december|janvier|février|avril|juillet|septembre|octobre|novembre|"
    r"décembre)\b\.?",
    re.IGNORECASE,
)

BY_CUE = re.compile(
    r"^(?:(?:article |texte |text |story )?(?:rédigé|écrit|publié|written|posted)\s+|"
    r"(?:texte|text|words|story|reportage|report)\s+)?(?:par|by|von|por)\s*:?\s+"
    r"|^(?:auteure?|autrice|author|text|texte)\s*:\s*",
    re.IGNORECASE,
)
# Where a by-line's name stops: a date, a time, a bar, a spaced dash, "Publié", "Updated".
# (A number alone does not stop it: "FRANCE 24" is a name, "Jane Roe 12 mars" is not.)
_NAME_STOP = re.compile(
    r"\s+[|•·]\s*|\s+[-–—]\s+|,?\s+\d{1,2}\s?[h:.]\d\d|,?\s+(?:le|on|am|the)?\s*\d{1,2}"
    rf"(?:[/.-]\d|\s+(?:{MONTH_WORD.pattern}))|\s+(?:publié|mis à jour|updated|published|modifié)\b"
    r"|\s+(?:suivre|follow|s'abonner|abonnez-vous)$"
    # "Jane Roe January 18, 2017", "Jean Roux, à Conakry", "Ann Lee in Kyiv"
    rf"|,?\s+(?:{MONTH_WORD.pattern})\s+\d|,\s+(?:à|au|aux|en|in|at|from|depuis)\s"
    r"|\s+(?:à|in|at)\s+(?-i:[A-ZÀ-Ý])",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    [
        "publié",
        "publiée",
        "mis",
        "mise",
        "modifié",
        "actualisé",
        "updated",
        "published",
        "posted",
        "on",
        "édition",
        "photo",
        "image",
        "crédit",
        "source",
    ]
)
_ARTICLES = frozenset(["le", "la", "les", "the", "l'", "l’"])
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-Ý][\w'’.-]*|[A-Z]\.(?:[A-Z]\.)*|de|du|da|van|von|der|le|la|"
    r"et|and|avec|with|AFP|[a-z]+\.(?:com|fr|net|org))$"
)


def byline_name(text: str) -> str | None:
    """The name a by-line element gives: "Par X", "By X", or a name alone before a date."""
    if len(text) > 160:
        return None
    cue = BY_CUE.match(text)
    rest = text[cue.end() :] if cue else text
    stop = _NAME_STOP.search(rest)
    name = rest[: stop.start()] if stop else rest
    name = name.strip(" ,;:-–—|")
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # "Anne Roe Anne Roe": the name and its link, side by side
        name = " ".join(words)
    if not words or len(words) > 8 or words[0].casefold() in _NOT_NAMES:
        return None
    if cue:
        # "Par La rédaction avec AFP" names someone; "Par le 3 mars" does not.
        if words[0].casefold() in _ARTICLES and (len(words) == 1 or not words[1][0].isalpha()):
            return None
        return name if _ALNUM.search(name) else None
    if words[0].casefold() in _ARTICLES:
        return None
    # No cue: a name alone (two to five capitalised words or initials), as in "Jane Roe".
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(word) for word in words):
        return None
    if len(words) == 1 and not re.fullmatch(r"(?:[A-Z]\.){2,}|[a-z]+\.(?:com|fr)", words[0]):
        return None
    return name
