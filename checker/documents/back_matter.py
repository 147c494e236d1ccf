"""A paper's back matter and its abstract set as run-in headings: "**Funding.** This study
was funded by …", "**Abstract.** **Background:** …".

Journals set the funding, the conflicts of interest, the data availability and the
acknowledgements after the last numbered section, each under a bold label that starts its
paragraph, the text going on on the same line. No line of such a paragraph reads as a heading,
so its text was placed in the last numbered section ("5. Conclusion"). A bold label at a
paragraph's or line's start that is a back-matter name of ``headings.yaml`` (English and
French) starts a section of that name: the label as written, without its full stop or colon.
An abstract set the same way, its name as a bold label opening its first paragraph
("**Abstract.**", « **Résumé.** »), is read as under its heading (:mod:`.abstract`).
The readers tell the bold (PDF characters, DOCX runs, Markdown's ``**``); this module tells
the names. The text itself is left as it is: its quotations stay verbatim.
"""

from __future__ import annotations

import re

from .headings import abstract_names, back_matter_names, name_key

# A label: letters, spaces, apostrophes and hyphens (no stop inside), then its full stop or
# colon, then a space or the line's end.
_LABEL = re.compile(r"[ \t]*([^\W\d_][\w'’ \t-]{1,60}?)[ \t\u00a0\u202f]*([.:])(?=\s|$)")
# Markdown: "**Funding.** text", "**Funding**. text", "__Liens d'intérêts :__ text".
_MD_LABEL = re.compile(
    r"[ \t]{0,3}(\*\*|__)[ \t]*([^\W\d_][\w'’ \t-]{1,60}?)[ \t\u00a0\u202f]*(?:([.:])\1|\1([.:]))"
    r"(?=\s|$)")


def _is_run_in_name(name: str) -> bool:
    key = name_key(name)
    return key in back_matter_names() or key in abstract_names()


def run_in_label(line: str) -> tuple[str, int] | None:
    """(name, end) of the back-matter or abstract label that starts ``line`` ("Funding. This
    …" -> ("Funding", 8)), ``end`` being just after its full stop or colon; None when the line
    starts with no such label. Whether the label is set in bold is the reader's to tell."""
    match = _LABEL.match(line)
    if match is None or not _is_run_in_name(match.group(1)):
        return None
    return " ".join(match.group(1).split()), match.end()


def markdown_run_in(text: str) -> list[tuple[int, str]]:
    """(offset, name) of each Markdown line that starts with a bold back-matter or abstract
    label ("**Funding.** This study …", "**Funding**: …", "**Abstract.** …")."""
    found = []
    offset = 0
    for line in text.split("\n"):
        match = _MD_LABEL.match(line)
        if match and _is_run_in_name(match.group(2)):
            found.append((offset + len(line) - len(line.lstrip(" \t")),
                          " ".join(match.group(2).split())))
        offset += len(line) + 1
    return found
