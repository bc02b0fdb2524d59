"""Real layout workbooks (tests/fixtures/layouts) with their cells and sheets as finance offices' systems
and hands leave them: figures typed with a ¥ or their 金额单位, template marks in cells not to be filled,
two tables printed side by side on one sheet. Every figure lands in its cell, or is named and left out."""

from __future__ import annotations

from layout_books import changed, score


def _figures(book):
    """Every figure cell of the workbook (numbers with cents; 行次 and 栏次 are whole numbers)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, float) and not cell.value.is_integer():
                    yield cell


def _as_text(*spellings):
    """Each figure typed as text, in the given spellings by turns."""
    def change(book) -> None:
        for k, cell in enumerate(_figures(book)):
            cell.value = spellings[k % len(spellings)].format(cell.value)
    return change


def test_figures_typed_with_a_currency_sign_are_read(tmp_path):
    # An accounting format exported to text; the full-width ￥ too. Refused, they had left the tables
    # short and raised 错误 of sums that do not hold.
    name = "b03_colorder"
    scored = score(name, changed(name, _as_text("¥{:,.2f}", "￥{:,.2f}", "{:,.2f}"), tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    assert not [w for w in scored.warnings if "未导入" in w]


def test_figures_typed_with_their_unit_are_read_in_it(tmp_path):
    for name, unit in (("b03_colorder", "万元"), ("b12_yuan_namefirst_indent", "元")):
        scored = score(name, changed(name, _as_text("{:.2f}" + unit), tmp_path), tmp_path)
        assert (scored.placed, scored.wrong, scored.errors, scored.money) == (scored.present, [], [], unit)
        assert not [w for w in scored.warnings if "未导入" in w]


def test_a_figure_whose_unit_is_not_its_tables_is_named_and_left_out(tmp_path):
    name = "b03_colorder"

    def change(book) -> None:
        book["公开05"]["C7"] = f"{book['公开05']['C7'].value:.2f}元"  # the table says 金额单位：万元
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert scored.wrong == [] and scored.placed == scored.present - 1
    said = [w for w in scored.warnings if "C7" in w]
    assert len(said) == 1 and "公开05" in said[0] and "带有金额单位元，与本表金额单位万元不符，未导入" in said[0], said


def test_marks_of_cells_not_to_be_filled_are_blanks(tmp_path):
    # "*" and "×" where a template prints no figure: nothing, and nothing to warn of.
    def change(book) -> None:
        for k, cell in enumerate(c for s in book.worksheets for row in s.iter_rows() for c in row
                                 if c.value is None and type(c).__name__ == "Cell" and c.column > 2 and c.row > 6):
            cell.value = ("*", "×", "＊")[k % 3]
    name = "b03_colorder"
    before = score(name, changed(name, lambda book: None, tmp_path, "0"), tmp_path)
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    assert scored.warnings == before.warnings


def _copy(source, target, left: int) -> None:
    for row in source.iter_rows():
        for cell in row:
            if cell.value is not None and type(cell).__name__ == "Cell":
                target.cell(cell.row, left + cell.column - 1, cell.value)
    for m in source.merged_cells.ranges:
        target.merge_cells(start_row=m.min_row, start_column=left + m.min_col - 1,
                           end_row=m.max_row, end_column=left + m.max_col - 1)


def _side_by_side(*pairs, gap: int = 1):
    """The second sheet of each pair printed to the right of the first, `gap` empty columns between."""
    def change(book) -> None:
        for left, right in pairs:
            _copy(book[right], book[left], book[left].max_column + 1 + gap)
            book.remove(book[right])
    return change


def test_tables_printed_side_by_side_are_each_read_in_their_own_columns(tmp_path):
    # 公开02 | 公开03 and 公开05 | 公开06 (titles merged over their tables, a gap column between), and
    # 公开07 | 公开08 meeting with no gap. 公开03 and 公开06 had been read as columns of the table to
    # their left, not theirs, and reported missing.
    name = "b03_colorder"
    change = _side_by_side(("公开02", "公开03"), ("公开05", "公开06"))
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    assert not [w for w in scored.warnings if "未导入" in w or "缺少" in w]
    scored = score(name, changed(name, _side_by_side(("公开07", "公开08"), gap=0), tmp_path, "y"), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])


def test_side_by_side_titles_not_merged_are_split_at_the_empty_column_between(tmp_path):
    # Each title in one cell over the middle of its table: the tables part where a column stays empty.
    def change(book) -> None:
        for sheet in ("公开02", "公开03"):
            ws = book[sheet]
            for m in [m for m in ws.merged_cells.ranges if m.min_row == 1]:
                ws.unmerge_cells(str(m))
            ws["E1"], ws["A1"] = ws["A1"].value, None
        _side_by_side(("公开02", "公开03"))(book)
    name = "b03_colorder"
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    assert not [w for w in scored.warnings if "未导入" in w]


def _widened(sheet: str):
    """Each figure column of `sheet` printed two columns wide: a column inserted after it, its header and
    every cell of it merged over both (a PDF converted to Excel, a hand aligning a table under a wider one)."""
    def change(book) -> None:
        ws = book[sheet]
        columns = sorted({cell.column for cell in _figures(book) if cell.parent is ws}, reverse=True)
        for c in columns:
            merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
            for m in list(ws.merged_cells.ranges):
                ws.unmerge_cells(str(m))
            ws.insert_cols(c + 1)
            merges = [(r1, c1 + (c1 > c), r2, c2 + (c2 >= c)) for r1, c1, r2, c2 in merges]
            for r in range(4, ws.max_row + 1):
                if not any(r1 <= r <= r2 and c1 <= c <= c2 for r1, c1, r2, c2 in merges):
                    merges.append((r, c, r, c + 1))
            for r1, c1, r2, c2 in merges:
                ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    return change


def test_figures_in_cells_merged_over_two_columns_are_read_once(tmp_path):
    # The 栏次 numbers merged too (1, 2, 3 … each over two columns). A merged range's figure had been
    # copied into each column it crosses: read again there, or left as figures of no column, warned of
    # one by one, and 公开02's 财政拨款收入 (the same figures as 本年收入合计 beside it) lost.
    name = "b03_colorder"
    scored = score(name, changed(name, _widened("公开02"), tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    assert not [w for w in scored.warnings if "未导入" in w]


def test_figures_stored_unrounded_in_general_format_are_rounded_and_said_once_per_table(tmp_path):
    # 万元 worked out as 元 ÷ 10000 and left unrounded in cells of General format, which shows every
    # decimal: each had been refused for its decimals, the tables left empty and their sums in 错误.
    def change(book) -> None:
        for cell in _figures(book):
            cell.value, cell.number_format = round(cell.value + 0.0012, 4), "General"
    name = "b03_colorder"
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    said = [w for w in scored.warnings if "小数位多于表中所留" in w]
    assert len(said) == 7 and "（如本格 73687.3512），均四舍五入读取（此格读作 73687.35）" in said[0], said


def test_figures_with_their_unit_on_rows_only_the_sums_can_place_are_read_in_it(tmp_path):
    # 行政运行 and the like under their 类, each 款 printed below its 项: which 科目 a name is waits for the
    # table's sums, and its figures, typed with 万元, wait with it.
    from test_import_layout_evidence import _names_only_kuan_below

    def change(book) -> None:
        _names_only_kuan_below("公开03")(book)
        for cell in _figures(book):
            if cell.parent.title == "公开03":
                cell.value = f"{cell.value:.2f}万元"
    name = "b03_colorder"
    scored = score(name, changed(name, change, tmp_path), tmp_path)
    assert (scored.placed, scored.wrong, scored.errors) == (scored.present, [], [])
    assert len([w for w in scored.warnings if "按表内合计读作" in w]) == 3
