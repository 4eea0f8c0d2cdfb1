"""User configuration: config.toml read into a frozen dataclass, defaults for anything missing."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

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


def _section(document: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = document.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] must be a table")
    return value


def _typed(table: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path) -> Any:
    value = table.get(key)
    if value is None:
        return None
    # TOML booleans are ints to isinstance(); a number setting must not accept `true`.
    wants_bool = kind is bool
    if not isinstance(value, kind) or (isinstance(value, bool) and not wants_bool):
        raise ConfigError(f"{path}: {key} has the wrong type ({type(value).__name__})")
    return value


def parse_config(text: str, path: Path) -> Config:
    """Build a Config from TOML text; raise ConfigError with a one-line reason."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML ({error})") from error
    importing = _section(document, "import", path)
    ui = _section(document, "ui", path)
    keys = _section(document, "keys", path)
    stories = _section(document, "stories", path)
    config = Config()
    max_mb = _typed(importing, "max_file_mb", (int, float), path)
    if max_mb is not None and max_mb <= 0:
        raise ConfigError(f"{path}: max_file_mb must be positive")
    max_items = _typed(importing, "max_file_items", int, path)
    if max_items is not None and max_items <= 0:
        raise ConfigError(f"{path}: max_file_items must be positive")
    mark_read = _typed(ui, "mark_read_on_open", bool, path)
    theme = _typed(ui, "theme", str, path)
    follow = _typed(stories, "duplicates_follow", bool, path)
    for binding_id, binding_keys in keys.items():
        if not isinstance(binding_keys, str):
            raise ConfigError(f"{path}: keys.{binding_id} must be a string")
    return Config(
        max_file_mb=float(max_mb) if max_mb is not None else config.max_file_mb,
        max_file_items=max_items if max_items is not None else config.max_file_items,
        mark_read_on_open=mark_read if mark_read is not None else config.mark_read_on_open,
        theme=theme,
        keys=MappingProxyType(dict(keys)),
        duplicates_follow=follow if follow is not None else config.duplicates_follow,
    )


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file means defaults."""
    config_path = path or paths.config_file()
    try:
        text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_path}: cannot read ({error})") from error
    return parse_config(text, config_path)
