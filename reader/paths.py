"""Where reader keeps its files: platformdirs locations with environment overrides."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_state_path

APP_NAME = "reader"
LIBRARY_FILE_NAME = "library.sqlite3"


def _env_path(variable: str) -> Path | None:
    value = os.environ.get(variable, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Directory of the default library (READER_DATA_DIR overrides it)."""
    return _env_path("READER_DATA_DIR") or user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Directory of config.toml (READER_CONFIG_DIR overrides it)."""
    return _env_path("READER_CONFIG_DIR") or user_config_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    """Directory of UI state such as the last view (READER_STATE_DIR overrides it)."""
    return _env_path("READER_STATE_DIR") or user_state_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_library_path() -> Path:
    """The library used when neither --library nor READER_LIBRARY is given."""
    return data_dir() / LIBRARY_FILE_NAME


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the library: --library first, then READER_LIBRARY, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    return _env_path("READER_LIBRARY") or default_library_path()
