"""Best-guess document language (English or French) from function-word counts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.core import UnknownLocaleError, get_global
from babel.localedata import locale_identifiers

from ..yaml_files import load_yaml

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


# CLDR's codes that name no language ("Unknown language", "Multiple languages", "No
# linguistic content", "Uncoded languages").
_NO_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})
_CODE = re.compile(r"[a-z]{2,3}")
ADDED_LANGUAGES_PATH = Path(__file__).with_name("languages_added.yaml")
_INTERFACE_LANGUAGES = ("en", "fr")


@cache
def added_languages() -> dict[str, dict[str, str]]:
    """The languages listed although CLDR's data leaves them out (Dinka, Mizo, Hmong: see
    ``languages_added.yaml``), by code: their names in English and in French."""
    with ADDED_LANGUAGES_PATH.open(encoding="utf-8") as handle:
        entries = load_yaml(handle)["languages"]
    added = {}
    for entry in entries:
        code = entry["code"]
        if not _CODE.fullmatch(code) or code in _NO_LANGUAGE:
            raise ValueError(f"{ADDED_LANGUAGES_PATH.name}: {code!r} is no language code")
        if not all(str(entry.get(lang) or "").strip() for lang in _INTERFACE_LANGUAGES):
            raise ValueError(f"{ADDED_LANGUAGES_PATH.name}: {code!r} needs a name in "
                             + " and ".join(_INTERFACE_LANGUAGES))
        added[code] = {lang: entry[lang].strip() for lang in _INTERFACE_LANGUAGES}
    return added


@cache
def document_languages() -> frozenset[str]:
    """The languages a document can be declared in, by their ISO 639 code: the two-letter
    code where there is one ("de", "pt"), else the three-letter one ("fil", "haw", "fon").
    Those the Unicode CLDR, through Babel, names in English and in French (the interface's
    languages), and knows as living: it has locale data for it, or counts it among the
    languages spoken in a country; so neither Sumerian nor Old French, nor a code CLDR
    replaced by another ("tl" for "fil"). About 510, and the few living languages CLDR counts
    no speakers of (:func:`added_languages`)."""
    english, french = Locale("en").languages, Locale("fr").languages
    spoken = {code for languages in get_global("territory_languages").values()
              for code, info in languages.items() if info.get("population_percent")}
    living = spoken | set(locale_identifiers())  # Ancient Greek is "spoken" by 0% in Greece
    replaced = get_global("language_aliases")
    return frozenset(code for code in english
                     if _CODE.fullmatch(code) and code in french and code in living
                     and code not in replaced and code not in _NO_LANGUAGE) | set(added_languages())


def document_language(declared: str) -> str | None:
    """The code a declared language is stored as: "fr" for "Français", "French" or "fr-FR"
    (and likewise English), "de" for "de", "de-CH" or "deu", "fil" for "tl" (the code CLDR
    replaced by another); None when ``declared`` names none of :func:`document_languages`
    ("Deutsch", "xx")."""
    code = language_code(declared) or _primary_subtag(declared)
    if code not in document_languages():
        code = _primary_subtag(get_global("language_aliases").get(code or "", ""))
    return code if code in document_languages() else None


def _primary_subtag(declared: str) -> str | None:
    """"pt" for "pt-BR" or "pt_BR"; None for what is not a language tag ("Deutsch")."""
    tag = declared.strip().replace("_", "-")
    return tag.split("-", 1)[0].lower() if _LANGUAGE_TAG.fullmatch(tag) else None


def language_name(declared: str, lang: str) -> str:
    """A declared language named in ``lang`` (the interface's), capitalised as a list entry:
    "Anglais" for "en" in French, "German" for "de"; a value stored before the language was
    chosen from a list, which names no language known here ("Deutsch"), as it is. A code
    CLDR has a name for is named as it is stored ("tl": Tagalog, though "fil" replaced it);
    one it has none for, as the code it stands for ("deu": German). A language added to
    CLDR's (:func:`added_languages`) is named as the list of added languages names it."""
    try:
        names = Locale.parse(lang).languages
    except (ValueError, UnknownLocaleError):
        names = Locale("en").languages
    code = language_code(declared) or _primary_subtag(declared)
    name = (_named(code or "", names, lang)
            or _named(document_language(declared) or "", names, lang))
    if not name:
        return declared
    return name[:1].upper() + name[1:]


def _named(code: str, names: dict[str, str], lang: str) -> str | None:
    """The name of ``code`` in ``names`` (CLDR's, in ``lang``), or in the list of languages
    added to CLDR's (in English when ``lang`` is not one of its languages)."""
    added = added_languages().get(code)
    return added.get(lang, added["en"]) if added else names.get(code)


@cache
def language_choices(lang: str) -> tuple[tuple[str, str], ...]:
    """Every declarable language as (code, name in ``lang``): English and French first (the
    catalogue's languages, those of nearly every document), then the others in the order of
    their names, accents and capitals aside ("Éwé" among the E)."""
    first = [(code, language_name(code, lang)) for code in ("en", "fr")]
    others = sorted(((code, language_name(code, lang))
                     for code in document_languages() - {"en", "fr"}),
                    key=lambda choice: _sort_key(choice[1]))
    return tuple(first + others)


def _sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
