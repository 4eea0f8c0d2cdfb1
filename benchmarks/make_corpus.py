"""Deterministic synthetic news corpus for reader's performance work.

The corpus imitates what reader ingests in real life: short headlines saved as plain-text
dumps and full articles delivered by RSS feeds, in French and English, from about forty
outlets. It is built around *events* (an election, a match, a storm, a takeover...). Every
event gets one to four named entities, a number and a date, and is covered by 1-8 items
from different outlets, each with its own wording of the title, so that story grouping has
something real to find. Entities are drawn from skewed pools, so the same person, team,
town or company turns up in many unrelated events: those are the hard negatives that
make naive "shared name means same story" grouping fail. About 3% of items are syndicated
copies: the same title (and body) republished by another outlet.

Usage::

    python benchmarks/make_corpus.py --items 100000 --out /tmp/corpus [--seed 7]

Layout of the output directory:

``items.jsonl``
    Ground truth, one JSON object per item, in id order: ``id``, ``kind``, ``title``,
    ``text`` (paragraphs separated by a blank line, empty for headlines), ``lang``,
    ``source``, ``date`` (ISO 8601, UTC), ``event`` (story id), ``duplicate_of`` (id of the
    earlier item this one copies, or null) and ``url``.
``dumps/headlines-NNNN.txt``
    Every headline item, 2,000 per file, one per line. Files cycle through three layouts
    (plain lines, lines separated by a ``-`` line, lines separated by a blank line), as
    people's saved lists do.
``feeds/feed-NNNN.xml``
    Every article item as RSS 2.0, 500 entries per file, one outlet per file. Outlets
    differ in house style: ``<author>`` or ``<dc:creator>``, CDATA or escaped HTML in
    ``<content:encoded>``, permalink or opaque GUIDs, datelines, straight or curly
    apostrophes in French.

Each item lands in exactly one of ``dumps/`` or ``feeds/``. The same arguments always give
byte-identical files: all randomness comes from one ``random.Random(seed)``, and timestamps
are offsets from 2026-01-01 00:00 UTC. Only ``Random.random()`` is used (not ``choice`` or
``shuffle``, whose internals have changed between Python versions), so other interpreters
should give the same corpus too. Generation streams straight to disk, so memory stays
flat whatever the size. Standard library only: the script runs without reader installed.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Final, Literal, TextIO, TypeVar
from xml.sax.saxutils import escape

Lang = Literal["fr", "en"]
Facts = dict[str, str]
T = TypeVar("T")

DEFAULT_SEED: Final = 7
HEADLINES_PER_DUMP: Final = 2000
ARTICLES_PER_FEED: Final = 500
BASE_DATE: Final = datetime(2026, 1, 1, tzinfo=UTC)
# Events are spread over one year whatever the corpus size, so a bigger corpus is a busier
# year rather than a longer one: grouping windows see realistic crowding at 1M items.
# A few days short of 365 so that the random walk of event times rarely leaves 2026.
SPAN_MINUTES: Final = 358 * 24 * 60
# Coverage weights for 1..8 items per event: mostly 1-3, a long tail up to 8.
COVERAGE_WEIGHTS: Final = (30, 25, 18, 10, 7, 5, 3, 2)
ARTICLE_SHARE: Final = 0.30
# Per original item; p / (1 + p) is about 3% of all items.
DUPLICATE_CHANCE: Final = 0.031
# Share of an event's items written in the event's home language.
HOME_LANGUAGE_SHARE: Final = 0.75
# Coverage trails the event: up to two days, most of it in the first hours.
COVERAGE_WINDOW_MINUTES: Final = 48 * 60

DUMP_LAYOUTS: Final = ("plain", "dash", "blank")
FILLER_POOL: Final = 4096
QUOTE_POOL: Final = 2048
QUOTE_FORMS: Final[dict[Lang, str]] = {"fr": "« {} », a déclaré {}.", "en": "“{},” said {}."}


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    """Counts describing one generated corpus."""

    items: int
    headlines: int
    articles: int
    duplicates: int
    events: int
    french: int
    english: int
    dump_files: int
    feed_files: int

    def line(self) -> str:
        """One-line human summary."""
        return (
            f"{self.items} items ({self.headlines} headlines, {self.articles} articles, "
            f"{self.duplicates} duplicates; {self.french} fr, {self.english} en) "
            f"in {self.events} events; {self.dump_files} dump files, "
            f"{self.feed_files} feed files"
        )


# --------------------------------------------------------------------------------------
# Vocabulary pools. Invented outlets, people, companies and teams; real place names.
# --------------------------------------------------------------------------------------

FR_FIRST: Final = (
    "Jean-Noël",
    "Anaïs",
    "Gaëlle",
    "Hélène",
    "François",
    "Loïc",
    "Maëlys",
    "Benoît",
    "Céline",
    "Jérôme",
    "Noémie",
    "Éric",
    "Agnès",
    "Thérèse",
    "Raphaël",
    "Cécile",
    "Joël",
    "Brigitte",
    "Marie-Claude",
    "Pierre-Yves",
    "Sébastien",
    "Ségolène",
    "Aurélien",
    "Clémence",
    "Grégoire",
    "Inès",
    "Mathéo",
    "Léa",
    "Chloé",
    "Yannick",
    "Solène",
    "Hervé",
    "Bérénice",
    "Gaël",
    "Françoise",
    "Jean-Baptiste",
    "Mélanie",
    "Timothée",
    "Apolline",
    "Aïssata",
)
FR_LAST: Final = (
    "Kergoat",
    "Lefèvre",
    "Bérard",
    "Mercier",
    "Duval-Rochas",
    "Lagarde",
    "Ménard",
    "Chevallier",
    "Le Goff",
    "Fauré",
    "Després",
    "Brière",
    "Garnier",
    "Bouchard",
    "Roussel",
    "Lacroix",
    "Moreau",
    "Perrin",
    "Girard",
    "Hébert",
    "Fontaine",
    "Marchetti",
    "Ndiaye",
    "Traoré",
    "Benali",
    "Haddad",
    "Nguyen",
    "Da Silva",
    "Castaing",
    "Thévenot",
    "Ouédraogo",
    "Saint-Clair",
    "Delacroix",
    "Poitevin",
    "Leclerc",
    "Courbet",
    "Vidal",
    "Barthélemy",
    "Aubry",
    "Œillet",
)
EN_FIRST: Final = (
    "Zoë",
    "Oliver",
    "Margaret",
    "Declan",
    "Priya",
    "Siobhán",
    "Nathaniel",
    "Harriet",
    "Kwame",
    "Eleanor",
    "Rhys",
    "Imogen",
    "Callum",
    "Beatrix",
    "Marcus",
    "Fiona",
    "Theodore",
    "Aoife",
    "Desmond",
    "Rosalind",
    "Gareth",
    "Nadia",
    "Hugo",
    "Winifred",
    "Malcolm",
    "Tamsin",
    "Ellis",
    "Juniper",
    "Barnaby",
    "Lucinda",
    "Rohan",
    "Connor",
    "Maeve",
    "Jasper",
    "Olive",
    "Abigail",
    "Samuel",
    "Yusuf",
    "Grace",
    "Bartholomew",
)
EN_LAST: Final = (
    "Fairbanks",
    "Whitmore",
    "O'Connell",
    "Ashworth",
    "Pemberton",
    "Okafor",
    "Llewellyn",
    "Hargreaves",
    "MacAllister",
    "Thornton",
    "Blackwood",
    "Caldwell",
    "Abernathy",
    "Radcliffe",
    "Fitzgerald",
    "Huxley",
    "Kowalski",
    "Montgomery",
    "Sinclair",
    "Prescott",
    "Winslow",
    "Gallagher",
    "Chadwick",
    "Lindqvist",
    "Osei",
    "Patel",
    "Bramwell",
    "Carrington",
    "Delaney",
    "Ellsworth",
    "Hollis",
    "Kingsley",
    "Mortimer",
    "Nakamura",
    "Quigley",
    "Rutherford",
    "Stanhope",
    "Truscott",
    "Wetherby",
    "Smith-Jones",
)

# (English name, French name, French "in" form or "" to derive it).
PLACES: Final = (
    ("Saint-Étienne", "Saint-Étienne", ""),
    ("Île-de-France", "Île-de-France", "en Île-de-France"),
    ("Ouagadougou", "Ouagadougou", ""),
    ("Le Havre", "Le Havre", ""),
    ("Lyon", "Lyon", ""),
    ("Marseille", "Marseille", ""),
    ("Bordeaux", "Bordeaux", ""),
    ("Nantes", "Nantes", ""),
    ("Rennes", "Rennes", ""),
    ("Brest", "Brest", ""),
    ("Aix-en-Provence", "Aix-en-Provence", ""),
    ("Besançon", "Besançon", ""),
    ("Nîmes", "Nîmes", ""),
    ("Orléans", "Orléans", ""),
    ("Montréal", "Montréal", ""),
    ("Québec City", "Québec", ""),
    ("Geneva", "Genève", ""),
    ("Liège", "Liège", ""),
    ("Brussels", "Bruxelles", ""),
    ("London", "Londres", ""),
    ("Edinburgh", "Édimbourg", ""),
    ("Dublin", "Dublin", ""),
    ("Cardiff", "Cardiff", ""),
    ("Manchester", "Manchester", ""),
    ("Leeds", "Leeds", ""),
    ("Bristol", "Bristol", ""),
    ("Glasgow", "Glasgow", ""),
    ("Belfast", "Belfast", ""),
    ("Dakar", "Dakar", ""),
    ("Abidjan", "Abidjan", ""),
    ("Bamako", "Bamako", ""),
    ("Tunis", "Tunis", ""),
    ("Rabat", "Rabat", ""),
    ("Lisbon", "Lisbonne", ""),
    ("Seville", "Séville", ""),
    ("Vienna", "Vienne", ""),
    ("Brittany", "Bretagne", "en Bretagne"),
    ("Corsica", "Corse", "en Corse"),
    ("Normandy", "Normandie", "en Normandie"),
    ("Les Sables-d'Olonne", "Les Sables-d’Olonne", ""),
    ("Le Mans", "Le Mans", ""),
    ("Clermont-Ferrand", "Clermont-Ferrand", ""),
    ("Perpignan", "Perpignan", ""),
    ("Chambéry", "Chambéry", ""),
    ("Valence", "Valence", ""),
    ("Angoulême", "Angoulême", ""),
    ("Béziers", "Béziers", ""),
    ("Fréjus", "Fréjus", ""),
    ("Alençon", "Alençon", ""),
    ("Mâcon", "Mâcon", ""),
    ("Compiègne", "Compiègne", ""),
    ("Lorient", "Lorient", ""),
    ("Quimper", "Quimper", ""),
    ("Strasbourg", "Strasbourg", ""),
    ("Mulhouse", "Mulhouse", ""),
    ("Lille", "Lille", ""),
    ("Amiens", "Amiens", ""),
    ("Toulouse", "Toulouse", ""),
    ("Montpellier", "Montpellier", ""),
    ("Nice", "Nice", ""),
    ("Grenoble", "Grenoble", ""),
    ("Annecy", "Annecy", ""),
    ("Cork", "Cork", ""),
    ("Aberdeen", "Aberdeen", ""),
    ("Plymouth", "Plymouth", ""),
    ("Norwich", "Norwich", ""),
    ("York", "York", ""),
    ("Swansea", "Swansea", ""),
    ("Inverness", "Inverness", ""),
    ("Nouméa", "Nouméa", ""),
    ("Pointe-à-Pitre", "Pointe-à-Pitre", ""),
    ("Fort-de-France", "Fort-de-France", ""),
    ("Saint-Denis de La Réunion", "Saint-Denis", ""),
    ("Yaoundé", "Yaoundé", ""),
    ("Lomé", "Lomé", ""),
    ("Cotonou", "Cotonou", ""),
)

ORG_STEMS: Final = (
    "Valmont",
    "Northwind",
    "Castelnau",
    "Brightwater",
    "Arvor",
    "Helios",
    "Kestrel",
    "Lumière",
    "Marchand",
    "Orion",
    "Pélican",
    "Quartz",
    "Redcliff",
    "Sirocco",
    "Tanager",
    "Verdier",
    "Westmarch",
    "Ardent",
    "Bellerive",
    "Cobalt",
    "Dauphin",
    "Émeraude",
    "Falconer",
    "Granit",
    "Harbourne",
    "Iroise",
    "Corbière",
    "Ashdown",
    "Mistral",
    "Ravenscar",
)
ORG_SUFFIXES: Final = (
    "Énergie",
    "Holdings",
    "Systems",
    "Télécom",
    "Pharma",
    "Logistics",
    "Banque",
    "Motors",
    "& Fils",
    "Aéro",
    "Foods",
    "Assurances",
    "Digital",
    "Rail",
    "Mining",
    "Nautique",
    "Ciments",
    "Insurance",
    "Médias",
    "Robotics",
)
TEAMS: Final = (
    "Stade Montclair",
    "Olympique Rivebelle",
    "US Kerbriant",
    "FC Valbonne-Sud",
    "Racing Club de Villemur",
    "AS Pontcarré",
    "Étoile de Sainte-Aure",
    "Union Saint-Gérand",
    "Sporting Belcastel",
    "Entente Lorvic",
    "Girondins de Sablonceaux",
    "AC Mirebeau",
    "Harbourne Rovers",
    "Ashford Athletic",
    "Kestrel United",
    "Millbrook Wanderers",
    "Northgate City",
    "Dunmore Rangers",
    "Castleford Town",
    "Wexley Albion",
    "Port Ellery FC",
    "Greystone Harriers",
    "Bramley Borough",
    "Fenwick Thistle",
    "Olympique de Saint-Malo-Nord",
    "AS Bréhat",
    "Red Lion Athletic",
    "Westmere United",
)
COMPETITIONS: Final = (
    ("Atlantic Cup", "Coupe de l’Atlantique"),
    ("Northern League", "Ligue du Nord"),
    ("Continental Trophy", "Trophée continental"),
    ("Premier Division", "Division d’élite"),
    ("Cup of Nations", "Coupe des nations"),
    ("Channel Shield", "Bouclier de la Manche"),
)
STORMS: Final = (
    "Ingrid",
    "Aurore",
    "Basile",
    "Ciarán",
    "Dorothée",
    "Elliot",
    "Fanny",
    "Gaspard",
    "Hortense",
    "Isidore",
    "Joëlle",
    "Kieran",
    "Léonie",
    "Marius",
    "Noor",
    "Océane",
    "Pascal",
    "Quentin",
    "Rosalie",
    "Silvère",
    "Thaïs",
    "Ulric",
    "Vérane",
    "Wilfried",
    "Xavière",
    "Zélie",
)
PRODUCT_STEMS: Final = (
    "Nova",
    "Lynx",
    "Atlas",
    "Orbis",
    "Zéphyr",
    "Kairos",
    "Aria",
    "Vela",
    "Tempo",
    "Quasar",
    "Cirrus",
    "Solstice",
    "Brio",
    "Halo",
    "Nimbus",
    "Calypso",
)
PRODUCT_MODELS: Final = ("X3", "7", "Pro", "Max", "Lite", "S2", "Air", "One", "Mini", "Ultra")
CHARGES: Final = (
    ("fraud", "fraude"),
    ("corruption", "corruption"),
    ("embezzlement", "détournement de fonds"),
    ("tax evasion", "fraude fiscale"),
    ("insider trading", "délit d’initié"),
    ("money laundering", "blanchiment"),
    ("bribery", "trafic d’influence"),
)
# English, French as object, French after "de".
TOPICS: Final = (
    ("climate", "le climat", "du climat"),
    ("trade", "le commerce", "du commerce"),
    ("fisheries", "la pêche", "de la pêche"),
    ("energy security", "la sécurité énergétique", "de la sécurité énergétique"),
    ("migration", "les migrations", "des migrations"),
    ("digital taxation", "la fiscalité numérique", "de la fiscalité numérique"),
    ("water sharing", "le partage de l’eau", "du partage de l’eau"),
    ("food prices", "les prix alimentaires", "des prix alimentaires"),
)
CAUSES: Final = (
    ("pension reform", "la réforme des retraites"),
    ("rent rises", "la hausse des loyers"),
    ("school closures", "la fermeture des écoles"),
    ("a new motorway", "le projet d’autoroute"),
    ("water prices", "le prix de l’eau"),
    ("hospital cuts", "les suppressions de lits à l’hôpital"),
    ("fuel taxes", "les taxes sur le carburant"),
    ("the airport expansion", "l’extension de l’aéroport"),
)
QUARTERS: Final = (
    ("first", "premier"),
    ("second", "deuxième"),
    ("third", "troisième"),
    ("fourth", "quatrième"),
)
MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_FR: Final = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# (name, language). French outlets include francophone Africa, Belgium, Switzerland, Québec.
OUTLETS: Final[tuple[tuple[str, Lang], ...]] = (
    ("Le Courrier du Matin", "fr"),
    ("La Voix de l’Estuaire", "fr"),
    ("L’Écho des Vallées", "fr"),
    ("Le Phare de l’Iroise", "fr"),
    ("La Dépêche Océane", "fr"),
    ("Le Réveil des Vosges", "fr"),
    ("La Gazette des Deux-Rives", "fr"),
    ("Le Petit Journal du Plateau", "fr"),
    ("Info Garonne", "fr"),
    ("Le Veilleur Savoyard", "fr"),
    ("Radio Côte d’Opale", "fr"),
    ("Le Quotidien de la Loire", "fr"),
    ("Midi Soir", "fr"),
    ("Les Nouvelles du Bocage", "fr"),
    ("Le Carillon", "fr"),
    ("L’Observateur du Sahel", "fr"),
    ("Montréal Express", "fr"),
    ("La Tribune du Léman", "fr"),
    ("Le Signal de Liège", "fr"),
    ("Bulletin Francilien", "fr"),
    ("Harbour Post", "en"),
    ("The Northern Ledger", "en"),
    ("Daily Lantern", "en"),
    ("Riverside Courier", "en"),
    ("The Evening Compass", "en"),
    ("Westgate Gazette", "en"),
    ("Moorland Herald", "en"),
    ("The Civic Observer", "en"),
    ("Bay City Dispatch", "en"),
    ("The Morning Anchor", "en"),
    ("Highland Record", "en"),
    ("Capital Wire", "en"),
    ("The Weekly Beacon", "en"),
    ("Market Street Journal", "en"),
    ("Coastline News", "en"),
    ("The Valley Sentinel", "en"),
    ("Metro Bulletin", "en"),
    ("Crown & Anchor Times", "en"),
    ("Gulf Coast Signal", "en"),
    ("Thames Evening Star", "en"),
)

# Filler sentences are assembled from parts: opener + subject + verb + clause. With these
# lists that is tens of thousands of distinct sentences and several hundred distinct words
# per language, which keeps term frequencies from looking like a handful of templates.
EN_OPENERS: Final = (
    "",
    "Meanwhile, ",
    "Earlier in the week, ",
    "According to local media, ",
    "By late afternoon, ",
    "In a brief statement, ",
    "For the time being, ",
    "Behind the scenes, ",
    "Speaking on condition of anonymity, ",
    "On social media, ",
    "Privately, ",
    "Last night, ",
)
EN_SUBJECTS: Final = (
    "officials",
    "analysts",
    "residents",
    "union representatives",
    "several economists",
    "opposition councillors",
    "shopkeepers in the town centre",
    "emergency workers",
    "industry observers",
    "neighbouring mayors",
    "regional lawmakers",
    "consumer groups",
    "transport operators",
    "hospital staff",
    "farmers' associations",
    "local teachers",
    "insurance brokers",
    "community leaders",
)
EN_VERBS: Final = (
    "said",
    "warned",
    "suggested",
    "acknowledged",
    "pointed out",
    "insisted",
    "conceded",
    "argued",
    "predicted",
    "complained",
    "stressed",
    "claimed",
)
EN_CLAUSES: Final = (
    "the situation remained fragile",
    "further talks were planned for next month",
    "the budget would have to be revised",
    "the timetable looked increasingly unrealistic",
    "prices had already started to climb",
    "nobody had been properly consulted",
    "the costs would be shared between several partners",
    "the decision could be challenged in court",
    "similar problems had been reported last winter",
    "the region needed long-term investment rather than quick fixes",
    "public confidence had been badly shaken",
    "a detailed report would be published in the autumn",
    "the figures were broadly in line with expectations",
    "smaller businesses were likely to suffer most",
    "the reform had been rushed through without proper debate",
    "emergency funding was being released",
    "local schools would reopen on Monday",
    "insurance claims were expected to rise sharply",
    "the closure of the main bridge had lengthened journeys",
    "volunteers had arrived from across the country",
    "the government was monitoring the situation closely",
    "more inspections would follow",
    "the affair raised wider questions about oversight",
    "the next few weeks would be decisive",
    "talks with the unions had stalled",
    "the harvest had been hit hard by the weather",
    "energy bills remained the main worry for households",
    "rail services would run on a reduced timetable",
    "tourism bookings were holding up better than feared",
    "the company's debt had become a concern",
    "young voters had turned out in larger numbers",
    "the inquiry would take at least a year",
    "the port had resumed normal operations",
    "cross-border trade had slowed noticeably",
    "a compromise was still within reach",
    "the plan lacked detail on funding",
    "thousands of jobs depended on the outcome",
    "the measures were only temporary",
    "the neighbourhood had changed beyond recognition",
    "several questions remained unanswered",
    "the warehouse fire had disrupted deliveries",
    "pension funds were quietly reducing their exposure",
    "the harbour wall needed urgent repairs",
    "broadband coverage was still patchy in rural areas",
    "the festival would go ahead despite the weather",
    "the council had underestimated demand",
)
EN_QUOTES: Final = (
    "We will not give up",
    "This is a turning point for the whole region",
    "Nobody saw this coming",
    "We owe the families some answers",
    "It is far too early to draw conclusions",
    "The real work starts tomorrow morning",
    "We have been asking for this for years",
    "I am proud of what the team has achieved",
    "There is still a long way to go",
    "People are exhausted and they want results",
    "Frankly, the numbers speak for themselves",
    "Nobody here is pretending it will be easy",
)
FR_OPENERS: Final = (
    "",
    "Par ailleurs, ",
    "En fin de journée, ",
    "Selon la presse locale, ",
    "Dans un bref communiqué, ",
    "Pour l’heure, ",
    "De leur côté, ",
    "En coulisses, ",
    "Sous couvert d’anonymat, ",
    "Sur les réseaux sociaux, ",
    "En privé, ",
    "Hier soir, ",
)
FR_SUBJECTS: Final = (
    "les élus locaux",
    "plusieurs économistes",
    "les riverains",
    "les représentants syndicaux",
    "les commerçants du centre-ville",
    "les secours",
    "les observateurs du secteur",
    "les maires des communes voisines",
    "les conseillers régionaux",
    "les associations de consommateurs",
    "les transporteurs",
    "les soignants",
    "les agriculteurs",
    "les habitants",
    "les responsables de l’opposition",
    "les enseignants du secteur",
    "les courtiers en assurance",
    "les responsables associatifs",
)
FR_VERBS: Final = (
    "ont affirmé",
    "ont prévenu",
    "ont estimé",
    "ont reconnu",
    "ont souligné",
    "ont insisté sur le fait",
    "ont concédé",
    "ont fait valoir",
    "ont prédit",
    "ont rappelé",
    "ont assuré",
    "ont laissé entendre",
)
FR_CLAUSES: Final = (
    "que la situation restait fragile",
    "qu’une nouvelle réunion était prévue le mois prochain",
    "que le budget devrait être revu",
    "que le calendrier paraissait de moins en moins réaliste",
    "que les prix avaient déjà commencé à grimper",
    "que personne n’avait été sérieusement consulté",
    "que les coûts seraient partagés entre plusieurs partenaires",
    "que la décision pourrait être contestée en justice",
    "que des difficultés similaires avaient été signalées l’hiver dernier",
    "que la région avait besoin d’investissements durables plutôt que de rustines",
    "que la confiance du public avait été durement ébranlée",
    "qu’un rapport détaillé serait publié à l’automne",
    "que les chiffres étaient globalement conformes aux attentes",
    "que les petites entreprises seraient les premières touchées",
    "que la réforme avait été adoptée à la hâte, sans véritable débat",
    "qu’une aide d’urgence allait être débloquée",
    "que les écoles rouvriraient lundi",
    "que les déclarations de sinistre allaient fortement augmenter",
    "que la fermeture du pont principal allongeait les trajets",
    "que des bénévoles étaient arrivés de toute la France",
    "que le gouvernement suivait la situation de près",
    "que des contrôles supplémentaires seraient menés",
    "que l’affaire soulevait des questions plus larges sur la surveillance",
    "que les prochaines semaines seraient décisives",
    "que les discussions avec les syndicats étaient au point mort",
    "que la récolte avait beaucoup souffert des intempéries",
    "que la facture d’énergie restait la première inquiétude des ménages",
    "que les trains circuleraient selon un service allégé",
    "que les réservations touristiques résistaient mieux que prévu",
    "que l’endettement de l’entreprise devenait préoccupant",
    "que les jeunes électeurs s’étaient davantage mobilisés",
    "que l’enquête prendrait au moins un an",
    "que le port avait repris une activité normale",
    "que les échanges transfrontaliers avaient nettement ralenti",
    "qu’un compromis restait possible",
    "que le plan manquait de précisions sur son financement",
    "que des milliers d’emplois dépendaient de l’issue",
    "que ces mesures n’étaient que provisoires",
    "que le quartier avait profondément changé",
    "que plusieurs questions restaient sans réponse",
    "que les œuvres du musée avaient été mises à l’abri",
    "que le chœur de l’église avait été endommagé",
    "que la façade du lycée devait être rénovée",
    "que la commune avait reçu des renforts",
    "que les Français restaient très partagés",
    "que le conseil municipal avait sous-estimé la demande",
)
FR_QUOTES: Final = (
    "Nous ne lâcherons rien",
    "C’est un tournant pour toute la région",
    "Personne ne l’avait vu venir",
    "Nous devons des réponses aux familles",
    "Il est bien trop tôt pour tirer des conclusions",
    "Le vrai travail commence demain matin",
    "Cela fait des années que nous le demandons",
    "C’est une fierté pour toute l’équipe",
    "Le chemin est encore long",
    "Les gens sont épuisés et ils attendent des résultats",
    "Franchement, les chiffres parlent d’eux-mêmes",
    "Personne ici ne prétend que ce sera facile",
)
# Appended when an event has more same-language items than it has title templates, so
# that distinct items of one event never share a title (only true duplicates do).
EN_DECORATIONS: Final = (" (update)", " - live", " - what we know")
FR_DECORATIONS: Final = (" (actualisé)", " - en direct", " - ce que l’on sait")


# --------------------------------------------------------------------------------------
# Small formatting helpers (French and English conventions differ on numbers).
# --------------------------------------------------------------------------------------

_FR_ELIDING: Final = frozenset("AEIOUYÂÀÉÈÊÎÏÔŒ")


def _de(name: str) -> str:
    """French "de" + name, with elision and contraction (d’Orléans, du Havre)."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[0] in _FR_ELIDING:
        return "d’" + name
    return "de " + name


def _a(name: str) -> str:
    """French "à" + town name (au Havre, aux Sables-d’Olonne)."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def _int(n: int) -> tuple[str, str]:
    """1200 -> ("1,200", "1 200")."""
    en = f"{n:,}"
    return en, en.replace(",", " ")


def _pct(tenths: int) -> tuple[str, str]:
    """34 -> ("3.4%", "3,4 %")."""
    whole, dec = divmod(tenths, 10)
    return f"{whole}.{dec}%", f"{whole},{dec} %"


def _euros(millions: int) -> tuple[str, str]:
    """Amounts as papers write them: "€850m" / "850 millions d’euros", "€3.4bn"..."""
    if millions < 1000:
        return f"€{millions}m", f"{millions} millions d’euros"
    whole, dec = divmod(millions // 100, 10)
    # French: "1,4 milliard" but "2 milliards" (plural from two upwards).
    unit = "milliard" if whole < 2 else "milliards"
    if dec == 0:
        return f"€{whole}bn", f"{whole} {unit} d’euros"
    return f"€{whole}.{dec}bn", f"{whole},{dec} {unit} d’euros"


def _slug(text: str) -> str:
    """ASCII slug for domains and e-mail addresses."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(c if c.isalnum() else "-" for c in ascii_text.lower())
    return "-".join(part for part in out.split("-") if part)


# --------------------------------------------------------------------------------------
# The world: entity pools and the seeded random source.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """A place under its English and French names, with French "in"/"of" forms."""

    en: str
    fr: str
    fr_in: str
    fr_de: str


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet: one language, one domain, a few reporters and a house style."""

    name: str
    lang: Lang
    domain: str
    # Ready-made <author> or <dc:creator> elements, one per staff reporter.
    bylines: tuple[str, ...]
    # House styles, so importers meet the variety real feeds have.
    uses_cdata: bool
    permalink_guid: bool
    dateline: bool
    straight_apostrophes: bool


class World:
    """Entity pools plus skewed pickers; all randomness goes through ``self.r``."""

    def __init__(self, rng: Random) -> None:
        self.r: Callable[[], float] = rng.random
        r = self.r
        names = [f"{f} {s}" for f in FR_FIRST for s in FR_LAST]
        names += [f"{f} {s}" for f in EN_FIRST for s in EN_LAST]
        # A few cross-over names, as in real bylines and newsrooms.
        names += [f"{f} {s}" for f in FR_FIRST[::3] for s in EN_LAST[::3]]
        names += [f"{f} {s}" for f in EN_FIRST[::3] for s in FR_LAST[::3]]
        self.persons = self._shuffled(names)[:2400]
        self.places = self._shuffled(
            [Place(en, fr, fr_in or _a(fr), _de(fr)) for en, fr, fr_in in PLACES]
        )
        self.orgs = self._shuffled([f"{a} {b}" for a in ORG_STEMS for b in ORG_SUFFIXES])[:260]
        self.outlets: dict[Lang, list[Outlet]] = {"fr": [], "en": []}
        for index, (name, lang) in enumerate(OUTLETS):
            first = FR_FIRST if lang == "fr" else EN_FIRST
            last = FR_LAST if lang == "fr" else EN_LAST
            domain = _slug(name) + ".example"
            reporters = [
                f"{first[int(r() * len(first))]} {last[int(r() * len(last))]}"
                for _ in range(3 + int(r() * 4))
            ]
            if index % 2 == 0:
                # RSS 2.0 wants an e-mail address in <author>; many feeds use dc:creator.
                bylines = tuple(
                    f"<author>{_slug(who).replace('-', '.')}@{domain} ({escape(who)})</author>"
                    for who in reporters
                )
            else:
                bylines = tuple(f"<dc:creator>{escape(who)}</dc:creator>" for who in reporters)
            self.outlets[lang].append(
                Outlet(
                    name=name,
                    lang=lang,
                    domain=domain,
                    bylines=bylines,
                    uses_cdata=index % 3 != 0,
                    permalink_guid=index % 4 != 1,
                    dateline=index % 5 in (1, 3),
                    straight_apostrophes=lang == "fr" and index % 4 == 2,
                )
            )

    def _shuffled(self, values: list[T]) -> list[T]:
        # Fisher-Yates on random() only: Random.shuffle's internals changed across versions.
        out = list(values)
        r = self.r
        for i in range(len(out) - 1, 0, -1):
            j = int(r() * (i + 1))
            out[i], out[j] = out[j], out[i]
        return out

    def pick(self, values: Sequence[T], skew: float = 1.0) -> T:
        """Pick with a power-law tilt towards the start of ``values`` when skew > 1."""
        return values[int(len(values) * self.r() ** skew)]

    def person(self) -> str:
        # Squared: a few dozen people appear in a large share of events (hard negatives).
        return self.pick(self.persons, 2.0)

    def two(self, values: Sequence[str], skew: float) -> tuple[str, str]:
        first = self.pick(values, skew)
        second = first
        while second == first:
            second = self.pick(values, skew)
        return first, second

    def place(self) -> Place:
        return self.pick(self.places, 1.5)

    def org(self) -> str:
        return self.pick(self.orgs, 2.0)


# --------------------------------------------------------------------------------------
# Event types: fact builders and wording. Templates use str.format fields from the facts.
# --------------------------------------------------------------------------------------

Builder = Callable[[World], tuple[Facts, Facts]]


@dataclass(frozen=True, slots=True)
class EventType:
    key: str
    weight: int
    section: tuple[str, str]
    titles_en: tuple[str, ...]
    titles_fr: tuple[str, ...]
    # First entry is the lede; the rest are used in order through the body.
    facts_en: tuple[str, ...]
    facts_fr: tuple[str, ...]
    build: Builder


def _place_facts(place: Place) -> tuple[Facts, Facts]:
    return (
        {"place": place.en, "in_place": "in " + place.en},
        {"place": place.fr, "in_place": place.fr_in, "de_place": place.fr_de},
    )


def _build_election(w: World) -> tuple[Facts, Facts]:
    en, fr = _place_facts(w.place())
    person, person2 = w.two(w.persons, 2.0)
    n_en, n_fr = _pct(505 + int(w.r() * 250))
    m_en, m_fr = _pct(380 + int(w.r() * 400))
    en.update(person=person, person2=person2, n=n_en, m=m_en)
    fr.update(person=person, person2=person2, n=n_fr, m=m_fr)
    return en, fr


def _build_match(w: World) -> tuple[Facts, Facts]:
    en, fr = _place_facts(w.place())
    team, team2 = w.two(TEAMS, 1.0)
    a = 1 + int(w.r() * 4)
    score = f"{a}-{int(w.r() * a)}"
    comp_en, comp_fr = w.pick(COMPETITIONS)
    n_en, n_fr = _int(800 + int(w.r() * 60) * 500)
    scorer = w.person()
    en.update(team=team, team2=team2, score=score, competition=comp_en, n=n_en, person=scorer)
    fr.update(team=team, team2=team2, score=score, competition=comp_fr, n=n_fr, person=scorer)
    return en, fr


def _build_storm(w: World) -> tuple[Facts, Facts]:
    en, fr = _place_facts(w.place())
    storm = w.pick(STORMS)
    n = str(1 + int(w.r() ** 2 * 40))
    m_en, m_fr = _int((10 + int(w.r() * 2500)) * 100)
    en.update(storm=storm, n=n, m=m_en)
    fr.update(storm=storm, n=n, m=m_fr)
    return en, fr


def _build_strike(w: World) -> tuple[Facts, Facts]:
    en, fr = _place_facts(w.place())
    org = w.org()
    n = str(2 + int(w.r() * 30))
    m_en, m_fr = _pct(20 + int(w.r() * 100))
    person = w.person()
    en.update(org=org, n=n, m=m_en, person=person)
    fr.update(org=org, de_org=_de(org), n=n, m=m_fr, person=person)
    return en, fr


def _build_merger(w: World) -> tuple[Facts, Facts]:
    org, org2 = w.two(w.orgs, 2.0)
    n_en, n_fr = _euros((1 + int(w.r() * 120)) * 50)
    person = w.person()
    en = {"org": org, "org2": org2, "n": n_en, "person": person}
    fr = {"org": org, "org2": org2, "de_org": _de(org), "de_org2": _de(org2), "n": n_fr}
    fr["person"] = person
    return en, fr


def _build_trial(w: World) -> tuple[Facts, Facts]:
    en, fr = _place_facts(w.place())
    person, person2 = w.two(w.persons, 2.0)
    n = str(1 + int(w.r() * 12))
    charge_en, charge_fr = w.pick(CHARGES)
    en.update(person=person, person2=person2, n=n, charge=charge_en)
    fr.update(person=person, person2=person2, n=n, charge=charge_fr)
    return en, fr


def _build_summit(w: World) -> tuple[Facts, Facts]:
    en, fr = _place_facts(w.place())
    person, person2 = w.two(w.persons, 2.0)
    n = str(5 + int(w.r() * 40))
    topic_en, topic_fr, topic_de = w.pick(TOPICS)
    en.update(person=person, person2=person2, n=n, topic=topic_en)
    fr.update(person=person, person2=person2, n=n, topic=topic_fr, de_topic=topic_de)
    return en, fr


def _build_wildfire(w: World) -> tuple[Facts, Facts]:
    en, fr = _place_facts(w.place())
    n_en, n_fr = _int(50 + int(w.r() ** 2 * 120) * 100)
    m_en, m_fr = _int((2 + int(w.r() * 90)) * 50)
    en.update(n=n_en, m=m_en)
    fr.update(n=n_fr, m=m_fr)
    return en, fr


def _build_launch(w: World) -> tuple[Facts, Facts]:
    org = w.org()
    product = f"{w.pick(PRODUCT_STEMS)} {w.pick(PRODUCT_MODELS)}"
    price = 99 + int(w.r() * 30) * 50
    price_en, price_fr = _int(price)
    person = w.person()
    en = {"org": org, "product": product, "n": "€" + price_en, "person": person}
    fr = {"org": org, "de_org": _de(org), "product": product, "n": price_fr + " €"}
    fr["person"] = person
    return en, fr


def _build_earnings(w: World) -> tuple[Facts, Facts]:
    org = w.org()
    up = w.r() < 0.6
    n_en, n_fr = _pct(5 + int(w.r() * 400))
    m_en, m_fr = _euros((2 + int(w.r() * 300)) * 25)
    q_en, q_fr = w.pick(QUARTERS)
    person = w.person()
    en = {
        "org": org,
        "n": n_en,
        "m": m_en,
        "quarter": q_en,
        "person": person,
        "rises": "rises" if up else "falls",
        "up_down": "up" if up else "down",
    }
    fr = {
        "org": org,
        "de_org": _de(org),
        "n": n_fr,
        "m": m_fr,
        "quarter": q_fr,
        "person": person,
        "progresse": "progresse" if up else "recule",
        "hausse": "hausse" if up else "baisse",
    }
    return en, fr


def _build_protest(w: World) -> tuple[Facts, Facts]:
    en, fr = _place_facts(w.place())
    n_en, n_fr = _int((2 + int(w.r() ** 2 * 400)) * 250)
    cause_en, cause_fr = w.pick(CAUSES)
    person = w.person()
    en.update(n=n_en, cause=cause_en, person=person)
    fr.update(n=n_fr, cause=cause_fr, person=person)
    return en, fr


def _build_appointment(w: World) -> tuple[Facts, Facts]:
    org = w.org()
    person, person2 = w.two(w.persons, 2.0)
    en = {"org": org, "person": person, "person2": person2}
    fr = {"org": org, "de_org": _de(org), "person": person, "person2": person2}
    fr.update(de_person=_de(person), de_person2=_de(person2))
    return en, fr


EVENT_TYPES: Final = (
    EventType(
        "election",
        8,
        ("politics", "politique"),
        (
            "{person} wins {place} mayoral race with {n} of the vote",
            "{place} election: {person} defeats {person2}",
            "{person2} concedes as {person} takes {place} town hall",
            "Voters in {place} hand {person} a clear mandate",
            "{person} elected mayor of {place} after tight contest",
        ),
        (
            "Municipales {in_place} : {person} l’emporte avec {n} des voix",
            "{person} remporte la mairie {de_place} face à {person2}",
            "{place} : victoire nette pour {person}, {person2} reconnaît sa défaite",
            "Élection {in_place} : {person} devance {person2} au second tour",
            "{n} des suffrages pour {person}, qui prend la tête de la mairie {de_place}",
        ),
        (
            "{person} won the mayoral election in {place} on {date}, taking {n} of the vote.",
            "Turnout reached {m}, according to official figures.",
            "{person2}, who had led in early polls, conceded defeat shortly before midnight.",
            "The campaign was dominated by housing, public transport and local taxes.",
            "{person} promised to present a first budget before the summer.",
        ),
        (
            "{person} a remporté l’élection municipale {in_place} le {date}, avec {n} des voix.",
            "La participation a atteint {m}, selon les chiffres officiels de la préfecture.",
            "{person2}, en tête des premiers sondages, a reconnu sa défaite peu avant minuit.",
            "La campagne a été dominée par le logement, les transports et la fiscalité locale.",
            "{person} a promis de présenter un premier budget avant l’été.",
        ),
        _build_election,
    ),
    EventType(
        "match",
        14,
        ("sport", "sport"),
        (
            "{team} beat {team2} {score} in {place}",
            "{team2} fall to {team} in {competition} clash",
            "{score}: {team} see off {team2}",
            "{person} on target as {team} down {team2}",
            "{competition}: {team} edge {team2} to stay in the hunt",
        ),
        (
            "{team} bat {team2} {score} {in_place}",
            "{competition} : {team} s’impose face à {team2}",
            "{team2} chute contre {team} ({score})",
            "{person} décisif, {team} fait tomber {team2}",
            "{team} s’offre {team2} ({score}) et relance la course au titre",
        ),
        (
            "{team} beat {team2} {score} in {place} on {date} in front of {n} spectators.",
            "{person} opened the scoring before the break "
            "with a low shot from the edge of the box.",
            "The defeat leaves {team2} with plenty of ground to make up in the {competition}.",
            "Both coaches praised the intensity of a match played in driving rain.",
        ),
        (
            "{team} a battu {team2} {score} {in_place} le {date}, devant {n} spectateurs.",
            "{person} a ouvert le score avant la pause "
            "d’une frappe croisée à l’entrée de la surface.",
            "Cette défaite complique la suite de la saison pour {team2} en {competition}.",
            "Les deux entraîneurs ont salué l’intensité "
            "d’un match disputé sous une pluie battante.",
        ),
        _build_match,
    ),
    EventType(
        "storm",
        6,
        ("weather", "météo"),
        (
            "Storm {storm} floods {place}, {n} dead",
            "{place} under water after Storm {storm}",
            "Storm {storm}: death toll rises to {n}",
            "Storm {storm} leaves {m} homes without power around {place}",
            "Rivers burst their banks as Storm {storm} hits {place}",
        ),
        (
            "Tempête {storm} : {n} morts {in_place}",
            "{place} sous les eaux après le passage de la tempête {storm}",
            "La tempête {storm} fait {n} victimes, le bilan s’alourdit",
            "Tempête {storm} : {m} foyers privés d’électricité {in_place}",
            "Crues historiques {in_place}, la tempête {storm} en cause",
        ),
        (
            "Storm {storm} swept through {place} on {date}, killing at least {n} people.",
            "About {m} households were still without electricity the following morning.",
            "Firefighters carried out dozens of rescues from flooded homes and cars.",
            "Forecasters had issued a red warning for wind and heavy rain the previous evening.",
        ),
        (
            "La tempête {storm} a balayé {place} le {date}, faisant au moins {n} morts.",
            "Environ {m} foyers étaient encore privés d’électricité le lendemain matin.",
            "Les pompiers ont effectué des dizaines de sauvetages "
            "dans des maisons et des voitures inondées.",
            "Les prévisionnistes avaient déclenché une vigilance rouge la veille au soir.",
        ),
        _build_storm,
    ),
    EventType(
        "strike",
        8,
        ("economy", "social"),
        (
            "{org} workers walk out in {place}",
            "Strike at {org} enters day {n}",
            "{org} staff down tools over pay",
            "Union leader {person} vows to keep {org} strike going",
            "Disruption in {place} as {org} strike spreads",
        ),
        (
            "Grève chez {org} {in_place}",
            "{org} : la grève entre dans son {n}e jour",
            "Les salariés {de_org} cessent le travail pour les salaires",
            "{person} promet de durcir le mouvement chez {org}",
            "Perturbations {in_place} : la grève chez {org} s’étend",
        ),
        (
            "Employees of {org} in {place} stopped work on {date} to demand a {m} pay rise.",
            "The dispute has now lasted {n} days, with no talks scheduled.",
            "{person}, who speaks for the main union, said "
            "management had ignored repeated warnings.",
            "The company said it regretted the disruption and remained open to dialogue.",
        ),
        (
            "Les salariés {de_org} {in_place} ont cessé le travail "
            "le {date} pour réclamer une hausse de {m} des salaires.",
            "Le conflit dure désormais depuis {n} jours, "
            "sans qu’aucune négociation ne soit prévue.",
            "{person}, porte-parole de l’intersyndicale, "
            "accuse la direction d’avoir ignoré les alertes.",
            "L’entreprise dit regretter les perturbations et se dit ouverte au dialogue.",
        ),
        _build_strike,
    ),
    EventType(
        "merger",
        7,
        ("business", "économie"),
        (
            "{org} agrees to buy {org2} for {n}",
            "{org2} accepts {n} takeover offer from {org}",
            "{org} and {org2} seal {n} merger",
            "Shares in {org2} jump on {org} bid",
            "{person} bets big on {org2} deal",
        ),
        (
            "{org} rachète {org2} pour {n}",
            "{org2} accepte l’offre de rachat à {n} lancée par {org}",
            "Fusion entre {org} et {org2}, une opération à {n}",
            "L’action {org2} s’envole après l’offre {de_org}",
            "{person} mise gros sur le rachat {de_org2}",
        ),
        (
            "{org} announced on {date} that it had agreed to acquire {org2} in a deal worth {n}.",
            "Chief executive {person} said the combined "
            "group would be better placed to compete abroad.",
            "Competition authorities are expected to examine the deal over the coming months.",
            "Shares in {org2} rose sharply in early trading after the announcement.",
        ),
        (
            "{org} a annoncé le {date} le rachat {de_org2} pour un montant de {n}.",
            "Pour {person}, à la tête du groupe, le nouvel ensemble "
            "sera mieux armé face à la concurrence internationale.",
            "L’opération doit encore recevoir le feu vert des autorités de la concurrence.",
            "L’action {org2} a bondi dès l’ouverture de la séance.",
        ),
        _build_merger,
    ),
    EventType(
        "trial",
        7,
        ("justice", "justice"),
        (
            "{person} jailed for {n} years over {charge}",
            "{person} found guilty of {charge} in {place}",
            "Court in {place} sentences {person} to {n} years",
            "{person} to appeal {charge} conviction, says lawyer",
            "Verdict in {person} {charge} trial: {n} years",
        ),
        (
            "{charge} : {n} ans de prison ferme pour {person}",
            "Procès {in_place} : la justice inflige {n} ans à {person}",
            "{person} fera appel de sa condamnation pour {charge}",
            "Le tribunal {de_place} prononce {n} ans de prison contre {person}",
            "Affaire {person} : la défense dénonce un verdict « politique »",
        ),
        (
            "A court in {place} sentenced {person} to {n} years in prison on {date} for {charge}.",
            "Defence lawyer {person2} told reporters that an appeal would be lodged within days.",
            "Prosecutors had asked for a heavier sentence, citing the scale of the losses.",
            "The trial lasted three weeks and heard from more than forty witnesses.",
        ),
        (
            "Le tribunal {de_place} a condamné {person} "
            "à {n} ans de prison le {date} pour {charge}.",
            "La défense, représentée par {person2}, a annoncé qu’elle ferait appel.",
            "Le parquet avait requis une peine plus lourde, en invoquant l’ampleur du préjudice.",
            "Le procès a duré trois semaines et plus de quarante témoins ont été entendus.",
        ),
        _build_trial,
    ),
    EventType(
        "summit",
        6,
        ("world", "international"),
        (
            "{place} summit ends with deal on {topic}",
            "Leaders from {n} countries meet in {place} on {topic}",
            "{person} and {person2} clash over {topic} at {place} talks",
            "No breakthrough on {topic} as {place} summit closes",
            "{person} hails 'historic' pact on {topic}",
        ),
        (
            "Sommet {in_place} : accord trouvé sur {topic}",
            "{n} pays réunis {in_place} au chevet {de_topic}",
            "{person} et {person2} s’opposent sur {topic} au sommet {de_place}",
            "Pas d’avancée sur {topic} à l’issue du sommet {de_place}",
            "{person} salue un accord « historique » sur {topic}",
        ),
        (
            "Delegations from {n} countries gathered in {place} "
            "on {date} for two days of talks on {topic}.",
            "{person} described the final communiqué as a solid basis for further work.",
            "{person2} argued that the commitments lacked a clear timetable.",
            "Several bilateral meetings were held behind "
            "closed doors on the margins of the summit.",
        ),
        (
            "Des délégations de {n} pays se sont réunies {in_place} "
            "le {date} pour deux jours de discussions sur {topic}.",
            "{person} a qualifié le communiqué final de base solide pour la suite des travaux.",
            "{person2} a regretté l’absence de calendrier précis pour les engagements pris.",
            "Plusieurs rencontres bilatérales se sont tenues à huis clos en marge du sommet.",
        ),
        _build_summit,
    ),
    EventType(
        "wildfire",
        5,
        ("environment", "environnement"),
        (
            "Wildfire near {place} burns {n} hectares",
            "Thousands evacuated as fire spreads near {place}",
            "Firefighters battle {place} blaze for third day",
            "{place} wildfire: {m} residents moved to safety",
            "Dry winds fan flames around {place}",
        ),
        (
            "Incendie {in_place} : {n} hectares partis en fumée",
            "Feu de forêt : {m} habitants évacués {in_place}",
            "Les pompiers luttent toujours contre l’incendie {de_place}",
            "{place} : l’incendie n’est toujours pas fixé",
            "Vent sec et chaleur attisent les flammes {in_place}",
        ),
        (
            "A wildfire that broke out near {place} on {date} "
            "has destroyed {n} hectares of forest and scrubland.",
            "Authorities evacuated {m} residents as a precaution overnight.",
            "Water-bombing aircraft were deployed as soon as the wind dropped.",
            "Investigators have not ruled out arson.",
        ),
        (
            "Un incendie déclaré près {de_place} le {date} "
            "a détruit {n} hectares de forêt et de garrigue.",
            "Par précaution, {m} habitants ont été évacués pendant la nuit.",
            "Des bombardiers d’eau ont été engagés dès que le vent est retombé.",
            "Les enquêteurs n’excluent pas la piste criminelle.",
        ),
        _build_wildfire,
    ),
    EventType(
        "launch",
        8,
        ("technology", "high-tech"),
        (
            "{org} unveils the {product}",
            "{org} launches {product} at {n}",
            "First look: the {product} from {org}",
            "{product} goes on sale, priced at {n}",
            "{person} bets on {product} to revive {org}",
        ),
        (
            "{org} dévoile le {product}",
            "{org} lance le {product} à {n}",
            "On a testé le {product}, nouvelle arme {de_org}",
            "Le {product} arrive en magasin à {n}",
            "{person} compte sur le {product} pour relancer {org}",
        ),
        (
            "{org} presented the {product} on {date} at "
            "an event attended by several hundred guests.",
            "The device will be sold from {n} in most European markets.",
            "{person}, who leads the product team, said the design had taken three years.",
            "Early reviewers praised its battery life but questioned the price.",
        ),
        (
            "{org} a présenté le {product} le {date} devant plusieurs centaines d’invités.",
            "L’appareil sera vendu à partir de {n} dans la plupart des pays européens.",
            "{person}, à la tête de l’équipe produit, explique que sa conception a pris trois ans.",
            "Les premiers tests saluent son autonomie mais jugent le prix élevé.",
        ),
        _build_launch,
    ),
    EventType(
        "earnings",
        12,
        ("business", "économie"),
        (
            "{org} profit {rises} {n} in {quarter} quarter",
            "{org} results: revenue reaches {m}",
            "{org} shares move after {quarter}-quarter figures",
            "Profit {up_down} {n} at {org}",
            "{person} says {org} outlook remains cautious",
        ),
        (
            "{org} : le bénéfice {progresse} de {n} au {quarter} trimestre",
            "Résultats {de_org} : un chiffre d’affaires de {m}",
            "Bénéfice en {hausse} de {n} pour {org}",
            "{org} publie ses comptes du {quarter} trimestre",
            "{person} appelle à la prudence sur les perspectives {de_org}",
        ),
        (
            "{org} reported on {date} that net profit was {up_down} {n} in the {quarter} quarter.",
            "Revenue for the period came to {m}, slightly above analysts' forecasts.",
            "Finance chief {person} pointed to higher costs for energy and raw materials.",
            "The group kept its full-year guidance unchanged.",
        ),
        (
            "{org} a annoncé le {date} un bénéfice net en {hausse} de {n} au {quarter} trimestre.",
            "Le chiffre d’affaires s’établit à {m}, "
            "légèrement au-dessus des attentes des analystes.",
            "Selon {person}, qui supervise les finances du groupe, "
            "la hausse des coûts de l’énergie pèse sur les marges.",
            "Le groupe maintient ses objectifs pour l’ensemble de l’année.",
        ),
        _build_earnings,
    ),
    EventType(
        "protest",
        8,
        ("society", "société"),
        (
            "Thousands march in {place} against {cause}",
            "{n} protest {cause} in {place}",
            "{place} protest: police and organisers disagree on numbers",
            "Anger over {cause} brings crowds to {place}",
            "{person} leads march against {cause}",
        ),
        (
            "Des milliers de manifestants {in_place} contre {cause}",
            "{n} personnes dans la rue {in_place} contre {cause}",
            "Manifestation {in_place} : bataille de chiffres entre police et organisateurs",
            "La colère contre {cause} gagne {place}",
            "{person} en tête du cortège contre {cause}",
        ),
        (
            "Organisers said {n} people marched through "
            "{place} on {date} to protest against {cause}.",
            "Police gave a much lower estimate and reported "
            "several arrests at the end of the march.",
            "{person}, one of the organisers, called for a new day of action next week.",
            "Shops along the route closed early as a precaution.",
        ),
        (
            "Selon les organisateurs, {n} personnes ont "
            "défilé {in_place} le {date} contre {cause}.",
            "La police avance un chiffre nettement inférieur "
            "et fait état de plusieurs interpellations.",
            "{person}, l’une des figures du mouvement, "
            "appelle à une nouvelle journée de mobilisation.",
            "Plusieurs commerces situés sur le parcours ont baissé le rideau par précaution.",
        ),
        _build_protest,
    ),
    EventType(
        "appointment",
        7,
        ("business", "économie"),
        (
            "{org} names {person} as chief executive",
            "{person} to take the helm at {org}",
            "{person2} steps down, {person} steps up at {org}",
            "Who is {person}, the new boss of {org}?",
            "{org} turns to {person} after {person2} exit",
        ),
        (
            "{org} nomme {person} à sa tête",
            "{person} prend la direction {de_org}",
            "Départ {de_person2} : {person} lui succède chez {org}",
            "{person}, un parcours atypique à la tête {de_org}",
            "{org} mise sur {person} après le départ {de_person2}",
        ),
        (
            "{org} announced on {date} that {person} would "
            "become chief executive with immediate effect.",
            "{person} replaces {person2}, who led the company for nearly a decade.",
            "The board said it wanted a leader able to speed up the group's transformation.",
            "Investors welcomed the news, sending the shares slightly higher.",
        ),
        (
            "{org} a annoncé le {date} la nomination {de_person} "
            "à la direction générale, avec effet immédiat.",
            "{person} succède à {person2}, qui dirigeait l’entreprise depuis près de dix ans.",
            "Le conseil d’administration souhaitait une personnalité "
            "capable d’accélérer la transformation du groupe.",
            "Les investisseurs ont bien accueilli la nouvelle et le titre a légèrement progressé.",
        ),
        _build_appointment,
    ),
)


def _cumulative(weights: Sequence[int]) -> list[float]:
    total = sum(weights)
    out: list[float] = []
    acc = 0
    for weight in weights:
        acc += weight
        out.append(acc / total)
    return out


def _weighted_index(cum: Sequence[float], x: float) -> int:
    for index, bound in enumerate(cum):
        if x < bound:
            return index
    return len(cum) - 1


# --------------------------------------------------------------------------------------
# Writers: one JSONL file, rotating headline dumps, one open feed per outlet.
# --------------------------------------------------------------------------------------

_RSS_HEAD: Final = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
)
_RSS_TAIL: Final = "</channel>\n</rss>\n"
_CHANNEL_BLURB: Final = {"fr": "Les dernières nouvelles : {}", "en": "Latest news from {}"}
_FEED_LANGUAGE: Final = {"fr": "fr-FR", "en": "en-GB"}


_to_json: Final = json.JSONEncoder(ensure_ascii=False).encode


def _open_text(path: Path) -> TextIO:
    # Large buffer: the generator writes many small strings.
    return path.open("w", encoding="utf-8", newline="\n", buffering=1 << 20)


class _Dumps:
    """Headline dumps, rotated every ``per_file`` lines, cycling through the layouts."""

    def __init__(self, folder: Path, per_file: int) -> None:
        self.folder = folder
        self.per_file = per_file
        self.files = 0
        self.count = 0
        self.layout = DUMP_LAYOUTS[0]
        self.handle: TextIO | None = None

    def write(self, title: str) -> None:
        if self.handle is None or self.count == self.per_file:
            self.close()
            self.layout = DUMP_LAYOUTS[self.files % len(DUMP_LAYOUTS)]
            self.files += 1
            self.handle = _open_text(self.folder / f"headlines-{self.files:04d}.txt")
            self.count = 0
        elif self.layout == "dash":
            self.handle.write("-\n")
        elif self.layout == "blank":
            self.handle.write("\n")
        self.handle.write(title + "\n")
        self.count += 1

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


class _Feeds:
    """One open RSS file per outlet, closed and replaced every ``per_file`` entries."""

    def __init__(self, folder: Path, per_file: int) -> None:
        self.folder = folder
        self.per_file = per_file
        self.files = 0
        self.open: dict[str, tuple[TextIO, int]] = {}

    def write(self, outlet: Outlet, entry: str) -> None:
        state = self.open.get(outlet.name)
        if state is None:
            self.files += 1
            handle = _open_text(self.folder / f"feed-{self.files:04d}.xml")
            handle.write(_RSS_HEAD)
            handle.write(
                f"<title>{escape(outlet.name)}</title>\n"
                f"<link>https://{outlet.domain}/</link>\n"
                f"<description>{escape(_CHANNEL_BLURB[outlet.lang].format(outlet.name))}"
                f"</description>\n<language>{_FEED_LANGUAGE[outlet.lang]}</language>\n"
            )
            count = 0
        else:
            handle, count = state
        handle.write(entry)
        count += 1
        if count == self.per_file:
            handle.write(_RSS_TAIL)
            handle.close()
            del self.open[outlet.name]
        else:
            self.open[outlet.name] = (handle, count)

    def close(self) -> None:
        # Sorted so that which file is finished last never depends on dict history.
        for name in sorted(self.open):
            handle, _ = self.open[name]
            handle.write(_RSS_TAIL)
            handle.close()
        self.open.clear()


_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _rfc822(when: datetime) -> str:
    """RSS pubDate, e.g. "Wed, 04 Mar 2026 10:15:00 +0000" (UTC, English names)."""
    return (
        f"{_WEEKDAYS[when.weekday()]}, {when.day:02d} {MONTHS_EN[when.month - 1][:3]} "
        f"{when.year} {when.hour:02d}:{when.minute:02d}:{when.second:02d} +0000"
    )


def _rss_entry(
    outlet: Outlet,
    item_id: int,
    title: str,
    lede: str,
    paragraphs: list[str],
    url: str,
    when: datetime,
    byline: str,
    section: str,
) -> str:
    html = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    content = f"<![CDATA[{html}]]>" if outlet.uses_cdata else escape(html)
    if outlet.permalink_guid:
        guid = f'<guid isPermaLink="true">{url}</guid>'
    else:
        guid = f'<guid isPermaLink="false">{outlet.domain}:{item_id}</guid>'
    return (
        f"<item>\n<title>{escape(title)}</title>\n<link>{url}</link>\n{guid}\n"
        f"<pubDate>{_rfc822(when)}</pubDate>\n{byline}\n"
        f"<category>{escape(section)}</category>\n"
        f"<description>{escape(lede)}</description>\n"
        f"<content:encoded>{content}</content:encoded>\n</item>\n"
    )


# --------------------------------------------------------------------------------------
# Generation.
# --------------------------------------------------------------------------------------


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = Random(seed)
        self.world = World(self.rng)
        self.r = self.rng.random
        self.type_cum = _cumulative([t.weight for t in EVENT_TYPES])
        self.coverage_cum = _cumulative(COVERAGE_WEIGHTS)
        # Filler and quote sentences are drawn from pools built once: assembling each one
        # from parts at write time was the main cost at 1M items. A few thousand variants
        # per language still use every part, so the vocabulary is the same.
        self.fillers = {"fr": self._fillers("fr"), "en": self._fillers("en")}
        self.quotes = {"fr": self._quotes("fr"), "en": self._quotes("en")}

    def _fillers(self, lang: Lang) -> list[str]:
        pick = self.world.pick
        if lang == "fr":
            openers, subjects, verbs, clauses = FR_OPENERS, FR_SUBJECTS, FR_VERBS, FR_CLAUSES
        else:
            openers, subjects, verbs, clauses = EN_OPENERS, EN_SUBJECTS, EN_VERBS, EN_CLAUSES
        out: list[str] = []
        for _ in range(FILLER_POOL):
            opener = pick(openers)
            subject = pick(subjects)
            if not opener:
                subject = subject[0].upper() + subject[1:]
            out.append(f"{opener}{subject} {pick(verbs)} {pick(clauses)}.")
        return out

    def _quotes(self, lang: Lang) -> list[str]:
        quotes = FR_QUOTES if lang == "fr" else EN_QUOTES
        form = QUOTE_FORMS[lang]
        return [
            form.format(self.world.pick(quotes), self.world.person()) for _ in range(QUOTE_POOL)
        ]

    def body(
        self, etype: EventType, lang: Lang, facts: Facts, outlet: Outlet
    ) -> tuple[str, list[str]]:
        """The lede and 3-8 paragraphs of 2-5 sentences: lede, facts in order, quotes, filler."""
        r = self.r
        templates = etype.facts_fr if lang == "fr" else etype.facts_en
        fillers = self.fillers[lang]
        quotes = self.quotes[lang]
        lede = templates[0].format_map(facts)
        if outlet.dateline and "place" in facts:
            lede = f"{facts['place'].upper()} — {lede}"
        sentences = [lede]
        next_fact = 1
        paragraphs: list[str] = []
        for _ in range(3 + int(r() * 6)):
            for _ in range(len(sentences), 2 + int(r() * 4)):
                x = r()
                if x < 0.35:
                    if next_fact < len(templates):
                        sentences.append(templates[next_fact].format_map(facts))
                        next_fact += 1
                    else:
                        sentences.append(fillers[int(x / 0.35 * FILLER_POOL)])
                elif x < 0.42 and "person" in facts:
                    # Someone from the event speaks...
                    quote = EN_QUOTES if lang == "en" else FR_QUOTES
                    words = quote[int(r() * len(quote))]
                    sentences.append(QUOTE_FORMS[lang].format(words, facts["person"]))
                elif x < 0.5:
                    # ...or someone unrelated, which adds shared-name noise across events.
                    sentences.append(quotes[int(r() * QUOTE_POOL)])
                else:
                    sentences.append(fillers[int((x - 0.5) * 2 * FILLER_POOL)])
            paragraphs.append(" ".join(sentences))
            sentences = []
        return lede, paragraphs

    def run(
        self, items: int, out: Path, headlines_per_file: int, articles_per_feed: int
    ) -> CorpusSummary:
        r = self.r
        world = self.world
        dumps_dir = out / "dumps"
        feeds_dir = out / "feeds"
        dumps = _Dumps(dumps_dir, headlines_per_file)
        feeds = _Feeds(feeds_dir, articles_per_feed)
        mean_items = (
            sum((i + 1) * w for i, w in enumerate(COVERAGE_WEIGHTS))
            / sum(COVERAGE_WEIGHTS)
            * (1 + DUPLICATE_CHANCE)
        )
        # Uniform gaps with this mean spread the expected number of events over the span.
        max_gap = 2 * SPAN_MINUTES * mean_items / items
        counts = {"headline": 0, "article": 0, "duplicate": 0, "fr": 0, "en": 0}
        next_id = 1
        event_id = 0
        minute = 0.0
        dumps_dir.mkdir(parents=True, exist_ok=True)
        feeds_dir.mkdir(parents=True, exist_ok=True)

        with _open_text(out / "items.jsonl") as jsonl:

            def emit(
                kind: str,
                title: str,
                lede: str,
                paragraphs: list[str],
                lang: Lang,
                outlet: Outlet,
                when_minute: int,
                duplicate_of: int | None,
                etype: EventType,
            ) -> int:
                nonlocal next_id
                item_id = next_id
                next_id += 1
                when = BASE_DATE + timedelta(minutes=when_minute)
                section = etype.section[0] if lang == "en" else etype.section[1]
                url = (
                    f"https://{outlet.domain}/{section}/{when.year}/{when.month:02d}/"
                    f"{when.day:02d}/{etype.key}-{item_id}"
                )
                # Assembled by hand (same bytes as json.dumps with compact separators and
                # ensure_ascii=False): building and encoding a dict per item cost more than
                # writing it. Only the free-text fields need JSON string escaping.
                text = _to_json("\n\n".join(paragraphs))
                duplicate = "null" if duplicate_of is None else str(duplicate_of)
                jsonl.write(
                    f'{{"id":{item_id},"kind":"{kind}","title":{_to_json(title)},'
                    f'"text":{text},"lang":"{lang}","source":{_to_json(outlet.name)},'
                    f'"date":"{when.isoformat()}","event":{event_id},'
                    f'"duplicate_of":{duplicate},"url":{_to_json(url)}}}\n'
                )
                counts[kind] += 1
                counts[lang] += 1
                if duplicate_of is not None:
                    counts["duplicate"] += 1
                if kind == "headline":
                    dumps.write(title)
                else:
                    byline = outlet.bylines[int(r() * len(outlet.bylines))]
                    feeds.write(
                        outlet,
                        _rss_entry(
                            outlet, item_id, title, lede, paragraphs, url, when, byline, section
                        ),
                    )
                return item_id

            try:
                while next_id <= items:
                    event_id += 1
                    minute += r() * max_gap
                    etype = EVENT_TYPES[_weighted_index(self.type_cum, r())]
                    facts_en, facts_fr = etype.build(world)
                    day = BASE_DATE + timedelta(minutes=int(minute))
                    facts_en["date"] = f"{day.day} {MONTHS_EN[day.month - 1]}"
                    day_fr = "1er" if day.day == 1 else str(day.day)
                    facts_fr["date"] = f"{day_fr} {MONTHS_FR[day.month - 1]}"
                    coverage = 1 + _weighted_index(self.coverage_cum, r())
                    home: Lang = "fr" if r() < 0.45 else "en"
                    away: Lang = "en" if home == "fr" else "fr"
                    offsets = sorted(
                        int(COVERAGE_WINDOW_MINUTES * r() ** 2) for _ in range(coverage)
                    )
                    used: set[str] = set()
                    # Start each language at a random template, then walk through the list.
                    title_start = {
                        "fr": int(r() * len(etype.titles_fr)),
                        "en": int(r() * len(etype.titles_en)),
                    }
                    title_uses = {"fr": 0, "en": 0}
                    copies: list[tuple[str, str, str, list[str], Lang, int, int]] = []
                    for offset in offsets:
                        if next_id > items:
                            break
                        lang = home if r() < HOME_LANGUAGE_SHARE else away
                        outlet = self._outlet(lang, used)
                        templates = etype.titles_fr if lang == "fr" else etype.titles_en
                        facts = facts_fr if lang == "fr" else facts_en
                        use = title_uses[lang]
                        title_uses[lang] += 1
                        template = templates[(title_start[lang] + use) % len(templates)]
                        title = template.format_map(facts)
                        if use >= len(templates):
                            decorations = FR_DECORATIONS if lang == "fr" else EN_DECORATIONS
                            title += decorations[(use - len(templates)) % len(decorations)]
                        kind = "article" if r() < ARTICLE_SHARE else "headline"
                        lede = ""
                        paragraphs: list[str] = []
                        if kind == "article":
                            lede, paragraphs = self.body(etype, lang, facts, outlet)
                        if outlet.straight_apostrophes:
                            title = title.replace("’", "'")
                            lede = lede.replace("’", "'")
                            paragraphs = [p.replace("’", "'") for p in paragraphs]
                        when = int(minute) + offset
                        item_id = emit(
                            kind, title, lede, paragraphs, lang, outlet, when, None, etype
                        )
                        if r() < DUPLICATE_CHANCE:
                            copies.append((kind, title, lede, paragraphs, lang, when, item_id))
                    # Syndicated copies go out after the event's own coverage, a little later.
                    for kind, title, lede, paragraphs, lang, when, original in copies:
                        if next_id > items:
                            break
                        outlet = self._outlet(lang, used)
                        delay = 5 + int(r() * 240)
                        emit(
                            kind,
                            title,
                            lede,
                            paragraphs,
                            lang,
                            outlet,
                            when + delay,
                            original,
                            etype,
                        )
            finally:
                dumps.close()
                feeds.close()

        return CorpusSummary(
            items=next_id - 1,
            headlines=counts["headline"],
            articles=counts["article"],
            duplicates=counts["duplicate"],
            events=event_id,
            french=counts["fr"],
            english=counts["en"],
            dump_files=dumps.files,
            feed_files=feeds.files,
        )

    def _outlet(self, lang: Lang, used: set[str]) -> Outlet:
        """A not-yet-used outlet of that language; bigger outlets come up more often."""
        pool = self.world.outlets[lang]
        while True:
            outlet = self.world.pick(pool, 1.4)
            if outlet.name not in used:
                used.add(outlet.name)
                return outlet


def _clear_previous(out: Path) -> None:
    """Remove files of an earlier run, so a smaller corpus never mixes with a bigger one."""
    (out / "items.jsonl").unlink(missing_ok=True)
    for pattern, folder in (("headlines-*.txt", "dumps"), ("feed-*.xml", "feeds")):
        if (out / folder).is_dir():
            for stale in (out / folder).glob(pattern):
                stale.unlink()


def generate(
    items: int,
    out: Path,
    seed: int = DEFAULT_SEED,
    *,
    headlines_per_file: int = HEADLINES_PER_DUMP,
    articles_per_feed: int = ARTICLES_PER_FEED,
) -> CorpusSummary:
    """Write a corpus of ``items`` items into ``out`` and return its counts.

    The keyword-only sizes exist so tests can exercise file rotation on small corpora.
    """
    if items < 1:
        raise ValueError("items must be at least 1")
    if headlines_per_file < 1 or articles_per_feed < 1:
        raise ValueError("file sizes must be at least 1")
    out.mkdir(parents=True, exist_ok=True)
    _clear_previous(out)
    return _Generator(seed).run(items, out, headlines_per_file, articles_per_feed)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--items", type=_positive_int, required=True, help="number of items")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 7)")
    args = parser.parse_args(argv)
    summary = generate(args.items, args.out, args.seed)
    print(f"{args.out}: {summary.line()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
