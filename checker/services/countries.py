"""Countries as people type them in a country field, compared by country, not by spelling.

A dossier's country of deployment and a study's country are free text: "England", "UK",
"United Kingdom", "Royaume-Uni" and "GB" all name the United Kingdom, and a study conducted
there counts towards a minimum asked "in the country concerned" whichever way either is
written. The names are data: CLDR's territory names in English and French (Babel) and the
aliases of the details reader's cues (``checker/evidence/stated_details_cues.yaml``), which
also read the country a document states.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel import Locale

from ..evidence.stated_details import DETAILS_CUES_PATH, country_names, get_details_cues
from ..yaml_files import load_yaml

# Typed around a name without changing it: "the Netherlands", « la France », "(France)".
_ARTICLES = re.compile(r"^(?:the|le|la|les|l')\s*")
_SPACING = re.compile(r"[\s\-‐‑–—_/]+")


def fold(text: str) -> str:
    """``text`` as compared: no accents, case, full stops ("U.S."), articles or surrounding
    brackets, one space between words ("Royaume Uni" is "Royaume-Uni")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    bare = _SPACING.sub(" ", bare.replace(".", "")).strip(" ()[],;:")
    return _ARTICLES.sub("", bare).strip()


@lru_cache(maxsize=1)
def _field_names() -> dict[str, str]:
    """Folded name or code -> ISO 3166 code, for a whole country field."""
    with DETAILS_CUES_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)["countries"]
    names = {fold(name): code for name, code in country_names(data, in_text=False).items()}
    # The two-letter codes themselves ("FR", "gb"), after the names: no name is two letters.
    for code in Locale("en").territories:
        if len(code) == 2 and code.isalpha() and code not in data["not_countries"]:
            names.setdefault(code.casefold(), code)
    return names


def country_codes(text: str) -> frozenset[str]:
    """The ISO 3166 codes of the countries ``text`` names: the whole field as one country
    ("England", "U.S.", "Etats-Unis", "FR"), else the countries named in it ("Lyon, France";
    "France and Belgium" names two); empty when it names none that is known."""
    folded = fold(text)
    if not folded:
        return frozenset()
    code = _field_names().get(folded)
    if code:
        return frozenset({code})
    cues = get_details_cues()
    return frozenset(cues.country_codes[m.group().replace("’", "'")]
                     for m in cues.country_names.finditer(text))


def same_country(study: str, deployment: str) -> bool:
    """Whether a study conducted in ``study`` was conducted in the country ``deployment``
    names: by country when both are known ones (a study in several countries, when one of
    them is), else when they are written alike (accents, case and full stops aside)."""
    study_codes, deployment_codes = country_codes(study), country_codes(deployment)
    if study_codes and deployment_codes:
        return bool(study_codes & deployment_codes)
    return bool(fold(study)) and fold(study) == fold(deployment)


def country_name(code: str, lang: str) -> str:
    """The country's usual name in ``lang`` ("Royaume-Uni" for GB in French)."""
    return Locale(lang).territories.get(code, code) if code else ""
