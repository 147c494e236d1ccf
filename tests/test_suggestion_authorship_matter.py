"""E13's authorship element (31b) read only in a sentence about authorship (``about``): an
acknowledgement of medical writing assistance ("The medical writing assistance of … was
supported by Roche", « L'aide à la rédaction médicale … a été financée par … ») commits to
no publication and was quoted, and once made a paper's E13 met."""

from __future__ import annotations

import pytest
from suggestion_support import in_first_sentence, quoted, suggest

from checker.documents import extract_document

TITLE = {"en": "# Exercise for depression: a randomised trial",
         "fr": "# Exercice et dépression : un essai randomisé"}

WRITING_ASSISTANCE = {
    "en": "The medical writing assistance of Jane Smith (Writing Ltd) was supported by Acme "
          "Diagnostics.",
    "fr": "L'aide à la rédaction médicale de Jane Smith (Writing Ltd) a été financée par Acme "
          "Diagnostics.",
}
AUTHORSHIP = {
    "en": "All authors meet the ICMJE criteria for authorship.",
    "fr": "Tous les auteurs satisfont aux critères de paternité de l'ICMJE.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_e13_is_not_evidenced_by_an_acknowledgement_of_writing_assistance(lang):
    """E13's authorship element (31b) is read in a sentence about authorship, not in an
    acknowledgement of medical writing assistance, which commits to no publication."""
    heading = {"en": "## Acknowledgements", "fr": "## Remerciements"}[lang]
    for sentence, evidenced in ((WRITING_ASSISTANCE, False), (AUTHORSHIP, True)):
        text = f"{TITLE[lang]}\n\n{heading}\n\n{sentence[lang]}\n"
        document = extract_document(text.encode(), "doc.md")
        e13 = suggest(document, lang, kind="results",
                      detections=in_first_sentence(document, ["31b_Authorship"]))["E13"]
        assert (e13.answer != "not_reported") is evidenced, e13.rationale
        assert quoted(e13, sentence[lang]) is evidenced
