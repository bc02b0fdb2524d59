"""A smaller ICU data library for the Linux bundle.

Qt's Linux wheels link ICU, whose data library (libicudata, 31 MB) holds every locale, collation,
break dictionary, transliterator and legacy converter ICU has. Qt asks ICU for little of it (case
mapping and normalisation are compiled into libicuuc; Qt formats numbers and dates from its own
CLDR tables): the program runs in Chinese and English, and reads and writes only Unicode files.
This keeps the data of those locales and the tables every locale shares, repacks them in ICU's own
common-data format, and links them into a library of the same name with the C compiler.

Windows and macOS builds of Qt use the system's ICU or none, and need nothing of this.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

# Locales kept in every category (files named after a locale: zh.res, coll/zh_Hant.res, …).
LOCALES = re.compile(r"^(root|en|en_US|en_001|zh(_.*)?)$")
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
# Categories Qt never opens: transliteration, and the word dictionaries of Thai, Khmer, Chinese…
# (Qt finds text boundaries with its own tables).
DROPPED = ("translit/", "brkitr/")
KEPT_IN_DROPPED = re.compile(r"^brkitr/(root|en|zh.*|res_index|pool)\.res$|^brkitr/[a-z_]+\.brk$")
# Legacy converters kept: the mainland Chinese ones (GB18030, GBK, GB2312). The program reads text
# files through Python's codecs; these serve only a Qt widget that might ask ICU.
CONVERTERS = re.compile(r"gb18030|936|1383|1386", re.IGNORECASE)


def keep(name: str) -> bool:
    """Whether an item of the package (a path below icudtNNl/) is kept."""
    folder, _, leaf = name.rpartition("/")
    stem, _, suffix = leaf.rpartition(".")
    if name.startswith(DROPPED):
        return bool(KEPT_IN_DROPPED.match(name))
    if suffix == "cnv":
        return bool(CONVERTERS.search(stem))
    if suffix == "res" and LOCALE_NAME.match(stem):
        return bool(LOCALES.match(stem))
    return True


def items(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's header and its items (name, bytes), in the package's (sorted) order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    base = header_size
    count = struct.unpack_from("<I", blob, base)[0]
    toc = [struct.unpack_from("<II", blob, base + 4 + 8 * i) for i in range(count)]
    result = []
    for i, (name_at, data_at) in enumerate(toc):
        end = toc[i + 1][1] if i + 1 < count else len(blob) - base
        name = blob[base + name_at:blob.index(b"\0", base + name_at)].decode("ascii")
        result.append((name, blob[base + data_at:base + end]))
    return blob[:header_size], result


def pack(header: bytes, entries: list[tuple[str, bytes]]) -> bytes:
    """A common data package: header, table of contents, names, then each item on 16 bytes."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in entries)
    toc_size = 4 + 8 * len(entries)
    data_at = toc_size + len(names)
    data_at += -data_at % 16
    toc, body, name_at = [struct.pack("<I", len(entries))], bytearray(), toc_size
    for name, data in entries:
        toc.append(struct.pack("<II", name_at, data_at + len(body)))
        name_at += len(name) + 1
        body += data + b"\0" * (-len(data) % 16)
    front = b"".join(toc) + names
    return header + front + b"\0" * (data_at - len(front)) + bytes(body)


def symbol_of(library: Path) -> tuple[str, bytes]:
    """The data symbol (icudtNN_dat) and its bytes, read through the ELF symbol table."""
    out = subprocess.run(["readelf", "-sW", "--dyn-syms", str(library)], capture_output=True, text=True,
                         check=True).stdout
    match = re.search(r"^\s*\d+:\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+(icudt\d+_dat)",
                      out, re.M)
    if not match:
        raise ValueError(f"{library.name}: no icudt*_dat symbol")
    address, size, symbol = int(match.group(1), 16), int(match.group(2), 0), match.group(3)
    # The library is one read-only segment loaded at 0, so an address is also a file offset.
    return symbol, library.read_bytes()[address:address + size]


def trimmed(library: Path, folder: Path) -> Path:
    """A library with the same name and data symbol as `library`, holding the kept items."""
    symbol, blob = symbol_of(library)
    header, entries = items(blob)
    package = folder / "icudata.dat"
    package.write_bytes(pack(header, [(n, d) for n, d in entries if keep(n.split("/", 1)[1])]))
    source = folder / "icudata.S"
    source.write_text(
        f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n'
        f'{symbol}:\n.incbin "{package}"\n.size {symbol}, .-{symbol}\n'
        '.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    result = folder / library.name
    subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(result),
                    str(source)], check=True)
    return result


def replace_in(binaries: list, work: Path) -> list:
    """`binaries` with libicudata swapped for the trimmed one; unchanged where no compiler is found."""
    if shutil.which("cc") is None or shutil.which("readelf") is None:
        print("提示：未找到 cc/readelf，ICU 数据库未精简")
        return binaries
    work.mkdir(parents=True, exist_ok=True)
    result = []
    for dest, src, kind in binaries:
        if Path(dest).name.startswith("libicudata.so"):
            src = str(trimmed(Path(src), Path(tempfile.mkdtemp(dir=work))))
        result.append((dest, src, kind))
    return result
