"""Plain-text dump parser: headline lists, articles, embedded articles, boilerplate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from reader.ingest import boilerplate
from reader.ingest.dates import find_dates, parse_date
from reader.ingest.decode import decode_bytes
from reader.ingest.reading import parse_bytes
from reader.ingest.textdump import clean_lines, parse_meta_line, parse_text_dump
from reader.ingest.titles import derive_title
from reader.model import Block, ParsedItem
from reader.text.clean import clean, clean_multiline

DATA = Path(__file__).resolve().parent.parent / "data" / "textdump"
SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def load(name: str) -> list[ParsedItem]:
    # Decoded as an import decodes it: one fixture is cp1252 with CRLF line ends.
    return parse_text_dump(decode_bytes((DATA / name).read_bytes()))


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
    "article_standfirst_paywall_en.txt": [
        "By Nora Pennant",
        "Subscribe to continue reading",
        "You have reached your limit of free stories for this month.",
        "Good journalism depends on readers like you.",
        "£2 for your first month, then £8.50 a month. Cancel anytime.",
        "Unlimited access on every device",
        "Match reports and tactical analysis",
        "Fewer adverts",
        "Subscribe now",
        "Already a subscriber? Sign in",
    ],
    "article_paywall_ellipsis_fr.txt": [
        "Auteur: Gaëlle Fournier",
        "Cet article est réservé aux abonnés. Il vous reste 55 % à lire.",
        "Lisez la suite…",
        "S'abonner",
        "Abonnez-vous dès 1 € le premier mois, puis 8,99 €/mois",
        "Toutes nos enquêtes régionales",
        "La lettre de l'économie chaque lundi",
        "Un accès sur tous vos écrans",
        "Déjà abonné ? Connectez-vous",
    ],
    "article_caps_tagline_en.txt": [
        "THE NORTHERN LEDGER · Science, money, weather",
        "Filed under: Climate, Alps, Research",
        "Share this story | Back to top",
    ],
    "article_bar_tagline_fr.txt": [
        "Vélo Matin | Le cyclisme, chaque jour",
        "Lire aussi :",
        "Paris-Nice : le profil des trois dernières étapes",
        "Cyclisme : les équipes françaises en quête de victoires",
        "Partager sur Facebook · Partager sur X · Envoyer par e-mail",
        "Retour en haut",
    ],
    "article_wire_credit_en.txt": [
        "Reporting by Ruth Okonkwo; additional reporting by Pieter de Wit in Eindhoven; "
        "editing by Sam Hollis",
        "© 2025 Northwire. All rights reserved.",
    ],
    "article_cut_by_paywall_en.txt": [
        "THE QUIET ATLAS — maps, travel and the people behind both",
        "Published 6 May 2025",
        "Subscribe to keep reading",
        "This story is for subscribers. Join now for unlimited access to our maps, essays and "
        "weekly travel letter.",
        "£1 for your first month",
        "Subscribe",
        "Already a subscriber? Log in",
    ],
    "headlines_with_header.txt": ["REVUE DU WEB — semaine du 3 au 9 mars 2025"],
    # Page copies: navigation, section labels, by-lines in many shapes, sharing buttons.
    "article_page_copy_fr.txt": [
        "messagerdusoir.fr",
        "International",
        "Par Jean Dupont (Kiev, envoyé spécial)",
        "Publié le 12 mars 2025 à 10h00, modifié à 12h30",
        "Temps de Lecture 3 min.",
        "Article réservé aux abonnés",
        "Offrir l’article",
        "Lire plus tard",
        "Partager",
        "Il vous reste 75.2% de cet article à lire. La suite est réservée aux abonnés.",
        "Déjà abonné ? Se connecter",
        "Découvrir les offres",
    ],
    "article_page_copy_en.txt": [
        "Skip to main content",
        "Sustainability",
        "Europe",
        "March 12, 2025 10:05 AM GMT+1 Updated 2 hours ago",
        "Reporting by Jane Roe in Kyiv and John Doe in London; Editing by Alex Smith",
        "Our Standards: The Northwire Trust Principles.",
        "Suggested Topics:",
        "Ukraine",
        "Linkedin",
        "Link",
        "Purchase Licensing Rights",
    ],
    "article_newsletter_box_en.txt": [
        "Glaciers",
        "Jane Roe Environment correspondent",
        "Tue 1 Oct 2024 06.00 BST",
        "Share",
        "The Rhône glacier in August. Photograph: John Doe/Getty Images",
        "Sign up to Cold Facts",
        "Free weekly newsletter",
        "The stories that shape the planet, every Thursday. The week in climate and nature, in "
        "one short read",
        "Privacy Notice: Newsletters may mention charities, adverts and partner content. Read "
        "our policy for details.",
        "after newsletter promotion",
        "Explore more on these topics",
        "Climate crisis",
        "news",
        "Reuse this content",
    ],
    "article_page_copy_de.txt": [
        "Startseite",
        "Wissenschaft",
        "Klimawandel",
        "Artikel merken",
        "Zur Merkliste hinzufügen",
        "Artikel teilen",
        "Dieser Artikel ist nur für Abonnenten. Jetzt weiterlesen mit NORDBLATT+",
        "Jetzt für 1 € testen",
        "Bereits Abonnent? Hier anmelden",
    ],
    "article_page_copy_es.txt": [
        "Clima",
        "Lucía Fernández",
        "Madrid - 01 oct 2024 - 06:00 CEST",
        "Compartir en Whatsapp",
        "Copiar enlace",
        "Ir a los comentarios",
        "Este contenido es exclusivo para suscriptores",
        "Suscríbete para seguir leyendo",
        "Lee sin límites",
        "¿Ya eres suscriptor? Inicia sesión",
    ],
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
        # Articles have a body; a headline has none, or its teaser as its one block.
        assert bool(item.blocks) if item.kind == "article" else len(item.blocks) <= 1
        for block in item.blocks:
            assert block.text and clean(block.text) == block.text
            assert any(char.isalnum() for char in block.text)


def test_an_article_ending_on_a_heading_and_one_sentence_paragraphs() -> None:
    article = only_article(load("article_short_closing_paragraphs_en.txt"))
    assert article.title == "Dutch farmers block motorways as nitrogen row deepens"
    assert article.author == "Hanna de Vries"
    assert article.published == datetime(2026, 3, 14, 9, 42, tzinfo=UTC)
    assert paragraphs(article)[0].startswith("Thousands of farmers drove tractors")
    assert headings(article) == ["What the government wants"]
    assert [(block.heading, block.text[:24]) for block in article.blocks[-3:]] == [
        (True, "What the government want"),
        (False, "The coalition says the c"),
        (False, "Ministers have offered b"),
    ]
    texts = all_texts([article])
    for furniture in ("World | Europe", "Share", "Save", "Advertisement", "Related Topics",
                      "Netherlands", "Farming", "More on this story", "Top stories",
                      "Back to top", "Dutch coalition wobbles over farm plan"):  # fmt: skip
        assert furniture not in texts


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


def test_list_numbers_and_clock_times_are_not_part_of_headlines() -> None:
    items = load("headlines_numbered_and_timed_fr.txt")
    assert {item.kind for item in items} == {"headline"}
    assert titles(items, "headline") == [
        "Le fil de la matinée",
        "Grève SNCF : le trafic toujours perturbé ce jeudi",
        "Météo : alerte orages sur le Sud-Ouest",
        "Bourse : le CAC 40 ouvre en petite hausse",
        "Santé : la campagne de vaccination prolongée",
        "Ligue 1 : le PSG s'impose à Lens (2-1)",
        "Budget 2027 : le gouvernement présente ses arbitrages",
        "Budget 2027 : le gouvernement présente ses arbitrages",
        "Incendie à Marseille : trois blessés dans un immeuble",
        "Justice : l'ancien maire de Dax condamné",
        "Tennis : Mpetshi Perricard qualifié à Miami",
        # A year, a time with a colon, a number and a duration are the headline's own words.
        "2026 : l'année de tous les records pour l'éolien en mer",
        "20h : le journal télévisé avancé pour le match des Bleus",
        "3,5 millions de voyageurs attendus ce week-end",
        "3h de débat à l'Assemblée sur le budget",
    ]


def test_headlines_with_teasers_keep_them_as_their_one_block() -> None:
    items = load("headlines_with_teasers_en.txt")
    assert [(item.kind, item.title, [block.text for block in item.blocks]) for item in items] == [
        ("headline", "Bank of England holds rates at 4%",
         ["The decision was widely expected by markets."]),
        ("headline", "Wildfire forces evacuation of Greek island village",
         ["Firefighters battled the blaze through the night on Evia."]),
        ("headline", "Airline strike grounds hundreds of flights in Italy",
         ["Passengers faced long queues at Rome and Milan airports on Friday morning as"
          " unions walked out."]),
        ("headline", "Scientists map the deepest cave in Europe",
         ["A team of speleologists spent 40 days underground in Georgia."]),
    ]  # fmt: skip
    # One headline ending in a full stop under another is two headlines.
    single = parse_text_dump(
        "Rugby : le XV de France sans son capitaine\n"
        "Le gouvernement présente son budget rectificatif ce matin.\n\n"
        "Météo : un épisode de gel attendu\n"
    )
    assert [(item.title, item.blocks) for item in single] == [
        ("Rugby : le XV de France sans son capitaine", ()),
        ("Le gouvernement présente son budget rectificatif ce matin.", ()),
        ("Météo : un épisode de gel attendu", ()),
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


# --- paywall blocks ------------------------------------------------------------------------


def test_paywall_block_goes_whole_and_title_keeps_its_standfirst() -> None:
    article = only_article(load("article_standfirst_paywall_en.txt"))
    assert article.title == "Late penalty hands Wales narrow win over Italy in Cardiff"
    assert not article.title_derived
    assert (article.author, article.published) == ("Nora Pennant", datetime(2025, 3, 8))
    assert article.blocks[0] == Block("Wales 19 Italy 17")
    assert headings(article) == ["How the comeback unfolded"]
    body = paragraphs(article)
    assert len(body) == 5
    assert body[1].startswith("Owen Rhys-Jenkins struck a penalty")
    assert body[-1].endswith('at the end of every training session for a month."')


def test_paywall_markers_with_an_ellipsis_leave_nothing_behind() -> None:
    article = only_article(load("article_paywall_ellipsis_fr.txt"))
    assert article.title.startswith("Logistique : Transmanche ferme son entrepôt")
    assert (article.author, article.published) == ("Gaëlle Fournier", datetime(2025, 2, 14))
    assert headings(article) == ["les raisons d'une fermeture", "le reclassement en question"]
    body = paragraphs(article)
    assert len(body) == 4
    assert body[-1].endswith("Une première réunion de négociation est prévue jeudi.")


PAYWALL_LINES = [
    "You've reached your limit of free articles this month.",
    "You have used all your free articles for this month",
    "This article is for subscribers.",
    "This story is available exclusively to subscribers",
    "Cet article est réservé aux abonnés.",
    "Réservé aux abonnés",
    "Il vous reste 73 % de l'article à lire",
    "Il vous reste 40% à découvrir.",
    "Pour lire la suite, abonnez-vous",
    "La suite est réservée aux abonnés",
    "Exclusivité abonnés",
    "Article réservé",
    "Nur für Abonnenten",
    "Dieser Artikel ist nur für Abonnenten",
    "Contenido exclusivo para suscriptores",
    "Para seguir leyendo, suscríbete",
]
ENDINGS = ["", "…", "...", " :", " !", " ›", " →"]


@pytest.mark.parametrize("line", PAYWALL_LINES)
@pytest.mark.parametrize("ending", ENDINGS)
def test_paywall_markers_tolerate_trailing_punctuation(line: str, ending: str) -> None:
    assert boilerplate.classify(line.rstrip(".") + ending) is boilerplate.Boiler.PAYWALL


@pytest.mark.parametrize("ending", ENDINGS)
def test_bare_read_on_buttons_are_dropped(ending: str) -> None:
    for button in ("Lisez la suite", "Lire la suite", "Read more"):
        assert boilerplate.classify(button + ending) is not None


@pytest.mark.parametrize("line", PAYWALL_LINES)
def test_paywall_lines_never_end_an_article(line: str) -> None:
    text = "\n".join(["Le titre", LONG_FR, "", line, "Profitez de l'offre de bienvenue."])
    assert all_texts(parse_text_dump(text)) == ["Le titre", LONG_FR]


@pytest.mark.parametrize(
    "headline",
    [
        "Article 49.3 : le gouvernement engage sa responsabilité",
        "Exclusivité : le rapport qui accuse la mairie",
        "Nur für Mitglieder? Der Verein streitet",
        "Il vous reste trois jours pour voter",
        "Pour lire la presse, il faut du temps",
        "You have been warned: the storm is coming",
        "With AFP cuts, the regional bureaus close",
        "Reporting by the BBC shows the ministers knew",
        "Tags et graffitis : la ville sévit",
        "Grève | les trains à l'arrêt",
        "Partager les richesses : le débat revient",
        "Vous avez aimé la série ? La saison 2 arrive",
        "Did you know the Eiffel Tower grows in summer",
        "Found: the missing Vermeer",
        "Enjoyed by millions, the show returns",
        "Top chefs open a school in Lyon",
        "Latest polls put the mayor ahead",
        "À la recherche du navire perdu",
        "Comments on the budget reveal deep splits",
        "Live music returns to the Olympia",
        "Close call for Brest in the derby",
        "Follow the money: how the deal was done",
        "Story of a forgotten village",
        "Image of a nation: the exhibition opens",
        "Next year the tram reaches the airport",
        "Breaking the glass ceiling at the Élysée",
        "Trending: why everyone is talking about sourdough",
        "Toute la vérité sur le scandale",
        "Suivre le Tour de France en direct",
        "Fermer les frontières ? Le débat revient",
        "En direct de Kiev, notre envoyé spécial raconte",
        "Tendances de la mode à Paris",
        "Sponsored by the state, a new museum",
        "Powered by wind, a ferry crosses the Channel",
        "Continuer à lire malgré tout : le défi des bibliothèques",
        "Suite de la grève : les syndicats maintiennent la pression",
        "Most viewed film of the year breaks records",
        "Image source of the dispute: the mayor",
    ],
)
def test_headlines_near_new_markers_survive(headline: str) -> None:
    assert boilerplate.classify(headline) is None
    assert titles(parse_text_dump(f"{headline}\nMétéo : du gel\n"), "headline")[0] == headline


@pytest.mark.parametrize(
    "line",
    [
        "Vous avez aimé cet article ? Partagez-le !",
        "Did you enjoy this article? Share it with a friend",
        "Enjoyed this story? Sign up for our newsletter",
        "Partagez-le !",
        "Top stories",
        "Latest news",
        "À la une",
        "Comments (14)",
        "Commentaires (3)",
        "Story continues below advertisement",
        "Suite de l'article après la publicité",
        "Image caption, Firefighters at the scene",
        "Close",
        "Fermer",
        "Follow",
        "Ajouter aux favoris",
        "Voir toute l'actu",
        "Next article",
        "Article suivant",
        "Most viewed",
        "Trending",
        "Read next",
        "Continuer la lecture",
        "Sponsored content",
        "Contenus sponsorisés",
        "Recommended by Outbrain",
        "Breaking News",
        "Live",
        "EN DIRECT",
    ],
)
def test_sharing_prompts_and_page_sections_are_boilerplate(line: str) -> None:
    assert boilerplate.classify(line) is not None


def test_sentence_under_a_paywall_marker_goes_but_a_headline_stays() -> None:
    # Right under a marker, a sentence is paywall text; a headline-shaped line between two
    # teaser buttons is a headline.
    text = "\n".join(
        [
            "Le titre",
            LONG_FR,
            "Continue reading",
            "Our newsroom is funded by its readers.",
            "Subscribe",
            "",
            "Un tout autre sujet",
            "Continue reading",
            "Encore un autre titre",
            "Continue reading",
        ]
    )
    items = parse_text_dump(text)
    assert [(item.kind, item.title) for item in items] == [
        ("article", "Le titre"),
        ("headline", "Un tout autre sujet"),
        ("headline", "Encore un autre titre"),
    ]
    assert items[0].blocks == (Block(LONG_FR),)


# --- taglines and headers -------------------------------------------------------------------


def test_tagline_with_a_middle_dot_and_capitals_filed_under_and_share_bar() -> None:
    article = only_article(load("article_caps_tagline_en.txt"))
    assert article.title == "Glacier survey finds Alpine ice thinning faster than forecast"
    assert (article.author, article.published) == ("Tomas Lindgren", datetime(2025, 6, 2))
    assert headings(article) == ["What the drills found"]
    assert len(paragraphs(article)) == 4
    assert paragraphs(article)[-1].endswith("according to the regional tourism office.")


def test_tagline_with_a_bar_closing_sentence_related_links_and_share_line() -> None:
    article = only_article(load("article_bar_tagline_fr.txt"))
    assert article.title == "Paris-Nice : Léon Marchal s'impose au sommet de la Loge des Gardes"
    assert (article.author, article.published) == ("Inès Carrel", datetime(2025, 3, 12))
    assert headings(article) == ["Une attaque à six kilomètres du but"]
    assert article.blocks[-1] == Block(
        "Selon la coutume, le vainqueur de l'étape a offert son bouquet à la plus jeune "
        "spectatrice présente sur la ligne."
    )
    assert len(paragraphs(article)) == 5


@pytest.mark.parametrize(
    "tagline",
    [
        "THE NORTHERN LEDGER · Science, money, weather",
        "THE QUIET ATLAS — maps, travel and the people behind both",
        "Vélo Matin | Le cyclisme, chaque jour",
        "Le Petit Riverain - l'info du canal",
        "montagne-actu.fr",
        "CHRONIQUES ALPINES",
    ],
)
def test_first_line_above_title_and_byline_is_a_tagline(tagline: str) -> None:
    text = "\n".join([tagline, "Un refuge rouvre au col de la Croix", "Par Jean Morel", LONG_FR])
    article = only_article(parse_text_dump(text))
    assert article.title == "Un refuge rouvre au col de la Croix"
    assert article.blocks == (Block(LONG_FR),)


def test_first_headline_of_a_dump_is_not_a_tagline() -> None:
    heads = [
        "Tempête : trois morts en Bretagne",
        "Grève | trafic perturbé sur la ligne B",
        "Médecine — un nouveau traitement contre la migraine",
    ]
    for first in heads:
        text = "\n".join([first, "Météo : du gel attendu", "Sport : le derby reporté"])
        assert titles(parse_text_dump(text), "headline")[0] == first


def test_header_above_a_separated_headline_list_is_dropped() -> None:
    items = load("headlines_with_header.txt")
    assert {item.kind for item in items} == {"headline"}
    assert len(items) == 5
    assert items[0].title == "Inondations : deux morts dans le Gard, trois départements en alerte"


def test_header_alone_is_still_a_headline() -> None:
    text = "REVUE DU WEB — semaine du 3 au 9 mars 2025\n—\n"
    assert titles(parse_text_dump(text), "headline") == [
        "REVUE DU WEB — semaine du 3 au 9 mars 2025"
    ]


# --- title and standfirst -------------------------------------------------------------------


def test_title_with_a_dash_above_a_standfirst_is_the_title() -> None:
    text = "\n".join(
        [
            "Climat — la conférence de Belém s'ouvre sous tension",
            "Les délégations arrivent divisées sur le financement",
            "Par Jean Morel",
            LONG_FR,
        ]
    )
    article = only_article(parse_text_dump(text))
    assert article.title == "Climat — la conférence de Belém s'ouvre sous tension"
    assert article.blocks == (
        Block("Les délégations arrivent divisées sur le financement"),
        Block(LONG_FR),
    )
    assert article.author == "Jean Morel"


def test_standfirst_without_a_byline() -> None:
    text = "\n".join(["Late try sinks the league leaders", "Harlow 21 Dunmore 18", LONG_EN])
    article = only_article(parse_text_dump(text))
    assert article.title == "Late try sinks the league leaders"
    assert article.blocks == (Block("Harlow 21 Dunmore 18"), Block(LONG_EN))


def test_tagline_then_title_then_standfirst() -> None:
    text = "\n".join(
        [
            "Vélo Matin | Le cyclisme, chaque jour",
            "Paris-Nice : Marchal en jaune",
            "Le grimpeur prend la tête au sommet",
            "Par Inès Carrel",
            LONG_FR,
        ]
    )
    article = only_article(parse_text_dump(text))
    assert article.title == "Paris-Nice : Marchal en jaune"
    assert article.blocks[0] == Block("Le grimpeur prend la tête au sommet")


def test_three_short_lines_at_the_top_are_headlines_then_a_title() -> None:
    text = "\n".join(
        [
            "Grève : trafic perturbé jeudi",
            "Météo : du gel attendu",
            "Le marché couvert rouvre ses portes",
            "Par Jean Morel",
            LONG_FR,
        ]
    )
    items = parse_text_dump(text)
    assert [(item.kind, item.title) for item in items] == [
        ("headline", "Grève : trafic perturbé jeudi"),
        ("headline", "Météo : du gel attendu"),
        ("article", "Le marché couvert rouvre ses portes"),
    ]
    assert items[2].blocks == (Block(LONG_FR),)


def test_two_short_lines_after_a_separator_keep_the_headline_rule() -> None:
    text = "\n".join(["Grève : trafic perturbé jeudi", "-", "Météo : du gel", "Le titre", LONG_FR])
    items = parse_text_dump(text)
    assert [(item.kind, item.title) for item in items] == [
        ("headline", "Grève : trafic perturbé jeudi"),
        ("headline", "Météo : du gel"),
        ("article", "Le titre"),
    ]


def test_section_label_above_the_title_is_dropped() -> None:
    text = "\n".join(
        ["Politique", "Le conseil municipal adopte son budget", "Par Ana Ruiz", LONG_FR]
    )
    article = only_article(parse_text_dump(text))
    assert article.title == "Le conseil municipal adopte son budget"
    assert article.blocks == (Block(LONG_FR),)
    title = "Le conseil municipal adopte son budget"
    text = "\n".join(["Politique", title, "Une séance de six heures", "Par Ana Ruiz", LONG_FR])
    article = only_article(parse_text_dump(text))
    assert article.title == title
    assert article.blocks == (Block("Une séance de six heures"), Block(LONG_FR))


# --- sharing, tag and credit lines ------------------------------------------------------------

SHARE_AND_TAG_LINES = [
    "Partager sur Facebook · Partager sur X · Envoyer par e-mail",
    "Share this article | Back to top",
    "Imprimer / Partager / Commenter",
    "Facebook - Twitter - Email",
    "Teilen • Drucken • Kommentare",
    "Compartir | Imprimir",
    "Suivez-nous : Facebook | Instagram",
    "Filed under: Climate, Alps, Research",
    "Tags : budget, mairie, impôts",
    "Mots-clés : vélo, Paris-Nice",
    "Catégories : Économie, Région",
    "Topics: Weather, Science",
    "Schlagwörter: Klima, Alpen",
    "Etiquetas: ciclismo, montaña",
]
CREDIT_LINES = [
    "Reporting by Ruth Okonkwo; editing by Sam Hollis",
    "(Reporting by Ana Ruiz in Madrid; Writing by Tom Baker; Editing by Lena Vogt)",
    "Writing by Tom Baker",
    "Editing by Lena Vogt",
    "With AFP",
    "Avec AFP",
    "(Avec AFP)",
    "(avec AFP et Reuters)",
    "Édité par Jeanne Roux",
    "Le Quotidien du Nord avec AFP",
]


@pytest.mark.parametrize("line", SHARE_AND_TAG_LINES + CREDIT_LINES)
def test_sharing_tag_and_credit_lines_are_dropped(line: str) -> None:
    items = parse_text_dump("\n".join(["Le titre", LONG_FR, "", line, "Retour en haut"]))
    assert all_texts(items) == ["Le titre", LONG_FR]
    items = parse_text_dump("\n".join(["Le titre", LONG_FR, line, LONG_FR]))
    assert all_texts(items) == ["Le titre", LONG_FR, LONG_FR]


def test_wire_credit_line_is_not_a_headline() -> None:
    article = only_article(load("article_wire_credit_en.txt"))
    assert article.title == (
        "Dutch chipmaker Velmar to close Eindhoven test line, cutting 300 jobs"
    )
    assert (article.author, article.published) == ("Ruth Okonkwo", datetime(2025, 4, 3))
    assert headings(article) == ["Investor reaction"]
    assert len(paragraphs(article)) == 3
    assert paragraphs(article)[-1].endswith("before any dismissals.")


def test_byline_with_an_agency_keeps_its_author() -> None:
    meta = parse_meta_line("Par Jean Dupont avec AFP")
    assert meta is not None and meta.author == "Jean Dupont"


# --- closing paragraphs after an article -----------------------------------------------------


def test_closing_and_cut_off_paragraphs_before_a_paywall_stay_in_the_article() -> None:
    article = only_article(load("article_cut_by_paywall_en.txt"))
    assert article.title == "Mapmaker Ilse Varga wins the Humboldt Medal for her river atlas"
    assert (article.author, article.published) == ("Colm Fairley", datetime(2025, 5, 6))
    assert headings(article) == ["A lifetime on the water"]
    body = paragraphs(article)
    assert len(body) == 6
    assert body[-2] == (
        "A German edition of the atlas is due next spring, according to her publisher, with "
        "new plates drawn by hand."
    )
    assert body[-1].startswith("The same evening, the society's junior prize went to")
    assert body[-1].endswith("of the old harbour quarter during the")


SEED_LIKE_TAIL = [
    "Lituanie : la Cour constitutionnelle saisie",
    "Espagne : les loyers encadrés à Valence",
    "Italie : accord sur les retraites anticipées",
    "Italie : accord sur les retraites anticipées",
    "Pologne : les agriculteurs manifestent de nouveau",
    "Suède : le débat sur l'énergie s'invite au Parlement?",
]


def test_headline_run_after_an_embedded_article_stays_headlines() -> None:
    text = "\n".join(
        [
            "-",
            "Bourses : Paris termine en légère baisse",
            "-",
            "Climat : un accord a minima à Belém",
            "Le port du Havre, nouvelle porte de l'Europe",
            LONG_FR,
            LONG_FR,
            *SEED_LIKE_TAIL,
        ]
    )
    items = parse_text_dump(text)
    assert [item.kind for item in items] == ["headline", "headline", "article"] + ["headline"] * 6
    assert titles(items, "headline")[2:] == SEED_LIKE_TAIL
    assert items[2].blocks == (Block(LONG_FR), Block(LONG_FR))


def test_prose_shaped_line_among_headlines_after_an_article_is_a_headline() -> None:
    prose = (
        "Le gouvernement a présenté mercredi un projet de loi sur la sécurité des barrages "
        "de montagne."
    )
    text = "\n".join(["Le titre", LONG_FR, prose, "Météo : du gel", "Sport : le derby reporté"])
    items = parse_text_dump(text)
    assert titles(items, "headline") == [prose, "Météo : du gel", "Sport : le derby reporté"]
    # Alone after the article, the same sentence is its last paragraph.
    article = only_article(parse_text_dump("\n".join(["Le titre", LONG_FR, "", prose])))
    assert article.blocks[-1] == Block(prose)


def test_embedded_article_keeps_its_last_one_sentence_paragraph() -> None:
    items = load("headlines_embedded_article_en_cp1252.txt")
    assert titles(items, "headline") == [
        "Markets: London and Frankfurt close higher, Paris flat",
        "Storm Karin cuts power to 80,000 homes in Galicia",
        "Tennis: Rune beats Sinner to reach Rotterdam final",
        "EU: Brussels fines chipmaker €1.1bn over loyalty rebates",
        "Germany: coalition agrees on pension reform",
        "Germany: coalition agrees on pension reform",
        "Italy: Venice to double day-tripper fee",
        "Climate: Arctic sea ice hits record winter low?",
    ]
    (article,) = [item for item in items if item.kind == "article"]
    assert article.title == "Ukraine and Russia swap 200 prisoners under UAE mediation"
    assert len(article.blocks) == 4
    assert paragraphs(article)[-1].startswith("Russia's defence ministry said")  # 124 characters
    assert '"every last one"' in paragraphs(article)[2]


def test_signature_under_the_article_is_its_author() -> None:
    article = only_article(parse_text_dump("\n".join(["Le titre", LONG_FR, "", "Marie Lenoir"])))
    assert article.author == "Marie Lenoir"
    assert article.blocks == (Block(LONG_FR),)


def test_short_question_between_paragraphs_is_a_heading() -> None:
    text = "\n".join(["Le titre", LONG_FR, "", "Et maintenant, quelles suites ?", "", LONG_FR])
    article = only_article(parse_text_dump(text))
    assert headings(article) == ["Et maintenant, quelles suites ?"]


# --- copies of whole pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "author", "published", "standfirst", "body"),
    [
        (
            "article_page_copy_fr.txt",
            "Guerre en Ukraine : Kiev frappe des dépôts de carburant près de la frontière",
            "Jean Dupont",
            datetime(2025, 3, 12, 10, 0),
            "Les frappes de drones visent la logistique russe, selon l’état-major ukrainien.",
            2,
        ),
        (
            "article_page_copy_en.txt",
            "Ukraine strikes Russian fuel depots near border, officials say",
            "Jane Roe and John Doe",
            datetime(2025, 3, 12, 10, 5, tzinfo=timezone(timedelta(hours=1))),
            None,
            2,
        ),
        (
            "article_newsletter_box_en.txt",
            "Alpine glaciers lost a record share of their ice this summer, scientists say",
            "Jane Roe",
            datetime(2024, 10, 1, 6, 0),
            "Heatwaves and thin winter snow combined to strip the ice at the fastest rate since "
            "records began",
            3,
        ),
        (
            "article_page_copy_de.txt",
            "Gletscher in den Alpen schmelzen so schnell wie nie",
            "Anna Schmidt",
            datetime(2024, 10, 1, 6, 0),
            "Die Schweizer Gletscher haben in diesem Jahr vier Prozent ihres Volumens verloren.",
            2,
        ),
        (
            "article_page_copy_es.txt",
            "Los glaciares alpinos pierden un volumen récord de hielo",
            "Lucía Fernández",
            datetime(2024, 10, 1, 6, 0),
            "Las olas de calor y la falta de nieve aceleran el deshielo en Suiza",
            2,
        ),
    ],
)
def test_page_copies_give_one_clean_article(
    name: str,
    title: str,
    author: str,
    published: datetime,
    standfirst: str | None,
    body: int,
) -> None:
    article = only_article(load(name))
    assert (article.title, article.author, article.published) == (title, author, published)
    assert headings(article) == []
    blocks = [block.text for block in article.blocks]
    if standfirst is not None:
        assert blocks[0] == standfirst
        blocks = blocks[1:]
    assert len(blocks) == body


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Jane Roe Environment correspondent", "Jane Roe"),
        ("Jean Dupont, envoyé spécial à Kiev", "Jean Dupont"),
        ("Jean de La Rivière - Rédacteur en chef", "Jean de La Rivière"),
        ("Anna Schmidt, Korrespondentin in Rom", "Anna Schmidt"),
        ("Par Jean Dupont (Kiev, envoyé spécial)", "Jean Dupont"),
        ("Propos recueillis par Jean Dupont", "Jean Dupont"),
    ],
)
def test_bylines_without_a_cue_word(line: str, author: str) -> None:
    meta = parse_meta_line(line)
    assert meta is not None and meta.author == author


@pytest.mark.parametrize(
    "line",
    ["Ukraine Russia correspondent killed", "Le journaliste Jean Dupont arrêté en Iran"],
)
def test_headlines_about_reporters_are_not_bylines(line: str) -> None:
    assert parse_meta_line(line) is None


def test_name_alone_next_to_a_date_is_the_author_but_not_elsewhere() -> None:
    text = "\n".join(["Le titre", "Marie Lenoir", "4 décembre 2024", LONG_FR])
    article = only_article(parse_text_dump(text))
    assert (article.author, article.published) == ("Marie Lenoir", datetime(2024, 12, 4))
    text = "\n".join(["Le titre", LONG_FR, "Marie Lenoir", LONG_FR])
    article = only_article(parse_text_dump(text))
    assert article.author is None
    assert headings(article) == ["Marie Lenoir"]


@pytest.mark.parametrize(
    "line",
    [
        "The harbour at dawn. Photograph: Jane Roe/Northwire",
        "Le port au petit matin. Photo : Jean Dupont / AFP",
        "REUTERS/Jane Roe",
        "AFP via Getty Images",
        "Jean Dupont / AFP",
        "Free weekly newsletter",
        "Sign up to our morning briefing",
    ],
)
def test_captions_credits_and_prompts_are_dropped(line: str) -> None:
    items = parse_text_dump("\n".join(["Le titre", LONG_FR, line, LONG_FR]))
    assert all_texts(items) == ["Le titre", LONG_FR, LONG_FR]


def test_newsletter_box_without_blank_lines_spares_the_text_around() -> None:
    # A single prompt takes nothing along: only what two prompts of one block enclose goes.
    text = "\n".join(["Le titre", LONG_FR, "Sign up to our morning briefing", LONG_EN, LONG_FR])
    assert paragraphs(only_article(parse_text_dump(text))) == [LONG_FR, LONG_EN, LONG_FR]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "March 12, 2025 10:05 AM GMT+1",
            datetime(2025, 3, 12, 10, 5, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "2024-12-04 10:30 UTC-05:00",
            datetime(2024, 12, 4, 10, 30, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("4 Dec 2024 10:30 GMT", datetime(2024, 12, 4, 10, 30, tzinfo=UTC)),
        ("Tue 1 Oct 2024 06.00 BST", datetime(2024, 10, 1, 6, 0)),
        ("1 Oct 2024 12.50 euros", datetime(2024, 10, 1)),
        ("2024-12-04 10:30 GMT+99", datetime(2024, 12, 4, 10, 30, tzinfo=UTC)),
    ],
)
def test_dates_with_a_shifted_zone(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


# --- the bundled sample library ---------------------------------------------------------------

# Every line planted as boilerplate in sample_data/articles, by the start that marks it.
SAMPLE_MARKERS = [
    "Subscribe",
    "subscriber",
    "You've reached",
    "free articles",
    "This article is for",
    "£1",
    "€/mois",
    "Cancel anytime",
    "Unlimited access",
    "Abonnez-vous",
    "S'abonner",
    "S’abonner",
    "Déjà abonné",
    "réservé aux abonnés",
    "Il vous reste",
    "Lisez la suite",
    "Connectez-vous",
    "Partager",
    "Share this",
    "Share on",
    "Copy link",
    "Envoyer par e-mail",
    "Back to top",
    "Retour en haut",
    "Filed under",
    "Reporting by",
    "Lire aussi",
    "À lire aussi",
    "Read more",
    "Related coverage",
    "Nous contacter",
    "Mentions légales",
    "Politique de confidentialité",
    "Gérer mes cookies",
    "Plan du site",
    "Contact us",
    "Privacy policy",
    "Cookie settings",
    "Terms of use",
    "All rights reserved",
    "©",
    "THE MERIDIAN REVIEW",
    "THE ORBITAL REPORT",
    "Sud Ovale |",
    "The Harbour Post |",
    "Le Courrier du Matin",
    "L’Écho des Sciences ·",
]
SAMPLE_ARTICLES: dict[str, tuple[str, str, datetime, int]] = {
    "en-continental-wire-voltera.txt": (
        "French battery maker Voltéra to cut 640 jobs as electric-car slowdown bites",
        "Daniel Okafor",
        datetime(2026, 11, 5),
        2,
    ),
    "en-harbour-post-france-south-africa-rugby.txt": (
        "Marchetti's late drop goal sinks South Africa in Paris thriller",
        "Tom Hadley",
        datetime(2026, 11, 7),
        2,
    ),
    "en-harbour-post-storm-ophelie.txt": (
        "Storm Ophélie batters Brittany, leaving one dead and a quarter of a million homes in "
        "the dark",
        "Fiona Gallacher",
        datetime(2026, 11, 5, 10, 42),
        2,
    ),
    "en-meridian-review-goncourt-orsini.txt": (
        "Salt, silence and three generations of women: Maëlle Orsini wins the Prix Goncourt",
        "Rosalind Achebe",
        datetime(2026, 11, 4),
        2,
    ),
    "en-orbital-report-aquilon-launch.txt": (
        "Europe's Aquilon wind-mapping satellite lifts off on Ariane 6",
        "Priya Raman",
        datetime(2026, 10, 30),
        2,
    ),
    "en-orbital-report-aquilon-solar-wing.txt": (
        "Aquilon team battles stuck solar wing days after launch",
        "Priya Raman",
        datetime(2026, 11, 3),
        2,
    ),
    "fr-courrier-aquilon-panneau-solaire.txt": (
        "Aquilon : un panneau solaire reste bloqué, la mission européenne retient son souffle",
        "Olivier Tessier",
        datetime(2026, 11, 3, 18, 40),
        3,
    ),
    "fr-courrier-tempete-ophelie.txt": (
        "Tempête Ophélie : nuit de chaos en Bretagne, un mort et 240 000 foyers sans courant",
        "Anne-Sophie Kerbrat",
        datetime(2026, 11, 4),
        3,
    ),
    "fr-courrier-xv-de-france-afrique-du-sud.txt": (
        "XV de France : Marchetti crucifie les Springboks au bout du suspense (27-24)",
        "Julien Castagnède",
        datetime(2026, 11, 8),
        2,
    ),
    "fr-echo-sciences-aquilon-lancement.txt": (
        "Le satellite Aquilon s’envole de Kourou pour ausculter les vents marins",
        "Camille Fontanel",
        datetime(2026, 10, 30),
        3,
    ),
    "fr-gazette-eco-voltera-lillers.txt": (
        "Batteries : Voltéra taille dans ses effectifs à Lillers, 640 postes menacés",
        "Mathilde Vasseur",
        datetime(2026, 11, 5),
        3,
    ),
    "fr-goncourt-2026-orsini.txt": (
        "Le prix Goncourt 2026 décerné à Maëlle Orsini pour « Les Heures salées »",
        "Bérénice Lachaud",
        datetime(2026, 11, 3),
        3,
    ),
    "fr-ouest-littoral-ophelie-bilan.txt": (
        "Au lendemain du passage de la tempête Ophélie, la Bretagne compte ses dégâts",
        "Yann Le Bihan",
        datetime(2026, 11, 4),
        3,
    ),
    "fr-sud-ovale-xv-de-france-fidji.txt": (
        "Tournée d’automne : les Bleus déroulent face aux Fidji, Marchetti sort blessé",
        "Lucas Berthomieu",
        datetime(2026, 11, 14),
        3,
    ),
}


def read_sample(path: Path) -> list[ParsedItem]:
    return list(parse_bytes(path.read_bytes(), path=path).items)


def test_every_sample_article_is_listed() -> None:
    assert sorted(path.name for path in (SAMPLES / "articles").glob("*.txt")) == sorted(
        SAMPLE_ARTICLES
    )


@pytest.mark.parametrize("name", sorted(SAMPLE_ARTICLES))
def test_sample_article_is_one_clean_article(name: str) -> None:
    article = only_article(read_sample(SAMPLES / "articles" / name))
    title, author, published, heading_count = SAMPLE_ARTICLES[name]
    assert (article.title, article.author, article.published) == (title, author, published)
    assert len(headings(article)) == heading_count
    assert len(paragraphs(article)) >= 5
    for text in [*(block.text for block in article.blocks)]:
        for marker in SAMPLE_MARKERS:
            assert not text.startswith(marker), (marker, text)
        assert "Subscribe" not in text and "abonnés" not in text and "Partager" not in text


@pytest.mark.parametrize(
    ("name", "headlines", "articles"),
    [
        ("depeches-fil-afp-style.txt", 70, 1),
        ("wire-headlines-en.txt", 54, 0),
        ("revue-de-presse.txt", 36, 0),
    ],
)
def test_sample_dumps_give_their_headlines(name: str, headlines: int, articles: int) -> None:
    items = read_sample(SAMPLES / name)
    assert len(titles(items, "headline")) == headlines
    assert len(titles(items, "article")) == articles
    assert not any(item.title.isupper() or "REVUE DE PRESSE" in item.title for item in items)


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


def test_large_pathological_inputs_parse_whole() -> None:
    # Shapes that would cost n² with a naive look-ahead: one huge run of short lines inside
    # an article, and a huge list after a price offer. Their growth is measured by
    # benchmarks/parse_scaling.py (a timing has no place in a test); here, the result.
    heads = [f"Titre {n} : une nouvelle sans importance" for n in range(30_000)]
    run_inside = "\n".join(["Titre", LONG_FR, *heads, LONG_FR])
    after_offer = "\n".join(["Abonnez-vous", "Accès illimité dès 1 € par mois", *heads])
    inside = parse_text_dump(run_inside)
    assert len(inside) == 30_000 + 1
    # An offer's perks are a few lines: the headlines after them are kept, not dropped.
    kept = [item.title for item in parse_text_dump(after_offer)]
    assert kept == heads[len(heads) - len(kept) :] and len(kept) >= len(heads) - 10


def test_prompts_to_the_reader_are_told_from_news_about_cookies_and_subscriptions() -> None:
    prompt = (
        "Ce contenu est bloqué car vous n'avez pas accepté les cookies de la catégorie "
        "« Vidéos ». Vous pouvez modifier vos choix à tout moment."
    )
    news = (
        "La Cnil a infligé une amende de 40 millions d'euros à une régie publicitaire qui "
        "déposait des cookies sans le consentement des internautes."
    )
    appeal = (
        "This article is free to read. If you value our reporting, please support us by "
        "subscribing from £1 a month."
    )
    report = (
        "Subscriptions to the paper rose by a fifth last year, its publisher said, as "
        "readers paid for its reporting on the floods."
    )
    assert boilerplate.is_cookie_paragraph(prompt)
    assert not boilerplate.is_cookie_paragraph(news)
    assert boilerplate.is_reader_appeal(appeal)
    assert not boilerplate.is_reader_appeal(report)
    assert not boilerplate.is_reader_appeal(news)


def test_every_importer_derives_the_same_title_from_the_same_lead() -> None:
    """A feed entry, an HTML page and a text dump without a title: one rule for all."""
    lead = "Heavy rain closed the line on Monday. Officials said more would follow."
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><description>{lead}</description><guid>a1</guid></item></channel></rss>"
    )
    page = f"<html><body><article><p>{lead} {lead}</p><p>{lead}</p></article></body></html>"
    titles = {
        parse_bytes(feed.encode()).items[0].title,
        parse_bytes(page.encode(), path=Path("page.html")).items[0].title,
        derive_title(lead),
    }
    assert titles == {"Heavy rain closed the line on Monday"}
