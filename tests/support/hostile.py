"""Hostile and odd files, built on the spot (nothing large is kept in the repository):
a billion laughs in YAML, nesting 100 000 deep, an XLSX that unpacks to 800 000 rows, a zip
that lies about its sizes, CSV with Excel-for-Mac line ends, a binary file named .csv."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook


def billion_laughs() -> bytes:
    """~370 bytes of YAML standing for 10⁹ strings (nine levels of nine aliases)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghi"
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def alias_loop() -> bytes:
    return b"a: &a [1, *a]\n"


def deep_yaml(depth: int = 100_000) -> bytes:
    return b"a: " + b"[" * depth + b"]" * depth + b"\n"


def deep_json(depth: int = 100_000) -> bytes:
    return b'{"a": ' + b"[" * depth + b"]" * depth + b"}"


def xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _with_sheet(sheet_xml_chunks: Sequence[bytes] | None, repeat: int = 1,
                head: bytes = b"", tail: bytes = b"") -> bytes:
    """A real workbook whose first sheet is replaced by head + chunks × repeat + tail."""
    base = zipfile.ZipFile(io.BytesIO(xlsx([["x"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in base.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                z.writestr(info, base.read(info.filename))
                continue
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
                f.write(head)
                for _ in range(repeat):
                    for chunk in sheet_xml_chunks or ():
                        f.write(chunk)
                f.write(tail)
    return out.getvalue()


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def xlsx_bomb(rows: int = 800_000) -> bytes:
    """A small XLSX whose sheet unpacks to `rows` rows (tens of megabytes of XML)."""
    row = b'<row><c t="inlineStr"><is><t>lol</t></is></c></row>'
    block = row * 10_000
    return _with_sheet([block], rows // 10_000, SHEET_HEAD, SHEET_TAIL)


def xlsx_many_rows(rows: int) -> bytes:
    """Many short rows that stay under the unpacked-size limit: the row limit must stop it."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    head = SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:A%d"/><sheetData>' % rows)
    return _with_sheet([row * 1000], rows // 1000, head, SHEET_TAIL)


def xlsx_noisy(rows: int, seed: int = 7) -> bytes:
    """Rows of random numbers and no «dimension»: packs poorly (an honest ratio), yet openpyxl
    reads the whole sheet just to open it."""
    rng = random.Random(seed)
    body = b"".join(b"<row><c><v>%d</v></c></row>" % rng.randrange(10**12) for _ in range(rows))
    return _with_sheet([body], 1, SHEET_HEAD, SHEET_TAIL)


def xlsx_lying(rows: int = 400_000) -> bytes:
    """A bomb whose zip directory claims the sheet unpacks to 1 KB."""
    data = bytearray(xlsx_bomb(rows))
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02" + b"\x00" * 0)  # the central directory entries
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + name_len] == name:
            size = struct.unpack_from("<I", data, at + 24)[0]
            if size == 0xFFFFFFFF:  # zip64: the real size is in the extra field
                extra = at + 46 + name_len
                struct.pack_into("<Q", data, extra + 4, 1024)
            else:
                struct.pack_into("<I", data, at + 24, 1024)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def binary(n: int = 8192, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(n))


def csv_bytes(rows: Sequence[Sequence[str]], delimiter: str = ";", newline: str = "\r",
              encoding: str = "cp1251") -> bytes:
    return newline.join(delimiter.join(r) for r in rows).encode(encoding)
