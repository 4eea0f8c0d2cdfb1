"""Tagging as both front ends do it: which copies a tag goes to and comes off."""

from __future__ import annotations

import pytest

from reader.library import Library
from reader.services.tagging import ItemLacksTagError, UnknownTagError, add_tags, remove_tags
from tests.unit.test_duplicates import Sample


def _tags(library: Library, item_id: int) -> list[str]:
    return list(library.get_item(item_id).tags)


def test_untagging_follows_copies_that_carry_the_tag_and_no_others(library: Library) -> None:
    sample = Sample(library)
    post, wire, daily = sample.floods_post, sample.floods_wire, sample.floods_daily
    add_tags(library, [post], ["floods"], follow_duplicates=True)
    add_tags(library, [wire], ["later"], follow_duplicates=False)
    changed = remove_tags(library, [post], ["Floods"], follow_duplicates=True)
    assert changed[0] == post and set(changed) == {post, wire, daily}
    assert _tags(library, post) == [] and _tags(library, wire) == ["later"]
    # Without following, only the item itself changes.
    add_tags(library, [post], ["floods"], follow_duplicates=True)
    assert remove_tags(library, [post], ["floods"], follow_duplicates=False) == [post]
    assert _tags(library, wire) == ["floods", "later"]


def test_untagging_what_is_not_there_changes_nothing(library: Library) -> None:
    sample = Sample(library)
    add_tags(library, [sample.tram], ["transport"], follow_duplicates=False)
    with pytest.raises(UnknownTagError, match="no tag named 'weather'"):
        remove_tags(library, [sample.tram], ["#weather"], follow_duplicates=True)
    with pytest.raises(ItemLacksTagError, match=f"item {sample.floods_post} has no tag"):
        remove_tags(library, [sample.floods_post], ["transport"], follow_duplicates=True)
    assert _tags(library, sample.tram) == ["transport"]
