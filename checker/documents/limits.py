"""How long a document may be: beyond these it is refused with a message
(:class:`~checker.documents.errors.TooLongDocumentError`) rather than read for minutes.

Its own module so that the readers, which stop as soon as a limit is passed, and the package,
which checks the text read, share one number without importing each other.
"""

# About 1,000 pages. A protocol or paper is far shorter; beyond this, reading it would hold a
# worker for minutes (a 10 MB text takes about 100 s), so it is refused with a message.
MAX_TEXT_CHARS = 3_000_000
# Twice those 1,000 pages: PDFium takes about 0.35 ms to open even a blank page, so a small
# file of 20,000 blank pages held a worker for 7 s (and one of a million, many minutes)
# before it was found to have no text.
MAX_PDF_PAGES = 2_000
# The text parts of a DOCX (word/*.xml) or an ODT (content.xml), unpacked: a long protocol
# holds a few MB; a small file that unpacks to hundreds of MB (a zip bomb) would hold a worker
# for minutes and GBs of memory.
MAX_UNPACKED_XML_BYTES = 64 * 1024 * 1024
