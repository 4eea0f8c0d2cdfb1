"""Decoding saved files: byte-order marks, UTF-8, legacy code pages, binary refusal."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from reader.ingest.decode import DecodeError, decode_bytes, looks_binary

DATA = Path(__file__).resolve().parents[1] / "data" / "encodings"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_cp1252_french_has_no_mojibake() -> None:
    text = decode_bytes(read("cp1252-fr.txt"))
    assert text.splitlines() == [
        "Le marché de Noël ouvre ses portes",
        "« Un œuf de Pâques géant » exposé à la mairie — entrée 2 €",
        "L’équipe de hand-ball décroche la victoire à Bœufville",
    ]


def test_cp1252_english_curly_quotes_dashes_and_euro() -> None:
    text = decode_bytes(read("cp1252-en.txt"))
    assert text.splitlines()[0] == (
        "“Quiet streets” reported after the snowfall – council spends €40,000 on grit…"
    )
    assert text.splitlines()[1] == "Café owner’s fête draws crowds"


def test_latin1_bytes_decode_as_accented_letters() -> None:
    assert decode_bytes(b"caf\xe9") == "café"
    assert decode_bytes(read("latin1-fr.txt")).splitlines() == [
        "Été brûlant à Évreux",
        "La météo prévoit 38 °C à l'ombre",
    ]


@pytest.mark.parametrize("name", ["utf16le-bom.txt", "utf16be-bom.txt"])
def test_utf16_with_bom(name: str) -> None:
    assert decode_bytes(read(name)).splitlines() == [
        "Grève des éboueurs : les sacs s’entassent à Lyon",
        "Νέα γέφυρα στη Θεσσαλονίκη",
        "Новый мост открыт",
    ]


def test_utf32_with_bom() -> None:
    data = codecs.BOM_UTF32_LE + "Œuvre d’été".encode("utf-32-le")
    assert decode_bytes(data) == "Œuvre d’été"


def test_utf8_bom_is_dropped() -> None:
    text = decode_bytes(read("utf8-bom.txt"))
    assert text.startswith("Fête de la musique : programme complet ♪\n")
    assert "\ufeff" not in text


def test_plain_utf8_and_ascii() -> None:
    assert decode_bytes("Zürich, Łódź, Αθήνα".encode()) == "Zürich, Łódź, Αθήνα"
    assert decode_bytes(b"plain ascii\n") == "plain ascii\n"


def test_output_is_nfc() -> None:
    raw = read("utf8-nfd.txt")
    assert raw != unicodedata.normalize("NFC", raw.decode()).encode()  # the fixture is NFD
    assert decode_bytes(raw) == "Réunion publique à Sète\n"


def test_mostly_utf8_with_a_stray_cp1252_byte() -> None:
    data = "Déjà vu à Nîmes, ".encode() + b"caf\xe9 cr\xe8me"
    assert decode_bytes(data) == "Déjà vu à Nîmes, café crème"


def test_utf8_cut_inside_last_character() -> None:
    assert decode_bytes("Déjà bientôt".encode()[:-2]) == "Déjà bient\ufffd"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Вчера в городе открылась новая библиотека для детей и взрослых.", "cp1251"),
        ("Zażółć gęślą jaźń: w Łodzi otwarto nowy żłobek.", "cp1250"),
        ("Η νέα γέφυρα της πόλης άνοιξε χθες το απόγευμα.", "cp1253"),
    ],
)
def test_other_single_byte_scripts(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


def test_png_is_binary() -> None:
    data = read("image.png")
    assert looks_binary(data)
    with pytest.raises(DecodeError, match="PNG"):
        decode_bytes(data)


def test_nul_bytes_without_bom_are_binary() -> None:
    assert looks_binary(b"headline\x00\x00more")
    with pytest.raises(DecodeError, match="NUL"):
        decode_bytes(b"headline\x00\x00more")


def test_many_control_bytes_are_binary() -> None:
    data = bytes(range(1, 9)) * 20 + b"some text"
    assert looks_binary(data)
    with pytest.raises(DecodeError, match="control"):
        decode_bytes(data)


def test_text_with_ansi_escapes_and_tabs_is_not_binary() -> None:
    data = b"\x1b[1mTitle\x1b[0m\tcolumn\r\n" * 10
    assert not looks_binary(data)
    assert decode_bytes(data).startswith("\x1b[1mTitle")


def test_utf16_is_not_binary_despite_nuls() -> None:
    assert not looks_binary(read("utf16le-bom.txt"))


def test_broken_utf16_raises() -> None:
    with pytest.raises(DecodeError, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"A\x00B")


def test_decode_error_is_a_value_error_with_reason() -> None:
    with pytest.raises(ValueError) as info:
        decode_bytes(b"\x00\x01\x02")
    assert isinstance(info.value, DecodeError)
    assert info.value.reason == str(info.value)


def test_empty_input() -> None:
    assert decode_bytes(b"") == ""
    assert not looks_binary(b"")
