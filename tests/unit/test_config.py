"""config.toml: every problem is one line naming the setting and what is used instead,
and the settings that are right still apply."""

from __future__ import annotations

from pathlib import Path

from reader.config import Config, read_config
from reader.ui.keymap_check import checked_keymap, is_key

PATH = Path("config.toml")


def test_every_problem_is_reported_and_the_right_settings_still_apply() -> None:
    config, problems = read_config(
        '[import]\nmax_file_mb = "big"\nmax_file_items = 5000\n'
        '[ui]\nmark_read_on_open = "yes"\ntheme = "nord"\ncolour = "red"\n'
        "[stories]\nduplicates_follow = false\n[extras]\nx = 1\n",
        PATH,
    )
    assert problems == [
        "config.toml: [ui] unknown setting 'colour' (ignored)",
        "config.toml: unknown section [extras] (ignored)",
        "config.toml: [import] max_file_mb must be a number, not 'big'; using 50.0",
        "config.toml: [ui] mark_read_on_open must be true or false, not 'yes'; using True",
    ]
    assert config == Config(max_file_items=5000, theme="nord", duplicates_follow=False)


def test_invalid_toml_is_one_problem_and_the_defaults() -> None:
    config, problems = read_config("[ui\ntheme = 1", PATH)
    assert config == Config() and len(problems) == 1 and "invalid TOML" in problems[0]


def test_key_names_are_checked() -> None:
    for good in ("q", "ctrl+q", "question_mark", "f5", "shift+tab", "é", "?", "ctrl+shift+up"):
        assert is_key(good), good
    for bad in ("ctrl+shift+banana", "banana", "hyper+", "cmd+q", ""):
        assert not is_key(bad), bad
    usable, problems = checked_keymap(
        {"quit": "ctrl+shift+banana", "tag": "ctrl+g,g", "nonsense": "x"}, ["quit", "tag"], "c"
    )
    assert usable == {"tag": "ctrl+g,g"}
    assert problems == [
        "c: [keys] quit = 'ctrl+shift+banana': 'ctrl+shift+banana' is not a key;"
        " its default keys stay",
        "c: [keys] no binding is called 'nonsense' (ignored)",
    ]
