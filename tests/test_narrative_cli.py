"""`juesuan narrative` and `juesuan narrative-check` from the command line."""

from __future__ import annotations

import json
from decimal import Decimal

from desktop.cli.main import main


def test_draft_then_check_it_then_break_it(sample_ws, tmp_path, capsys):
    path = sample_ws.path
    sample_ws.close()
    draft = tmp_path / "情况说明.txt"
    assert main(["narrative", str(path), "-o", str(draft)]) == 0
    assert "已生成情况说明草稿" in capsys.readouterr().out
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("一、收入支出决算总体情况说明")
    assert main(["narrative", str(path), "-o", str(draft)]) == 2  # exists, no --force

    assert main(["narrative-check", str(path), str(draft), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == [] and report["summary"]["by_severity"]["错误"] == 0

    broken = tmp_path / "改过.txt"
    broken.write_bytes(text.replace("本年收入合计73,687.35万元", "本年收入合计73,678.35万元").encode("gb18030"))
    assert main(["narrative-check", str(path), str(broken), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert len(report["findings"]) == 1
    finding = report["findings"][0]
    assert finding["expected"] == "73687.35" and finding["actual"] == "73678.35"
    assert "73,678.35" in finding["sentence"]

    assert main(["narrative-check", str(path), str(broken)]) == 1
    out = capsys.readouterr().out
    assert out.count("句子：2024年度本年收入合计73,678.35万元。") == 1


def test_unreadable_narrative_file(sample_ws, tmp_path, capsys):
    path = sample_ws.path
    sample_ws.close()
    binary = tmp_path / "x.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    assert main(["narrative-check", str(path), str(binary)]) == 2
    assert "不是文本文件" in capsys.readouterr().err
    assert main(["narrative-check", str(path), str(tmp_path / "none.txt")]) == 2


def test_draft_as_a_word_document(sample_ws, tmp_path, capsys):
    import docx

    path = sample_ws.path
    sample_ws.close()
    target = tmp_path / "情况说明.docx"
    assert main(["narrative", str(path), "-o", str(target)]) == 0
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "榆林市人力资源和社会保障局2024年度部门决算情况说明"
    assert "一、收入支出决算总体情况说明" in texts
    assert "2024年度收入、支出总计均为73,687.35万元。与上年相比：【请填写上年收入总计决算数】。" in texts
    heading = document.paragraphs[texts.index("一、收入支出决算总体情况说明")].runs[0]
    assert heading._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    ) == "黑体"


def test_the_stored_narrative_is_part_of_check_and_the_report(sample_ws, tmp_path, capsys):
    from desktop.core.review.report import build_report, report_html

    sample_ws.set_text("情况说明", "一、收入支出决算总体情况说明\n2024年度本年收入合计73,000.00万元。")
    report = build_report(sample_ws)
    wrong = [f for f in report.findings if f.form == "情况说明"]
    assert len(wrong) == 1 and wrong[0].actual == Decimal("73000.00")
    assert "73,000.00" in report_html(report)
    path = sample_ws.path
    sample_ws.close()
    assert main(["check", str(path), "--json"]) == 1  # the narrative's 错误 counts
    result = json.loads(capsys.readouterr().out)
    assert result["summary"]["by_severity"]["错误"] == 1
    assert [f["form"] for f in result["findings"] if f["severity"] == "错误"] == ["情况说明"]


def test_any_encoding_and_word_are_read_and_the_json_says_what_was_read(sample_ws, tmp_path, capsys):
    import docx

    path = sample_ws.path
    sample_ws.close()
    text = "二、收入决算情况说明\n2024年度本年收入合计73,678.35万元。另安排专项资金120.50万元。\n"
    for name, data in (("u8.txt", text.encode("utf-8")), ("gb.txt", text.encode("gb18030")),
                       ("u16.txt", text.encode("utf-16")), ("u16be.txt", b"\xfe\xff" + text.encode("utf-16-be"))):
        (tmp_path / name).write_bytes(data)
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(tmp_path / "w.docx"))
    for name in ("u8.txt", "gb.txt", "u16.txt", "u16be.txt", "w.docx"):
        assert main(["narrative-check", str(path), str(tmp_path / name), "--json"]) == 1, name
        report = json.loads(capsys.readouterr().out)
        assert [f["actual"] for f in report["findings"]] == ["73678.35"], name
        assert report["summary"]["figures"] == {"figures": 2, "checked": 1, "no_data": 0, "unread": 1, "apart": 0, "unfilled": []}
        [unread] = report["unread"]
        assert unread["figure"] == "120.50万元" and unread["sentence"] == "另安排专项资金120.50万元。"
    assert main(["narrative-check", str(path), str(tmp_path / "u8.txt")]) == 1
    out = capsys.readouterr().out
    assert "已核对 1 个" in out and "[未能对应] 120.50万元。句子：另安排专项资金120.50万元。" in out


def test_a_narrative_without_figures_or_a_broken_word_file_is_refused(sample_ws, tmp_path, capsys):
    path = sample_ws.path
    sample_ws.close()
    plain = tmp_path / "无数字.txt"
    plain.write_text("一、部门职责\n本部门负责全市人力资源和社会保障工作。", encoding="utf-8")
    assert main(["narrative-check", str(path), str(plain)]) == 2
    assert "没有可识别的金额" in capsys.readouterr().err
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    assert main(["narrative-check", str(path), str(broken)]) == 2
    assert "不是可读取的 Word 文档" in capsys.readouterr().err


def test_every_encoding_a_text_is_saved_in_is_read(sample_ws, tmp_path, capsys):
    path = sample_ws.path
    sample_ws.close()
    text = "二、收入决算情况说明\r\n2024年度本年收入合计73,678.35万元。\r\n"
    for name, data in (("u8bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")), ("gbk.txt", text.encode("gbk")),
                       ("gb18030.txt", text.encode("gb18030")), ("u16le.txt", b"\xff\xfe" + text.encode("utf-16-le"))):
        (tmp_path / name).write_bytes(data)
        assert main(["narrative-check", str(path), str(tmp_path / name), "--json"]) == 1, name
        report = json.loads(capsys.readouterr().out)
        assert [f["actual"] for f in report["findings"]] == ["73678.35"], name
        assert report["findings"][0]["sentence"] == "2024年度本年收入合计73,678.35万元。", name


def test_files_that_are_not_a_narrative_are_named(sample_ws, tmp_path, capsys):
    import docx

    path = sample_ws.path
    sample_ws.close()
    for name, data, says in (
        ("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "旧版 Word（.doc）或 WPS 文档"),
        ("公开.pdf", b"%PDF-1.7\n" + bytes(range(256)), "已损坏或不是有效的 PDF 文件"),
        ("空.txt", b"", "没有可识别的金额"),
        ("只有年份.txt", "2024年度部门决算情况说明\n第一部分 部门概况".encode("gb18030"), "没有可识别的金额"),
    ):
        (tmp_path / name).write_bytes(data)
        assert main(["narrative-check", str(path), str(tmp_path / name)]) == 2, name
        err = capsys.readouterr().err
        assert name in err and says in err and "Traceback" not in err, (name, err)
    document = docx.Document()
    document.add_paragraph("一、部门职责")
    document.add_paragraph("负责全市人力资源和社会保障工作。")
    document.save(str(tmp_path / "无数.docx"))
    assert main(["narrative-check", str(path), str(tmp_path / "无数.docx")]) == 2
    assert "没有可识别的金额（万元、元）或百分比" in capsys.readouterr().err
