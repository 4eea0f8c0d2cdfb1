"""What a story's sources agree on and where their figures differ, on stories written
with planted disagreements and with look-alikes that are not disagreements."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reader.stories.accounts import Account, agreements, conflicts
from reader.stories.features import number_keys

DATA = json.loads((Path(__file__).resolve().parents[1] / "data" / "stories" / "accounts.json")
                  .read_text(encoding="utf-8"))  # fmt: skip
STORIES = {story["name"]: story for story in DATA["stories"]}


def _accounts(story: dict[str, Any]) -> list[Account]:
    return [Account(a["id"], a["source"], a["title"], a["text"], datetime.fromisoformat(a["date"]))
            for a in story["accounts"]]  # fmt: skip


def _found(story: dict[str, Any]) -> list[frozenset[str]]:
    return [frozenset(number_keys(claim.value)[0] for claim in conflict.claims)
            for conflict in conflicts(_accounts(story))]  # fmt: skip


@pytest.mark.parametrize("name", sorted(STORIES))
def test_no_conflict_is_invented(name: str) -> None:
    planted = {frozenset(values) for values in STORIES[name]["conflicts"]}
    assert set(_found(STORIES[name])) <= planted


def test_planted_conflicts_are_found() -> None:
    planted = sum(len(story["conflicts"]) for story in STORIES.values())
    found = sum(len(_found(story)) for story in STORIES.values())
    # One is missed on purpose: "600 pompiers" / "800 firefighters" share no other word,
    # and a conflict needs its sentences to agree on the rest.
    assert (found, planted) == (4, 5)


def test_a_conflict_names_who_says_what() -> None:
    (homes,) = conflicts(_accounts(STORIES["storm-kerys"]))
    claims = {claim.value: claim for claim in homes.claims}
    assert set(claims) == {"240,000", "250 000"}
    assert claims["240,000"].sources == ("Western Courier", "Radio Breizh")  # most sources first
    assert claims["250 000"].sources == ("La Dépêche de l'Ouest",)
    assert "250 000 foyers" in claims["250 000"].sentence
    # 96,000 homes two days later is the count moving on, not a disagreement.
    assert all("96" not in claim.value for claim in homes.claims)


def test_years_and_rises_are_not_conflicts() -> None:
    found = _found(STORIES["norvane-plant"])  # "opened in 1998" / "en 1996"; 900 to 650
    assert found == [frozenset({"#120000000", "#150000000"})]
    # Ouest Matin gives 38 % and 41,5 % itself (a rise), so 38 % disputes nothing.
    assert _found(STORIES["rennes-turnout"]) == [frozenset({"#41.5%", "#43%"})]


def test_agreement_is_what_several_sources_tell_most_sources_first() -> None:
    told = agreements(_accounts(STORIES["storm-kerys"]))
    assert told and all(len(item.sources) >= 2 for item in told)
    assert [len(item.sources) for item in told] == sorted(
        (len(i.sources) for i in told), reverse=True
    )
    gusts = next(item for item in told if "161 km/h" in item.text)
    assert set(gusts.sources) == {"Western Courier", "La Dépêche de l'Ouest", "Radio Breizh"}
    # A lead that repeats its own title is one statement, listed once.
    plant = agreements(_accounts(STORIES["norvane-plant"]))
    assert sum("420" in item.text for item in plant) == 1


def test_a_disputed_figure_is_never_agreed_on() -> None:
    for item in agreements(_accounts(STORIES["storm-kerys"])):
        if "240,000" in item.text or "240 000" in item.text:
            assert "La Dépêche de l'Ouest" not in item.sources
            assert "Atlantic Observer" not in item.sources  # 96,000, two days later


def test_reader_story_gives_agreement_and_conflicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.library import Library
    from reader.model import Block, ParsedDocument, ParsedItem
    from reader.services.importing import store_document
    from tests.cli_harness import Cli

    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        for account in STORIES["storm-kerys"]["accounts"]:
            item = ParsedItem("article", account["title"], blocks=(Block(account["text"]),),
                              published=datetime.fromisoformat(account["date"]))  # fmt: skip
            store_document(library, ParsedDocument(items=(item,)), source_name=account["source"],
                           source_kind="feed", origin=None)  # fmt: skip
    cli = Cli(path, capsys)
    story = cli.json("list")[0]["story"]
    for item in cli.json("list"):  # one story, whatever the grouping made of it
        cli("story", "move", str(item["id"]), str(story))
    data = cli.json("story", str(story))
    (homes,) = data["differ"]
    values = {claim["value"]: claim["sources"] for claim in homes["claims"]}
    assert values == {"240,000": ["Western Courier", "Radio Breizh"],
                      "250 000": ["La Dépêche de l'Ouest"]}  # fmt: skip
    assert data["agree"] and all(len(told["sources"]) >= 2 for told in data["agree"])
    _status, out, _err = cli("story", str(story))
    differ = out.split("\ndiffer:\n")[1]
    assert "240,000 (Western Courier, Radio Breizh); 250 000 (La Dépêche de l'Ouest)" in " ".join(
        differ.split()
    )
    assert "\nagree:\n" in out
