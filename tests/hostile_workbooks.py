"""Hostile workbooks by class, for proving that every read is bounded: zip bombs (honest and lying
about their size), cell floods, merged ranges and cells far out on the grid, deep and
entity-laden XML, thousands of sheets, damaged zips and compound files, files of one kind named
as another, hostile .xls and .ods. Each class draws its parameters at random; the same seed gives
the same files.

`hostile(bases, folder, count, seed)` writes `count` files and yields (class name, path); `bases`
holds the good workbooks they are made from ("xlsx", and "xls"/"ods" when LibreOffice made them).
Used by tests/test_workbook_hostile.py and bench/workbook_hostile.py.
"""

from __future__ import annotations

import random
import re
import sqlite3
import struct
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path

from workbook_variants import write_zip_parts, zip_parts

SHEET = "xl/worksheets/sheet1.xml"
HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _sheet_names(parts: dict[str, bytes]) -> list[str]:
    return sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))


def _with_sheet(rng, base: Path, path: Path, make) -> None:
    """The base workbook with one of its sheets' XML passed through `make(xml) -> xml`."""
    parts = zip_parts(base)
    name = rng.choice(_sheet_names(parts))
    parts[name] = make(parts[name])
    write_zip_parts(path, parts)


@lru_cache(maxsize=8)
def _bomb_bytes(megabytes: int, folder: str) -> bytes:
    """A one-sheet zip whose sheet expands to `megabytes` MB of cells (built once per size)."""
    target = Path(folder) / f"bomb-{megabytes}.zip"
    row = b'<row><c t="n"><v>1</v></c></row>' * 40_000
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/workbook.xml", b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
        with z.open(SHEET, "w") as fh:
            fh.write(HEAD + b"<sheetData>")
            for _ in range(megabytes * 1024 * 1024 // len(row)):
                fh.write(row)
            fh.write(b"</sheetData></worksheet>")
    return target.read_bytes()


def zip_bomb(rng, bases, path: Path) -> None:
    """0.4–1.3 MB that expand to 150–500 MB; half of them declare a small size for the sheet."""
    data = bytearray(_bomb_bytes(rng.choice([150, 300, 500]), str(path.parent)))
    if rng.random() < 0.5:
        small = struct.pack("<I", rng.choice([100, 10_000, 1_000_000]))
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            for m in re.finditer(re.escape(signature), data):
                at = m.start()
                name_at = at + (30 if signature == b"PK\x03\x04" else 46)
                if data[name_at:name_at + len(SHEET)] == SHEET.encode():
                    data[at + offset:at + offset + 4] = small
    path.write_bytes(bytes(data))


def cell_flood(rng, bases, path: Path) -> None:
    """Within the size bound, more cells than any table: 0.6–2 million small cells."""
    count = rng.choice([600_000, 1_000_000, 2_000_000])
    width = rng.choice([1, 10, 100])
    row = b"".join(b"<c><v>1</v></c>" for _ in range(width))
    rows = b"".join(b"<row>" + row + b"</row>" for _ in range(1000))
    body = rows * (count // width // 1000)
    _with_sheet(rng, bases["xlsx"], path, lambda xml: re.sub(rb"<sheetData>.*</sheetData>|<sheetData/>",
                                                            lambda m: b"<sheetData>" + body + b"</sheetData>", xml, flags=re.S))


def _merge(xml: bytes, refs: list[str]) -> bytes:
    cells = b"".join(f'<mergeCell ref="{r}"/>'.encode() for r in refs)
    xml = re.sub(rb"<mergeCells[^>]*>.*?</mergeCells>", b"", xml, flags=re.S)
    return xml.replace(b"</sheetData>", b"</sheetData><mergeCells>" + cells + b"</mergeCells>", 1)


def merged_huge(rng, bases, path: Path) -> None:
    """One merged range over a whole sheet or a large part of it, or many medium ones."""
    how = rng.randrange(3)
    if how == 0:
        refs = [rng.choice(["A1:XFD1048576", "A1:Z1048576", "A1:XFD1000", "B2:AZ100000"])]
    elif how == 1:
        refs = [f"A{r}:{rng.choice(['J', 'CV', 'ZZ'])}{r + rng.randint(100, 5000)}" for r in range(1, 2_000_000, 10_000)]
    else:
        refs = [f"A{r}:B{r}" for r in range(1, rng.choice([600_000, 1_100_000]), 2)]
    _with_sheet(rng, bases["xlsx"], path, lambda xml: _merge(xml, refs))


def far_cells(rng, bases, path: Path) -> None:
    """A cell at the grid's far corner, or far down, or far right: a span of billions of cells."""
    ref = rng.choice(["XFD1048576", "A1048576", "XFD1", "ZZ500000", "AAA9999"])
    row = re.match(r"[A-Z]+([0-9]+)", ref).group(1)
    cell = f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'.encode()
    _with_sheet(rng, bases["xlsx"], path, lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>", 1))


def deep_xml(rng, bases, path: Path) -> None:
    """Elements nested tens of thousands deep, in a sheet, the shared strings or the workbook part."""
    depth = rng.choice([10_000, 100_000, 1_000_000])
    nest = b"<x>" * depth + b"</x>" * depth
    parts = zip_parts(bases["xlsx"])
    name = rng.choice([n for n in (rng.choice(_sheet_names(parts)), "xl/sharedStrings.xml", "xl/workbook.xml") if n in parts])
    if name:
        data = parts[name]
        at = data.rfind(b"</")
        parts[name] = data[:at] + nest + data[at:]
    write_zip_parts(path, parts)


def entities(rng, bases, path: Path) -> None:
    """A document type with entities that expand a billion times (and one that names a file)."""
    levels = rng.choice([5, 9])
    decl = b'<!ENTITY e0 "ha">' + b"".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">'.encode() for i in range(1, levels + 1))
    if rng.random() < 0.3:
        decl += b'<!ENTITY ext SYSTEM "file:///etc/passwd">'
    parts = zip_parts(bases["xlsx"])
    name = rng.choice([n for n in ("xl/sharedStrings.xml", "xl/workbook.xml", rng.choice(_sheet_names(parts))) if n in parts])
    if name:
        data = re.sub(rb"^<\?xml[^>]*\?>", b"", parts[name])
        root = re.match(rb"\s*<([\w:]+)", data).group(1)
        body = data.replace(b"<t>", f"<t>&e{levels};".encode(), 1) if b"<t>" in data else data
        parts[name] = b"<!DOCTYPE " + root + b" [" + decl + b"]>" + body
    write_zip_parts(path, parts)


def many_sheets(rng, bases, path: Path) -> None:
    """A thousand and more sheets (or a few hundred, which are read), each a few cells."""
    count = rng.choice([300, 1_200, 3_000])
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheets = "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, count + 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
    parts = {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               b'<Default Extension="xml" ContentType="application/xml"/></Types>',
        "xl/workbook.xml": f"<workbook {ns}><sheets>{sheets}</sheets></workbook>".encode(),
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'.encode(),
    }
    for i in range(1, count + 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = HEAD + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    write_zip_parts(path, parts)


def damaged_zip(rng, bases, path: Path) -> None:
    """Cut short, bits flipped, the central directory overwritten, or a part's CRC wrong."""
    data = bytearray(bases["xlsx"].read_bytes())
    how = rng.randrange(4)
    if how == 0:
        data = data[:rng.randint(0, len(data) - 1)]
    elif how == 1:
        for _ in range(rng.choice([1, 8, 64])):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif how == 2:
        at = data.rfind(b"PK\x01\x02")
        data[at:at + 200] = rng.randbytes(200)
    else:
        at = data.find(b"PK\x03\x04", rng.randrange(len(data) // 2))
        if at >= 0:
            data[at + 14:at + 18] = rng.randbytes(4)
    path.write_bytes(bytes(data))


def ole_file(names: list[str]) -> bytes:
    """A minimal compound file whose directory holds these (empty) streams: a .doc, an .xls or an
    encrypted workbook as far as its directory says."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 0x48, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))
    entries = b""
    for i, (name, kind) in enumerate([("Root Entry", 5)] + [(n, 2) for n in names]):
        encoded = name.encode("utf-16-le")
        entry = bytearray(128)
        entry[:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded) + 2, kind, 1)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, i + 1 if i < len(names) else 0xFFFFFFFF, 0xFFFFFFFF)
        struct.pack_into("<II", entry, 116, 0xFFFFFFFE, 0)
        entries += entry
    entries = entries.ljust(512 * ((len(entries) + 511) // 512), b"\x00")
    return bytes(header) + fat + entries[:512]


def wrong_kind(rng, bases, path: Path) -> None:
    """A file of another kind under a workbook's name: PDF, Word, a plain zip, a password-protected
    workbook, a .doc, a web page, a workspace, nothing at all, noise."""
    how = rng.randrange(9)
    if how == 0:
        path.write_bytes(b"%PDF-1.7\n" + rng.randbytes(rng.randint(0, 5000)))
    elif how == 1:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<w:document/>")
    elif how == 2:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr(rng.choice(["readme.txt", "xl/styles.xml", "a/b/c.bin"]), rng.randbytes(100))
    elif how == 3:
        path.write_bytes(ole_file(["EncryptionInfo", "EncryptedPackage"]))
    elif how == 4:
        path.write_bytes(ole_file([rng.choice(["WordDocument", "PowerPoint Document", "Contents"])]))
    elif how == 5:
        path.write_bytes(b"<html><body><table><tr><td>1</td></tr></table></body></html>")
    elif how == 6:
        sqlite3.connect(path).execute("create table t(x)").connection.commit()
    elif how == 7:
        path.write_bytes(b"")
    else:
        path.write_bytes(rng.randbytes(rng.choice([1, 100, 100_000])))


def hostile_xls(rng, bases, path: Path) -> None:
    """The sample's .xls with a cell moved to the grid's far corner, cut short, bits flipped, or its
    FAT chain looped."""
    data = bytearray(bases["xls"].read_bytes())
    how = rng.randrange(4)
    if how == 0:  # a NUMBER record (type 0x0203, 14 bytes) sent to row 65535, column 255
        records = [m.start() for m in re.finditer(rb"\x03\x02\x0e\x00", data)]
        for at in rng.sample(records, min(len(records), rng.choice([1, 5]))):
            struct.pack_into("<HH", data, at + 4, 65535, rng.choice([255, 0]))
    elif how == 1:
        data = data[:rng.randint(0, len(data) - 1)]
    elif how == 2:
        for _ in range(rng.choice([1, 8, 64])):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    else:  # the first FAT sector's entries point back at themselves
        fat = (struct.unpack_from("<I", data, 0x4C)[0] + 1) * 512
        for i in range(rng.randint(1, 20)):
            struct.pack_into("<I", data, fat + 4 * i, i)
    path.write_bytes(bytes(data))


def hostile_ods(rng, bases, path: Path) -> None:
    """The sample's .ods with a filled row repeated a million times, a filled cell repeated across
    16,384 columns, a cell spanning the grid, or its content cut short."""
    parts = zip_parts(bases["ods"])
    xml = parts["content.xml"]
    how = rng.randrange(4)
    value = b'office:value-type="float" office:value="1"'
    if how == 0:
        xml = xml.replace(b"<table:table-row", b'<table:table-row table:number-rows-repeated="1048000"', 1)
        xml = xml.replace(b"<table:table-cell", b"<table:table-cell " + value, 1)
    elif how == 1:
        xml = re.sub(rb"<table:table-cell", b'<table:table-cell table:number-columns-repeated="16384" ' + value, xml, count=50)
    elif how == 2:
        xml = xml.replace(b"<table:table-cell", b'<table:table-cell table:number-columns-spanned="16384" '
                          b'table:number-rows-spanned="1048576" ' + value, 1)
    else:
        xml = xml[:rng.randrange(len(xml))]
    parts["content.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))
        for name, data in parts.items():
            z.writestr(name, data)


CLASSES = {
    "zip bomb": (zip_bomb, ".xlsx"), "cell flood": (cell_flood, ".xlsx"), "merged range": (merged_huge, ".xlsx"),
    "far cell": (far_cells, ".xlsx"), "deep XML": (deep_xml, ".xlsx"), "entities": (entities, ".xlsx"),
    "many sheets": (many_sheets, ".xlsx"), "damaged zip": (damaged_zip, ".xlsx"),
    "wrong kind": (wrong_kind, None), "hostile xls": (hostile_xls, ".xls"), "hostile ods": (hostile_ods, ".ods"),
}


def hostile(bases: dict[str, Path], folder: Path, count: int, seed: int = 0):
    """(class name, path) for `count` hostile files, the classes in turn (those whose base is
    missing left out); a wrong kind gets a workbook's name at random."""
    rng = random.Random(seed)
    classes = [name for name, (_, suffix) in CLASSES.items() if suffix is None or suffix.lstrip(".") in bases]
    for i in range(count):
        name = classes[i % len(classes)]
        make, suffix = CLASSES[name]
        path = folder / f"{i:04d}{suffix or rng.choice(['.xlsx', '.xls', '.xlsm', '.ods'])}"
        make(random.Random(rng.random()), bases, path)
        yield name, path


def other_formats(xlsx: Path, folder: Path) -> dict[str, Path]:
    """The workbook as .xls and .ods, saved by LibreOffice; empty when it is not installed."""
    made = {}
    for kind in ("xls", "ods"):
        try:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
                            "--convert-to", kind, "--outdir", str(folder), str(xlsx)],
                           check=True, capture_output=True, timeout=180)
        except (OSError, subprocess.SubprocessError):
            return {}
        made[kind] = folder / f"{xlsx.stem}.{kind}"
    return made
