"""Qt drawing for the window's worker thread, done in a fresh process instead."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")


def in_own_process(draw: Callable[..., T], *args) -> T:
    """`draw(*args)` in a fresh process, its result or its exception returned here. Qt lays text
    out with the font database the window paints with; a worker thread drawing a PDF beside the
    window's painting can deadlock with it, a process of its own cannot."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(draw, *args).result()
