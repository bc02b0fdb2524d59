from decimal import Decimal

import pytest

from desktop.core.money import AmountError, OutOfRange, format_amount, parse_amount


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,234.50", "1234.50"),
        ("5372. 50", "5372.50"),
        ("14, 344. 12", "14344.12"),
        ("１２３．４", "123.40"),
        ("１，２３４．５６", "1234.56"),
        ("(12.00)", "-12.00"),
        ("-0", "0.00"),
        ("-0.00", "0.00"),
        ("  42 ", "42.00"),
        ("\u3000１２３４\n", "1234.00"),
        ("9999999999999.99", "9999999999999.99"),
        ("1,234,567.8", "1234567.80"),
        ("１，２３４，５６７", "1234567.00"),
        ("-1,000", "-1000.00"),
        ("(1,000.5)", "-1000.50"),
        ("△12.30", "-12.30"),
        ("\u221212.30", "-12.30"),
        ("▲ 1,000", "-1000.00"),
        ("△１２．３", "-12.30"),
        (".5", "0.50"),
    ],
)
def test_numbers_people_type_are_read_exactly(text, expected):
    value = parse_amount(text)
    assert value == Decimal(expected)
    assert str(value) == expected
    assert not value.is_signed() or value != 0


@pytest.mark.parametrize("text", ["", "-", "—", "－", "  ", "——", "/", "－－"])
def test_marks_for_nothing_read_as_blank(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    "text, why",
    [
        ("abc", "不是有效的数字"),
        ("NaN", "不是有效的数字"),
        ("inf", "不是有效的数字"),
        ("1e400", "超出可填报的范围"),
        ("1e3", "科学记数法"),
        ("12345678901234567890", "超出可填报的范围"),
        ("1.234", "小数超过 2 位"),
        ("12.3.4", "不是有效的数字"),
        ("1,2a", "不是有效的数字"),
        ("12\t34", "不是有效的数字"),
        ("12\n34", "不是有效的数字"),
        # A decimal comma typed by mistake must not become a figure a hundred times too large.
        ("1,23", "千位分隔符位置不对"),
        ("1,2,3", "千位分隔符位置不对"),
        ("12,34.5", "千位分隔符位置不对"),
        ("1,2.3", "千位分隔符位置不对"),
        ("1234,567", "千位分隔符位置不对"),
        ("1.234,5", "千位分隔符位置不对"),
        (",123", "千位分隔符位置不对"),
        ("１，２３", "千位分隔符位置不对"),
        # Digits of other scripts: \d and Decimal() take them, an amount does not.
        ("١٢٣", "不是有效的数字"),
        ("१२३", "不是有效的数字"),
        ("1٢3", "不是有效的数字"),
        ("1e999999999999999999", "超出可填报的范围"),
        ("-1e400", "超出可填报的范围"),
    ],
)
def test_non_numbers_are_refused_in_chinese(text, why):
    with pytest.raises(AmountError, match=why):
        parse_amount(text)


def test_counts_must_be_whole():
    assert parse_amount("3", decimals=0) == Decimal(3)
    with pytest.raises(AmountError, match="须为整数"):
        parse_amount("2.5", decimals=0)


def test_format_as_published():
    assert format_amount(Decimal("73687.35")) == "73,687.35"
    assert format_amount(Decimal("0.7")) == "0.70"
    assert format_amount(None) == ""


@pytest.mark.parametrize(
    "value",
    [10**20, Decimal("1e300"), Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN"),
     Decimal("1e999999999999999999")],
)
def test_numbers_a_table_cannot_hold_are_out_of_range_never_a_decimal_error(value):
    with pytest.raises(OutOfRange):
        parse_amount(value)


def test_long_text_is_quoted_short_in_the_message():
    with pytest.raises(AmountError) as caught:
        parse_amount("x" * 100_000)
    assert len(str(caught.value)) < 80 and "…" in str(caught.value)


def test_booleans_are_not_amounts():
    with pytest.raises(AmountError):
        parse_amount(True)


# Thousands separators anywhere but every three digits of the integer part are refused, whatever surrounds them.
from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=4), min_size=2, max_size=4),
       st.sampled_from(["", ".3", ".25", ".0"]))
def test_comma_groups_must_be_three_digits(groups, fraction):
    text = ",".join(groups) + fraction
    proper = 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    if proper:
        assert parse_amount(text) == Decimal("".join(groups) + fraction)
    else:
        with pytest.raises(AmountError):
            parse_amount(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,.-+ ", max_size=12))
def test_any_accepted_text_has_commas_only_between_groups_of_three(text):
    try:
        value = parse_amount(text)
    except AmountError:
        return
    compact = text.replace(" ", "")
    if value is not None and "," in compact:
        whole = compact.lstrip("+-").split(".")[0]
        assert all(len(g) == 3 for g in whole.split(",")[1:]) and 1 <= len(whole.split(",")[0]) <= 3
