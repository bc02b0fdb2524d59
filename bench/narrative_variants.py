"""How the 情况说明 check reads wording from other regions: sentences generated from a workspace's
own figures (tests/narrative_variants.py) in every class of sentence and every way of writing an
amount, each read for coverage (figures read ÷ figures written), false flags on the correct text,
and mutations caught when one figure or word is changed.

Run: PYTHONPATH=$PWD python3 bench/narrative_variants.py [-v]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from narrative_variant_tally import measure_workspaces, report  # noqa: E402


def main(verbose: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tally = measure_workspaces(Path(tmp))
    for line in report(tally, verbose):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
