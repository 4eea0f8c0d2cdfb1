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

__all__ = ["clean_author", "strip_site_name"]

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
    if url:
        host = urlsplit(url).hostname or ""
        labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
        if len(labels) >= 2:
            keys.add(_key(labels[-2]))
            keys.add(_key("".join(labels[:-1])))
    return {key for key in keys if len(key) >= 2}


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
