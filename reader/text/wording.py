"""Counting things in messages: "1 item", "2 items", "0 errors"."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, the noun taking an s unless there is exactly one."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
