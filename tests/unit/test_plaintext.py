"""Plain-text inputs by shape: headline lists keep every line, browser dumps give one article."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.plaintext import read_plain_text
from reader.ingest.reading import read_document
from reader.library import Library
from reader.library.store import headline_hash
from reader.model import ParsedDocument, ParsedItem
from reader.services.importing import store_document

PAGES = Path(__file__).parent.parent / "data" / "pagedump"

_WORDS = [
    "storm",
    "port",
    "council",
    "strike",
    "minister",
    "tram",
    "bridge",
    "harbour",
    "election",
    "budget",
    "ferry",
    "court",
    "grève",
    "conseil",
    "tempête",
    "maire",
    "élection",
    "budget",
    "école",
    "rugby",
    "Kanté",
    "Brest",
    "Quimper",
    "Soldes",
    "bons",
    "plans",
    "direct",
    "vidéo",
    "offre",
    "record",
    "hausse",
    "baisse",
]

word = st.sampled_from(_WORDS)
headline_like = st.lists(word, min_size=1, max_size=14).map(
    lambda words: " ".join(words).capitalize()
)
sentence_like = st.lists(word, min_size=8, max_size=30).map(
    lambda words: " ".join(words).capitalize() + st_choice_end(len(words))
)


def st_choice_end(size: int) -> str:
    return (".", "...", " …", "?", "!")[size % 5]


line = st.one_of(
    headline_like,
    sentence_like,
    headline_like.map(lambda text: f"{text} : 10 bons plans à saisir"),
    headline_like.map(lambda text: f"{text.upper()}"),
    headline_like.map(lambda text: f"{text} - The Harbour Post"),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(line, min_size=1, max_size=60, unique=True))
def test_every_line_of_a_headline_list_comes_back_as_a_headline(lines: list[str]) -> None:
    result = read_plain_text("\n".join(lines) + "\n")
    assert [item.kind for item in result.items] == ["headline"] * len(lines)
    assert [item.title for item in result.items] == lines
    assert result.account.dropped == 0


def test_a_list_of_real_shapes_loses_nothing() -> None:
    lines = [
        "The city has come down hard on short-term rentals in the old port.",
        "Ferry operator plans to cut fares if the merger with the rail company is allowed ...",
        "Soldes d'hiver : les meilleures offres à ne pas manquer (-70%)",
        "Guingamp. Don du sang lundi",
        "24 heures",
        "Direct Vidéo",
        "RUGBY : LE XV DU FINISTÈRE EN FINALE",
        "+ 2 ministers and 3 advisers resign. The coalition says it will survive the week.",
    ]
    result = read_plain_text("\n".join(lines))
    assert result.shape == "headline list"
    assert [item.title for item in result.items] == lines


def test_an_article_with_short_paragraphs_is_not_taken_for_a_list() -> None:
    text = (
        "Floods close the northern rail line\n\n"
        "Heavy rain overnight left the tracks between the two valley towns under water, and "
        "the operator suspended every service until Thursday while engineers inspect them.\n\n"
        "Officials said about four thousand commuters use the line daily, and replacement "
        "buses would run every twenty minutes from the station forecourt on Wednesday.\n"
    )
    result = read_plain_text(text)
    assert [item.kind for item in result.items] == ["article"]


def _article(name: str):  # type: ignore[no-untyped-def]
    result = read_plain_text((PAGES / name).read_text(encoding="utf-8"))
    assert result.shape == "page dump"
    articles = [item for item in result.items if item.kind == "article"]
    assert len(result.items) == 1 and len(articles) == 1, [i.title for i in result.items]
    return articles[0], result


def test_a_lynx_dump_of_an_article_page_gives_its_one_article() -> None:
    article, result = _article("lynx-article-en.txt")
    assert article.title == (
        "Kessel bridge closed for a month after divers find cracks in two of its river piers"
    )
    assert article.author == "Maren Holt"
    assert article.published is not None and article.published.date().isoformat() == "2026-09-14"
    body = "\n".join(block.text for block in article.blocks)
    assert body.startswith("Engineers say the 1962 crossing is safe")  # the standfirst
    assert "\nThe Kessel bridge, which carries about eleven thousand vehicles" in body
    assert body.endswith("between two and three million euros.")
    assert [block.text for block in article.blocks if block.heading] == ["Ferry and buses"]
    for furniture in ("(BUTTON)", "Read more", "Related stories", "Tram depot plan", "©",
                      "Traffic was stopped", "Photo:", "Schools reopen", "https://"):  # fmt: skip
        assert furniture not in body
    assert result.account.dropped > 20


def test_a_w3m_dump_of_an_article_page_gives_its_one_article() -> None:
    article, _ = _article("w3m-article-fr.txt")
    assert article.title.startswith("Municipales : à Saint-Brévin, la liste écologiste")
    assert article.title.endswith("arrive en tête du premier tour")
    assert article.author == "Jeanne Le Gall"
    assert article.published is not None and article.published.date().isoformat() == "2026-03-16"
    body = "\n".join(block.text for block in article.blocks)
    assert body.startswith("Surprise à Saint-Brévin")
    assert body.endswith("si elle fusionne avec les écologistes.")
    for furniture in ("Lire aussi", "[Partager]", "Les électeurs devant", "Mentions légales"):
        assert furniture not in body


def test_a_paywalled_article_page_gives_its_headline_and_standfirst() -> None:
    """Only a standfirst is shown before the paywall: still one article, not the page's
    menus and sidebar as headlines, and no breadcrumb taken for its author."""
    article, _ = _article("lynx-paywalled-fr.txt")
    assert article.title == (
        "Chantiers navals : la grue géante du bassin sud démontée après quarante ans de service"
    )
    assert [block.text for block in article.blocks] == [
        "Haute de quatre-vingts mètres, la grue rouge qui domine le port depuis 1984 sera"
        " découpée en six tronçons d'ici la fin du mois de novembre."
    ]
    assert article.author is None


def test_boxes_inside_an_article_page_neither_cut_its_body_nor_join_it() -> None:
    """A box of links after the first paragraph, a kicker printed into the headline, a
    caption with its credit, a cookie prompt, a plea to subscribe, a closing blockquote, a
    wire sign-off and a related teaser after the body: the article is still whole and
    clean, with its own headline, by-line and date."""
    article, _ = _article("lynx-article-fr-boxes.txt")
    assert article.title == "Ferries : la liaison Roscoff-Cork suspendue jusqu'au printemps"
    assert article.author == "Radio Iroise 29"
    assert article.published is not None
    assert article.published.isoformat(timespec="minutes") == "2026-11-04T09:12"
    texts = [block.text for block in article.blocks]
    assert texts[0].startswith("La compagnie arrête ses traversées")  # the standfirst
    assert texts[1].startswith("Les passagers qui avaient réservé")  # above the box
    assert texts[-1] == "Il faut juste tenir quatre mois, et nous tiendrons. »"
    assert "Des emplois saisonniers menacés" in texts
    assert len(texts) == 8
    body = "\n".join(texts)
    for furniture in ("Horaires des marées", "Yann Morvan", "Le quai désert", "cookies",
                      "abonnez-vous", "Avec AFP", "Sur le même sujet", "gare maritime",
                      "Suivre"):  # fmt: skip
        assert furniture not in body


def test_a_lynx_dump_of_a_section_page_gives_its_headlines_not_its_menu() -> None:
    result = read_plain_text((PAGES / "lynx-section-fr.txt").read_text(encoding="utf-8"))
    titles = [item.title for item in result.items]
    assert titles == [
        "La grève des dockers de Montoir suspendue après une nuit de négociations",
        "Le prix du gazole repasse sous la barre des 1,70 euro le litre",
        "Une conserverie de Douarnenez rachetée par un groupe familial breton",
        "Les ventes de voitures électriques reculent pour le troisième mois",
    ]
    assert result.items[0].blocks[0].text.startswith("Les syndicats ont obtenu une prime")
    assert all(item.kind == "headline" for item in result.items)


def test_explain_says_what_each_line_of_the_file_became() -> None:
    text = (PAGES / "lynx-article-en.txt").read_text(encoding="utf-8")
    notes = read_plain_text(text, explain=True).account.notes
    file_lines = text.split("\n")
    # Numbers are the file's own line numbers, so a user can find each line.
    assert all(" ".join(file_lines[note.number - 1].split()) == note.text for note in notes)
    verdicts = {note.text: note.verdict for note in notes}
    assert verdicts["By Maren Holt"] == "metadata: by-line or date"
    assert verdicts["Kessel bridge closed for a month after divers find cracks in two of its"] == (
        "article 1 title"
    )
    assert verdicts["river piers"] == "article 1 title"
    assert verdicts["Ferry and buses"] == "article 1 heading"
    assert verdicts["on Sunday night."] == "article 1 paragraph"
    assert verdicts["* Sport"] == "dropped: menu, link, footer"
    assert verdicts["Photo: Ilse Verhoeven / Harbour Post"].startswith("dropped")
    dropped = {note.text for note in notes if note.dropped}
    assert "(BUTTON) Comments (12)" in dropped
    assert not any("Kessel bridge, which carries" in line for line in dropped)


def test_explain_names_headlines_in_a_list() -> None:
    notes = read_plain_text("First one\n-\nSecond one\n", explain=True).account.notes
    assert [(note.number, note.verdict) for note in notes] == [
        (1, "headline 1"),
        (2, "separator"),
        (3, "headline 2"),
    ]


def test_the_importer_counts_the_lines_it_dropped(tmp_path: Path) -> None:
    document = read_document(PAGES / "lynx-article-en.txt", max_bytes=1 << 20)
    assert document.dropped_lines > 20
    listing = tmp_path / "list.txt"
    listing.write_text("One headline\nAnother headline\n", encoding="utf-8")
    assert read_document(listing, max_bytes=1 << 20).dropped_lines == 0


def test_libraries_from_before_v4_re_key_their_headlines(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        document = ParsedDocument(
            items=(ParsedItem(kind="headline", title="Olympics Ratings Plummet"),)
        )
        store_document(library, document, source_name="a", source_kind="file", origin=None)
    db = sqlite3.connect(path)
    db.execute("UPDATE items SET content_hash = 'old'")  # as v3 keyed it (casefolded)
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    with Library.open(path) as reopened:
        assert reopened.schema_version >= 4
    db = sqlite3.connect(path)
    (digest,) = db.execute("SELECT content_hash FROM items").fetchone()
    db.close()
    assert digest == headline_hash("Olympics Ratings Plummet")


def test_a_feed_dump_with_separators_and_an_embedded_article_drops_nothing() -> None:
    paragraph = (
        "Le conseil municipal a voté mardi soir un budget en hausse de quatre pour cent, porté "
        "par la rénovation des écoles et l'extension du tramway vers le nord, malgré "
        "l'opposition qui dénonce une dette trop lourde pour les années à venir et réclame un "
        "audit indépendant des comptes de la ville avant la fin du mandat en cours, sans succès."
    )
    lines = ["-", "Grève au port de Brest : les dockers reconduisent le mouvement", "-",
             "Tempête : trois départements en vigilance orange", "-",
             "Budget : la ville vote la hausse", paragraph, paragraph.replace("mardi", "lundi"),
             "Rugby : le Stade brestois l'emporte à Vannes",
             "Quimper : le festival reporté d'une semaine"]  # fmt: skip
    result = read_plain_text("\n".join(lines), explain=True)
    verdicts = [note.verdict for note in result.account.notes]
    assert verdicts.count("separator") == 3
    assert result.account.dropped == 0
    assert [item.kind for item in result.items].count("headline") == 4


def test_a_caption_with_its_photo_credit_is_left_out_a_wire_sign_off_is_not() -> None:
    from reader.ingest.pagedump import elements, layout_lines

    lines = layout_lines(
        [
            "   Le ferry à quai à Roscoff, le 2 novembre. — Anne Le Bihan / AFP",
            "",
            "   Le trafic reprendra lundi matin, a annoncé la compagnie dimanche. — AFP",
        ]
    )
    caption, paragraph = elements(lines)
    assert caption.marked and not caption.prose
    assert paragraph.prose


def test_a_markdown_bullet_is_not_part_of_the_headline() -> None:
    lines = [
        "* Port strike ends after nine days of talks",
        "• Tram line to the airport reopens on Monday",
        "+ 2 officers hurt as protest turns violent in the old town",
        "- 5 % : la baisse des ventes de fioul cet hiver",
    ]
    titles = [item.title for item in read_plain_text("\n\n".join(lines)).items]
    assert titles == [
        "Port strike ends after nine days of talks",
        "Tram line to the airport reopens on Monday",
        "+ 2 officers hurt as protest turns violent in the old town",
        "- 5 % : la baisse des ventes de fioul cet hiver",
    ]
