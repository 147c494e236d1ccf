"""One document's analysis as plain data (for JSON), and as text for a person to read."""

from __future__ import annotations

from checker.catalogue import Catalogue, pick
from checker.documents import Document

from .detect import detect_elements
from .suggest import suggest_answers


def analysis_report(document: Document, kind: str, lang: str, catalogue: Catalogue | None = None,
                    study_type: str | None = None) -> dict:
    """Detected elements, and with a catalogue and study type the invariant suggestions."""
    detections = detect_elements(document, kind=kind, lang=lang)
    report: dict = {
        "document": {"filename": document.filename, "format": document.format,
                     "language": lang, "kind": kind, "pages": len(document.pages) or None,
                     "sentences": len(document.sentences), "characters": len(document.text)},
        "detections": [d.to_dict() for d in detections],
    }
    if catalogue is not None and study_type:
        suggestions = suggest_answers(catalogue, study_type, detections, lang,
                                      document=document, kind=kind)
        report["catalogue"] = {"id": catalogue.id, "version": catalogue.version}
        report["study_type"] = study_type
        report["suggestions"] = {k: s.to_dict() for k, s in suggestions.items()}
    return report


_WORDS = {
    "en": {"pages": "pages", "elements": "Reporting elements detected", "page": "p.",
           "invariants": "Suggested answers (to be checked by a person)", "none": "none",
           "colon": ":", "percent": "{:.0f}%"},
    "fr": {"pages": "pages", "elements": "Éléments détectés", "page": "p.",
           "invariants": "Réponses suggérées (à vérifier par une personne)", "none": "aucun",
           "colon": " :", "percent": "{:.0f} %"},  # French typography: spaces before : and %
}


def _where(quote: dict, words: dict[str, str], text: str) -> str:
    parts = [f"{words['page']} {quote['page']}"] if quote.get("page") else []
    if quote.get("section") and quote["section"] != text:  # a title is its own section
        parts.append(quote["section"])
    return f" ({', '.join(parts)})" if parts else ""


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_analysis(report: dict, catalogue: Catalogue, lang: str) -> list[str]:
    """The report as lines of text: each detected element with its best sentence, then each
    invariant's suggested answer with its first quotation."""
    words = _WORDS.get(lang, _WORDS["en"])
    doc = report["document"]
    pages = f", {doc['pages']} {words['pages']}" if doc.get("pages") else ""
    colon = words["colon"]
    lines = [f"{doc['filename']} ({doc['format']}, {doc['language']}{pages})", "",
             f"{words['elements']}{colon}"]
    best = [d for d in report["detections"] if d["rank"] == 1]
    for detection in best:
        label = catalogue.element_label(detection["element"], lang)
        confidence = words["percent"].format(detection["confidence"] * 100)
        where = _where(detection, words, detection["quote"])
        lines.append(f"  {label} — {confidence}{where}")
        lines.append(f"      “{_one_line(detection['quote'])}”")
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
                lines.append(f"      “{_one_line(quote['text'])}”{where}")
    return lines
