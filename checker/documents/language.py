"""Best-guess document language (English or French) from function-word counts."""

from __future__ import annotations

import re

_FR = {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "avec", "sur", "qui",
       "que", "été", "au", "aux", "par", "pas", "sont", "ont", "ces", "leur", "chez", "entre"}
_EN = {"the", "and", "of", "to", "in", "is", "with", "for", "was", "were", "that", "this", "be",
       "are", "by", "on", "from", "at", "as", "or", "an", "which", "will", "who", "between"}
_WORD = re.compile(r"[a-zà-ÿ]+")


def detect_language(text: str, sample: int = 20000) -> str:
    words = _WORD.findall(text[:sample].lower())
    fr = sum(1 for w in words if w in _FR)
    en = sum(1 for w in words if w in _EN)
    return "fr" if fr > en else "en"
