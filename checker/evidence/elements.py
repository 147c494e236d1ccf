"""Detection elements: the 83 SPIRIT-CONSORT-TM items (trained) and the catalogue extras."""

from __future__ import annotations

from .lexicon import get_lexicon


def sctm_items() -> list[str]:
    """The 83 fine-grained items, in lexicon order."""
    return [e for e in get_lexicon().elements if e[0].isdigit()]


def extra_elements() -> list[str]:
    return [e for e in get_lexicon().elements if e.startswith("X_")]


def is_title_item(element: str) -> bool:
    """Items 1a-1g concern the title only, so their quotation must come from the title."""
    head = element.split("_", 1)[0]
    return head[:1] == "1" and head[1:].isalpha()


def element_label(element: str) -> str:
    """Readable English label: '16c_Randomization_Block_size' -> 'Randomization block size'."""
    body = element.split("_", 1)[1] if "_" in element else element
    return body.replace("_", " ").capitalize()
