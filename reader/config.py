"""User configuration: config.toml read into a frozen dataclass, defaults for anything missing."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from reader import paths

DEFAULT_MAX_FILE_MB = 50.0
DEFAULT_MAX_FILE_ITEMS = 250_000
"""250,000 one-line headlines import in 71 s and 850 MB here (storing, indexing and
grouping); a million took 8 min 54 s and 2.1 GB, and are now refused after a 6 s read."""


class ConfigError(ValueError):
    """The config file exists but cannot be used; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings a user can change in config.toml."""

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    """Files larger than this are refused by `reader import`."""
    max_file_items: int = DEFAULT_MAX_FILE_ITEMS
    """Files holding more items than this are refused (before anything is stored)."""
    mark_read_on_open: bool = True
    """Opening an item in the app marks it read."""
    theme: str | None = None
    """Textual theme name; the app also remembers the last one picked."""
    keys: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Binding id -> keys (comma separated), applied with App.set_keymap."""
    duplicates_follow: bool = True
    """Reading, tagging, untagging or starring an item applies to its whole duplicate set
    (its copies from other sources): pass as `follow_duplicates=` to the library."""

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


_SETTINGS: Final[dict[str, tuple[str, ...] | None]] = {
    "import": ("max_file_mb", "max_file_items"),
    "ui": ("mark_read_on_open", "theme"),
    "stories": ("duplicates_follow",),
    "keys": None,  # binding id = keys: checked by the app, which knows its bindings
}


class _Reader:
    """Reads one config document, noting every problem and keeping the default for it."""

    def __init__(self, document: dict[str, Any], path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.tables: dict[str, dict[str, Any]] = {}
        for name, value in document.items():
            if name not in _SETTINGS:
                self.problem(f"unknown section [{name}] (ignored)")
            elif not isinstance(value, dict):
                self.problem(f"[{name}] must be a table (ignored)")
            else:
                self.tables[name] = value
                known = _SETTINGS[name]
                if known is not None:
                    for key in value:
                        if key not in known:
                            self.problem(f"[{name}] unknown setting {key!r} (ignored)")

    def problem(self, text: str) -> None:
        self.problems.append(f"{self.path}: {text}")

    def value(self, section: str, key: str, kind: type | tuple[type, ...], default: Any,
              *, positive: bool = False) -> Any:  # fmt: skip
        """The setting, or `default` with a problem noted when it is of the wrong type."""
        value: Any = self.tables.get(section, {}).get(key)
        if value is None:
            return default
        wanted = kind if isinstance(kind, tuple) else (kind,)
        # TOML booleans are ints to isinstance(); a number setting must not accept `true`.
        if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
            names = "a number" if float in wanted else _TYPE_NAMES[wanted[0]]
            self.problem(f"[{section}] {key} must be {names}, not {value!r}; using {default!r}")
            return default
        if positive and isinstance(value, int | float) and value <= 0:
            self.problem(f"[{section}] {key} must be positive, not {value!r}; using {default!r}")
            return default
        return value

    def keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for binding_id, binding_keys in self.tables.get("keys", {}).items():
            if isinstance(binding_keys, str):
                keys[binding_id] = binding_keys
            else:
                self.problem(f"[keys] {binding_id} must be a string of keys (ignored)")
        return keys


_TYPE_NAMES: Final[dict[type, str]] = {
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    str: "a string",
}


def read_config(text: str, path: Path) -> tuple[Config, list[str]]:
    """A Config from TOML text, and every problem found, one line each ("path: [ui]
    theme must be a string, not 3; using None"); a bad setting keeps its default, and
    the others still apply. Invalid TOML is one problem, and all defaults."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Config(), [f"{path}: invalid TOML ({error}); using the defaults"]
    read = _Reader(document, path)
    default = Config()
    max_mb = read.value("import", "max_file_mb", (int, float), default.max_file_mb, positive=True)
    max_items = read.value("import", "max_file_items", int, default.max_file_items, positive=True)
    mark_read = read.value("ui", "mark_read_on_open", bool, default.mark_read_on_open)
    follow = read.value("stories", "duplicates_follow", bool, default.duplicates_follow)
    config = Config(
        max_file_mb=float(max_mb),
        max_file_items=max_items,
        mark_read_on_open=mark_read,
        theme=read.value("ui", "theme", str, default.theme),
        keys=MappingProxyType(read.keys()),
        duplicates_follow=follow,
    )
    return config, read.problems


def parse_config(text: str, path: Path) -> Config:
    """`read_config`, raising ConfigError with the first problem if there is one."""
    config, problems = read_config(text, path)
    if problems:
        raise ConfigError(problems[0])
    return config


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config file (a missing file means defaults), with every problem found."""
    config_path = path or paths.config_file()
    try:
        text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), []
    except (OSError, UnicodeDecodeError) as error:
        return Config(), [f"{config_path}: cannot read ({error}); using the defaults"]
    return read_config(text, config_path)
