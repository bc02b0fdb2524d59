from decimal import Decimal

import pytest

from desktop.core.money import AmountError, format_amount, parse_amount


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,234.50", "1234.50"),
        ("5372. 50", "5372.50"),
        ("14, 344. 12", "14344.12"),
        ("１２３．４", "123.40"),
        ("１，２３４．５６", "1234.56"),
        ("73,687.35万元", "73687.35"),
        ("(12.00)", "-12.00"),
        ("-0", "0.00"),
        ("-0.00", "0.00"),
        ("1e3", "1000.00"),
        ("  42 ", "42.00"),
        ("99999999999999.99", "99999999999999.99"),
    ],
)
def test_numbers_people_type_are_read_exactly(text, expected):
    value = parse_amount(text)
    assert value == Decimal(expected)
    assert str(value) == expected
    assert not value.is_signed() or value != 0


@pytest.mark.parametrize("text", ["", "-", "—", "－", "  ", "——"])
def test_marks_for_nothing_read_as_blank(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    "text, why",
    [
        ("abc", "不是有效的数字"),
        ("NaN", "不是有效的数字"),
        ("inf", "不是有效的数字"),
        ("1e400", "超出可填报的范围"),
        ("12345678901234567890", "超出可填报的范围"),
        ("1.234", "小数超过 2 位"),
        ("12.3.4", "不是有效的数字"),
        ("1,2a", "不是有效的数字"),
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
