"""Detection elements: the 83 SPIRIT-CONSORT-TM items (trained) and the catalogue extras."""

from __future__ import annotations

from .lexicon import get_lexicon


def sctm_items() -> list[str]:
    """The 83 fine-grained items, in lexicon order."""
    return [e for e in get_lexicon().elements if e[0].isdigit()]


def extra_elements() -> list[str]:
    return [e for e in get_lexicon().elements if e.startswith("X_")]


def sctm_code(element: str) -> str | None:
    """The SPIRIT/CONSORT item code ('16c_Randomization_Block_size' -> '16c'); None for the
    catalogue's extra elements (X_...)."""
    return None if element.startswith("X_") else element.split("_", 1)[0]


# Items whose evidence is the document's headings themselves: a structured abstract is its
# "Background / Methods / Results" headings.
HEADING_EVIDENCE = frozenset({"2_Abstract_structured"})


def is_title_item(element: str) -> bool:
    """Items 1a-1g concern the title only, so their quotation must come from the title."""
    head = sctm_code(element) or ""
    return head[:1] == "1" and head[1:].isalpha()
