"""Randomly drawn layouts (tests/layout_random.py) import every figure to its cell with no false 错误;
bench/layout_random.py runs thousands of the same draws."""

from __future__ import annotations

import pytest

from layout_random import measure_random


# Fixed seeds, a dozen per source: a failing draw is named by its seed and comes back the same.
@pytest.mark.parametrize(("source", "seeds"), [("sample_ws", range(1, 25, 2)), ("seed004_ws", range(2, 26, 2))])
def test_random_layouts_import_every_figure_in_its_cell(source, seeds, request, tmp_path):
    ws = request.getfixturevalue(source)
    results = [measure_random(ws, seed, tmp_path) for seed in seeds]
    failing = [f"{m.name}: placed {m.placed}/{m.present} wrong {m.wrong[:2]} false 错误 {m.false_errors[:2]} {m.failure}"
               for m in results if not m.ok]
    assert failing == [], "\n".join(failing)
