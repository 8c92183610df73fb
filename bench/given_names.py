"""Regenerate `desktop_app/resources/names/given_names.txt`: given names in Latin, Cyrillic and Arabic letters.

The matcher asks whether a given name nobody else on the roster carries is a name at all
(`desktop_app.matching.given_names`, used by `Model.twin_spelling`): a twin's name is one, a typo
mostly is not. The names come from the person data of two fake-data generators, both under the MIT
licence (their notices are shipped beside the names, in LICENSE.txt), and neither is a dependency of the
program:

* Faker 40.63.0 (https://github.com/joke2k/faker): the `first_names*` lists of the person providers
  en (United States census names), en_US, en_GB, en_IE, en_NZ, en_PK, fr_DZ, ru_RU, uk_UA, ar_AA and
  ar_DZ (patronymics, `middle_names`, left out);
* Mimesis 22.2.0 (https://github.com/lk-geimfari/mimesis): the `names` of datasets/<locale>/person.json
  for en, en-au, en-gb, en-ca, ru, uk, kk and every ar-* locale.

Not the FEBRL data and not the independent bench's generator (`bench/independent/names.py`): the
matching figures are measured on those. Each line is one name word as the roster's words are read
(`name_words`), its sound keys (every romanisation's, for a Cyrillic word) and, for a Latin or Arabic
word, its consonant skeletons: computing them at each start takes seconds, reading them does not.

    pip install --target /tmp/names-src faker==40.63.0 mimesis==22.2.0   # outside the project's venv
    python -m bench.given_names --sources /tmp/names-src                  # names and keys anew
    python -m bench.given_names                                           # the shipped words' keys anew

The second form is for a change of the sound keys or skeletons (`tests/matching/test_given_names.py`
says when the shipped keys are stale).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from desktop_app.matching.given_names import FIELD_SEPARATOR, KEY_SEPARATOR, dictionary_line
from desktop_app.matching.normalize import name_words

OUT = Path(__file__).resolve().parent.parent / "desktop_app" / "resources" / "names" / "given_names.txt"
LICENCES = OUT.with_name("LICENSE.txt")  # the two packages' MIT notices, shipped beside the names
FAKER_LOCALES = ("en", "en_US", "en_GB", "en_IE", "en_NZ", "en_PK", "fr_DZ", "ru_RU", "uk_UA", "ar_AA", "ar_DZ")
MIMESIS_LOCALES = ("en", "en-au", "en-gb", "en-ca", "ru", "uk", "kk")
HEADER = f"""\
# Given names in Latin, Cyrillic and Arabic letters: one name word a line, its sound keys and its consonant
# skeletons (fields split by a tab, keys by '{KEY_SEPARATOR}'). Regenerate with bench/given_names.py.
# Sources, both under the MIT licence: Faker 40.63.0 (joke2k/faker: person providers' first names of
# {", ".join(FAKER_LOCALES)}) and Mimesis 22.2.0 (lk-geimfari/mimesis: person.json names
# of {", ".join(MIMESIS_LOCALES)} and every ar-* locale).
"""


def _faker_names() -> set[str]:
    names: set[str] = set()
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in dir(provider):
            if attribute.startswith("first_names"):
                value = getattr(provider, attribute)
                names.update(value.keys() if isinstance(value, dict) else value)
    return names


def _mimesis_names() -> set[str]:
    mimesis = importlib.import_module("mimesis")
    root = Path(str(mimesis.__file__)).parent / "datasets"
    locales = [*MIMESIS_LOCALES, *sorted(p.name for p in root.iterdir() if p.name.startswith("ar"))]
    names: set[str] = set()
    for locale in locales:
        data = json.loads((root / locale / "person.json").read_text("utf-8"))
        for group in data.get("names", {}).values():
            names.update(group)
    return names


def shipped_words() -> list[str]:
    """The name words of the shipped file."""
    lines = OUT.read_text("utf-8").splitlines()
    return [line.split(FIELD_SEPARATOR, 1)[0] for line in lines if line and not line.startswith("#")]


def write(words: set[str]) -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "".join(dictionary_line(word) + "\n" for word in sorted(words)), "utf-8")
    print(f"{len(words):,} name words -> {OUT} ({OUT.stat().st_size:,} bytes)")


def write_licences(sources: Path) -> None:
    """The MIT notices of the packages the names come from, as their wheels ship them."""
    parts = ["The given names in given_names.txt are taken from the person data of two packages, each under "
             "the MIT licence:\n"]
    for title, package in (("Faker 40.63.0 (https://github.com/joke2k/faker)", "faker-40.63.0"),
                           ("Mimesis 22.2.0 (https://github.com/lk-geimfari/mimesis)", "mimesis-22.2.0")):
        notice = next((sources / f"{package}.dist-info" / "licenses").iterdir()).read_text("utf-8")
        parts.append(f"== {title} ==\n\n{notice}")
    LICENCES.write_text("\n".join(parts), "utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sources", help="a folder holding the faker and mimesis packages (pip install --target)")
    args = parser.parse_args(argv)
    if args.sources:
        sys.path.append(args.sources)
        words = {word for name in _faker_names() | _mimesis_names() for word in name_words(name)}
        write_licences(Path(args.sources))
    else:
        words = set(shipped_words())
    write(words)


if __name__ == "__main__":
    main()
