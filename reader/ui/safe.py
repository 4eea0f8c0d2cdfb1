"""The only way untrusted text reaches widgets: as literal Content/Text, never markup."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from reader.text.clean import strip_controls


def plain(text: str) -> Content:
    """Untrusted text for Static/Label/OptionList/border titles: brackets stay literal."""
    return Content(strip_controls(text))


def styled(text: str, style: str) -> Content:
    """Untrusted text with a style applied to all of it (the text itself stays literal)."""
    return plain(text).stylize(style)


def plain_rich(text: str) -> Text:
    """Untrusted text for DataTable cells and Tree labels, which parse str as Rich markup."""
    return Text(strip_controls(text), no_wrap=True, overflow="ellipsis")
