"""单位代码 (统一社会信用代码, GB 32100-2015 check character) and 财政区划: checked, written one way, kept."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from desktop.core.unit_code import ALPHABET, UnitCodeError, check_character, check_code, check_region
from desktop.core.workspace import EditError, Workspace

# The standard's worked example (check character 3: Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3).
VALID = ("91350100M000100Y43",)
body = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@pytest.mark.parametrize("code", VALID)
def test_published_codes_pass(code):
    assert check_code(code) == code


@given(body)
def test_the_computed_check_character_is_taken(first17):
    code = first17 + check_character(first17)
    assert check_code(code) == code
    assert check_code(" " + code.lower()[:9] + " " + code.lower()[9:]) == code  # pasted with spaces, lower case


@given(body, st.sampled_from(ALPHABET))
def test_any_other_check_character_is_refused_naming_the_right_one(first17, last):
    right = check_character(first17)
    if last == right:
        return
    with pytest.raises(UnitCodeError) as caught:
        check_code(first17 + last)
    assert "校验位" in str(caught.value) and f"应为“{right}”" in str(caught.value)


@given(st.text(alphabet=ALPHABET, max_size=30).filter(lambda t: len(t) not in (0, 18)))
def test_a_wrong_length_is_refused_with_the_length(text):
    with pytest.raises(UnitCodeError, match=f"有 {len(text)} 位.*18 位"):
        check_code(text)


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V", "中"])
def test_characters_outside_the_alphabet_are_named(letter):
    with pytest.raises(UnitCodeError, match=f"“{letter}”不是统一社会信用代码可用的字符"):
        check_code("9135010" + letter + "M000100Y43")


def test_region_is_six_digits_and_an_optional_name():
    assert check_region("610802 榆林市榆阳区") == "610802 榆林市榆阳区"
    assert check_region("６１０８０２　榆林市 榆阳区") == "610802 榆林市榆阳区"
    assert check_region("610802") == "610802"
    assert check_region("  ") == ""
    with pytest.raises(UnitCodeError, match="有 5 位"):
        check_region("61080 榆林")
    with pytest.raises(UnitCodeError, match="6 位行政区划代码开头"):
        check_region("榆林市 610802")
    with pytest.raises(UnitCodeError, match="不能为 00"):
        check_region("000000")


def test_workspace_keeps_the_facts_written_one_way_and_refuses_bad_ones(tmp_path):
    path = tmp_path / "u.juesuan"
    unit = {"单位名称": "测试局", "年度": "2024", "单位代码": "91350100m000100y43", "财政区划": "610802榆林市榆阳区"}
    Workspace.create(path, unit).close()
    with Workspace.open(path) as ws:
        assert (ws.unit["单位代码"], ws.unit["财政区划"]) == ("91350100M000100Y43", "610802 榆林市榆阳区")
        with pytest.raises(EditError, match="校验位"):
            ws.set_unit("单位代码", "91350100M000100Y44")
        ws.set_unit("单位代码", "")
    with Workspace.open(path) as ws:
        assert ws.unit["单位代码"] == ""
    with pytest.raises(EditError, match="有 17 位"):
        Workspace.create(tmp_path / "v.juesuan", {**unit, "单位代码": "91350100M000100Y4"})
    assert not (tmp_path / "v.juesuan").exists()


def test_a_file_from_before_the_facts_opens_with_them_empty(tmp_path):
    """Unit facts are key/value rows: an older file simply lacks the two keys."""
    import sqlite3

    path = tmp_path / "old.juesuan"
    Workspace.create(path, {"单位名称": "旧单位", "年度": "2024"}).close()
    with sqlite3.connect(path) as conn:
        conn.execute("delete from unit where key in ('单位代码', '财政区划')")
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.unit["单位代码"] == "" and ws.unit["财政区划"] == ""
        ws.set_unit("财政区划", "610802")
    with Workspace.open(path) as ws:
        assert ws.unit["财政区划"] == "610802"
