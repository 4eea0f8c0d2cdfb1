"""Which articles of a story are compared, and on what text: one answer for the CLI
(`reader compare`) and the app (`c`)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.library import Library
from reader.model import StoryDetail
from reader.services.stories import StoryCommandError, story
from reader.stories.accounts import Account, StoryAccounts, read_accounts
from reader.stories.compare import MAX_ARTICLES, ComparedArticle, CompareInput, compare

__all__ = ["articles_to_compare", "compare_inputs", "compare_story", "story_accounts"]


def articles_to_compare(
    story: StoryDetail, focus_item: int | None = None
) -> tuple[list[int], list[int]]:
    """The story's articles to compare, in story order (oldest first), and the copies
    left out: one article per duplicate set, since copies would only "share" everything.
    A set is shown by the item the user opened compare from, else by its oldest copy."""
    set_of = {member: members for members in story.duplicate_sets for member in members}
    articles = [item.id for item in story.items if item.kind == "article"]
    shown_by: dict[tuple[int, ...], int] = {}
    for item_id in articles:
        members = set_of.get(item_id, (item_id,))
        if item_id == focus_item or members not in shown_by:
            shown_by[members] = item_id
    chosen = [
        item_id for item_id in articles if shown_by[set_of.get(item_id, (item_id,))] == item_id
    ]
    left_out = [item_id for item_id in articles if item_id not in chosen]
    return chosen, left_out


def compare_inputs(library: Library, item_ids: Sequence[int]) -> list[CompareInput]:
    """What is compared of each article: its paragraphs, headings aside (a section title
    is the page's structure, not something one source says and another does not)."""
    inputs = []
    for item_id in item_ids:
        item = library.get_item(item_id)
        text = "\n\n".join(block.text for block in item.blocks if not block.heading)
        inputs.append(CompareInput(item.id, item.title, text, item.source, item.published))
    return inputs


def compare_story(
    library: Library, story_id: int, items: Sequence[int] | None
) -> tuple[StoryDetail, list[ComparedArticle], list[int]]:
    """`reader compare`: the story, its compared articles and the copies left out.

    Without `items`, the articles `articles_to_compare` picks; a story with more than
    `MAX_ARTICLES` of them needs `items` (a terminal cannot scroll columns sideways).
    """
    detail = story(library, story_id)
    skipped: list[int] = []
    if items is not None:
        members = {item.id for item in detail.items}
        for item_id in items:
            if item_id not in members:
                raise StoryCommandError(f"item {item_id} is not in story {story_id}")
        if not 2 <= len(items) <= MAX_ARTICLES:
            raise StoryCommandError(
                f"--items takes 2 to {MAX_ARTICLES} items, not {len(items)}", usage=True
            )
        chosen = list(items)
    else:
        chosen, skipped = articles_to_compare(detail)
        if len(chosen) < 2:
            raise StoryCommandError(
                f"story {story_id} has {len(chosen)} article(s) to compare; it needs 2"
                " (pick items, headlines too, with --items ID,ID)"
            )
        if len(chosen) > MAX_ARTICLES:
            listing = ",".join(str(item_id) for item_id in chosen[:MAX_ARTICLES])
            raise StoryCommandError(
                f"story {story_id} has {len(chosen)} articles; pick 2 to {MAX_ARTICLES} with"
                f" --items (e.g. --items {listing})",
                usage=True,
            )
    return detail, compare(compare_inputs(library, chosen)), skipped


def story_accounts(library: Library, detail: StoryDetail) -> StoryAccounts:
    """What the story's sources agree on and where their figures differ: every item,
    headlines too (a title is an account of its own), on the text `compare_inputs` uses."""
    accounts = [
        Account(compared.id, compared.source, compared.title, compared.text, compared.published)
        for compared in compare_inputs(library, [item.id for item in detail.items])
    ]
    return read_accounts(accounts)
