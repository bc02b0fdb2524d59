"""The PyInstaller bundle, built in a temporary folder, does what the installed package does.

Slow (a full build); skip locally with: pytest -m "not bundle"
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli.main import main as cli_main
from desktop.core.sample import SAMPLE_NAME
from desktop.core.snapshot import load

ROOT = Path(__file__).resolve().parent.parent
NAME = "决算公开填报审核"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = pytest.mark.bundle


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build" / "build.py"), "--dist", str(folder / "dist"),
         "--work", str(folder / "work")],
        capture_output=True, text=True, encoding="utf-8", timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return folder / "dist" / NAME


def run(program: Path, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(program), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
        timeout=120, env={**os.environ, **(env or {})},
    )


def test_the_bundle_holds_both_programs_and_the_data(bundle):
    assert (bundle / f"juesuan{EXE}").is_file() and (bundle / f"{NAME}{EXE}").is_file()
    internal = bundle / "_internal"
    assert (internal / "forms" / "公开01.toml").is_file()
    assert (internal / "resources" / "catalogues" / "functional-2024.toml").is_file()
    assert (internal / "resources" / "help" / "使用说明.md").is_file()
    plugins = {p.name for p in internal.rglob("*") if "plugins" in p.parts}
    assert any(name.startswith(("qoffscreen", "libqoffscreen")) for name in plugins)
    assert not [p for p in internal.rglob("*Qt6Quick*")], "QML/Quick must be pruned"


def test_the_bundle_is_under_130_mb_without_the_parts_it_never_uses(bundle):
    sys.path.insert(0, str(ROOT / "build"))
    from build import folder_size

    # 105 MB before reading PDFs: pdfminer (3 MB with the GB character maps alone) and the cryptography it
    # imports for encrypted PDFs (12 MB), and calamine for .xls/.ods (2 MB), came with it.
    assert folder_size(bundle) < 130 * 1024 * 1024
    internal = bundle / "_internal"
    plugins = {p.parent.name for p in internal.rglob("*") if "plugins" in p.parts and p.is_file()}
    assert "platformthemes" not in plugins and not any(name.startswith("wayland") for name in plugins)
    assert not [p for p in internal.rglob("*") if "gtk-3" in p.name or "objectify" in p.name]
    if sys.platform.startswith("linux"):
        icu = next(internal.rglob("libicudata.so.*"))
        assert icu.stat().st_size < 10 * 1024 * 1024
        assert os.path.samefile(bundle / NAME, bundle / "juesuan")


def test_version(bundle):
    result = run(bundle / f"juesuan{EXE}", "--version")
    assert result.returncode == 0 and result.stdout.strip() == f"{NAME} {__version__}"


def test_check_json_matches_the_installed_package(bundle, tmp_path, capsys):
    from desktop import paths

    workspace = tmp_path / "sample.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), workspace).close()
    # 1: the sample's 情况说明 carries its published mistakes (机关运行, “42.19%万元”).
    bundled = run(bundle / f"juesuan{EXE}", "check", workspace, "--json")
    assert bundled.returncode == 1, bundled.stderr
    assert cli_main(["check", str(workspace), "--json"]) == 1
    installed = capsys.readouterr().out
    ours, theirs = json.loads(bundled.stdout), json.loads(installed)
    assert ours.pop("seconds") >= 0 and theirs.pop("seconds") >= 0  # how long each took: the one field that differs
    assert ours == theirs
    assert json.loads(bundled.stdout)["summary"]["by_severity"] == {"错误": 3, "警告": 3, "提示": 25}


def test_report_pdf_from_the_bundle(bundle, tmp_path):
    # Print support is what breaks silently when a Qt plugin is missing from the bundle.
    from desktop import paths

    workspace = tmp_path / "sample.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), workspace).close()
    target = tmp_path / "审核报告.pdf"
    result = run(bundle / f"juesuan{EXE}", "report", workspace, "-o", target, env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1, result.stderr  # as `check`: the sample has errors
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, encoding="utf-8").stdout
    assert "榆林市人力资源和社会保障局" in text and "公开02-02" in text


def test_export_import_and_narrative_from_the_bundle(bundle, tmp_path):
    from desktop import paths

    workspace = tmp_path / "sample.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), workspace).close()
    program = bundle / f"juesuan{EXE}"
    book = tmp_path / "公开表.xlsx"
    assert run(program, "export", workspace, "-o", book).returncode == 0
    again = tmp_path / "again.juesuan"
    result = run(program, "import", book, "-o", again)
    assert result.returncode == 0, result.stderr
    first = json.loads(run(program, "check", workspace, "--json").stdout)
    second = json.loads(run(program, "check", again, "--json").stdout)
    assert first["findings"] == second["findings"]

    draft = tmp_path / "情况说明.txt"
    result = run(program, "narrative", workspace, "-o", draft)
    assert result.returncode == 0, result.stderr
    assert draft.read_text(encoding="utf-8").startswith("一、收入支出决算总体情况说明")
    result = run(program, "narrative-check", workspace, draft, "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["findings"] == []
    word = tmp_path / "情况说明.docx"
    result = run(program, "narrative", workspace, "-o", word)  # python-docx's template travels too
    assert result.returncode == 0, result.stderr
    assert word.read_bytes().startswith(b"PK")


def test_the_window_prints_the_report_through_its_printer(bundle, tmp_path):
    # The print dialog's printer, not QPdfWriter: on Linux this goes through the cups plugin.
    from desktop import paths

    workspace = tmp_path / "sample.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), workspace).close()
    target = tmp_path / "打印.pdf"
    result = run(bundle / f"{NAME}{EXE}", workspace, "--print-report-to", target,
                 env={"JUESUAN_DATA_DIR": str(tmp_path / "userdata"), "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, encoding="utf-8").stdout
    assert "榆林市人力资源和社会保障局" in text and "审核结论" in text


def test_the_window_starts_on_the_sample_and_quits_cleanly(bundle, tmp_path):
    data = tmp_path / "userdata"
    result = run(
        bundle / f"{NAME}{EXE}", "--quit-after-show",
        env={"JUESUAN_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert (data / SAMPLE_NAME).is_file()
    log = data / "juesuan.log"
    assert not log.exists() or "ERROR" not in log.read_text(encoding="utf-8")


def test_batch_check_and_merge_from_the_bundle(bundle, tmp_path):
    # The batch check starts worker processes: in a frozen program that needs freeze_support.
    from desktop import paths

    folder = tmp_path / "待审"
    folder.mkdir()
    first = folder / "甲.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), first).close()
    second = load(json.loads((ROOT / "tests/fixtures/seed-004.json").read_text(encoding="utf-8")), folder / "乙.juesuan")
    second.close()
    program = bundle / f"juesuan{EXE}"
    assert run(program, "export", first, "-o", folder / "丙.xlsx").returncode == 0
    result = run(program, "check", folder, "--jobs", "2", "--json")
    assert result.returncode in (0, 1), result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert sorted(Path(item["path"]).name for item in lines) == ["丙.xlsx", "乙.juesuan", "甲.juesuan"]

    merged = tmp_path / "部门.juesuan"
    result = run(program, "merge", "-o", merged, "--unit", "测试部门", first, folder / "乙.juesuan")
    assert result.returncode in (0, 1), result.stderr
    assert merged.is_file()


def test_publish_word_and_pdf_from_the_bundle(bundle, tmp_path):
    # The PDF's bookmarks come from pypdf and the Word file from python-docx: both must travel.
    from desktop import paths

    workspace = tmp_path / "sample.juesuan"
    load(json.loads(paths.sample_source().read_text(encoding="utf-8")), workspace).close()
    program = bundle / f"juesuan{EXE}"
    for name in ("公开.docx", "公开.pdf"):
        target = tmp_path / name
        result = run(program, "publish", workspace, "-o", target, "--allow-errors",
                     env={"QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == 1, result.stderr  # written, and the sample's 错误 still reported
        assert target.stat().st_size > 10_000
    outline = subprocess.run(["pdftotext", "-f", "1", "-l", "3", str(tmp_path / "公开.pdf"), "-"],
                             capture_output=True, text=True, encoding="utf-8").stdout
    assert "目录" in outline and "榆林市人力资源和社会保障局" in outline
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "公开.pdf").outline) >= 5


def test_the_bundle_reads_a_published_pdf(bundle):
    # pdfminer's character maps and modules are what a pruned bundle could lose.
    pdf = ROOT / "tests" / "fixtures" / "putuo-shegong-2024.pdf"
    result = run(bundle / f"juesuan{EXE}", "check", pdf, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["unit"] == "中共上海市普陀区委社会工作部" and report["narrative_checked"]
