"""Bytes of a text file to text: UTF-16 with its byte-order mark, UTF-8, Windows-1252, or
UTF-8 with a few Windows-1252 bytes in it.

A file mostly typed or saved as UTF-8 often holds a few bytes from an older editor: a curly
apostrophe (0x92) pasted from a Word document saved as "ANSI". Reading the whole file as
Windows-1252 then turns every UTF-8 accent into two characters ("é" as "Ã©"); only the bytes
that are not UTF-8 are read as Windows-1252.
"""

from __future__ import annotations

import codecs
import re

# Each byte as Windows-1252 reads it; the five bytes it leaves undefined (0x81, 0x8D, 0x8F,
# 0x90, 0x9D) as Latin-1 reads them, so no byte is lost or refused.
_WINDOWS_1252 = "".join(bytes([byte]).decode("cp1252", "ignore") or chr(byte)
                        for byte in range(256))


def _as_windows_1252(error: UnicodeDecodeError) -> tuple[str, int]:
    stray = error.object[error.start:error.end]
    return "".join(_WINDOWS_1252[byte] for byte in stray), error.end


# Decoding with this error handler reads the bytes a codec refuses as Windows-1252.
_STRAY_BYTES = "npis-windows-1252"
codecs.register_error(_STRAY_BYTES, _as_windows_1252)

# A character of two to four bytes in UTF-8 (ASCII reads the same in both encodings).
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
                        rb"|[\xe1-\xef][\x80-\xbf]{2}|\xf0[\x90-\xbf][\x80-\xbf]{2}"
                        rb"|[\xf1-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(data: bytes) -> str:
    """The text of a plain-text file's bytes.

    UTF-16 needs its byte-order mark (Windows Notepad's "Unicode" writes one). Otherwise UTF-8
    (with or without its mark), its stray bytes read as Windows-1252, unless those outnumber
    its UTF-8 characters: the file is then Windows-1252, where two accented characters in a
    row may happen to form a UTF-8 character ("É" then a no-break space, as in "APPROUVÉ :").
    """
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", "replace")  # a truncated file loses its last character
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    utf8_chars = _UTF8_CHAR.findall(data)
    stray = len(_HIGH_BYTE.findall(data)) - sum(map(len, utf8_chars))
    if stray > len(utf8_chars):
        return data.decode("cp1252", _STRAY_BYTES)
    return data.decode("utf-8-sig", _STRAY_BYTES)
