"""`juesuan text`: the free-text parts of the 公开文件 — 情况说明, 概况, cover statements — from the command line,
so `publish` can be complete without the window."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.opening import open_for_reading, open_for_writing
from desktop.cli.usage import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("text", help="填写、显示或列出情况说明、部门概况、封面审查情况等文字部分")
    p.add_argument("workspace", type=Path, metavar="工作区", help="工作区文件（.juesuan）")
    p.add_argument("part", nargs="?", metavar="部分",
                   help="部分的名称，如 情况说明、部门主要职责、保密审查情况；省略则列出全部部分")
    p.add_argument("text", nargs="?", metavar="文字", help="新的文字；空串 \"\" 清除；省略（且不给 --file）则显示现有文字")
    p.add_argument("--file", type=Path, metavar="文件", help="从文本文件（UTF-8、UTF-16、GB18030）或 Word 文档（.docx）读入文字")


def parts() -> dict[str, str]:
    """Each part's name as the user types it -> its storage key: the title (with and without the
    screen's “封面：”), and the key itself."""
    from desktop.core.labels import plain
    from desktop.core.text_sections import NARRATIVE_KEY, text_sections

    named = {NARRATIVE_KEY: NARRATIVE_KEY}
    for section in text_sections():
        for name in (section.title, section.title.split("：")[-1], section.key, section.key.split(":")[-1]):
            named.setdefault(plain(name), section.key)
    return named


def titles() -> dict[str, str]:
    # Loaded when the command runs: every other command starts without the sections' file.
    from desktop.core.text_sections import NARRATIVE_KEY, text_sections

    return {NARRATIVE_KEY: NARRATIVE_KEY, **{s.key: s.title for s in text_sections()}}


def key_of(part: str) -> str:
    from desktop.core.labels import plain

    key = parts().get(plain(part))
    if key is None:
        raise UsageError(f"没有名为“{part}”的文字部分。可填写的部分：{'、'.join(titles().values())}")
    return key


def run(args) -> int:
    if args.part is None:
        with open_for_reading(args.workspace) as ws:
            for key, title in titles().items():
                size = len(ws.text(key))
                print(f"{title}　{f'{size} 字' if size else '（未填写）'}")
        return 0
    key = key_of(args.part)
    if args.text is not None and args.file is not None:
        raise UsageError("文字与 --file 只能给一个")
    if args.text is None and args.file is None:
        with open_for_reading(args.workspace) as ws:
            print(ws.text(key))
        return 0
    if args.file is not None:
        from desktop.cli.narrative_commands import read_text

        text = read_text(args.file)
    else:
        text = args.text
    with open_for_writing(args.workspace) as ws:
        ws.set_text(key, text)
        stored = ws.text(key)
    print(f"“{titles()[key]}”{f'已保存，{len(stored)} 字' if stored else '已清除'}")
    return 0
