"""A dictionary of given names in Latin, Cyrillic and Arabic letters: is a spelling a name at all?

    names = shipped_given_names()
    names.knows(("данила",))   -> True    (and DANILA, Danila: one name in three spellings)
    names.knows(("KYALE",))    -> False   (a typo of Kyle: nobody is given it)

`Model.twin_spelling` asks it of a given name nobody else on the roster carries: a twin's name is a
name, a typing error mostly is not. The words ship in `desktop_app/resources/names/given_names.txt`
(Faker's and Mimesis's person names, both MIT; `bench/given_names.py` regenerates it). A word is known
when one of its sound keys is one of a dictionary name's (so Данила, DANILA and DANILLA are one), or,
across Arabic and Latin letters, when it is one name with a dictionary word under the Arabic consonants
(`equal_under_scheme`: رنا and RANA, MOHAMMED and محمد).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from desktop_app.domain.scripts import has_arabic
from desktop_app.matching.normalize import ARABIC_SKELETON, equal_under_scheme, latin_forms, name_words

FIELD_SEPARATOR = "\t"
KEY_SEPARATOR = " "


def dictionary_line(word: str) -> str:
    """One line of the shipped file: a name word (from `name_words`), its sound keys, its skeletons (none for
    a Cyrillic word: it meets Arabic letters through its Latin spellings)."""
    forms = latin_forms(word)
    skeletons = () if forms.cyrillic else sorted(forms.skeletons)
    return FIELD_SEPARATOR.join((word, KEY_SEPARATOR.join(sorted(forms.sounds)), KEY_SEPARATOR.join(skeletons)))


class GivenNames:
    """Given names known by sound key, and by consonant skeleton across Arabic and Latin letters."""

    def __init__(self, lines: Iterable[str]) -> None:
        """`lines` as `dictionary_line` writes them."""
        self._sounds: set[str] = set()
        # skeleton -> dictionary words of that script having it: a Latin word is looked up among the
        # Arabic ones, an Arabic word among the Latin ones
        self._arabic: dict[str, list[str]] = {}
        self._latin: dict[str, list[str]] = {}
        for line in lines:
            word, sounds, skeletons = line.split(FIELD_SEPARATOR)
            self._sounds.update(sounds.split(KEY_SEPARATOR))
            by_skeleton = self._arabic if has_arabic(word) else self._latin
            for skeleton in skeletons.split(KEY_SEPARATOR) if skeletons else ():
                by_skeleton.setdefault(skeleton, []).append(word)

    @classmethod
    def of_names(cls, names: Iterable[str]) -> GivenNames:
        """A dictionary of `names` (any script, any case), as the shipped one is made."""
        return cls(dictionary_line(word) for name in names for word in name_words(name))

    def __len__(self) -> int:
        return len(self._sounds)

    @lru_cache(maxsize=100_000)  # noqa: B019 - a dictionary lives as long as the process
    def knows(self, words: tuple[str, ...]) -> bool:
        """Whether one of `words` (the spellings of one name word, as `NameToken.words`) is a given name."""
        return any(self._knows_word(word) for word in words)

    def _knows_word(self, word: str) -> bool:
        forms = latin_forms(word)
        if forms.sounds & self._sounds:
            return True
        if forms.cyrillic:
            return False
        others = self._latin if forms.arabic else self._arabic
        return any(equal_under_scheme(word, other) == ARABIC_SKELETON
                   for skeleton in forms.skeletons for other in others.get(skeleton, ()))


@lru_cache(maxsize=1)
def shipped_given_names() -> GivenNames:
    """The dictionary shipped with the program, read once a process."""
    text = resources.files("desktop_app").joinpath("resources", "names", "given_names.txt").read_text("utf-8")
    return GivenNames(line for line in text.splitlines() if line and not line.startswith("#"))
