"""Clipboard text of a cell range as Excel and WPS write it, read back and written out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.clipboard import format_table, parse_table


@pytest.mark.parametrize(
    "text, rows",
    [
        ("12.5", [["12.5"]]),
        ("", [[""]]),
        ("1\t2\r\n3\t4\r\n", [["1", "2"], ["3", "4"]]),  # Excel on Windows
        ("1\t2\n3\t4\n", [["1", "2"], ["3", "4"]]),  # WPS, macOS
        ("1\t2\n3\t4", [["1", "2"], ["3", "4"]]),  # no trailing newline
        ("1\t\t3\r\n", [["1", "", "3"]]),  # blank cell in the middle
        ("1\r\n\r\n2\r\n", [["1"], [""], ["2"]]),  # blank row kept
        ("1\t2\t3\n4\n", [["1", "2", "3"], ["4", "", ""]]),  # ragged: padded
        ('"a\nb"\tc\r\n', [["a\nb", "c"]]),  # newline inside a quoted cell
        ('"a\tb"\r\n', [["a\tb"]]),
        ('"say ""hi"""\t1\r\n', [['say "hi"', "1"]]),  # doubled inner quotes
        ('say "hi"\t1\r\n', [['say "hi"', "1"]]),  # quotes mid-cell are plain text
        ('"5" 元\t1\r\n', [['"5" 元', "1"]]),  # not a quoted cell: text follows the quote
        ('"unclosed\t1\r\n', [['"unclosed', "1"]]),
    ],
)
def test_parse_table(text, rows):
    assert parse_table(text) == rows


def test_format_table_as_excel_writes_it():
    assert format_table([["1", "2"], ["3", ""]]) == "1\t2\r\n3\t\r\n"
    assert format_table([["a\nb", 'say "hi"', "x\ty"]]) == '"a\nb"\t"say ""hi"""\t"x\ty"\r\n'


CELL = st.text(alphabet=st.sampled_from(list('ab1.,-"\t\n\r 元 ')), max_size=6)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.integers(1, 4).flatmap(
        lambda width: st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=5)
    )
)
def test_format_then_parse_is_identity(rows):
    assert parse_table(format_table(rows)) == rows
