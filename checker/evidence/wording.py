"""Words and typography shared by the text outputs of `analyse` and `compare`, per language.

French typography puts a no-break space before ":" and ";" and quotes with « »."""

from __future__ import annotations

TYPOGRAPHY = {
    "en": {"colon": ":", "semicolon": ";", "separator": "; ", "quote": "“{}”",
           "protocol": "protocol", "paper": "paper"},
    "fr": {"colon": "\u00a0:", "semicolon": "\u00a0;", "separator": "\u00a0; ",
           "quote": "«\u00a0{}\u00a0»", "protocol": "protocole", "paper": "article"},
}


def words_for(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """The words of ``table`` in ``lang`` (English for another language), with the shared
    typography."""
    lang = lang if lang in table else "en"
    return {**TYPOGRAPHY[lang], **table[lang]}
