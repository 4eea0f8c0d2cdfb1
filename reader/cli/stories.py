"""What `reader stories`, `reader story` and `reader compare` print (reader/cli/main.py parses).

Kept out of cli.py so the command line stays light to import: this module and the
grouping code load only when a story command runs.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reader.model import ItemSummary, StoryDetail, StorySummary
from reader.services.exporting import summary_to_dict
from reader.services.stories import StoryCommandError
from reader.stories.accounts import StoryAccounts
from reader.stories.compare import ComparedArticle
from reader.stories.coverage import bar, coverage, timeline
from reader.stories.render import render
from reader.text.wording import counted


def _date(summary: StorySummary) -> str:
    if summary.first is None or summary.last is None:
        return "          "
    first, last = summary.first.date(), summary.last.date()
    return first.isoformat() if first == last else f"{first.isoformat()}…{last.strftime('%m-%d')}"


def _sources(sources: Sequence[str], shown: int = 3) -> str:
    if len(sources) <= shown:
        return ", ".join(sources)
    return ", ".join(sources[:shown]) + f" +{len(sources) - shown}"


def stories_lines(stories: Sequence[StorySummary]) -> list[str]:
    """`reader stories`: id, size, dates, label and sources, one story a line."""
    return [
        f"{story.id:>6} {story.size:>3}  {_date(story):<16} {story.label}"
        f"  ({_sources(story.sources)})"
        for story in stories
    ]


def _story_fields(story: StorySummary | StoryDetail) -> dict[str, Any]:
    """What the JSON of `reader stories` and `reader story ID` says of a story itself."""
    return {
        "id": story.id,
        "label": story.label,
        "size": story.size,
        "sources": list(story.sources),
        "first": story.first.isoformat() if story.first else None,
        "last": story.last.isoformat() if story.last else None,
    }


def story_summary_dict(story: StorySummary, items: Sequence[ItemSummary]) -> dict[str, Any]:
    """The JSON shape of a story in `reader stories --json`."""
    return {
        **_story_fields(story),
        "items": [
            {"id": item.id, "title": item.title, "source": item.source, "kind": item.kind}
            for item in items
        ],
    }


def story_dict(story: StoryDetail, accounts: StoryAccounts) -> dict[str, Any]:
    """The JSON shape of `reader story ID --json`."""
    duplicate_of = {
        member: members[0] for members in story.duplicate_sets for member in members[1:]
    }
    items = []
    for item in story.items:
        data = summary_to_dict(item)
        data["duplicate_of"] = duplicate_of.get(item.id)
        data["pinned"] = item.id in story.pinned
        items.append(data)
    return {
        **_story_fields(story),
        "items": items,
        "duplicate_sets": [list(members) for members in story.duplicate_sets],
        "pinned": list(story.pinned),
        "timeline": [entry.to_dict() for entry in timeline(story.items)],
        "coverage": [row.to_dict() for row in coverage(story.items)],
        "agree": [agreement.to_dict() for agreement in accounts.agree],
        "differ": [conflict.to_dict() for conflict in accounts.differ],
    }


def _span(first: datetime | None, last: datetime | None) -> str:
    if first is None or last is None:
        return "no date"
    start, end = first.date(), last.date()
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


def coverage_lines(story: StoryDetail) -> list[str]:
    """Who covered the story: a bar per source, its items, first and last report."""
    rows = coverage(story.items)
    widest = max((row.items for row in rows), default=0)
    lines = ["coverage:"]
    for row in rows:
        source = row.source if len(row.source) <= 18 else row.source[:17] + "…"
        count = counted(row.items, "item")
        undated = f", {row.undated} undated" if row.undated and row.first is not None else ""
        lines.append(
            f"  {source:<18}  {bar(row.items, widest):<20}  {count:<8}"
            f"  {_span(row.first, row.last)}{undated}"
        )
    return lines


def accounts_lines(accounts: StoryAccounts, width: int) -> list[str]:
    """What the sources agree on, then where their figures differ, with who says what."""
    lines: list[str] = []
    if accounts.agree:
        lines += ["", "agree:"]
        for agreement in accounts.agree:
            told = f"({len(agreement.sources)} sources: {', '.join(agreement.sources)})"
            lines += textwrap.wrap(f"{agreement.text} {told}", width, initial_indent="  ",
                                   subsequent_indent="    ")  # fmt: skip
    if accounts.differ:
        lines += ["", "differ:"]
        for conflict in accounts.differ:
            claims = "; ".join(f"{claim.value} ({', '.join(claim.sources)})"
                               for claim in conflict.claims)  # fmt: skip
            lines += textwrap.wrap(f"{conflict.about}: {claims}", width, initial_indent="  ",
                                   subsequent_indent="    ")  # fmt: skip
    return lines


def story_lines(story: StoryDetail, *, collapse: bool, width: int) -> list[str]:
    """`reader story ID`: the label, then one line per item (or per duplicate set)."""
    lines = textwrap.wrap(f"story {story.id}: {story.label}", width) or [f"story {story.id}"]
    lines.append(
        f"{counted(story.size, 'item')} from {counted(len(story.sources), 'source')}:"
        f" {', '.join(story.sources)}"
    )
    set_of = {member: members for members in story.duplicate_sets for member in members}
    shown: set[int] = set()
    for item in story.items:
        members = set_of.get(item.id, (item.id,))
        if collapse and item.id in shown:
            continue
        # An undated item says so: its import date is not when the source reported it.
        date = item.published.date().isoformat() if item.published else "no date   "
        kind = "A" if item.kind == "article" else "H"
        source = item.source if len(item.source) <= 18 else item.source[:17] + "…"
        marks = ""
        if collapse and len(members) > 1:
            others = {i.source for i in story.items if i.id in members and i.id != item.id}
            copies = len(others) or len(members) - 1
            marks = f"  +{copies} source{'s' if copies > 1 else ''}"
            shown.update(members)
        elif item.id in set_of and members[0] != item.id:
            marks = f"  (duplicate of {members[0]})"
        if item.id in story.pinned:
            marks += "  (placed by hand)"
        lines.append(f"{item.id:>6} {kind} {date}  {source:<18}  {item.title}{marks}")
    return [*lines, "", *coverage_lines(story)]


def parse_item_ids(text: str) -> list[int]:
    """The ids of `--items ID,ID,...`, each once, in the order given."""
    ids: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) <= 0:
            raise StoryCommandError(f"invalid item id {part!r} in --items", usage=True)
        ids.append(int(part))
    return list(dict.fromkeys(ids))


def compare_dict(
    story: StoryDetail, articles: Sequence[ComparedArticle], skipped: Sequence[int]
) -> dict[str, Any]:
    """The JSON shape of `reader compare --json`."""
    return {
        "story": story.id,
        "label": story.label,
        "headlines": [
            {"id": item.id, "title": item.title, "source": item.source}
            for item in story.items
            if item.kind == "headline"
        ],
        "articles": [article.to_dict() for article in articles],
        "duplicates_left_out": list(skipped),
    }


def compare_text(
    story: StoryDetail,
    articles: Sequence[ComparedArticle],
    skipped: Sequence[int],
    *,
    width: int,
    colour: bool,
) -> str:
    """`reader compare`: the story's headlines with their sources, then the columns."""
    header = textwrap.wrap(f"story {story.id}: {story.label}", width)
    headlines = [item for item in story.items if item.kind == "headline"]
    if headlines:
        header.append("headlines:")
        for item in headlines:
            header.extend(
                textwrap.wrap(f"- {item.title} ({item.source})", width, subsequent_indent="  ")
            )
    if skipped:
        header.append(
            "left out as duplicates of a compared article: "
            + ", ".join(str(item_id) for item_id in skipped)
        )
    return render(articles, width=width, colour=colour, header=header)
