"""A workspace's rows and its checks bound to them, shared by every workspace of the same shape:
a check builds the workspace of the rows it has just read its workbook with, and a batch checks
hundreds of workbooks of the same rows. Rows, instances and rules are never changed once built."""

from __future__ import annotations

from desktop.core.catalogue import Catalogue
from desktop.core.checks.instances import Instance, compute_rules, instantiate
from desktop.core.definitions import CellRef, FormSet
from desktop.core.structure import CodedRow, Structure

_KEEP = 8
_BUILT: dict[tuple, tuple] = {}  # oldest first


def bound_checks(
    forms: FormSet, catalogues: dict[str, Catalogue], coded: list[CodedRow], enabled: set[str],
) -> tuple[Structure, list[Instance], dict[CellRef, tuple[CellRef, ...]]]:
    """The structure, its check instances and its computed cells' rules (callers copy what they change)."""
    if len({(r.form, r.code) for r in coded}) != len(coded):  # a row given twice: the last one wins, in order
        structure = Structure(forms, catalogues, coded, enabled)
        instances = instantiate(structure)
        return structure, instances, compute_rules(instances)
    key = _key(forms, catalogues, coded, enabled)
    found = _found(key, forms, catalogues)
    if found is None:
        structure = Structure(forms, catalogues, coded, enabled)
        instances = instantiate(structure)
        found = (forms, dict(catalogues), structure, instances, compute_rules(instances))
        _BUILT.pop(key, None)
        _BUILT[key] = found
        while len(_BUILT) > _KEEP:
            del _BUILT[next(iter(_BUILT))]
    return found[2], found[3], found[4]


def bound_rules(
    forms: FormSet, catalogues: dict[str, Catalogue], coded: list[CodedRow], enabled: set[str],
) -> tuple[Structure, dict[CellRef, tuple[CellRef, ...]]]:
    """The structure and its computed cells' rules alone, for reading a workbook back: the bound
    checks' when they are built, else from the checks that compute a total (a third of them)."""
    found = _found(_key(forms, catalogues, coded, enabled), forms, catalogues)
    if found is not None:
        return found[2], found[4]
    structure = Structure(forms, catalogues, coded, enabled)
    return structure, compute_rules(instantiate(structure, computing_only=True))


def _key(forms: FormSet, catalogues: dict[str, Catalogue], coded: list[CodedRow], enabled: set[str]) -> tuple:
    return (id(forms), tuple(sorted((kind, id(c)) for kind, c in catalogues.items())), frozenset(coded),
            frozenset(enabled))


def _found(key: tuple, forms: FormSet, catalogues: dict[str, Catalogue]) -> tuple | None:
    found = _BUILT.get(key)
    # The objects themselves are kept in the entry: an id is only theirs while they live.
    if found is None or found[0] is not forms or any(catalogues.get(k) is not c for k, c in found[1].items()):
        return None
    return found
