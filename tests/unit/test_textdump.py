"""Plain-text dump parser: headline lists, articles, embedded articles, boilerplate."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.ingest.dates import find_dates, parse_date
from reader.ingest.parsed import Block, ParsedItem
from reader.ingest.textdump import (
    clean_lines,
    derive_title,
    parse_meta_line,
    parse_text_dump,
)
from reader.text import clean, clean_multiline

DATA = Path(__file__).resolve().parent.parent / "data" / "textdump"


def load(name: str) -> list[ParsedItem]:
    return parse_text_dump((DATA / name).read_text(encoding="utf-8"))


def titles(items: list[ParsedItem], kind: str) -> list[str]:
    return [item.title for item in items if item.kind == kind]


def only_article(items: list[ParsedItem]) -> ParsedItem:
    assert [item.kind for item in items] == ["article"]
    return items[0]


def paragraphs(item: ParsedItem) -> list[str]:
    return [block.text for block in item.blocks if not block.heading]


def headings(item: ParsedItem) -> list[str]:
    return [block.text for block in item.blocks if block.heading]


# Every boilerplate line planted in a fixture: none may survive as a title or a block.
PLANTED: dict[str, list[str]] = {
    "article_paywall_fr.txt": [
        "Lisez la suite de cet article en vous abonnant",
        "S'abonner maintenant",
        "Accès illimité à tous nos articles dès 1 € par mois",
        "Des enquêtes locales chaque semaine",
        "Une newsletter du matin réservée aux abonnés",
        "Les archives du journal depuis 1950",
        "Et bien plus encore à découvrir",
        "Vous êtes déjà abonné ? Identifiez-vous",
        "publié le 03/02/2025 Par Camille Roussel",
    ],
    "article_tagline_en.txt": [
        "The Daily Example | Independent since 1900",
        "By Margaret O'Neill and Tom Baker",
        "December 4, 2024",
        "Share this article",
        "Copy link",
        "Tweet",
        "Read more:",
        "Shop owners fear for their holiday trade",
        "A short history of the city's tramway",
        "Subscribe to continue reading",
        "£1 for 4 weeks",
        "Unlimited access on all your devices",
        "Ad-free reading experience",
        "Cancel anytime",
        "Already a subscriber? Sign in",
        "Contact us",
        "Privacy policy",
        "Terms of use",
        "Back to top",
        "Cookie settings",
        "All rights reserved",
        "© 2024 The Daily Example",
    ],
    "article_tagline_fr.txt": [
        "Le Journal du Coin — l'info sans filtre",
        "Par Hélène Martin-Dubois",
        "Publié le 4 décembre 2024 à 10h30",
        "Partager",
        "Partager sur Facebook",
        "À lire aussi :",
        "Les noctambules réclament plus de bus",
        "Le budget des transports en hausse",
        "Inscrivez-vous à notre newsletter quotidienne",
        "Nous contacter",
        "Mentions légales",
        "Politique de confidentialité",
        "Plan du site",
        "Retour en haut",
    ],
    "article_de.txt": [
        "Von Anna Schmidt",
        "04.12.2024",
        "Lesen Sie auch:",
        "Was die Koalitionen im Land bedeuten",
        "Jetzt abonnieren",
        "Weiterlesen mit Abo",
        "Bereits Abonnent? Anmelden",
        "Teilen",
        "Impressum",
        "Datenschutz",
    ],
    "article_es.txt": [
        "Por Lucía Fernández",
        "4 de diciembre de 2024",
        "Suscríbete para seguir leyendo",
        "Leer más",
        "Compartir",
    ],
    "article_lowercase_headings.txt": ["Auteur : Marion Le Goff"],
    "article_iso_date_en.txt": ["2024-12-04T10:30:00Z"],
    "multi_articles.txt": ["Updated Nov. 5, 2024 10:42", "Author: Priya Raman", "4 Dec 2024"],
    "article_wrapped_en.txt": ["By Jonas Weber"],
}
FIXTURES = sorted(path.name for path in DATA.glob("*.txt"))


def all_texts(items: list[ParsedItem]) -> list[str]:
    return [item.title for item in items] + [b.text for item in items for b in item.blocks]


# --- every fixture -------------------------------------------------------------------------


def test_there_are_enough_fixtures() -> None:
    assert len(FIXTURES) >= 10
    assert set(PLANTED) <= set(FIXTURES)


@pytest.mark.parametrize("name", FIXTURES)
def test_no_planted_boilerplate_survives(name: str) -> None:
    texts = all_texts(load(name))
    for planted in PLANTED.get(name, []):
        assert planted not in texts
        if len(planted) > 15:
            assert not any(planted in text for text in texts), planted


@pytest.mark.parametrize("name", FIXTURES)
def test_items_are_clean_and_never_empty(name: str) -> None:
    for item in load(name):
        assert item.title and clean(item.title) == item.title
        assert any(char.isalnum() for char in item.title)
        assert (item.kind == "article") == bool(item.blocks)
        for block in item.blocks:
            assert block.text and clean(block.text) == block.text
            assert any(char.isalnum() for char in block.text)


# --- headline lists ------------------------------------------------------------------------


def test_headline_list_with_mixed_separators_and_bullets() -> None:
    items = load("headlines_separators.txt")
    assert {item.kind for item in items} == {"headline"}
    assert titles(items, "headline") == [
        "Marchés : le CAC 40 termine la semaine en légère hausse",
        "Abonnements : Netflix augmente ses prix en France",
        "Climat — la conférence de Belém s'ouvre sur fond de tensions",
        "Tennis : la Française Léa Perrin qualifiée pour la finale à Lyon",
        "Le gouvernement présente son budget rectificatif.",
        "Santé : faut-il s'inquiéter du retour de la coqueluche ?",
        "Rugby : le XV de France sans son capitaine face à l'Irlande",
        "Transports : la ligne de tramway prolongée jusqu'à l'aéroport",
        "Météo : un épisode de gel attendu dans le Centre-Est",
    ]


def test_single_dash_separators_and_dash_bullets() -> None:
    heads = [f"Titre numéro {n} : un événement sans importance" for n in range(1, 6)]
    text = "-\n" + "\n-\n".join(heads) + "\n-\n- Dernier titre avec un tiret en puce\n"
    items = parse_text_dump(text)
    assert titles(items, "headline") == [*heads, "Dernier titre avec un tiret en puce"]
    assert len(items) == 6


def test_headlines_that_look_like_markers_survive() -> None:
    items = load("headlines_false_friends.txt")
    assert [item.kind for item in items] == ["headline"] * 11
    assert titles(items, "headline") == [
        line for line in (DATA / "headlines_false_friends.txt").read_text().splitlines() if line
    ]


def test_teaser_buttons_between_headlines_are_dropped() -> None:
    text = (
        "Grève à la SNCF : trafic perturbé jeudi\nRead more\n"
        "Le prix du gaz baisse au premier janvier\nLire la suite\n"
        "Foot : le club change d'entraîneur\n"
    )
    assert titles(parse_text_dump(text), "headline") == [
        "Grève à la SNCF : trafic perturbé jeudi",
        "Le prix du gaz baisse au premier janvier",
        "Foot : le club change d'entraîneur",
    ]


def test_strong_tagline_above_a_headline_list_is_dropped() -> None:
    text = "Actu Express | Toutes les dépêches\nGrève : trafic perturbé\nMétéo : du gel\n"
    assert titles(parse_text_dump(text), "headline") == [
        "Grève : trafic perturbé",
        "Météo : du gel",
    ]


# --- articles ------------------------------------------------------------------------------


def test_article_with_lower_case_section_headings() -> None:
    article = only_article(load("article_lowercase_headings.txt"))
    assert (
        article.title == "Le vieux phare de la pointe retrouve sa lumière après dix ans de travaux"
    )
    assert not article.title_derived
    assert article.author == "Marion Le Goff"
    assert article.published is None
    assert headings(article) == [
        "un chantier hors norme",
        "les échafaudages face au vent",
        "la lanterne restaurée à l'identique",
        "une association tenace",
        "des dons venus de toute la France",
        "conclusion : un symbole retrouvé",
    ]
    body = paragraphs(article)
    assert len(body) == 5
    assert body[0].startswith("Le phare de la pointe, éteint depuis une tempête")
    assert body[-1].endswith("et la fierté de toute une commune.")
    # Order: a heading right after the lead, a sub-heading right before its paragraph.
    assert article.blocks[1] == Block("un chantier hors norme", heading=True)
    assert article.blocks[3].text.startswith("Il a fallu monter des échafaudages")


def test_titleless_paywalled_article_with_metadata_after_the_lead() -> None:
    article = only_article(load("article_paywall_fr.txt"))
    assert article.title_derived
    assert article.title == (
        "Les communes rurales du département ont vu leur population augmenter pour la "
        "troisième année…"
    )
    assert article.author == "Camille Roussel"
    assert article.published == datetime(2025, 2, 3)
    body = paragraphs(article)
    assert body[0].startswith("Les communes rurales du département ont vu leur population")
    assert body[-1].endswith("un plan d'investissement pour la fin de l'année.")
    assert len(body) == 4
    assert headings(article) == ["Des services publics sous pression"]


def test_english_article_with_tagline_sharing_related_paywall_and_footer() -> None:
    article = only_article(load("article_tagline_en.txt"))
    assert article.title == "City council approves new protected cycling lanes downtown"
    assert article.author == "Margaret O'Neill and Tom Baker"
    assert article.published == datetime(2024, 12, 4)
    assert headings(article) == ["What changes for drivers"]
    body = paragraphs(article)
    assert len(body) == 3
    assert body[0].startswith("The city council voted seven to two on Tuesday night")
    assert body[-1].endswith("who will keep dedicated loading bays.")


def test_french_article_with_tagline_and_title_containing_a_dash() -> None:
    article = only_article(load("article_tagline_fr.txt"))
    assert article.title == "Métropole — le tramway de nuit fait ses débuts"
    assert article.author == "Hélène Martin-Dubois"
    assert article.published == datetime(2024, 12, 4, 10, 30)
    assert headings(article) == []
    body = paragraphs(article)
    assert len(body) == 2
    assert body[0].startswith("Depuis vendredi, trois lignes de tramway")
    assert body[-1].endswith("ou étendu à d'autres lignes du réseau.")


def test_title_with_dash_at_file_start_is_kept_without_tagline() -> None:
    text = (
        "Climat — la conférence s'ouvre à Belém\nPar Jean Morel\n\n" + "Les délégations " * 15 + "."
    )
    article = only_article(parse_text_dump(text))
    assert article.title == "Climat — la conférence s'ouvre à Belém"
    assert article.author == "Jean Morel"


def test_titleless_article_with_iso_timestamp_first() -> None:
    article = only_article(load("article_iso_date_en.txt"))
    assert article.title_derived
    assert article.title == (
        "The small island of Farrowby voted on Sunday to ban private cars from its only road, "
        "a decision…"
    )
    assert article.published == datetime(2024, 12, 4, 10, 30, tzinfo=UTC)
    body = paragraphs(article)
    assert len(body) == 3
    assert body[-1].endswith("for anyone over seventy.")


def test_german_and_spanish_articles() -> None:
    german = only_article(load("article_de.txt"))
    assert german.title == "Wahl in Niedersachsen: knappes Ergebnis erwartet"
    assert german.author == "Anna Schmidt"
    assert german.published == datetime(2024, 12, 4)
    assert len(german.blocks) == 1
    spanish = only_article(load("article_es.txt"))
    assert spanish.title == "Elecciones municipales: participación récord en Valencia"
    assert spanish.author == "Lucía Fernández"
    assert spanish.published == datetime(2024, 12, 4)
    assert len(spanish.blocks) == 1


def test_hard_wrapped_paragraphs_are_joined() -> None:
    article = only_article(load("article_wrapped_en.txt"))
    assert article.title == "Night trains make a comeback across Europe"
    assert article.author == "Jonas Weber"
    body = paragraphs(article)
    assert len(body) == 2
    assert body[0].startswith(
        "Night trains, long written off as slow and old-fashioned, are drawing"
    )
    assert body[0].endswith("weeks in advance during the holidays.")
    assert body[1].endswith("which makes long routes hard to price fairly.")


def test_read_more_inside_a_paragraph_stays() -> None:
    items = load("multi_articles.txt")
    first = items[0]
    assert first.blocks[-1].text.endswith("can read more about the method in the published paper.")


# --- embedded articles and several items ----------------------------------------------------


def test_article_embedded_in_a_headline_list() -> None:
    items = load("headlines_embedded_article.txt")
    assert [item.kind for item in items] == ["headline"] * 4 + ["article"] + ["headline"] * 3
    article = items[4]
    assert article.title == "Marées vertes, le littoral breton à bout de souffle"
    assert headings(article) == ["Des éleveurs sur la défensive"]
    body = paragraphs(article)
    assert len(body) == 3
    assert body[0].startswith("Les algues vertes ont de nouveau envahi")
    assert body[-1].endswith("à la faible pluviométrie du printemps.")
    assert titles(items, "headline")[3] == (
        "Justice : ouverture du procès des fraudes aux aides agricoles"
    )
    assert titles(items, "headline")[4:] == [
        "Football : le derby reporté en raison des intempéries",
        "Cinéma : un film d'animation français primé à Annecy",
        "Économie : les prix de l'immobilier reculent pour la première fois depuis dix ans",
    ]


def test_articles_and_headlines_split_by_separators() -> None:
    items = load("multi_articles.txt")
    assert [item.kind for item in items] == ["article", "article", "headline", "headline"]
    tech, market = items[0], items[1]
    assert tech.title == "Tech firms race to build smaller language models"
    assert tech.author == "Priya Raman"
    assert tech.published == datetime(2024, 11, 5, 10, 42)
    assert market.title == "Le marché de Noël s'installe place de la Mairie"
    assert market.published == datetime(2024, 12, 4)
    # A one-line closing sentence stays in its article.
    assert market.blocks[-1] == Block("Affaire à suivre.")
    assert titles(items, "headline") == [
        "Ports : le trafic de conteneurs au plus haut depuis cinq ans",
        "Aéroports : grève des contrôleurs annoncée pour lundi",
    ]


LONG_FR = (
    "Les habitants du quartier se sont réunis mardi soir pour discuter du projet, et la "
    "discussion a duré plus de trois heures sans qu'aucun accord ne soit trouvé entre les parties."
)
LONG_EN = (
    "Residents met on Tuesday evening to discuss the plan, and the meeting went on for more "
    "than three hours without any agreement being reached between the two sides of the debate."
)


def test_headline_run_inside_an_article_starts_a_new_article() -> None:
    text = "\n".join(
        [
            "Premier titre de l'article",
            LONG_FR,
            "Grève : les transports perturbés",
            "Météo : retour du soleil",
            "Second article sur le marché couvert",
            LONG_FR,
        ]
    )
    items = parse_text_dump(text)
    assert [item.kind for item in items] == ["article", "headline", "headline", "article"]
    assert items[3].title == "Second article sur le marché couvert"


def test_title_followed_by_byline_mid_file_starts_a_new_article() -> None:
    text = "\n".join(["First story", LONG_EN, "Second story", "By Ann Lee", LONG_EN])
    items = parse_text_dump(text)
    assert [(item.kind, item.title, item.author) for item in items] == [
        ("article", "First story", None),
        ("article", "Second story", "Ann Lee"),
    ]


def test_wide_blank_gap_starts_a_new_article_but_not_a_heading() -> None:
    text = f"Premier article\n\n{LONG_FR}\n\nUn intertitre\n\n{LONG_FR}\n\n\nSecond article\n\n{LONG_FR}"
    items = parse_text_dump(text)
    assert [item.title for item in items] == ["Premier article", "Second article"]
    assert headings(items[0]) == ["Un intertitre"]


def test_list_introduced_by_a_colon_stays_in_the_article() -> None:
    text = "\n".join(
        [
            "Le budget adopté",
            LONG_FR,
            "Les principales mesures :",
            "- une baisse de la taxe foncière",
            "- deux écoles rénovées",
            "- un nouveau parc au nord",
        ]
    )
    article = only_article(parse_text_dump(text))
    assert [block.text for block in article.blocks[1:]] == [
        "Les principales mesures :",
        "- une baisse de la taxe foncière",
        "- deux écoles rénovées",
        "- un nouveau parc au nord",
    ]


def test_repeated_tagline_is_dropped_everywhere() -> None:
    tagline = "Le Journal du Coin — l'info sans filtre"
    text = "\n".join(
        [tagline, "Premier titre", "Par Jean Morel", LONG_FR, "***", tagline, "Un autre titre"]
    )
    assert tagline not in all_texts(parse_text_dump(text))


# --- boilerplate in context ----------------------------------------------------------------


def test_paragraph_long_paywall_blurb_and_cookie_banner_are_dropped() -> None:
    blurb = (
        "Cet article est réservé aux abonnés. Abonnez-vous pour lire la suite et accéder à "
        "toutes nos enquêtes."
    )
    cookies = (
        "Nous utilisons des cookies pour améliorer votre expérience, mesurer l'audience et vous "
        "proposer des contenus adaptés. Vous pouvez modifier vos choix à tout moment depuis la "
        "page dédiée."
    )
    items = parse_text_dump("\n".join(["Le titre", LONG_FR, blurb, cookies]))
    assert paragraphs(only_article(items)) == [LONG_FR]


def test_footer_menu_of_tiny_links_is_dropped() -> None:
    text = "\n".join(
        ["Le titre", LONG_FR, "", "À propos", "Équipe", "Carrières", "Mentions légales"]
    )
    assert all_texts(parse_text_dump(text)) == ["Le titre", LONG_FR]


def test_offer_perks_end_at_the_next_title() -> None:
    text = "\n".join(
        [
            "Un titre",
            LONG_FR,
            "Abonnez-vous",
            "£1 for 4 weeks",
            "Unlimited access",
            "Next title",
            LONG_EN,
        ]
    )
    items = parse_text_dump(text)
    assert [item.title for item in items] == ["Un titre", "Next title"]
    assert paragraphs(items[1]) == [LONG_EN]


# --- degenerate inputs ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "   \n\t\n", "-\n*\n—\n\n•\n===\n---\n", "🙂\n· · ·"])
def test_empty_or_separator_only_input_gives_nothing(text: str) -> None:
    assert parse_text_dump(text) == []


def test_separator_only_fixture_gives_nothing() -> None:
    assert load("only_separators.txt") == []


def test_one_line_file_is_one_headline() -> None:
    assert parse_text_dump("Un seul titre ici") == [
        ParsedItem(kind="headline", title="Un seul titre ici")
    ]


def test_one_long_line_is_an_article_with_a_derived_title() -> None:
    article = only_article(parse_text_dump(LONG_EN))
    assert article.title_derived
    assert article.title.endswith("…") and len(article.title) <= 100
    assert paragraphs(article) == [LONG_EN]


def test_control_characters_crlf_and_odd_spaces_are_cleaned() -> None:
    text = "\ufeffTitre\x1b[31m  rouge\u00a0vif\r\n\r\n\x00Deuxième\ttitre\r\n"
    assert titles(parse_text_dump(text), "headline") == ["Titre rouge vif", "Deuxième titre"]


def test_clean_lines_matches_clean_multiline() -> None:
    samples = [
        "a\u00a0b\r\nc\u2028d\u2029e",
        "e\u200e\u0301 x\x1b[1mgras\x1b[0m",
        "\ttab\t\tlines  \n\x85next\x0cpage\u3000wide",
        "\x1b]0;titre\x07fin\u202eok",
    ]
    for sample in samples:
        lines = clean_lines(sample)
        assert [clean(line) for line in clean_multiline(sample).split("\n")] == lines
        assert all(clean(line) == line for line in lines)


# --- metadata, dates, derived titles --------------------------------------------------------


def test_combined_date_and_author_line() -> None:
    meta = parse_meta_line("publié le 11/11/2024 Par Jordan Vidal")
    assert meta is not None
    assert (meta.author, meta.published) == ("Jordan Vidal", datetime(2024, 11, 11))


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Auteur: Jean Dupont", "Jean Dupont"),
        ("Auteur : Jean Dupont", "Jean Dupont"),
        ("Par Jean Dupont", "Jean Dupont"),
        ("By Jane Doe | December 4, 2024", "Jane Doe"),
        ("Author: Jane Doe", "Jane Doe"),
        ("Von Anna Schmidt", "Anna Schmidt"),
        ("Por Lucía Fernández", "Lucía Fernández"),
        ("Par Jean de La Rivière, envoyé spécial à Kiev", "Jean de La Rivière"),
    ],
)
def test_author_lines(line: str, author: str) -> None:
    meta = parse_meta_line(line)
    assert meta is not None and meta.author == author


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, la grève continue",
        "By the numbers: a year of record heat",
        "Von der Leyen veut accélérer",
        "4 décembre 2024 : une journée de mobilisation",
        "Le gouvernement annonce un plan pour 2025",
    ],
)
def test_lines_that_are_not_metadata(line: str) -> None:
    assert parse_meta_line(line) is None


def test_update_date_is_only_a_fallback() -> None:
    meta = parse_meta_line("Publié le 4 décembre 2024 à 10h30, mis à jour le 5 décembre 2024 à 8h")
    assert meta is not None
    assert meta.published == datetime(2024, 12, 4, 10, 30)
    assert meta.updated == datetime(2024, 12, 5, 8, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("publié le 11/11/2024", datetime(2024, 11, 11)),
        ("05/04/2024", datetime(2024, 4, 5)),  # day first
        ("12/25/2024", datetime(2024, 12, 25)),  # 25 cannot be a month
        ("04.12.24", datetime(2024, 12, 4)),
        ("Publié le 4 décembre 2024 à 10h30", datetime(2024, 12, 4, 10, 30)),
        ("1er mars 2024", datetime(2024, 3, 1)),
        ("2024-12-04", datetime(2024, 12, 4)),
        ("2024-12-04T10:30:00+01:00", datetime.fromisoformat("2024-12-04T10:30:00+01:00")),
        ("December 4, 2024", datetime(2024, 12, 4)),
        ("4 Dec 2024", datetime(2024, 12, 4)),
        ("Updated Nov. 5, 2024 10:42", datetime(2024, 11, 5, 10, 42)),
        ("Dec. 4, 2024 at 9:05 pm", datetime(2024, 12, 4, 21, 5)),
        ("4. Dezember 2024", datetime(2024, 12, 4)),
        ("4 de diciembre de 2024", datetime(2024, 12, 4)),
    ],
)
def test_dates(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "le 4 décembre", "JO-2026", "13 % en 2024"])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_derived_title_is_the_first_sentence_when_short() -> None:
    assert derive_title("M. Dupont a parlé mardi. Puis il est parti.") == "M. Dupont a parlé mardi"
    assert derive_title("Qui paiera la facture ? Personne ne le sait.") == "Qui paiera la facture ?"


def test_derived_title_is_cut_at_a_word_boundary() -> None:
    title = derive_title(LONG_FR)
    assert title.endswith("…") and len(title) <= 100
    stem = title[:-1]
    assert LONG_FR.startswith(stem)
    assert LONG_FR[len(stem)] in " ,"
    assert not stem.endswith((" et", " de", " la"))


# --- size -----------------------------------------------------------------------------------


def test_large_pathological_inputs_stay_linear() -> None:
    # Shapes that would cost n² with a naive look-ahead: one huge run of short lines inside
    # an article, and a huge list after a price offer.
    heads = [f"Titre {n} : une nouvelle sans importance" for n in range(30_000)]
    run_inside = "\n".join(["Titre", LONG_FR, *heads, LONG_FR])
    after_offer = "\n".join(["Abonnez-vous", "Accès illimité dès 1 € par mois", *heads])
    started = time.perf_counter()
    inside = parse_text_dump(run_inside)
    parse_text_dump(after_offer)
    assert time.perf_counter() - started < 20
    assert len(inside) == 30_000 + 1
