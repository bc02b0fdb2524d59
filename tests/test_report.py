"""The 审核报告: content from the workspace, a PDF with Chinese text and page numbers, the command."""

from __future__ import annotations

import subprocess
from decimal import Decimal

from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.review.report import build_report, report_html, verdict
from desktop.printing.report_pdf import ensure_application, report_document, write_pdf


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, encoding="utf-8", check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))


def test_report_content_of_the_sample(sample_ws):
    sample_ws.set_explanation("公开01-03::", "支出合计按分项四舍五入，差 0.01 万元")
    report = build_report(sample_ws)
    html = report_html(report)
    # The tables' 23 尾差; the 情况说明's published mistakes; the 绩效自评表's doubtful scores and missing reasons.
    assert report.summary["by_severity"] == {"错误": 3, "警告": 3, "提示": 25}
    assert "榆林市人力资源和社会保障局" in html and "2024年度部门决算公开审核报告" in html
    assert html.count("<tr>") >= 23 + 6  # every finding, and the per-form summary
    assert "支出合计按分项四舍五入" in html
    for who in ("填报人", "审核人", "单位负责人", "日期"):
        assert f"{who}：" in html
    # The sample has 三公 budgets but no 年初预算数: no 项 is shown as 新增.
    assert [r.name for r in report.completion] == [
        "财政拨款“三公”经费合计", "公务用车购置及运行维护费小计", "公务用车运行维护费", "公务接待费", "会议费", "培训费",
    ]
    assert next(r for r in report.completion if r.name == "会议费").rate == "59.68%"


def test_completion_table_where_budgets_exist(sample_ws):
    sample_ws.add_rows("年初预算", [("2080101", None), ("2080199", None)])
    sample_ws.set_values([
        (CellRef("年初预算", "2080101", "年初预算数"), Decimal("2000.00")),
        (CellRef("年初预算", "2080199", "年初预算数"), Decimal("5397.18")),
    ])
    report = build_report(sample_ws)
    rows = {r.code or r.name: r for r in report.completion}
    assert rows["合计"].budget == Decimal("7397.18") and rows["合计"].spent == Decimal("73687.35")
    assert rows["合计"].rate == "996.15%"
    assert rows["2080101"].rate == "140.91%"
    assert rows["2080105"].rate == "新增"
    assert "预算执行情况" in report_html(report) and "996.15%" in report_html(report)
    assert rows["公务接待费"].rate == "100.00%"  # 三公 budgets join the table


def test_pdf_has_chinese_text_findings_and_page_numbers(sample_ws, tmp_path):
    target = tmp_path / "审核报告.pdf"
    report = build_report(sample_ws)
    pages = write_pdf(report, target)
    assert pdf_pages(target) == pages >= 2
    text = pdf_text(target)
    assert "榆林市人力资源和社会保障局" in text
    assert "公开02-02" in text and "提示" in text and "尾差" in text
    flat = text.replace(" ", "")
    assert f"第1页共{pages}页" in flat and f"第{pages}页共{pages}页" in flat
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    assert " yes " in fonts  # embedded


def test_page_count_follows_the_document(sample_ws, tmp_path):
    ensure_application()
    document = report_document(build_report(sample_ws))
    target = tmp_path / "r.pdf"
    assert write_pdf(build_report(sample_ws), target) == pdf_pages(target)
    assert document.toPlainText().count("公开0") > 23


def test_report_command(sample_ws, tmp_path, capsys):
    path = sample_ws.path
    sample_ws.close()
    target = tmp_path / "out.pdf"
    # 1 as `check`: the sample's 情况说明 carries its published mistakes.
    assert main(["report", str(path), "-o", str(target)]) == 1
    assert "已生成审核报告" in capsys.readouterr().out
    assert pdf_pages(target) >= 2
    before = target.read_bytes()
    assert main(["report", str(path), "-o", str(target)]) == 2
    assert "已存在" in capsys.readouterr().err and target.read_bytes() == before
    assert main(["report", str(path), "-o", str(target), "--force"]) == 1
    assert main(["report", str(tmp_path / "none.juesuan"), "-o", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_title_follows_the_publishing_subject(sample_ws):
    assert sample_ws.unit["公开主体"] == "部门"
    assert "<h1>2024年度部门决算公开审核报告</h1>" in report_html(build_report(sample_ws))
    sample_ws.set_unit("公开主体", "单位")
    html = report_html(build_report(sample_ws))
    assert "<h1>2024年度单位决算公开审核报告</h1>" in html and "部门决算" not in html
    assert "<th width=\"12%\">编制单位</th>" in html


def test_verdict_names_what_must_be_done(tables_only_ws):
    sample_ws = tables_only_ws
    # The sample's tables: only 尾差 提示.
    assert verdict(build_report(sample_ws)) == ("通过", "通过")
    sample_ws.set_values([(CellRef("公开02", "2080101", "财政拨款收入"), Decimal("2000.00"))])
    report = build_report(sample_ws)
    errors = report.summary["by_severity"]["错误"]
    # One wrong cell is one finding, however many rules see it.
    assert errors == 1 and verdict(report) == ("不通过：有 1 条错误须更正", "错误")
    assert '<p class="verdict"><span class="错误">不通过：有 1 条错误须更正</span></p>' in report_html(report)


def test_an_unexplained_warning_is_the_verdict_until_explained(tables_only_ws):
    sample_ws = tables_only_ws
    # 会议费 spent above its budget is a 警告 that needs its reason.
    sample_ws.set_values([(CellRef("公开09", "决算数", "会议费"), Decimal("95.00"))])
    report = build_report(sample_ws)
    warnings = [f for f in report.findings if f.severity == "警告"]
    assert not report.summary["by_severity"]["错误"] and warnings
    assert verdict(report) == (f"待说明：{len(warnings)} 条警告须说明", "警告")
    for finding in warnings:
        sample_ws.set_explanation(finding.key, "接待任务增加")
    assert verdict(build_report(sample_ws))[0] == "通过"


def test_empty_table_finding_shows_its_sentence(sample_ws):
    sample_ws.set_empty_note("公开07", "")
    html = report_html(build_report(sample_ws))
    assert "公开07 政府性基金预算财政拨款收入支出决算表 为空表，须填写空表说明，写明本表为空的理由。" in html
    assert '<td colspan="2">公开07 政府性基金' in html


def test_closing_block_and_signatures_print_on_one_page(sample_ws, tmp_path):
    # A longer and longer explanation moves the closing block down across a page boundary.
    key = next(f.key for f in build_report(sample_ws).findings if f.severity == "提示")
    for lines in range(0, 40, 3):
        sample_ws.set_explanation(key, "四舍五入所致。" * (lines * 2 + 1))
        target = tmp_path / f"r{lines}.pdf"
        pages = write_pdf(build_report(sample_ws), target)
        last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(target), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "本报告由程序根据工作区数据生成" in last and "签字" in last and "单位负责人" in last, lines
