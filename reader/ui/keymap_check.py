"""Checking the [keys] of config.toml against the app's bindings and Textual's key names.

Textual accepts any string as a key: "ctrl+shift+banana" would replace `q` and then
match no key press, leaving the app without its quit key. A remap is used only when
its binding id exists and each of its keys is one a terminal can send; every other
entry is reported, and the binding keeps its default keys.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from textual.binding import Binding
from textual.keys import Keys, _character_to_key

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def _key_names() -> frozenset[str]:
    names = {key.value.rsplit("+", 1)[-1] for key in Keys}
    names.update(_character_to_key(character) for character in string.printable.strip())
    names.update(string.printable.strip())
    names.update(f"f{n}" for n in range(1, 25))
    names.update({"space", "enter", "return", "tab", "escape", "backspace", "delete",
                  "insert", "home", "end", "pageup", "pagedown", "up", "down", "left",
                  "right"})  # fmt: skip
    return frozenset(names)


KEY_NAMES = _key_names()


def is_key(spec: str) -> bool:
    """Whether one key ("q", "ctrl+q", "question_mark", "f1", "é") can be pressed."""
    *modifiers, name = spec.strip().split("+")
    if not name or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    return name in KEY_NAMES or (len(name) == 1 and name.isprintable())


def checked_keymap(
    keys: Mapping[str, str], binding_ids: Iterable[str], source: str
) -> tuple[dict[str, str], list[str]]:
    """The usable remaps, and one line per entry left out (with what is kept instead)."""
    known = set(binding_ids)
    usable: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, spec in keys.items():
        if binding_id not in known:
            problems.append(f"{source}: [keys] no binding is called {binding_id!r} (ignored)")
            continue
        wrong = [part.strip() for part in spec.split(",") if not is_key(part)]
        if wrong or not spec.strip():
            shown = ", ".join(repr(part) for part in wrong) or "nothing"
            problems.append(
                f"{source}: [keys] {binding_id} = {spec!r}: {shown} is not a key;"
                " its default keys stay"
            )
            continue
        usable[binding_id] = spec
    return usable, problems


def shown_keys(binding: Binding, keys: str, display: Callable[[Binding], str]) -> str:
    """Comma-separated `keys` of a binding as the footer writes them ("?", "^g"), with
    `display` the app's `get_key_display`."""
    return ", ".join(
        display(replace(binding, key=key.strip(), key_display=None))
        for key in keys.split(",")
        if key.strip()
    )
