"""Printable checklist of the invariants of one study type (Markdown)."""

from __future__ import annotations

from checker.catalogue import Catalogue, pick

_HEADINGS = {
    "en": {
        "title": "NPIS Model checklist — {study_type} study ({kind})",
        "catalogue": "Catalogue",
        "ethical": "Ethical invariants",
        "methodological": "Methodological invariants",
        "met": "Met",
        "partially_met": "Partially met",
        "not_met": "Not met",
        "na": "Not applicable allowed when",
        "example": "Example",
        "answer": "Answer",
        "location": "Page / section",
        "standards": "Standards",
        "protocol": "protocol",
        "paper": "published paper",
        "colon": ":",
    },
    "fr": {
        # « de type »: "étude implémentation" is no French; the type agrees with « type ».
        "title": "Grille du modèle NPIS — étude de type {study_type} ({kind})",
        "catalogue": "Catalogue",
        "ethical": "Invariants éthiques",
        "methodological": "Invariants méthodologiques",
        "met": "Respecté",
        "partially_met": "Partiellement respecté",
        "not_met": "Non respecté",
        "na": "Non applicable admis quand",
        "example": "Exemple",
        "answer": "Réponse",
        "location": "Page / section",
        "standards": "Standards",
        "protocol": "protocole",
        "paper": "article publié",
        "colon": "\u00a0:",
    },
}


def checklist_markdown(
    catalogue: Catalogue, study_type: str, lang: str = "en", document_kind: str = "protocol"
) -> str:
    """Markdown checklist: each invariant with its guidance and boxes for the answer."""
    h = _HEADINGS.get(lang, _HEADINGS["en"])
    st = catalogue.study_type(study_type)
    answers = " ".join(f"☐ {pick(a.label, lang)}" for a in catalogue.scoring.answers)
    lines = [
        "# " + h["title"].format(study_type=st.type_name(lang), kind=h[document_kind]),
        "",
        f"*{h['catalogue']}{h['colon']} {pick(catalogue.name, lang)} — v{catalogue.version}*",
        "",
        f"> {pick(catalogue.provenance, lang)}",
        "",
    ]
    current_kind = None
    for inv in catalogue.invariants_for(study_type):
        if inv.kind != current_kind:
            current_kind = inv.kind
            lines += [f"## {h[inv.kind]}", ""]
        guidance = inv.guidance(document_kind)
        standards = "; ".join(f"{ref.standard} {', '.join(ref.items)}" for ref in inv.crosswalk)
        lines += [
            f"### {inv.id} — {pick(inv.title, lang)}",
            "",
            pick(inv.statement, lang),
            "",
            f"- **{h['met']}**{h['colon']} {pick(guidance.met, lang)}",
            f"- **{h['partially_met']}**{h['colon']} {pick(guidance.partially_met, lang)}",
            f"- **{h['not_met']}**{h['colon']} {pick(guidance.not_met, lang)}",
        ]
        if inv.na_allowed and inv.na_when:
            lines.append(f"- **{h['na']}**{h['colon']} {pick(inv.na_when, lang)}")
        lines += [
            f"- **{h['example']}**{h['colon']} {pick(inv.example(document_kind), lang)}",
            f"- **{h['standards']}**{h['colon']} {standards}",
            "",
            f"{h['answer']}{h['colon']} {answers}",
            "",
            f"{h['location']}{h['colon']} ______________________",
            "",
        ]
    return "\n".join(lines)
