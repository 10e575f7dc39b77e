"""Scoring the redactor on messages written by someone who never saw it.

Each item is ``{text, identifying: [exact spans]}``. A span *leaks* when a word of it (two
letters or more, or any digits) is still in the redacted text more often than it occurs in
the text outside the spans. An ordinary word is *lost* when the redacted text holds fewer of
it than the text outside the spans. Run ``python -m tests.evaluation.privacy FILE...``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.privacy import redact

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text) if len(w) >= 2 or w.isdigit())


def _outside(text: str, spans: Sequence[str]) -> str:
    for span in spans:
        text = text.replace(span, " ")
    return text


@dataclass
class Score:
    items: int = 0
    spans: int = 0
    leaked: list[tuple[str, str]] = field(default_factory=list)  # (span, redacted text)
    ordinary: int = 0
    lost: list[tuple[str, str]] = field(default_factory=list)  # (word, redacted text)

    def line(self, name: str) -> str:
        share = len(self.lost) / self.ordinary if self.ordinary else 0.0
        return (
            f"{name}: {self.items} messages, {len(self.leaked)} of {self.spans} identifying "
            f"spans leaked, {len(self.lost)} of {self.ordinary} ordinary words lost ({share:.1%})"
        )


def score(items: Sequence[dict], redactor: Callable[[str], str] = redact) -> Score:
    result = Score()
    for item in items:
        text, spans = item["text"], list(item.get("identifying") or [])
        redacted = redactor(text)
        kept = _words(redacted)
        ordinary = _words(_outside(text, spans))
        result.items += 1
        result.spans += len(spans)
        for span in spans:
            if any(kept[w] > ordinary[w] for w in _words(span)):
                result.leaked.append((span, redacted))
        result.ordinary += sum(ordinary.values())
        for word, count in ordinary.items():
            for _ in range(max(0, count - kept[word])):
                result.lost.append((word, redacted))
    return result


def load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def main(argv: Sequence[str]) -> int:
    verbose = "--failures" in argv
    for name in (a for a in argv if not a.startswith("--")):
        result = score(load(Path(name)))
        print(result.line(name))
        if verbose:
            for span, redacted in result.leaked:
                print(f"  leaked {span!r}: {redacted}")
            for word, redacted in result.lost:
                print(f"  lost {word!r}: {redacted}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
