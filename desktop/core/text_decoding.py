"""Text files as Notepad, WPS and Word save them: UTF-8 (with or without BOM), UTF-16 with its BOM, GB18030."""

from __future__ import annotations


class TextDecodingError(ValueError):
    """Bytes that are none of the encodings a Chinese desktop saves text in; the message is Chinese."""


def decode_text(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TextDecodingError("的 UTF-16 文本已损坏") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TextDecodingError("不是文本文件（UTF-8、UTF-16 或 GB18030 编码）")
