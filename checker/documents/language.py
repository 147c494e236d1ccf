"""Best-guess document language (English or French) from function-word counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FR = {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "avec", "sur", "qui",
       "que", "été", "au", "aux", "par", "pas", "sont", "ont", "ces", "leur", "chez", "entre"}
_EN = {"the", "and", "of", "to", "in", "is", "with", "for", "was", "were", "that", "this", "be",
       "are", "by", "on", "from", "at", "as", "or", "an", "which", "will", "who", "between"}
_WORD = re.compile(r"[a-zà-ÿ]+")
# How people write a language in a free-text field ("fr", "fr-FR", "Français", "English").
_NAMES = {"en": "en", "eng": "en", "english": "en", "anglais": "en",
          "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr", "français": "fr",
          "francais": "fr"}
# A guess is clear with enough function words and one language well ahead: a short note, a
# bilingual abstract or a title alone is not enough to tell a person they were wrong.
_CLEAR_WORDS = 20
_CLEAR_RATIO = 3


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # "en" | "fr"
    english_words: int  # English function words counted in the sample
    french_words: int

    @property
    def is_clear(self) -> bool:
        more, fewer = sorted((self.english_words, self.french_words), reverse=True)
        return more >= _CLEAR_WORDS and more >= _CLEAR_RATIO * fewer


def guess_language(text: str, sample: int = 20000) -> LanguageGuess:
    words = _WORD.findall(text[:sample].lower())
    fr = sum(1 for w in words if w in _FR)
    en = sum(1 for w in words if w in _EN)
    return LanguageGuess("fr" if fr > en else "en", en, fr)


def detect_language(text: str, sample: int = 20000) -> str:
    return guess_language(text, sample).language


def language_code(declared: str) -> str | None:
    """"en" or "fr" for a language written in any usual way, else None (another language, or
    nothing recognisable)."""
    name = declared.strip().lower()
    return _NAMES.get(name) or _NAMES.get(re.split(r"[-_ ]", name, maxsplit=1)[0])


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def language_tag(declared: str) -> str | None:
    """The HTML ``lang`` value for a declared document language ("fr" for "Français",
    "de" for "de"), or None when the field holds no language tag ("Deutsch"): a wrong
    ``lang`` makes a screen reader mispronounce, so none is better."""
    code = language_code(declared)
    if code:
        return code
    declared = declared.strip()
    return declared if _LANGUAGE_TAG.fullmatch(declared) else None
