"""How plain-text dump parsing grows with pathological inputs: it must stay linear.

    python benchmarks/parse_scaling.py

Two shapes that a naive look-ahead would parse in n² time: a huge run of short lines
inside an article, and a huge list after a price offer (a paywall block's start).
Prints the seconds at n, 2n, 4n lines and the ratio per doubling (about 2 is linear,
about 4 quadratic). A timing, so a benchmark and not a test: machines are noisy.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.ingest.textdump import parse_text_dump

PARAGRAPH = (
    "Le conseil municipal a voté mardi soir un budget en hausse de quatre pour cent, "
    "porté par la rénovation des écoles et l'extension du réseau de tramway vers le nord, "
    "malgré l'opposition qui dénonce une dette trop lourde pour les années à venir."
)


def shapes(lines: int) -> dict[str, str]:
    heads = [f"Titre {n} : une nouvelle sans importance" for n in range(lines)]
    return {
        "short lines inside an article": "\n".join(["Titre", PARAGRAPH, *heads, PARAGRAPH]),
        "list after a price offer": "\n".join(
            ["Abonnez-vous", "Accès illimité dès 1 € par mois", *heads]
        ),
    }


def main() -> int:
    sizes = (10_000, 20_000, 40_000)
    for name in shapes(1):
        previous = None
        figures = []
        for lines in sizes:
            text = shapes(lines)[name]
            started = time.perf_counter()
            parse_text_dump(text)
            elapsed = time.perf_counter() - started
            ratio = f" (x{elapsed / previous:.1f})" if previous else ""
            figures.append(f"{lines:>6} lines {elapsed:6.2f} s{ratio}")
            previous = elapsed
        print(f"{name}: " + ", ".join(figures) + "  (x2 per doubling is linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
