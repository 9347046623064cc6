"""MS-OVBA 2.4.1 compression, as VBA stores module source and the dir stream.

Written from the specification (the PyPI ms-ovba-compression package truncates
long modules: see EXCEL-NOTES). Deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

CHUNK = 4096


def _bit_count(difference: int) -> int:
    """Bits of a copy token that hold the offset: at least 4, enough for `difference`."""
    n = 4
    while (1 << n) < difference:
        n += 1
    return n


def _compress_chunk(data: bytes) -> bytes:
    out = bytearray()
    pos, end = 0, len(data)
    while pos < end:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= end:
                break
            bits = _bit_count(pos)
            max_len = (0xFFFF >> bits) + 3
            best_len, best_off = 0, 0
            # the longest earlier match in this chunk (sources are small: a plain search will do)
            limit = min(max_len, end - pos)
            if limit >= 3:
                start = 0
                window = data[:pos]
                probe = data[pos:pos + 3]
                i = window.find(probe, start)
                while i != -1:
                    n = 3
                    while n < limit and data[i + n] == data[pos + n]:
                        n += 1
                    if n > best_len or (n == best_len and pos - i < best_off):
                        best_len, best_off = n, pos - i
                        if n == limit:
                            break
                    i = window.find(probe, i + 1)
            if best_len >= 3:
                token = ((best_off - 1) << (16 - bits)) | (best_len - 3)
                out += token.to_bytes(2, "little")
                flags |= 1 << bit
                pos += best_len
            else:
                out.append(data[pos])
                pos += 1
        out[flag_at] = flags
    return bytes(out)


# A compressed chunk holds at most 4096 bytes after its header; n bytes without a single
# 3-byte repeat take n + ceil(n / 8) bytes, so a piece of this many always fits.
ALWAYS_FITS = 3640


def _chunk(packed: bytes) -> bytes:
    assert len(packed) <= CHUNK
    return (0xB000 | (len(packed) + 2 - 3)).to_bytes(2, "little") + packed


def compress(data: bytes) -> bytes:
    out = bytearray(b"\x01")
    for i in range(0, len(data), CHUNK):
        chunk = data[i:i + CHUNK]
        packed = _compress_chunk(chunk)
        if len(packed) <= CHUNK:
            out += _chunk(packed)
        elif len(chunk) == CHUNK:
            # compression does not pay: a raw chunk, which always holds exactly 4096 bytes
            out += (0x3000 | (CHUNK + 2 - 3)).to_bytes(2, "little") + chunk
        else:
            # the last chunk, short and not shrinking: a raw chunk would have to be padded to
            # 4096 bytes with NULs (MS-OVBA 2.4.1.3.10), which changes the text; two compressed
            # chunks decompress to exactly these bytes (each restarts the copy-token offsets)
            for j in range(0, len(chunk), ALWAYS_FITS):
                out += _chunk(_compress_chunk(chunk[j:j + ALWAYS_FITS]))
    return bytes(out)


def decompress(data: bytes) -> bytes:
    if not data or data[0] != 1:
        raise ValueError("not an MS-OVBA compressed container")
    out = bytearray()
    pos = 1
    while pos < len(data):
        header = int.from_bytes(data[pos:pos + 2], "little")
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0x7 != 0b011:
            raise ValueError("bad chunk signature")
        chunk_end = min(pos + size, len(data))
        pos += 2
        start = len(out)
        if not header & 0x8000:
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        while pos < chunk_end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not flags & (1 << bit):
                    out.append(data[pos])
                    pos += 1
                    continue
                token = int.from_bytes(data[pos:pos + 2], "little")
                pos += 2
                bits = _bit_count(len(out) - start)
                length = (token & (0xFFFF >> bits)) + 3
                offset = (token >> (16 - bits)) + 1
                for _ in range(length):
                    out.append(out[-offset])
    return bytes(out)
