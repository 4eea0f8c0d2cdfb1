"""Find calendar dates written in text dumps (French, English, German, Spanish).

Recognised shapes, each with an optional time after it ("à 10h30", "10:42", "at 9:05 pm"):

- ISO 8601: ``2024-12-04``, ``2024-12-04T10:30:00Z``, ``2024-12-04 10:30+01:00``;
- day month year: ``4 décembre 2024``, ``1er déc. 2024``, ``4 Dec 2024``, ``4. Dezember 2024``,
  ``4 de diciembre de 2024``;
- month day year: ``December 4, 2024``, ``Nov. 5, 2024``;
- numeric: ``11/11/2024``, ``04.12.24``. Day first, as French and most of Europe write it; read
  month first only when the second number cannot be a month (``12/25/2024``).

Dates without a year are not recognised: guessing the year would invent data. Only an explicit
offset, ``Z``, ``UTC`` or ``GMT`` (``GMT+1``, ``UTC-05:00`` shift it) makes a result
timezone-aware; zone names such as CET are not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("janvier", "janv", "january", "jan", "januar", "jänner", "enero", "ene"),
    2: (
        "février",
        "fevrier",
        "févr",
        "fevr",
        "fév",
        "fev",
        "february",
        "feb",
        "februar",
        "febrero",
    ),
    3: ("mars", "march", "mar", "märz", "maerz", "marzo"),
    4: ("avril", "avr", "april", "apr", "abril", "abr"),
    5: ("mai", "may", "mayo"),
    6: ("juin", "june", "jun", "juni", "junio"),
    7: ("juillet", "juil", "july", "jul", "juli", "julio"),
    8: ("août", "aout", "august", "aug", "agosto", "ago"),
    9: ("septembre", "sept", "september", "sep", "septiembre", "setiembre"),
    10: ("octobre", "oct", "october", "oktober", "octubre"),
    11: ("novembre", "nov", "november", "noviembre"),
    12: ("décembre", "decembre", "déc", "dec", "december", "dezember", "diciembre", "dic"),
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
# The month is matched as any short word and looked up afterwards: a regex alternation of
# eighty month names tried at every position is many times slower than one dictionary lookup.
_WORD = r"(?P<month>[^\W\d_]{3,10})"

_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\w)(?P<day>[0-3]?\d)(?:er|re|e|st|nd|rd|th|\.|º)?\s+(?:de\s+)?"
    rf"{_WORD}\.?,?\s+(?:de\s+|del\s+)?{_YEAR}"
)
_MONTH_DAY_YEAR = re.compile(rf"(?<!\w){_WORD}\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}")
_NUMERIC = re.compile(
    r"(?<![\w/.\-])(?P<first>[0-3]?\d)(?P<sep>[/.\-])(?P<second>[0-3]?\d)(?P=sep)"
    r"(?P<year>(?:19|20)\d\d|\d\d)(?![\w/]|[.\-]\d)"
)
_ISO = re.compile(
    r"(?<![\w\-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
    r"(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:[.,]\d+)?)?"
    r"(?P<offset>Z|[+\-][0-2]\d:?[0-5]\d)?)?(?![\w\-])"
)
# A time of day right after a date: "à 10h30", ", 10:42", "at 9:05 pm", "um 8.15 Uhr", and
# "06.00 BST" at the end of a line (a dot alone is too often a decimal point).
_TIME_AFTER = re.compile(
    r"\s*(?:,|à|a|at|um|a\s+las|-|–|—|@)?\s*"
    r"(?P<hour>[01]?\d|2[0-3])\s*(?:h|:|\.(?=\d\d\s*uhr|\d\d\s*(?:bst|gmt|utc|cet|cest|"
    r"[ap]\.?m\.?)?\s*(?:$|[|,;–—-])))\s*(?P<minute>[0-5]\d)?"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?!\w))?(?:\s*uhr(?!\w))?"
    r"(?:\s*(?P<zone>UTC|GMT|Z)(?:\s?(?P<shift>[+\-]\d{1,2}(?::?\d\d)?)(?![\d:]))?(?!\w))?",
    re.IGNORECASE,
)
_MONTH_WORDS = frozenset(MONTHS)
_WORD_SPLIT = re.compile(r"[\s.,;:()]+")
_ZONE_AFTER = re.compile(
    r"\s*(?:UTC|GMT)(?:\s?(?P<shift>[+\-]\d{1,2}(?::?\d\d)?)(?![\d:]))?(?!\w)", re.IGNORECASE
)
# Every recognised date has a four-digit year or a d/m/y triple.
_DATE_HINT = re.compile(r"\d(?:\d\d\d|[/.\-][0-3]?\d[/.\-]\d)")


@dataclass(frozen=True, slots=True)
class DateHit:
    """One date found in a line: where it is (time of day included) and its value."""

    start: int
    end: int
    value: datetime


def find_dates(line: str) -> list[DateHit]:
    """Every non-overlapping date in ``line``, in order of position."""
    if not _DATE_HINT.search(line):
        return []
    # Each finder runs only when its shape can be there: most lines with a year are headlines.
    finders = []
    if "-" in line:
        finders.append(_find_iso)
    if not _MONTH_WORDS.isdisjoint(_WORD_SPLIT.split(line.lower())):
        finders.append(_find_named)
    if "/" in line or "." in line or "-" in line:
        finders.append(_find_numeric)
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for finder in finders:
        for hit in finder(line):
            if all(hit.end <= start or hit.start >= end for start, end in taken):
                hits.append(hit)
                taken.append((hit.start, hit.end))
    return sorted(hits, key=lambda hit: hit.start)


def parse_date(text: str) -> datetime | None:
    """The first date in ``text``, or None."""
    hits = find_dates(text)
    return hits[0].value if hits else None


def _find_iso(line: str) -> list[DateHit]:
    hits = []
    for match in _ISO.finditer(line):
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        hour = int(match["hour"] or 0)
        minute = int(match["minute"] or 0)
        second = int(match["second"] or 0)
        value = _make(year, month, day, hour, minute, second)
        if value is None:
            continue
        end = match.end()
        if match["offset"]:
            value = value.replace(tzinfo=_offset(match["offset"]))
        elif match["hour"] is None:
            value, end = _with_time(line, end, value)
        else:
            zone = _ZONE_AFTER.match(line, end)
            if zone:
                value, end = value.replace(tzinfo=_shift(zone["shift"])), zone.end()
        hits.append(DateHit(match.start(), end, value))
    return hits


def _find_named(line: str) -> list[DateHit]:
    hits = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(line):
            month = MONTHS.get(match["month"].lower())
            if month is None:
                continue
            value = _make(int(match["year"]), month, int(match["day"]))
            if value is not None:
                value, end = _with_time(line, match.end(), value)
                hits.append(DateHit(match.start(), end, value))
    return hits


def _find_numeric(line: str) -> list[DateHit]:
    hits = []
    for match in _NUMERIC.finditer(line):
        first, second = int(match["first"]), int(match["second"])
        year = int(match["year"])
        if year < 100:
            year += 2000 if year < 70 else 1900
        # Day first unless the second number cannot be a month.
        day, month = (second, first) if second > 12 >= first else (first, second)
        value = _make(year, month, day)
        if value is not None:
            value, end = _with_time(line, match.end(), value)
            hits.append(DateHit(match.start(), end, value))
    return hits


def _with_time(line: str, end: int, value: datetime) -> tuple[datetime, int]:
    """Extend a date hit over a time of day written right after it, when there is one."""
    match = _TIME_AFTER.match(line, end)
    if match is None or (match["minute"] is None and not _hour_only_ok(match)):
        return value, end
    hour = int(match["hour"])
    ampm = (match["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    value = value.replace(hour=hour, minute=int(match["minute"] or 0))
    if match["zone"]:
        value = value.replace(tzinfo=_shift(match["shift"]))
    return value, match.end()


def _hour_only_ok(match: re.Match[str]) -> bool:
    """ "10h" and "9 pm" are times; a bare "10:" or "10." is not."""
    text = match.group(0).lower()
    return bool(match["ampm"]) or re.search(r"\d\s*h", text) is not None


def _make(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _shift(text: str | None) -> timezone:
    """The zone of "GMT", "UTC+1", "GMT-05:00": UTC moved by the offset written after it."""
    if not text:
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    if hours > 14 or minutes > 59:
        return UTC
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _offset(text: str) -> timezone:
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    return timezone(sign * delta)
