"""One document's analysis as plain data (for JSON), and as text for a person to read."""

from __future__ import annotations

from checker.catalogue import Catalogue, pick
from checker.documents import Document
from checker.documents.hyphenation import UNKNOWN_SPELLING, Spelling

from .detect import detect_elements, normalise_kind
from .features import readable_text
from .kind import guess_document_kind
from .suggest import suggest_answers
from .wording import words_for

AUTO_KIND = "auto"  # read the kind from the document (protocol when it gives no clue)


def analysis_report(document: Document, kind: str, lang: str, catalogue: Catalogue | None = None,
                    study_type: str | None = None) -> dict:
    """Detected elements, and with a catalogue and study type the invariant suggestions.

    ``kind`` is "protocol", "paper" or "auto". The kind the document reads like is always
    reported (``kind_guess``), with whether it contradicts a kind that was given.
    """
    guess = guess_document_kind(document, lang)
    if kind == AUTO_KIND:
        kind, source = (guess.kind if guess else "protocol"), "detected"
    else:
        kind, source = normalise_kind(kind), "given"
    detections = detect_elements(document, kind=kind, lang=lang)
    report: dict = {
        "document": {"filename": document.filename, "format": document.format,
                     "language": lang, "kind": kind, "kind_source": source,
                     "pages": len(document.pages) or None,
                     "sentences": len(document.sentences), "characters": len(document.text)},
        "kind_guess": guess.to_dict() if guess else None,
        "kind_contradicted": bool(guess and source == "given" and guess.contradicts(kind)),
        "detections": [_located(d.to_dict(), document) for d in detections],
    }
    if catalogue is not None and study_type:
        suggestions = suggest_answers(catalogue, study_type, detections, lang,
                                      document=document, kind=kind)
        report["catalogue"] = {"id": catalogue.id, "version": catalogue.version}
        report["study_type"] = study_type
        report["suggestions"] = {k: s.to_dict() for k, s in suggestions.items()}
    return report


def _located(detection: dict, document: Document) -> dict:
    """A detection's dict with the line number its sentence starts on, in a PDF whose lines
    are numbered in the margin (as its quotations in suggestions); as before otherwise."""
    line = document.line_at(detection["start"])
    return detection if line is None else {**detection, "line": str(line)}


_WORDS = {
    "en": {"elements": "Reporting elements detected", "page": "p.", "line": "l.",
           "invariants": "Suggested answers (to be checked by a person)", "none": "none",
           "percent": "{:.0f}%", "kind": "Document kind", "detected": "read from the document",
           "given": "as given", "reads": "the document reads like a {kind}",
           "evidence": "sentences of plans: {plan}, reporting work done: {report}",
           "warning": "Warning: the document reads like a {kind}; check --kind.",
           "inferred": "inferred from the text as a whole; the closest sentence in vocabulary"},
    "fr": {"elements": "Éléments détectés", "page": "p.", "line": "l.",
           "invariants": "Réponses suggérées (à vérifier par une personne)", "none": "aucun",
           "percent": "{:.0f}\u00a0%", "kind": "Type de document",
           "detected": "lu dans le document",
           "given": "tel que donné", "reads": "le document se lit comme un {kind}",
           "evidence": "phrases de projet\u00a0: {plan}, rendant compte du travail fait\u00a0: "
                       "{report}",
           # French typography: no-break spaces before : ; and %
           "warning": "Attention\u00a0: le document se lit comme un {kind}\u00a0; vérifiez --kind.",
           "inferred": "déduit de l'ensemble du texte\u00a0; la phrase la plus proche par le "
                       "vocabulaire"},
}


def _where(quote: dict, words: dict[str, str], text: str) -> str:
    parts = [f"{words['page']} {quote['page']}"] if quote.get("page") else []
    if parts and quote.get("line"):  # a manuscript numbered in its margin: "p. 7, l. 212"
        parts[0] += f", {words['line']} {quote['line']}"
    if quote.get("section") and quote["section"] != text:  # a title is its own section
        parts.append(quote["section"])
    return f" ({', '.join(parts)})" if parts else ""


def _one_line(text: str, spelling: Spelling, limit: int = 200) -> str:
    text = " ".join(readable_text(text, spelling).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind_lines(report: dict, words: dict[str, str]) -> list[str]:
    doc, guess = report["document"], report.get("kind_guess")
    line = f"{words['kind']}{words['colon']} {words[doc['kind']]} ({words[doc['kind_source']]}"
    if guess:
        reads = words["reads"].format(kind=words[guess["kind"]])
        evidence = words["evidence"].format(plan=guess["plan_sentences"],
                                            report=guess["report_sentences"])
        confidence = words["percent"].format(guess["confidence"] * 100)
        colon = words["colon"]
        line += (f"{words['semicolon']} {reads}, {confidence}{colon} {evidence}"
                 if doc["kind_source"] == "given"
                 else f", {confidence}{colon} {evidence}")
    lines = [line + ")"]
    if report.get("kind_contradicted"):
        lines.append(words["warning"].format(kind=words[guess["kind"]]))
    return lines


def format_analysis(report: dict, catalogue: Catalogue, lang: str,
                    spelling: Spelling = UNKNOWN_SPELLING) -> list[str]:
    """The report as lines of text: each detected element with its best sentence, then each
    invariant's suggested answer with its first quotation. With the document's spelling, a word
    hyphenated at a PDF line end is printed whole (see :func:`features.readable_text`)."""
    words = words_for(_WORDS, lang)
    doc = report["document"]
    pages = f", {doc['pages']} p." if doc.get("pages") else ""
    colon = words["colon"]
    lines = [f"{doc['filename']} ({doc['format']}, {doc['language']}{pages})",
             *_kind_lines(report, words), "", f"{words['elements']}{colon}"]
    best = [d for d in report["detections"] if d["rank"] == 1]
    for detection in best:
        label = catalogue.element_label(detection["element"], lang)
        confidence = words["percent"].format(detection["confidence"] * 100)
        where = _where(detection, words, detection["quote"])
        inferred = "" if detection.get("cue_match", True) else f" [{words['inferred']}]"
        lines.append(f"  {label} — {confidence}{where}{inferred}")
        lines.append("      " + words["quote"].format(_one_line(detection["quote"],
                                                                  spelling)))
    if not best:
        lines.append(f"  {words['none']}")
    if "suggestions" in report:
        lines += ["", f"{words['invariants']}{colon}"]
        for inv_id, suggestion in report["suggestions"].items():
            title = pick(catalogue.invariant(inv_id).title, lang)
            answer = pick(catalogue.scoring.answer(suggestion["answer"]).label, lang)
            lines.append(f"  {inv_id} {title}{colon} {answer}")
            if suggestion["quotations"]:
                quote = suggestion["quotations"][0]
                where = _where(quote, words, quote["text"])
                lines.append("      " + words["quote"].format(
                    _one_line(quote["text"], spelling)) + where)
    return lines
