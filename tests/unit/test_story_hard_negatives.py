"""Hard negatives of real headline streams: items that share a town dateline, a small
number or a head of state's name, and nothing else of an event, stay apart, even in a
busy day of unrelated headlines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reader.stories import StoryInput, group_inputs

BASE = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
DAY = [  # a day of unrelated headlines around each pair, as a stream has
    "Harbour council approves the budget for dock repairs",
    "Tram line 3 closed for works until the end of the month",
    "School canteen prices rise by ten cents in Vernoux",
    "Museum of fishing reopens after two years of renovation",
    "Library extends its opening hours on Sundays",
    "Stadium roof inspection finds corroded bolts",
    "Bridge over the Aulne to be repainted in spring",
    "Hospital car park becomes free for night-shift staff",
    "Market hall gets a new organic section",
    "Airport adds a winter route to Porto",
    "Le conseil municipal vote la rénovation de la piscine",
    "La médiathèque lance un club de lecture pour adolescents",
]

PAIRS = {
    "town dateline": ("Guingamp. Un incendie détruit un hangar agricole",
                      "Guingamp. La médiathèque ouvre désormais le dimanche"),
    "dateline, English": ("BREST — A fishing boat runs aground off the harbour wall",
                          "BREST — The city adds forty bike racks near the station"),
    "a small number": ("Appartement 4 pièces 92 m² à vendre près du centre",
                       "4 takeaways from the Senate hearing on farm subsidies"),
    "another small number": ("3 questions sur la réforme des retraites",
                             "3 morts dans un accident de car en Isère"),
    "a head of state": ("Macron reçoit les agriculteurs à l'Élysée",
                        "Macron en visite au Japon pour parler de commerce"),
    "a head of state, English": ("Biden signs the bill on rural broadband",
                                 "Biden to attend the climate summit in Nairobi"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_items_sharing_only_a_dateline_number_or_leader_stay_apart(name: str) -> None:
    first, second = PAIRS[name]
    items = [StoryInput(id=n + 1, title=title, source=f"Feed {n % 4}",
                        published=BASE + timedelta(minutes=7 * n)) for n, title in enumerate(DAY)]  # fmt: skip
    items += [
        StoryInput(id=100, title=first, source="Le Télégramme", published=BASE),
        StoryInput(id=101, title=second, source="Ouest Matin", published=BASE + timedelta(hours=2)),
    ]
    stories = group_inputs(items)
    assert stories[100] != stories[101]
