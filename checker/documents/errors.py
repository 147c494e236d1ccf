"""Typed errors raised when a document cannot be read, with bilingual user-facing messages."""

from __future__ import annotations


class DocumentError(Exception):
    """A document could not be turned into text. ``message(lang)`` is safe to show to users."""

    default_messages: dict[str, str] = {
        "en": "The document could not be read.",
        "fr": "Le document n'a pas pu être lu.",
    }

    def __init__(self, detail: str = "", messages: dict[str, str] | None = None) -> None:
        self.messages = dict(messages or self.default_messages)
        self.detail = detail
        text = self.messages["en"]
        super().__init__(f"{text} ({detail})" if detail else text)

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or self.messages["en"]


class UnsupportedFormatError(DocumentError):
    default_messages = {
        "en": "Unsupported file type: please provide a PDF, DOCX, ODT, TXT or Markdown file.",
        "fr": "Type de fichier non pris en charge\u00a0: fournissez un fichier PDF, DOCX, ODT, TXT "
        "ou Markdown.",
    }


class EmptyDocumentError(DocumentError):
    default_messages = {
        # Said without "OCR": users are clinicians, not all of whom know the word.
        "en": "No text could be extracted: the file is empty, or it is a scanned image without "
        "text. Upload the document as saved from the word processor (PDF or DOCX) instead, or "
        "have the scan turned into text first (text recognition, in most scanners' software).",
        "fr": "Aucun texte n'a pu être extrait\u00a0: le fichier est vide, ou c'est une image "
        "numérisée sans texte. Téléversez plutôt le document enregistré depuis le traitement de "
        "texte (PDF ou DOCX), ou faites d'abord convertir la numérisation en texte "
        "(reconnaissance de texte, dans le logiciel de la plupart des scanners).",
    }


class EncryptedDocumentError(DocumentError):
    default_messages = {
        "en": "The PDF is encrypted or password-protected: please provide an unprotected copy.",
        "fr": "Le PDF est chiffré ou protégé par un mot de passe\u00a0: fournissez une copie non "
        "protégée.",
    }


class CorruptDocumentError(DocumentError):
    default_messages = {
        "en": "The file is damaged or is not what its extension says; it could not be read.",
        "fr": "Le fichier est endommagé ou ne correspond pas à son extension\u00a0; il n'a pas "
        "pu être lu.",
    }


class TooLongDocumentError(DocumentError):
    default_messages = {
        "en": "The document is too long to analyse (more than about 1,000 pages of text). "
        "Provide the protocol or paper itself, without appended material.",
        "fr": "Le document est trop long pour être analysé (plus de 1\u00a0000 pages de texte "
        "environ). Fournissez le protocole ou l'article seul, sans ses annexes.",
    }



def too_many_pages(pages: int, limit: int) -> TooLongDocumentError:
    """A PDF refused by its page count alone, before any text is read: the message gives the
    count, since the "pages of text" of the usual message were never measured."""
    def french(n: int) -> str:
        return f"{n:,}".replace(",", "\u00a0")

    return TooLongDocumentError(f"{pages} pages", {
        "en": f"The PDF has {pages:,} pages, more than the {limit:,} that can be analysed. "
        "Provide the protocol or paper itself, without appended material.",
        "fr": f"Le PDF compte {french(pages)} pages, plus que les {french(limit)} qui peuvent "
        "être analysées. Fournissez le protocole ou l'article seul, sans ses annexes.",
    })


def too_little_text(minimum: int) -> EmptyDocumentError:
    """A text, DOCX, ODT or Markdown file with (almost) nothing in it: no scanned image is
    possible there, so the message does not suggest text recognition."""
    return EmptyDocumentError("no text", {
        "en": f"The document holds no text, or too little to analyse (fewer than {minimum} "
        "letters or digits). Check that it is the right file.",
        "fr": f"Le document ne contient pas de texte, ou trop peu pour être analysé (moins de "
        f"{minimum}\u00a0lettres ou chiffres). Vérifiez qu'il s'agit du bon fichier.",
    })

