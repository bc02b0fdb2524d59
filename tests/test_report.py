"""The 审核报告: content from the workspace, a PDF with Chinese text and page numbers, the command."""

from __future__ import annotations

import subprocess
from decimal import Decimal

from desktop.cli.main import main
from desktop.core.definitions import CellRef
from desktop.core.report import build_report, report_html
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
