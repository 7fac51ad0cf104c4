"""How many bytes a PDF stream decodes to, through its whole filter chain, counted as it decodes.

A decompression bomb need not be a bare /FlateDecode stream: `[/ASCIIHexDecode /FlateDecode]`,
`[/ASCII85Decode /FlateDecode]` or /RunLengthDecode (two bytes for 128) hide the same inflation
behind another filter. Each filter here is a generator of chunks fed by the one before it, so the
chain is decoded a megabyte at a time and the count stops as soon as it passes the limit: a bomb
costs the time to decode the limit, never the memory to hold it.

Image codecs (/DCTDecode, /JPXDecode, /CCITTFaxDecode, /JBIG2Decode) end the chain: their output
is only ever made by the OCR renderer, whose pixels are bounded by page (documents/ocr.py); the
bytes counted are their input. An unknown filter is counted the same way.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Iterable, Iterator

CHUNK = 1 << 20
WHITESPACE = b" \t\r\n\f\x00"
A85_WHITESPACE = b" \t\r\n\f\v\x00"

Chunks = Iterable[bytes]


def flate(chunks: Chunks) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            data = chunk
            while True:
                out = inflater.decompress(data, CHUNK)
                if out:
                    yield out
                data = inflater.unconsumed_tail
                if not data and not out:
                    break
            if inflater.eof:
                return
    except zlib.error:
        return  # a damaged stream decodes to what it decoded so far (pypdf does the same)


def ascii_hex(chunks: Chunks) -> Iterator[bytes]:
    carry = b""
    for chunk in chunks:
        text = carry + chunk.translate(None, WHITESPACE)
        end = text.find(b">")
        if end >= 0:
            text = text[:end]
            if len(text) % 2:
                text += b"0"
        cut = len(text) - len(text) % 2
        text, carry = text[:cut], text[cut:]
        try:
            yield binascii.unhexlify(text)
        except (binascii.Error, ValueError):
            return
        if end >= 0:
            return


def ascii85(chunks: Chunks) -> Iterator[bytes]:
    """Groups of five characters; 'z' alone stands for four zero bytes; '~>' ends the data."""
    carry = b""
    finished = False
    for chunk in chunks:
        text = carry + chunk.translate(None, A85_WHITESPACE)
        if text.startswith(b"<~"):
            text = text[2:]
        end = text.find(b"~")
        if end >= 0:
            text, finished = text[:end], True
            cut = len(text)
        else:
            after_z = text.rfind(b"z") + 1
            cut = after_z + (len(text) - after_z) // 5 * 5
        text, carry = text[:cut], text[cut:]
        try:
            yield base64.a85decode(text)
        except ValueError:
            return
        if finished:
            return
    if carry:
        try:
            yield base64.a85decode(carry)
        except ValueError:
            return


REPEATS = 256  # identical runs decoded together (a bomb is one run repeated millions of times)


def run_length(chunks: Chunks) -> Iterator[bytes]:
    """A length byte n: n < 128 copies the next n + 1 bytes, n > 128 repeats the next byte
    257 - n times, 128 ends the data."""
    carry = b""
    out = bytearray()
    for chunk in chunks:
        data = carry + chunk
        i, size = 0, len(data)
        while i < size:
            n = data[i]
            if n == 128:
                yield bytes(out)
                return
            if n < 128:
                if i + n + 2 > size:
                    break
                out += data[i + 1 : i + n + 2]
                i += n + 2
            else:
                if i + 1 >= size:
                    break
                pair = data[i : i + 2]
                if data.startswith(pair * REPEATS, i):  # the same run again and again: at once
                    out += data[i + 1 : i + 2] * ((257 - n) * REPEATS)
                    i += 2 * REPEATS
                else:
                    out += data[i + 1 : i + 2] * (257 - n)
                    i += 2
            if len(out) >= CHUNK:
                yield bytes(out)
                out.clear()
        carry = data[i:]
    yield bytes(out)


def lzw(chunks: Chunks) -> Iterator[bytes]:
    """pypdf's decoder (it bounds its own output); rare in plans."""
    from pypdf.filters import LZWDecode

    try:
        yield LZWDecode.decode(b"".join(chunks))
    except Exception:  # noqa: BLE001 - a damaged stream decodes to nothing more
        return


DECODERS = {
    "/FlateDecode": flate,
    "/Fl": flate,
    "/ASCIIHexDecode": ascii_hex,
    "/AHx": ascii_hex,
    "/ASCII85Decode": ascii85,
    "/A85": ascii85,
    "/RunLengthDecode": run_length,
    "/RL": run_length,
    "/LZWDecode": lzw,
    "/LZW": lzw,
}


def in_chunks(raw: bytes) -> Iterator[bytes]:
    view = memoryview(raw)
    for start in range(0, len(raw), CHUNK):
        yield bytes(view[start : start + CHUNK])


def decoded_size(raw: bytes, filters: list[str], *, at_most: int) -> int:
    """How many bytes `raw` decodes to through `filters` (in order), counting no further than
    just past `at_most`. Decoding stops at the first image codec or unknown filter."""
    chunks: Iterable[bytes] = in_chunks(raw)
    for name in filters:
        decoder = DECODERS.get(name)
        if decoder is None:
            break
        chunks = decoder(chunks)
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > at_most:
            break
    return size
