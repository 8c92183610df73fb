"""The Fellegi-Sunter model: m and u per comparison level, term frequencies, EM, and the prior.

    model = Model.shipped()                                   # priors shipped with the program
    model = model.with_u(estimate_u(roster, rng))             # u: random roster pairs
    model = model.with_term_frequencies(roster)               # common surnames say less
    model = model.with_m(expectation_maximisation(vectors, model))   # m: EM on the pairs of one answer
    bits = model.contributions(comparison)                    # [(field, level label, bits), ...]

For each field and level, m is how often a true pair shows that level and u how often a
random pair does; the level adds log2(m/u) bits. For the agreeing name levels u is
replaced by how common the roster's name is (its term frequency, shrunk towards the
generic u when the roster is small), as Splink does. A pair's log-odds of being the same
person are the prior (`prior_bits`: one roster person among the plausible population)
plus the sum of its levels' bits. A 'missing' level adds nothing.

Two corrections to the independence Fellegi-Sunter assumes: twins share surname, birth date
and household, so `with_twins` counts them on the roster and `twin_cap` bounds a pair that
may be one twin for the other; and a roster that holds duplicates has some among its random
pairs, so the duplicate finder takes them out of u (`without_true_pairs`) before refitting m.

Locality and address are compared as Splink compares FEBRL's suburb and address (equal,
Jaro-Winkler bands, different); an equal locality is weighed by how common it is on the
roster (`place_frequencies`), and a shared household leaves both without evidence of their
own (its members live together: the household already said so).

The priors were set from FEBRL1/FEBRL2 and the project's generated bench; EM moves m
towards what one answer shows when it has enough rows (`EM_MIN_ROWS`), in sessions anchored
on one field as Splink does (`EM_SESSIONS`: names and birth date fitted on the pairs whose
document is equal, the document on the pairs whose birth date is equal).
"""

from __future__ import annotations

import math
import random
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import chain
from operator import attrgetter
from typing import Any, NamedTuple

import numpy as np

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.comparisons import (
    ADDRESS_F,
    AGREEING,
    BIRTH_F,
    D_EQUAL,
    D_SWAPPED,
    DIFFERENT,
    DOCUMENT_F,
    DOCUMENT_ONE_OFF,
    FIELDS,
    GIVEN_F,
    HOUSEHOLD_F,
    IDENTIFIER,
    LOCALITY_F,
    NAME_FIELDS,
    SCHEME,
    SEX_F,
    SURNAME_F,
    Comparison,
    compare,
    compare_other,
    document_level,
    documents_slipped,
    name_key,
    named_as_met,
    word_level,
)
from desktop_app.matching.features import GIVEN, NAME, PATRONYMIC, SURNAME, NameToken, Prepared
from desktop_app.matching.given_names import shipped_given_names
from desktop_app.matching.normalize import latin_forms
from desktop_app.matching.roster_counts import GivenNames, RosterCounts
from desktop_app.matching.typing_slips import slip_of_given_names

Table = tuple[tuple[float, ...], ...]

# m and u priors per field, levels in FIELDS order without 'missing'.
M_PRIOR: Table = (
    (0.97, 0.03),                                               # roster ID / case reference
    (0.86, 0.08, 0.06),                                         # document
    (0.635, 0.22, 0.04, 0.04, 0.025, 0.015, 0.005, 0.02),       # surname
    (0.64, 0.22, 0.04, 0.04, 0.025, 0.015, 0.01, 0.01),         # given name
    (0.60, 0.22, 0.04, 0.03, 0.02, 0.01, 0.01, 0.07),           # patronymic
    (0.883, 0.02, 0.07, 0.01, 0.01, 0.005, 0.002),              # birth date
    (0.98, 0.02),                                               # sex
    (0.5, 0.5),                                                 # household
    (0.85, 0.05, 0.10),                                         # locality
    (0.80, 0.07, 0.05, 0.08),                                   # address
)
U_PRIOR: Table = (
    (1e-6, 1.0 - 1e-6),
    (1e-6, 1e-3, 1.0 - 1.001e-3),
    (0.002, 0.001, 0.002, 0.002, 0.006, 0.02, 0.01, 0.957),
    (0.004, 0.002, 0.003, 0.003, 0.008, 0.03, 0.02, 0.93),
    (0.01, 0.005, 0.005, 0.005, 0.01, 0.04, 0.02, 0.905),
    (5e-5, 5e-5, 1e-3, 3e-3, 0.15, 0.25, 0.596),
    (0.5, 0.5),
    (0.25, 0.75),
    (0.02, 0.01, 0.97),
    (1e-4, 5e-4, 5e-3, 1.0 - 5.6e-3),
)
# Household members agree on surname (and often address and birth date: twins) by design, so a
# shared household mostly repeats the surname's evidence; Fellegi-Sunter assumes fields independent.
# Its weights stay as shipped (+1 bit equal, -0.6 different): neither sampled nor fitted. For the
# same reason a shared household leaves locality and address without evidence of their own (`field_bits`).
FIXED_FIELDS = frozenset({HOUSEHOLD_F})
U_FLOOR = 1e-6          # no level is rarer than this among random pairs (a copied passport exists)
# Documents one character apart are far commoner than among random numbers: a family's passports
# are issued in sequence (twins' differ in the last digit). Their u never goes below this.
U_DOCUMENT_ONE_OFF = 1e-3
U_PSEUDO_PAIRS = 2_000  # the shipped u weighs like this many sampled pairs
M_PSEUDO_PAIRS = 200    # the shipped m weighs like this many true pairs in EM
TF_PSEUDO_NAMES = 500   # term frequencies shrink towards the generic u like this many names
PLACEHOLDER_EXCESS = 5   # a day of the year this many times as common as the average day stands for unknown days
PLACEHOLDER_LEAST = 20   # and at least this many records born on it (on a small roster any day is 5 times the average)
U_SAMPLE_PAIRS = 10_000  # random pairs for the cheap fields
U_MIN_RECORDS = 1_000
U_NAME_PAIRS = 1_500     # of which names are compared for (rapidfuzz per word pair: slower)
EM_MIN_ROWS = 300       # EM runs on answers at least this long
EM_ITERATIONS = 12
# EM sessions (anchor field, its level, fields fitted there), and the fewest pairs a session needs.
EM_SESSIONS = ((DOCUMENT_F, 0, (SURNAME_F, SURNAME_F + 1, SURNAME_F + 2, BIRTH_F, SEX_F, LOCALITY_F, ADDRESS_F)),
               (BIRTH_F, 0, (DOCUMENT_F,)))
EM_MIN_SESSION = 100
DIFFERENT_DOCUMENTS = DOCUMENT_ONE_OFF + 1
PLAUSIBLE_POPULATION = 2_000  # the smallest population one row may name, however small the roster
# Twins: 1.2-1.6 % of deliveries (Pison, Monden & Smits 2015, "Twinning Rates in Developed Countries",
# Population and Development Review 41(4)), so about 3 % of persons have a twin. The share is counted on
# the roster's households (a twin pair: one household, one birth date, two given names), shrunk towards
# this prior; without households, on its pairs that look like twins (`look_alike_twins`). Never none by
# default (breaker X14b: with none assumed, a twin who left was matched at 1.0 to the one who stayed).
TWIN_PRIOR = 0.03
TWIN_PSEUDO_RECORDS = 1_000  # the shipped share weighs like this many household members
# Without households the roster's look-alike pairs say how many twins it holds (a roster of families, or of
# persons each registered alone), so the population's share weighs like this many persons only (FEBRL1/2).
TWIN_PSEUDO_LOOSE = 50
# An answer row may be the twin of a roster person whose twin never was on it (the twin who left). The
# roster's own pairs count twins registered together, not those: however many persons it holds without
# such a pair, an answer's twins are weighed as on a roster of the plausible population (breaker X14 s7:
# 60,000 persons without a look-alike pair gave 2.5e-5, and Danila was matched to Даниил at 0.99997).
TWINS_OFF_ROSTER = TWIN_PSEUDO_LOOSE * TWIN_PRIOR / (PLAUSIBLE_POPULATION + TWIN_PSEUDO_LOOSE)
NO_TWINS = 1e-9
# A twin's given name is a name: other persons carry it too, while a typo makes a spelling nobody
# carries. How often a twin's name is one nobody else on the roster carries is the roster's share of
# persons whose given name is theirs alone (Good-Turing's unseen mass), shrunk towards this share
# (FEBRL1/2: 0.34 of 500 persons, 0.04 of 4,000) by `UNSEEN_PSEUDO_NAMES` names, and never below it:
# a twin's name is chosen to look like the other twin's, and a look-alike of a common name is mostly
# its rarer variant (Даниил and Данила, Мария and Марина), which a roster whose names come from a
# short list carries nobody of (breaker X14 s8: its share near 0.02 matched Данила to Даниил and
# merged such twins as duplicates).
UNSEEN_PRIOR = 0.2
UNSEEN_PSEUDO_NAMES = 200
# A twin's name is also a name the dictionary of given names (`given_names`) mostly knows, and a typo one it
# mostly does not: a look-alike name nobody else carries and the dictionary lacks is a twin's as often as the
# dictionary lacks real persons' rare names. That share is counted on the names one roster person carries
# alone (the pool a name nobody else carries comes from, as `given_unseen`'s), shrunk towards this prior by
# `MISSED_PSEUDO_NAMES` names: a roster too small to tell, or of common names only, keeps the caution of
# `UNSEEN_PRIOR`, one whose names the dictionary lacks (another people's) keeps it too. Counted on every
# person's name, the share went to 0.02 on a roster of common names (the dictionary has them all) and matched
# twins whose rare real names it lacks (Rana and Raneem, Rahma and Rahaf: breaker X14e).
MISSED_PRIOR = UNSEEN_PRIOR
MISSED_PSEUDO_NAMES = 200
# The roster's vocabulary speaks for a family's names as far as it knows the family's other name: a
# name carried by n other persons weighs n / (n + this) (FEBRL1/2 duplicates). On a roster of other
# peoples' names where only Даниил himself carries his name, nobody carrying Danila says nothing of a twin.
KNOWN_NAME_PSEUDO = 1.0
# A document number carried by more roster persons than this is a group's (a group travel document typed
# for each member): agreeing on it is weighed by how many carry it, as names are by their frequency, and
# it does not identify. Up to this many it is one person's, registered again, or a family's shared passport.
GROUP_DOCUMENT_HOLDERS = 10
# A full name's birth dates that may all be one person's: registered up to six times, the date mistyped in
# some (FEBRL2 holds such persons). Beyond them, each date is another person carrying the name (`joint_names`).
ONE_PERSONS_DATES = 6
# The places-only rule (`scoring.judge`: a town and an address never finish a match) is for rosters of
# families, whose members share an address and a surname. A roster shows whether it is one: of its persons
# who have another person of their surname key (not one registered again: sharing at most one of the given
# name's initial, the birth year and a number), the share with such a person at their own address
# (`SharedAddresses`). A row naming a roster person's surname and address but someone else's is what the rule
# guards against, and on such a roster it finds a person of that surname at that address at most as often
# as the share says: where its one-sided 95 % upper bound is at most the wrong matches a match may make
# (1 - precision 0.998), the places finish a match as the model weighs them. A small roster cannot show it:
# with none sharing, the bound needs 1,350 such persons.
PLACES_RULE_BAR = 0.002
PLACES_RULE_Z = 1.645  # one-sided 95 %
# Two registrations of one person agree on a number (equal or one character off) at least this often where both
# give one: what `documented_duplicates` holds EM's count of duplicates to, with its bound's z. The shipped m says
# 0.94 (FEBRL); half leaves room for rosters whose persons come back with a renewed or retyped passport (30 % in
# test_twins_duplicates), while EM fitting namesakes overshoots by far more (22,462 pairs believed, 239 agreeing
# on the 100,000-person bench roster).
DOCUMENTS_AGREE = 0.5
DOCUMENTS_Z = PLACES_RULE_Z


@dataclass(frozen=True)
class Model:
    """m and u per field and level, term frequencies per name field, and the prior log-odds."""

    m: Table
    u: Table
    prior_bits: float = -10.0
    term_frequencies: tuple[dict[str, float], dict[str, float], dict[str, float]] = ({}, {}, {})
    tf_base: tuple[float, float, float] = (U_PRIOR[SURNAME_F][0], U_PRIOR[SURNAME_F + 1][0],
                                           U_PRIOR[SURNAME_F + 2][0])
    twin_share: float = TWIN_PRIOR  # the share of roster persons with a twin (see `with_twins`)
    # Without households: what `look_alike_twins` counted, kept so that `without_true_pairs` can take a
    # duplicate roster's own look-alikes off.
    look_alikes: LookAlikes | None = None
    place_frequencies: dict[str, float] | None = None  # locality -> its share of the roster, shrunk
    # an address many persons give (a camp's block) -> the share of the roster's persons with an address living there
    # besides a pair's own two (shrunk), where commoner than an equal address's u (`adjusted_places`)
    address_frequencies: dict[str, float] | None = None
    # a placeholder date (1 January, or a day of the year as common: `_placeholder_days`) -> the share of the roster's
    # others born on it (shrunk), where commoner than an equal date's u (`adjusted_birth_date`)
    birth_date_frequencies: dict[PartialDate, float] | None = None
    given_counts: dict[str, int] | None = None  # given-name key -> persons carrying it on the roster
    # (surname keys, birth date, given-name key) -> registrations of one surname and birth date carrying it
    given_in_family: dict[tuple[str, int, int, int, str], int] | None = None
    given_unseen: float = 1.0  # the share of twins whose given name nobody else carries (`twin_spelling`)
    given_missed: float = 1.0  # the share of rare given names the dictionary lacks (`twin_spelling`)
    place_base: float = U_PRIOR[LOCALITY_F][0]
    # number -> roster persons carrying it, for numbers more than `GROUP_DOCUMENT_HOLDERS` carry, or answer rows
    # when an answer gives it several (`with_answer_numbers`); roster size
    group_documents: dict[str, int] | None = None
    roster_size: int = 0
    shared_numbers: frozenset[str] | None = None  # numbers more than one roster person carries
    # (surname key, given-name key) -> other persons with a surname and given name agreeing with both (`joint_names`)
    full_names: dict[tuple[str, str], int] | None = None
    full_name_total: int = 0
    # persons of one surname at one address (`with_households`, counted when first asked); None: not counted, the
    # places-only rule holds
    shared_addresses: SharedAddresses | HouseholdsCount | None = None

    @classmethod
    def shipped(cls) -> Model:
        return cls(M_PRIOR, U_PRIOR)

    def __post_init__(self) -> None:
        table = tuple((*(math.log2(m / max(u, U_FLOOR)) for m, u in zip(ms, us, strict=True)), 0.0)
                      for ms, us in zip(self.m, self.u, strict=True))
        object.__setattr__(self, "_bits", _swap_bounded(table, self.m, self.u))
        object.__setattr__(self, "_max_name_bits", self._name_bound())

    @property
    def bits_table(self) -> Table:
        """bits[field][level], 'missing' included (0)."""
        return self._bits  # type: ignore[attr-defined,no-any-return]

    def with_prior(self, expected_matches: float, pairs: float) -> Model:
        """The prior log-odds when `expected_matches` true pairs hide among `pairs` possible ones."""
        p = min(max(expected_matches / max(pairs, 1.0), 1e-12), 0.5)
        return replace(self, prior_bits=math.log2(p / (1.0 - p)))

    def with_u(self, u: Table) -> Model:
        return replace(self, u=u)

    def with_m(self, m: Table) -> Model:
        return replace(self, m=m)

    def with_term_frequencies(self, records: Sequence[Prepared], counts: RosterCounts | None = None) -> Model:
        """Name frequencies counted on `records` (the roster), shrunk towards the generic u.

        Each distinct name is counted once, weighed by the records carrying it (`counts`, made from
        `records` when not given: the same counts as record by record)."""
        counted = counts or RosterCounts(records)
        weights = counted.name_records
        tables: list[dict[str, float]] = []
        bases: list[float] = []
        agreeing: list[dict[tuple[str, ...], frozenset[tuple[str, ...]]]] = []
        for field, role in zip(NAME_FIELDS, (SURNAME, GIVEN, PATRONYMIC), strict=True):
            spellings: Counter[tuple[str, ...]] = Counter()
            for tokens, weight in zip(counted.names, weights, strict=True):
                for token in tokens:
                    if token.role == role:
                        spellings[token.words] += weight
            total = sum(spellings.values())
            base = self.u[field][0]
            agreeing.append(_agreeing_spellings(spellings))
            per_key: dict[str, int] = {}
            for words, met in agreeing[-1].items():  # a key's spellings agree with the same names: the most
                key = name_key(words)
                per_key[key] = max(per_key.get(key, 0), sum(spellings[other] for other in met))
            tables.append({key: (n + TF_PSEUDO_NAMES * base) / (total + TF_PSEUDO_NAMES) for key, n in per_key.items()})
            bases.append(base)  # a word counted under no role (a full name on the roster side)
        full_names = _full_name_persons(counted, agreeing[0], agreeing[1])
        given: Counter[str] = Counter()
        spelled: dict[str, tuple[str, ...]] = {}  # a given-name key -> one of its spellings on the roster
        for (named, keys), weight in zip(counted.given_names, weights, strict=True):  # names in order of appearance
            for key in keys:  # each name once, as `_given_keys`
                given[key] += weight
            for given_key, given_words in named:
                spelled.setdefault(given_key, given_words)
        in_family: Counter[tuple[str, int, int, int, str]] = Counter()
        surnames, days, given_names = counted.surname_keys, counted.days, counted.given_names
        for name, date, weight in counted.pairs([bool(keys) and surname is not None for surname, (_, keys)
                                                 in zip(surnames, given_names, strict=True)],
                                                [day is not None for day in days]):
            family = (surnames[name], *days[date])  # type: ignore[misc]  # both given: the pairs kept
            for key in given_names[name][1]:
                in_family[(*family, key)] += weight
        given_total = sum(given.values())
        alone = sum(1 for n in given.values() if n == 1)
        dictionary = shipped_given_names()
        missed = sum(1 for key, n in given.items() if n == 1 and not dictionary.knows(spelled[key]))
        places = Counter(map(attrgetter("locality"), records))
        places.pop("", None)
        total = sum(places.values())
        base = self.u[LOCALITY_F][0]
        holders = counted.holders
        return replace(self, term_frequencies=(tables[0], tables[1], tables[2]), given_counts=dict(given),
                       birth_date_frequencies=_birth_date_frequencies(counted, self.u[BIRTH_F][D_EQUAL]),
                       full_names=full_names or None, full_name_total=len(records),
                       group_documents=_groups(holders) or None, roster_size=len(records),
                       shared_numbers=frozenset(number for number, n in holders.items() if n > 1) or None,
                       given_in_family=dict(in_family),
                       given_unseen=max(UNSEEN_PRIOR, (alone + UNSEEN_PSEUDO_NAMES * UNSEEN_PRIOR)
                                        / (given_total + UNSEEN_PSEUDO_NAMES)),
                       given_missed=(missed + MISSED_PSEUDO_NAMES * MISSED_PRIOR) / (alone + MISSED_PSEUDO_NAMES),
                       tf_base=(bases[0], bases[1], bases[2]), place_base=base,
                       place_frequencies={key: (n + TF_PSEUDO_NAMES * base) / (total + TF_PSEUDO_NAMES)
                                          for key, n in places.items()},
                       address_frequencies=_address_frequencies(records, counted, self.u[ADDRESS_F][0]))

    def without_true_pairs(self, share: float) -> Model:
        """u corrected for the true pairs among the sampled ones, `share` of them (a roster with duplicates).

        Random pairs of a roster that holds duplicates include some of them, and they agree
        on documents and birth dates far more than chance: the sampled frequency is
        share * m + (1 - share) * u. Solved for u, never below the lower of the sampled and
        the shipped u (a few sampled pairs must not make agreement look impossible by chance).
        """
        u = []
        for field, (ms, us, priors) in enumerate(zip(self.m, self.u, U_PRIOR, strict=True)):
            if field in FIXED_FIELDS:
                u.append(us)
                continue
            u.append(tuple(min(max((sampled - share * m) / (1.0 - share), min(sampled, prior), U_FLOOR), 1.0)
                           for m, sampled, prior in zip(ms, us, priors, strict=True)))
        return self.with_u(tuple(u))._without_duplicate_twins(share)

    def _without_duplicate_twins(self, share: float) -> Model:
        """The twin share of a roster without households, its own duplicates' look-alike pairs taken off.

        A person registered twice with a given name typed as another and the passport retyped looks
        like a twin (`look_alike_twins`); a roster with up to five registrations of one person shows
        many. Of its `share` of pairs that are the same person, as many look like twins as m gives
        the look-alike levels (surname agreeing, birth date equal, given names different, documents
        different; a missing one is not counted, so fewer are taken off), and as many agree on
        surname, birth date or given names as m gives: those are taken out of the counts that say
        how many look-alikes chance makes (registrations of one person share a birth date far more
        often than chance does). The twins left are two persons a pair (a person registered five
        times is in many pairs: counted in persons, the duplicates would take real twins off too).
        """
        found = self.look_alikes
        if found is None:
            return self
        m = self.m
        surname, birth = sum(m[SURNAME_F][:AGREEING + 1]), m[BIRTH_F][D_EQUAL]
        duplicates = 2.0 * share * found.records * (found.records - 1) / 2  # ordered pairs, as the counts are
        chance = found.chance(max(found.surnames - duplicates * surname, 0.0),
                              max(found.births - duplicates * birth, 0.0),
                              max(found.givens - duplicates * sum(m[GIVEN_F][:AGREEING + 1]), 0.0))
        looks_alike = surname * birth * m[GIVEN_F][DIFFERENT] * sum(m[DOCUMENT_F][DOCUMENT_ONE_OFF + 1:])
        twins = 2.0 * max(found.pairs - (duplicates * looks_alike + chance) / 2, 0.0)
        return replace(self, twin_share=_loose_share(min(twins, found.found), found.persons))

    def with_twins(self, records: Sequence[Prepared], counts: RosterCounts | None = None) -> Model:
        """The share of persons with a twin on the roster `records`, shrunk towards the population's.

        Twins share surname, birth date, household and often a passport series; Fellegi-Sunter
        takes fields as independent and would call one twin the other. `twin_cap` uses the share.
        With households, a twin is a member sharing the household and full birth date with one of
        another given name (`TWIN_PSEUDO_RECORDS` weigh the prior). Without, what a twin pair looks
        like is counted instead (`look_alike_twins`), with a weaker prior (`TWIN_PSEUDO_LOOSE`): a
        roster of families shows such pairs and keeps its caution, a roster of thousands without one
        goes low (5,000 persons: 3e-4), a small one keeps much of the prior (60 persons: about half).
        Counted on distinct names and dates (`counts`, made from `records` when not given).
        """
        counted = counts or RosterCounts(records)
        full = counted.full
        births: dict[tuple[object, int], list[int]] = {}  # (household, date) -> its members' names
        members = 0
        for record, name, date in zip(records, counted.name_of.tolist(), counted.date_of.tolist(), strict=True):
            if record.household_key is None:
                continue
            members += 1
            if full[date]:
                births.setdefault((record.household_key, date), []).append(name)
        if not members:
            found = _look_alikes(records, counted)
            return replace(self, twin_share=_loose_share(found.twins(), found.persons), look_alikes=found)
        blocks: dict[int, frozenset[str]] = {}  # a name's given-name blocks (`_given_blocks`)
        for group in births.values():
            if len(group) > 1:
                for name in group:
                    if name not in blocks:
                        blocks[name] = _tokens_given_blocks(counted.names[name])
        twins = sum(len(group) for group in births.values() if len(group) > 1 and any(
            not (blocks[a] & blocks[b]) for i, a in enumerate(group) for b in group[i + 1:]))
        share = (twins + TWIN_PSEUDO_RECORDS * TWIN_PRIOR) / (members + TWIN_PSEUDO_RECORDS)
        return replace(self, twin_share=share)

    def with_twins_off_roster(self) -> Model:
        """The twin share for an answer's rows: at least `TWINS_OFF_ROSTER` (a twin who never was on the roster).

        The duplicate finder compares the roster with itself, where both twins are on it: it keeps
        the roster's own share.
        """
        return replace(self, twin_share=max(self.twin_share, TWINS_OFF_ROSTER))

    def with_households(self, records: Sequence[Prepared], counts: RosterCounts | None = None) -> Model:
        """`records`' persons of one surname at one address to be counted (`SharedAddresses`): whether the
        places-only rule holds on this roster (`places_finish`). Counted when first asked (`HouseholdsCount`):
        only a pair agreeing on places alone asks, and most answers give no places."""
        return replace(self, shared_addresses=HouseholdsCount(records, counts))

    def households(self) -> SharedAddresses | None:
        """`shared_addresses` counted (on the first ask when `with_households` left it to count); None: not counted.

            >>> Model.shipped().households() is None
            True
        """
        counted = self.shared_addresses
        return counted.counted() if isinstance(counted, HouseholdsCount) else counted

    def places_finish(self) -> bool:
        """Whether a town and an address may finish a match: the roster shows, with enough persons, that
        persons of one surname do not share addresses (no households). Not counted: the rule holds."""
        counted = self.households()
        return counted is not None and counted.upper() <= PLACES_RULE_BAR

    def twin_spelling(self, query: Prepared, target: Prepared, *, in_sequence: bool = False) -> float:
        """How much likelier than always a twin shows the two given names of a pair (1.0: no telling).

        A twin's given name is a name: someone else on the roster carries it, or it is one of the
        rare names (`given_unseen` of twins have a name nobody else carries). A typo makes a spelling
        nobody carries. When one of the pair's given names is carried by nobody else on the roster
        and the other by others, the twin explanation is `given_unseen` as likely, weighed by how
        well the roster knows the other name (`KNOWN_NAME_PSEUDO`). When the dictionary of given names
        (`given_names`) lacks the name nobody carries as well, the twin explanation is as likely as the
        dictionary lacks real persons' rare names (`given_missed`, if that is less: Kyale for Kyle), and
        wholly so when the dictionary knows the other name. A name the dictionary knows keeps the
        caution (Данила beside Даниил), and so does a family whose names nobody else on the roster
        carries. A spelling nobody carries and the dictionary lacks that is the other name with two
        neighbouring letters swapped (KRSITINA) is a twin's still less often (`typing_slips`), unless the pair's
        numbers are `in_sequence` (one character apart, not a slip of the hand): twins registered together, whose
        names the dictionary lacks, are swaps of each other too (Noah and Noha, Aman and Amna, breaker X23a).
        Names compare by their sound keys, so a Cyrillic name and its romanisations count as one. Registrations of one
        surname and birth date are not others: they may be the person, registered again with the same typo.
        A name given in one cell ('Kyale Grimshaw') is read through the words that answered the other side's
        surname and given name (`named_as_met`).
        """
        counts, in_family = self.given_counts, self.given_in_family
        if not counts or in_family is None:
            return 1.0
        sides = (named_as_met(query, target), named_as_met(target, query))
        carried = [_carried_by_others(record, counts, in_family) for record in sides]
        known = max(carried)
        if min(carried) != 0 or known <= 0:  # both carried by others, a name not given, or neither known
            return 1.0
        rare = carried.index(0)
        weight = known / (known + KNOWN_NAME_PSEUDO)
        unseen = self.given_unseen
        if not _unseen_names_known(sides[rare], counts, in_family):
            # not a name at all: weighed down further when two neighbouring letters of the other swapped (a name
            # the dictionary knows keeps the caution: Kristian, Kristina's twin brother, is hers so swapped)
            unseen = min(unseen, self.given_missed) * (
                1.0 if in_sequence else slip_of_given_names(sides[rare], sides[1 - rare]))
            if _names_known(sides[1 - rare]):
                weight = 1.0
        return 1.0 - weight + weight * unseen

    @staticmethod
    def both_names(query: Prepared, target: Prepared) -> bool:
        """Whether the given names of both sides of a pair are names the dictionary of given names knows (a twin's
        are; a typo mostly is not), each read as it met the other (`named_as_met`); False when one gives none.

            Model.both_names(kristina, kristian)  # True; False for Kristina and Krsitina
        """
        sides = (named_as_met(query, target), named_as_met(target, query))
        return all(any(token.role == GIVEN for token in side.tokens) and _names_known(side) for side in sides)

    def twin_cap(self, given_level: int, document_level: int | None = None, spelling: float = 1.0, *,
                 slipped: bool = False, names: bool = False) -> float:
        """The most log-odds a pair whose surname and birth date agree and given names clash can have.

        Either the same person with a given name written otherwise (m of that level) or the
        person's twin (`twin_share`). Fields twins share (surname, birth date, places) tell the two
        apart no better than a coin; a document that is not equal does: the same person shows it
        as often as m of its level, a twin at most always (twins' passports differ, one digit apart
        when issued together). So the odds of the first are at most m(given) * m(document) / twin_share.
        Without the document term a passport one digit off, the very mark of twins, counted as
        evidence for the person against the twin (breaker X14 s7: Daniil matched to Danila at 1.0).
        `spelling` is how likely a twin shows the two given names (`twin_spelling`). `slipped`: the
        numbers are one another with two adjacent characters swapped and the person's own (`slipped`),
        which numbers issued in sequence never are; a twin's number shows that by chance only, as
        often as u of the level (7453255 and 7453525 in FEBRL1: Kyle typed Kyale). Only when the given
        names are one name or one of them a typo (`spelling` below 1): twins' numbers issued a few apart
        are a swap often enough (7453525 and 7453552, 27 apart), and two persons' names (Mark, or Kylie
        for Kyle, both carried by others) are what the twin shows (breaker X14d: matched to Kyle at 0.999).
        `names`: both given names are names the dictionary knows (`both_names`), as twins' are: close ones (any
        level but DIFFERENT) on documents one character apart weigh twins by at least `TWINS_OFF_ROSTER`, the
        roster's own count seeing no such twins (`look_alike_twins`).

            model.twin_cap(JW94, DOCUMENT_ONE_OFF, 0.2, names=True)  # Kristina and Kristian, passports in sequence
        """
        share = self.twin_share
        # A roster's look-alike count needs names that differ outright and numbers more than one character apart,
        # so it never sees twins registered together: 5,000 persons of common names gave 3e-4, and the finder joined
        # Kristina and her twin brother Kristian (3150586, 3150587) at 1.0 while the reconcile held them at review
        if names and given_level != DIFFERENT and document_level == DOCUMENT_ONE_OFF:
            share = max(share, TWINS_OFF_ROSTER)
        odds = self.m[GIVEN_F][given_level] / max(share * spelling, NO_TWINS)
        if document_level is not None and document_level != FIELDS[DOCUMENT_F].missing:
            odds *= self.m[DOCUMENT_F][document_level]
            if (slipped and document_level == DOCUMENT_ONE_OFF
                    and (given_level <= SCHEME or spelling < 1.0)):
                odds /= max(self.u[DOCUMENT_F][DOCUMENT_ONE_OFF], U_DOCUMENT_ONE_OFF)
        return math.log2(odds)

    def field_bits(self, comparison: Comparison) -> list[float]:
        """The bits of each field of one compared pair, term frequencies applied to agreeing names."""
        table = self.bits_table
        levels = comparison.levels
        bits = [row[level] for row, level in zip(table, levels, strict=True)]
        for index, key in enumerate(comparison.name_keys):
            if key:
                field = NAME_FIELDS[index]
                level = levels[field]
                tf = self.term_frequencies[index].get(key, self.tf_base[index])
                bits[field] = math.log2(self.m[field][level] / max(tf, U_FLOOR))
        joint = self.joint_names(comparison)
        if joint is not None:
            bits[SURNAME_F], bits[GIVEN_F] = joint
        places = self.adjusted_places(comparison)
        if places is not None:
            bits[LOCALITY_F], bits[ADDRESS_F] = places
        document = self.adjusted_document(comparison)
        if document is not None:
            bits[DOCUMENT_F] = document
        born = self.adjusted_birth_date(comparison)
        if born is not None:
            bits[BIRTH_F] = born
        return bits

    def joint_names(self, comparison: Comparison) -> tuple[float, float] | None:
        """Surname and given-name bits when the pair agrees on both and the full name is commoner than its two
        names' frequencies make it, else None.

        Fellegi-Sunter takes the fields as independent: two random persons share the surname as often as
        it is common, and then the given name as often as that is. A full name many carry ('Mohammed
        Ahmed', 420 namesakes in three scripts) breaks that: whoever is Ahmed is Mohammed too, and the
        two names' bits counted its evidence twice (breaker X14d: two such namesakes born the same day,
        nothing else, were one person at 0.993). u of agreeing on both is then the share of persons
        carrying the full name (`full_names`, shrunk towards the product of the two names' frequencies);
        the two fields' bits are lowered alike to sum to its bits.
        """
        full_names = self.full_names
        surname_key, given_key = comparison.name_keys[0], comparison.name_keys[1]
        if not full_names or not surname_key or not given_key:
            return None
        others = full_names.get((surname_key, given_key))
        if not others:
            return None
        levels = comparison.levels
        m_surname, m_given = self.m[SURNAME_F][levels[SURNAME_F]], self.m[GIVEN_F][levels[GIVEN_F]]
        tf_surname = self.term_frequencies[0].get(surname_key, self.tf_base[0])
        tf_given = self.term_frequencies[1].get(given_key, self.tf_base[1])
        tf = (others + TF_PSEUDO_NAMES * tf_surname * tf_given) / (self.full_name_total + TF_PSEUDO_NAMES)
        surname = math.log2(m_surname / max(tf_surname, U_FLOOR))
        given = math.log2(m_given / max(tf_given, U_FLOOR))
        excess = surname + given - math.log2(m_surname * m_given / max(tf, U_FLOOR))
        if excess <= 0.0:
            return None
        return surname - excess / 2, given - excess / 2

    def group_holders(self, comparison: Comparison) -> int:
        """How many roster persons carry the number a pair agrees on, when it is a group's (0: one person's).

        A pair that shares any number few carry agrees on that one: 0. A pair one character off
        is near a group's number when either side's number involved is one (the group's number
        typed with a typo is one off all its holders); it may then also be near a number of its own.
        """
        groups = self.group_documents
        if not groups or not comparison.documents:
            return 0
        if comparison.levels[DOCUMENT_F] == DOCUMENT_ONE_OFF:
            return max(groups.get(number, 0) for number in comparison.documents)
        return min(groups.get(number, 0) for number in comparison.documents)

    def with_answer_numbers(self, rows: Sequence[Prepared]) -> Model:
        """The model for one answer whose rows carry a number more than once: the partner typed a group's
        travel document or a family's passport for each of its members (breaker X14c).

        A number the answer gives several rows is carried by as many persons (or one listed twice): it
        is weighed by the larger count, the roster's or the answer's, and identifies nobody, as a group's
        (a brother's row with the head's passport was matched to the head at 1.0); it also counts as
        carried by others (`carried_by_others`).
        """
        counts = Counter(number for row in rows for number in row.documents)
        repeated = {number: n for number, n in counts.items() if n > 1}
        if not repeated:
            return self
        groups = dict(self.group_documents or {})
        for number, n in repeated.items():
            if n > groups.get(number, 0):
                groups[number] = n
        return replace(self, group_documents=groups or None,
                       shared_numbers=(self.shared_numbers or frozenset()) | repeated.keys())

    def carried_by_others(self, comparison: Comparison) -> bool:
        """The pair agrees only on numbers other roster persons carry too (a family's passport: the
        children inscribed in a parent's carry its number), not on one the roster person alone carries."""
        shared = self.shared_numbers
        if not shared or comparison.levels[DOCUMENT_F] != 0 or not comparison.documents:
            return False
        return all(number in shared for number in comparison.documents)

    def slipped(self, comparison: Comparison, query: Prepared, target: Prepared, *, own: bool = True) -> bool:
        """The pair's numbers are one another with two neighbours swapped (`comparisons.documents_slipped`),
        not a group's, and with `own` carried by the roster person alone: a family's passport or a group's
        number is carried by the twin or the child inscribed in it too, typed with the same slip as often
        as the person's. The duplicate finder passes `own` False: two registrations of one person carry
        one number too (as it leaves out the rule for a generation apart)."""
        if not documents_slipped(comparison, query, target) or self.group_holders(comparison):
            return False
        shared = self.shared_numbers
        return not own or not shared or not any(number in shared for number in comparison.documents)

    def identified(self, comparison: Comparison) -> bool:
        """The pair shares a roster ID, a case reference or a document number that is not a group's."""
        levels = comparison.levels
        return levels[IDENTIFIER] == 0 or (levels[DOCUMENT_F] == 0 and not self.group_holders(comparison))

    def adjusted_document(self, comparison: Comparison) -> float | None:
        """The bits of a document equal or one character off on a group's number (u: the share of the
        roster carrying it), else None.

        Splink's term-frequency adjustment: a random roster person carries the number as often as
        its holders make up of the roster, so 300 persons sharing a group's travel document make it
        a weak agreement, while the generic u (`estimate_u`) stays that of one person's number. The
        group's number typed one off is one off every holder's: as common, with the m of a typo
        (it weighed as one person's passport one digit off, breaker X14c).
        """
        holders = self.group_holders(comparison)
        if not holders:
            return None
        level = comparison.levels[DOCUMENT_F]
        return math.log2(self.m[DOCUMENT_F][level] / max(holders / max(self.roster_size, holders), U_FLOOR))

    def adjusted_birth_date(self, comparison: Comparison) -> float | None:
        """The bits of an equal birth date that many roster persons share (u: the share of the roster born that day),
        else None (the equal date's u, counted on every pair of the roster, `estimate_u`).

        Splink's term-frequency adjustment, for the 1 January typed for an unknown day and only where it lowers the
        weight: an equal date's u is the chance that two persons share whichever date, and that day is far commoner
        where registers use it (a third of a camp's persons, 150 of 30,000 on one year's). Two namesakes of the
        commonest names born on it, alike in every field, were matched as one person (breaker X21b). Other days keep
        the average's weight (`_birth_date_frequencies`). A date with day and month swapped, one of them such a day
        (1 July against 7 January), is bounded alike: a stranger is born on the placeholder as often (`_swap_bounded`).

            model.adjusted_birth_date(compare(born_7_january, born_1_july))  # log2(m swapped / share on 1 July)
        """
        frequencies = self.birth_date_frequencies
        born = comparison.born
        if not frequencies or born is None:
            return None
        if comparison.levels[BIRTH_F] == D_SWAPPED:  # one date a placeholder: its swap is bounded by its u alike
            share = max(frequencies.get(born, 0.0), frequencies.get(PartialDate(born.year, born.day, born.month), 0.0))
            swapped = self.bits_table[BIRTH_F][D_SWAPPED]
            return min(swapped, math.log2(self.m[BIRTH_F][D_SWAPPED] / share)) if share else None
        tf = frequencies.get(born)
        if tf is None or comparison.levels[BIRTH_F] != D_EQUAL:
            return None
        return math.log2(self.m[BIRTH_F][D_EQUAL] / tf)

    def adjusted_places(self, comparison: Comparison) -> tuple[float, float] | None:
        """Locality and address bits when the locality's frequency, an address many give or a shared household
        changes them, else None.

        An equal address's u is the chance that two persons give whichever address, and a camp's block ('BLOCK 5')
        is given by hundreds: where its share of the roster (`address_frequencies`) is commoner, the address weighs
        by it, as a placeholder birth date does (`adjusted_birth_date`); two distinct persons of a camp alike in
        every field were matched on it (issue 14).
        """
        levels = comparison.levels
        shared = self.address_frequencies.get(comparison.address_key) if (
            self.address_frequencies and comparison.address_key) else None
        if not comparison.place_key and levels[HOUSEHOLD_F] != 0 and shared is None:
            return None
        locality = self.bits_table[LOCALITY_F][levels[LOCALITY_F]]
        address = self.bits_table[ADDRESS_F][levels[ADDRESS_F]]
        if comparison.place_key and self.place_frequencies is not None:
            tf = self.place_frequencies.get(comparison.place_key, self.place_base)
            locality = math.log2(self.m[LOCALITY_F][0] / max(tf, U_FLOOR))
        if shared is not None:
            address = min(address, math.log2(self.m[ADDRESS_F][0] / shared))
        if levels[HOUSEHOLD_F] == 0:
            locality, address = min(locality, 0.0), min(address, 0.0)
        return locality, address

    def max_name_bits(self) -> float:
        """An upper bound of what the name fields can add (for pruning hopeless pairs)."""
        return self._max_name_bits  # type: ignore[attr-defined,no-any-return]

    def _name_bound(self) -> float:
        total = 0.0
        for index, field in enumerate(NAME_FIELDS):
            rarest = min([*self.term_frequencies[index].values(), self.tf_base[index]])
            total += max(max(self.bits_table[field]), math.log2(max(self.m[field][:3]) / max(rarest, U_FLOOR)))
        return total

    def name_cap(self, record: Prepared) -> float:
        """An upper bound of what `record`'s own names can add as the target of a pair (its rarest words)."""
        total = 0.0
        for index, (field, role) in enumerate(zip(NAME_FIELDS, (SURNAME, GIVEN, PATRONYMIC), strict=True)):
            tokens = [t for t in record.tokens if t.role == role or (t.role == NAME and role != PATRONYMIC)]
            if not tokens:
                continue
            rarest = min(self.term_frequencies[index].get(name_key(t.words), self.tf_base[index]) for t in tokens)
            fuzzy = max(self.bits_table[field][3:])  # the agreeing levels are weighed by frequency instead
            total += max(fuzzy, math.log2(max(self.m[field][:3]) / max(rarest, U_FLOOR)))
        return total

    def contributions(self, comparison: Comparison) -> list[tuple[str, str, float]]:
        """(field, level label, bits) for the waterfall: the prior first, then each field given on both sides."""
        out = [("prior", "chance before comparing", round(self.prior_bits, 2))]
        for field, (level, bits) in enumerate(zip(comparison.levels, self.field_bits(comparison), strict=True)):
            spec = FIELDS[field]
            if level != spec.missing:
                out.append((spec.name, spec.levels[level], round(bits, 2)))
        return out


def look_alike_twins(records: Sequence[Prepared]) -> tuple[float, int]:
    """(persons in a pair that looks like twins, beyond chance; persons who could show one), no households."""
    found = _look_alikes(records)
    return found.twins(), found.persons


class LookAlikes(NamedTuple):
    """What `look_alike_twins` counts: persons and pairs that look like twins, and what chance makes of them."""

    records: int
    persons: int     # records with a surname and a full birth date
    found: int       # persons in a pair that looks like twins
    pairs: int       # pairs that look like twins
    surnames: float  # ordered pairs of persons with one surname key
    births: float    # ... with one full birth date
    givens: float    # ... with one given-name key

    def chance(self, surnames: float, births: float, givens: float) -> float:
        """Persons in look-alike pairs that namesakes born the same day give by chance (two per pair)."""
        pairs = self.persons * (self.persons - 1)
        if pairs <= 0:
            return 0.0
        return surnames * (births / pairs) * (1.0 - givens / pairs)

    def twins(self) -> float:
        """Persons in look-alike pairs beyond chance."""
        return max(self.found - self.chance(self.surnames, self.births, self.givens), 0.0)


def _look_alikes(records: Sequence[Prepared], counts: RosterCounts | None = None) -> LookAlikes:
    """`look_alike_twins`'s counts.

    A pair looks like twins when its surname (its sound key) and full birth date agree, its
    given names differ outright (no word pair within Jaro-Winkler 0.80: the level `twin_cap`
    weighs) and its documents differ or are missing (a person registered twice keeps the
    passport; twins' may be one digit apart, but so are a duplicate's typed again). Namesakes
    born the same day look so too; as many as chance gives (the pairs sharing a surname key,
    times the chance that two of the roster's birth dates agree and two given names differ)
    are taken off, since u already weighs them. Only records with a surname and a full birth
    date could show a twin. Each distinct pair of given names in a group is compared once. Names' keys are
    worked out once per distinct name (`counts`, made from `records` when not given).
    """
    counted = counts or RosterCounts(records)
    keyed: list[tuple[str, str]] = []  # per name: its surname and given-name keys
    for tokens in counted.names:
        surname = given = ""
        for token in tokens:
            if token.role == SURNAME:
                surname += " " + name_key(token.words)
            elif token.role == GIVEN:
                given += " " + name_key(token.words)
        keyed.append((surname, given))
    days = counted.days
    groups: dict[tuple[int, int, int, str], list[int]] = {}
    surnames: Counter[str] = Counter()
    births: Counter[tuple[int, int, int]] = Counter()
    givens: Counter[str] = Counter()
    name_of = counted.name_of.tolist()
    for position, (name, date) in enumerate(zip(name_of, counted.date_of.tolist(), strict=True)):
        day = days[date]
        if day is None:
            continue
        surname, given = keyed[name]
        if not surname:
            continue
        surnames[surname] += 1
        births[day] += 1
        givens[given] += 1
        groups.setdefault((*day, surname), []).append(position)
    persons = sum(surnames.values())
    twins: set[int] = set()
    found = 0
    for group in groups.values():
        if len(group) < 2:
            continue
        by_given: dict[tuple[str, ...], list[int]] = {}
        for position in group:
            words = tuple(w for t in counted.names[name_of[position]] if t.role == GIVEN for w in t.words)
            if words:
                by_given.setdefault(words, []).append(position)
        names = list(by_given.items())
        person = {position: position for position in group}  # registrations joined as one person

        def one(position: int, person: dict[int, int] = person) -> int:
            while person[position] != position:
                person[position] = position = person[person[position]]
            return position

        apart: list[tuple[int, int]] = []
        for i, (given_a, group_a) in enumerate(names):
            for other in group_a[1:]:
                person[one(other)] = one(group_a[0])
            for given_b, group_b in names[i + 1:]:
                if any(word_level(x, y)[0] != DIFFERENT for x in given_a for y in given_b):
                    person[one(group_b[0])] = one(group_a[0])
                    continue
                for a in group_a:
                    for b in group_b:
                        level = document_level(records[a].documents, records[b].documents)
                        if level == 0:
                            person[one(b)] = one(a)
                        elif level > DOCUMENT_ONE_OFF:
                            apart.append((a, b))
        for a, b in apart:
            # Two registrations joined by others that share a passport or a given name are one person.
            if one(a) != one(b):
                twins.update((a, b))
                found += 1
    def ordered(counts: Counter[Any]) -> float:
        return float(sum(n * (n - 1) for n in counts.values()))

    return LookAlikes(len(records), persons, len(twins), found, ordered(surnames), ordered(births), ordered(givens))


class SharedAddresses(NamedTuple):
    """Of the roster's persons with another person of their surname key (sharing at most one of the given name's
    initial, the birth year and a number: not the same person registered again with typos), how many have such
    a person at their own address (or, where none has, in their town at their address's numbers or under
    their household reference: `shared_addresses`)."""

    persons: int
    at_one_address: int

    def upper(self) -> float:
        """The share's one-sided upper confidence bound (Wilson's score interval, `PLACES_RULE_Z`); 1.0 for none."""
        n, z2 = self.persons, PLACES_RULE_Z ** 2
        if n == 0:
            return 1.0
        share = self.at_one_address / n
        centre = share + z2 / (2 * n)
        spread = PLACES_RULE_Z * math.sqrt(share * (1.0 - share) / n + z2 / (4 * n * n))
        return min((centre + spread) / (1.0 + z2 / n), 1.0)


class _HouseholdNames(NamedTuple):
    """What `shared_addresses` reads of a `RosterCounts`, kept without the rest of it (its numbers' holders)."""

    surname_keys: list[str | None]
    given_names: list[GivenNames]
    dates: list[PartialDate | None]
    name_of: np.ndarray
    date_of: np.ndarray


class HouseholdsCount:
    """`shared_addresses(records, counts)`, counted on the first `counted()` and kept: the models made from one
    (`Model.with_households`, then `replace`) share it, and so do reconciles run side by side (one counts, the
    others wait for it).

        >>> HouseholdsCount([]).counted()
        SharedAddresses(persons=0, at_one_address=0)

    Equal to another count, or to a `SharedAddresses`, when the counts are equal (both counted to tell).
    """

    def __init__(self, records: Sequence[Prepared], counts: RosterCounts | None = None) -> None:
        self._records: Sequence[Prepared] | None = records
        # The name columns the model's other counts have made (`with_term_frequencies`), not the whole counts.
        self._names = None if counts is None else _HouseholdNames(
            counts.surname_keys, counts.given_names, counts.dates, counts.name_of, counts.date_of)
        self._lock = threading.Lock()
        self._counted: SharedAddresses | None = None

    @property
    def counted_yet(self) -> bool:
        """Whether `counted` has counted (a reconcile whose pairs never agree on places alone leaves it not)."""
        return self._counted is not None

    def counted(self) -> SharedAddresses:
        with self._lock:
            if self._counted is None:
                assert self._records is not None
                self._counted = shared_addresses(self._records, self._names)
                self._records = self._names = None  # counted: what it was counted from is let go
            return self._counted

    def __eq__(self, other: object) -> bool:
        if isinstance(other, HouseholdsCount):
            return self is other or self.counted() == other.counted()
        if isinstance(other, SharedAddresses):
            return self.counted() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"HouseholdsCount({self._counted!r})" if self._counted is not None else "HouseholdsCount(not counted)"


def shared_addresses(records: Sequence[Prepared],
                     counts: RosterCounts | _HouseholdNames | None = None) -> SharedAddresses:
    """`SharedAddresses` of `records` with an address or a household reference, a surname, a given name and a
    birth date.

    Persons rather than pairs: a common surname's n persons make n(n-1)/2 pairs, not as many independent
    draws. Two registrations of one person typed twice share two of the given name's first letter, the birth
    year and a number; a household's members share at most one (brothers Ahmed and Ali the initial, a father
    and a son named alike the initial, a child inscribed in a parent's passport its number). For each person,
    those others are counted by inclusion-exclusion over group sizes (`_others_apart`); the address added,
    those at the person's address.
    """
    # Columns through C-level maps, not a loop over persons: each distinct name's keys and each distinct date's
    # year are read once (`RosterCounts`, which the model's other counts share); addresses and numbers are told
    # apart by their hashes (two of a million colliding is about one chance in ten million, and would only
    # merge two groups). Codes stay non-negative: group sizes are counted by `np.bincount`.
    n = len(records)
    if n == 0:
        return SharedAddresses(0, 0)
    counted = counts or RosterCounts(records)
    numbered: dict[object, int] = {}  # surname keys and sets of initials, numbered as they come
    surnames = [-1 if key is None else numbered.setdefault(key, len(numbered)) for key in counted.surname_keys]
    initials = [numbered.setdefault(tuple(sorted({key[:1] for key in keys})), len(numbered)) if keys else -1
                for _, keys in counted.given_names]
    years = [-1 if date is None else date.year for date in counted.dates]
    name_of = counted.name_of
    surname, initial = np.array(surnames, dtype=np.int64)[name_of], np.array(initials, dtype=np.int64)[name_of]
    year = np.array(years, dtype=np.int64)[counted.date_of]
    address = np.fromiter(map(hash, map(attrgetter("address"), records)), np.int64, n)
    document = np.fromiter(map(hash, map(attrgetter("documents"), records)), np.int64, n)
    none = document == hash(frozenset())
    document[none] = np.flatnonzero(none)  # no number: nobody else's
    household = np.fromiter(map(hash, map(attrgetter("household_key"), records)), np.int64, n)
    recorded = household != hash(None)  # a household the roster records (its members' address may be empty)
    nowhere = address == hash("")
    address[nowhere] = np.flatnonzero(nowhere)  # no address: nobody else's
    kept = (surname >= 0) & (initial >= 0) & (year >= 0) & (~nowhere | recorded)
    where = np.flatnonzero(kept)
    surname, initial, year = surname[kept], initial[kept], year[kept]
    address, document = _codes(address[kept]), _codes(document[kept])
    kept = _group_sizes(surname) > 1  # a surname carried once has nobody to share an address with
    surname, initial, year, document, address, where = (column[kept] for column in (surname, initial, year,
                                                                                    document, address, where))

    apart = _others_apart(surname, initial, year, document) > 0
    at_one_address = _at_one_address(surname, address, initial, year, document)
    shared = SharedAddresses(int(apart.sum()), int((apart & at_one_address).sum()))
    if shared.upper() > PLACES_RULE_BAR:  # households as typed: the numbers below could only add to them
        return shared
    numbers = np.fromiter(map(hash, map(_address_numbers, (records[i].locality for i in where.tolist()),
                                        (records[i].address for i in where.tolist()))), np.int64, len(where))
    numbers[nowhere[where]] = where[nowhere[where]]
    at_one_address |= _at_one_address(surname, _codes(numbers), initial, year, document)
    household = household[where]
    household[~recorded[where]] = where[~recorded[where]]  # no household recorded: nobody else's
    at_one_address |= _at_one_address(surname, _codes(household), initial, year, document)
    return SharedAddresses(shared.persons, int((apart & at_one_address).sum()))


def _at_one_address(surname: np.ndarray, address: np.ndarray, initial: np.ndarray, year: np.ndarray,
                    document: np.ndarray) -> np.ndarray:
    """Per position, whether another person of its surname who is not it again (`_others_apart`) is at its
    `address` (dense codes)."""
    home = _dense(surname, address)
    at_home = _group_sizes(home) > 1  # only these can have another person of their surname at their address
    at_one_address = np.zeros(len(surname), dtype=bool)
    if at_home.any():
        at_one_address[at_home] = _others_apart(_codes(home[at_home]), initial[at_home], year[at_home],
                                                document[at_home]) > 0
    return at_one_address


_NUMBERS = re.compile(r"[0-9]+")


def _address_numbers(locality: str, address: str) -> str:
    """An address as a household's members may each have given it at another clerk's desk ('Street 9, house 4',
    'St. 9, h. 4', the flat added, in Arabic; breaker X14f), which equal texts tell apart: its town and its
    first two numbers; the address itself where it holds no number."""
    numbers = _NUMBERS.findall(address)[:2]
    return f"{locality}|{'|'.join(number.lstrip('0') for number in numbers)}" if numbers else address


def _codes(values: np.ndarray) -> np.ndarray:
    """Dense non-negative codes of `values`."""
    return np.unique(values, return_inverse=True)[1].astype(np.int64)


def _others_apart(group: np.ndarray, initial: np.ndarray, year: np.ndarray, document: np.ndarray) -> np.ndarray:
    """Per position, the others of its `group` that are not it registered again: that share at most one of its
    initial, its year and its number (brothers Ahmed and Ali, a father and a son named alike share the initial;
    a child inscribed in a parent's passport shares the number; breaker X14f). The group's size, less those
    sharing two of the three, plus twice those sharing all three (inclusion-exclusion; the position itself
    counts in each and cancels)."""
    with_initial, with_year = _dense(group, initial), _dense(group, year)
    initial_year = _dense(with_initial, year)
    return (_group_sizes(group) - _group_sizes(initial_year) - _group_sizes(_dense(with_initial, document))
            - _group_sizes(_dense(with_year, document)) + 2 * _group_sizes(_dense(initial_year, document)))


def _dense(codes: np.ndarray, column: np.ndarray) -> np.ndarray:
    """Dense int codes of the pairs (`codes`, `column`) (both dense non-negative codes)."""
    return np.unique(codes * (int(column.max(initial=0)) + 1) + column, return_inverse=True)[1].astype(np.int64)


def _group_sizes(codes: np.ndarray) -> np.ndarray:
    """For each position, how many positions share its code."""
    return np.bincount(codes)[codes] if len(codes) else codes  # type: ignore[no-any-return]


def _agreeing_spellings(spellings: Counter[tuple[str, ...]]) -> dict[tuple[str, ...], frozenset[tuple[str, ...]]]:
    """For each name (its words' spellings), the roster's names that agree with it as `compare` finds names
    the same (equal, under a romanisation scheme or the Arabic consonants, by sound), in any script.

    A name's sound key differs by script (محمد MHMD, Мухаммед MUHAMED, MOHAMMED MOHAMED): counted apart, each
    spelling of a common name looked rare. Names that agree share a sound key, or one is in Arabic letters and
    they share a consonant skeleton; those candidates are compared.
    """
    by_sound: dict[str, list[tuple[str, ...]]] = {}
    by_skeleton: dict[str, list[tuple[str, ...]]] = {}
    arabic: set[tuple[str, ...]] = set()
    for words in spellings:
        for word in words:
            forms = latin_forms(word)
            for sound in forms.sounds:
                by_sound.setdefault(sound, []).append(words)
            for skeleton in forms.skeletons:
                by_skeleton.setdefault(skeleton, []).append(words)
            if forms.arabic:
                arabic.add(words)
    out: dict[tuple[str, ...], frozenset[tuple[str, ...]]] = {}
    for words in spellings:
        candidates: set[tuple[str, ...]] = set()
        for word in words:
            forms = latin_forms(word)
            for sound in forms.sounds:
                candidates.update(by_sound[sound])
            for skeleton in forms.skeletons:  # the Arabic consonants scheme: one side in Arabic letters
                met = by_skeleton[skeleton]
                candidates.update(met if words in arabic else (other for other in met if other in arabic))
        out[words] = frozenset(other for other in candidates if other == words or min(
            word_level(a, b)[0] for a in words for b in other) <= AGREEING)
    return out


def _full_name_persons(counts: RosterCounts, surnames: dict[tuple[str, ...], frozenset[tuple[str, ...]]],
                       givens: dict[tuple[str, ...], frozenset[tuple[str, ...]]]) -> dict[tuple[str, str], int]:
    """(surname key, given-name key) -> other persons whose surname and given name both agree with those, when any.

    Persons, not registrations: namesakes are told apart by their full birth dates (a person registered
    twice keeps the date, so a roster's duplicates do not make their own name look common). A person
    registered several times with the date mistyped shows several, so `ONE_PERSONS_DATES` of a name's
    dates are taken for the person's own. Only records with one surname and one given-name word count.
    Counted on the roster's distinct names and dates (`counts`: dates by number).
    """
    full_name: list[tuple[tuple[str, ...], tuple[str, ...]] | None] = []
    for tokens in counts.names:
        surname_words = [t.words for t in tokens if t.role == SURNAME]
        given_words = [t.words for t in tokens if t.role == GIVEN]
        full_name.append((surname_words[0], given_words[0]) if len(surname_words) == 1 and len(given_words) == 1
                         else None)
    births: dict[tuple[tuple[str, ...], tuple[str, ...]], set[int]] = {}
    for name, date, _ in counts.pairs([named is not None for named in full_name], counts.full):
        births.setdefault(full_name[name], set()).add(date)  # type: ignore[arg-type]  # names kept are full
    by_surname: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for surname, given in births:
        by_surname.setdefault(surname, []).append(given)
    out: dict[tuple[str, str], int] = {}
    for surname, own in by_surname.items():
        met: dict[tuple[str, ...], set[int]] = {}  # given names under any agreeing surname
        for other in surnames[surname]:
            for given in by_surname.get(other, ()):
                met.setdefault(given, set()).update(births[other, given])
        for given in own:
            dates = set().union(*(met.get(other, ()) for other in givens[given]))
            if len(dates) > ONE_PERSONS_DATES:
                key = (name_key(surname), name_key(given))
                out[key] = max(out.get(key, 0), len(dates) - ONE_PERSONS_DATES)
    return out


def _loose_share(twins: float, persons: int) -> float:
    """The share of persons with a twin from `twins` of `persons` look-alikes, shrunk towards the population's."""
    return (twins + TWIN_PSEUDO_LOOSE * TWIN_PRIOR) / (persons + TWIN_PSEUDO_LOOSE)


def _family(record: Prepared) -> tuple[str, int, int, int] | None:
    """`record`'s surname sound keys and full birth date (what twins and a person's registrations share), or None."""
    date = record.birth_date
    if date is None or date.month is None or date.day is None:
        return None
    surnames = [name_key(t.words) for t in record.tokens if t.role == SURNAME]
    if not surnames:
        return None
    return (surnames[0] if len(surnames) == 1 else " ".join(sorted(surnames)), date.year, date.month, date.day)


def _given_keys(record: Prepared) -> list[str]:
    """The sound keys of `record`'s given-name words (each once), as term frequencies count names."""
    keys = [name_key(t.words) for t in record.tokens if t.role == GIVEN]
    return keys if len(keys) < 2 else list(dict.fromkeys(keys))


def _carried_by_others(record: Prepared, counts: dict[str, int],
                       in_family: dict[tuple[str, int, int, int, str], int]) -> int:
    """How many persons outside the record's family carry its least carried given name (-1: none given)."""
    family = _family(record) or ("", 0, 0, 0)
    return min((counts.get(key, 0) - in_family.get((*family, key), 0) for key in _given_keys(record)), default=-1)


def _unseen_names_known(record: Prepared, counts: dict[str, int],
                        in_family: dict[tuple[str, int, int, int, str], int]) -> bool:
    """Whether the dictionary of given names knows every given name of `record` nobody else carries."""
    family = _family(record) or ("", 0, 0, 0)
    dictionary = shipped_given_names()
    return all(dictionary.knows(token.words) for token in record.tokens if token.role == GIVEN
               and counts.get(key := name_key(token.words), 0) - in_family.get((*family, key), 0) <= 0)


def _names_known(record: Prepared) -> bool:
    """Whether the dictionary of given names knows every given name of `record`."""
    dictionary = shipped_given_names()
    return all(dictionary.knows(token.words) for token in record.tokens if token.role == GIVEN)


def _given_blocks(record: Prepared) -> frozenset[str]:
    return _tokens_given_blocks(record.tokens)


def _tokens_given_blocks(tokens: tuple[NameToken, ...]) -> frozenset[str]:
    return frozenset().union(*(t.blocks for t in tokens if t.role == GIVEN))


def document_holders(records: Sequence[Prepared]) -> Counter[str]:
    """How many of `records` carry each number: more than one, a family's passport, a group's or one person
    registered twice; more than `GROUP_DOCUMENT_HOLDERS`, a group's (`group_documents`)."""
    return Counter(chain.from_iterable(map(attrgetter("documents"), records)))


def group_documents(records: Sequence[Prepared]) -> dict[str, int]:
    """Numbers carried by more than `GROUP_DOCUMENT_HOLDERS` of `records`, each with how many carry it."""
    return _groups(document_holders(records))


def _groups(holders: Counter[str]) -> dict[str, int]:
    return {number: n for number, n in holders.items() if n > GROUP_DOCUMENT_HOLDERS}


def _swap_bounded(table: Table, m: Table, u: Table) -> Table:
    """`table` with the bits of a birth date whose day and month are swapped bounded by an equal date's u.

    A swapped date is one other specific date: a stranger is born on it as often as on the date itself, so its u is
    never below the equal date's (whose u the model weighs any day by, `estimate_u`); only m, how often a person's
    date is typed swapped, makes it weaker evidence. Sampled on a camp roster whose equal dates are mostly its
    1 January placeholder, the swapped level's u was the chance of two ordinary days (1 in 120,000): 11.23 bits
    against an equal date's 8.97, and two distinct persons (AHMED MOHAMMED and MOHAMMED AHMED NASSER, born 9 April
    and 4 September 1958) were matched on it (issue 14).

        _swap_bounded(((8.97, 11.23, ...), ...), m, u)[BIRTH_F][D_SWAPPED]  # log2(m swapped / u equal): 3.47
    """
    births = list(table[BIRTH_F])
    births[D_SWAPPED] = min(births[D_SWAPPED], math.log2(m[BIRTH_F][D_SWAPPED] / max(u[BIRTH_F][D_EQUAL], U_FLOOR)))
    return (*table[:BIRTH_F], tuple(births), *table[BIRTH_F + 1:])


def estimate_u(records: Sequence[Prepared], model: Model, rng: random.Random | None = None,
               pairs: int = U_SAMPLE_PAIRS, counts: RosterCounts | None = None) -> Table:
    """u per field and level from random pairs of `records`, smoothed by the shipped u.

    Rosters under `U_MIN_RECORDS` keep the shipped u: their few pairs would count their own
    duplicates as chance agreement. A pair agreeing only on a group's number (`group_documents`)
    counts as documents that differ: that number is weighed by its own frequency (`Model.adjusted_document`),
    and the generic u stays that of numbers one person carries. `counts`: `records` by distinct name and date
    (made from them when not given).
    """
    rng = rng or random.Random(0)
    n = len(records)
    counted = (counts or RosterCounts(records)) if n >= U_MIN_RECORDS else None
    seen = [[0] * (len(spec.levels) - 1) for spec in FIELDS]  # sampled pairs per field and level
    if counted is not None:
        groups = _groups(counted.holders)
        for drawn in range(min(pairs, n * (n - 1) // 2)):
            i, j = rng.randrange(n), rng.randrange(n - 1)
            j += j >= i
            levels = (compare(records[i], records[j]).levels if drawn < U_NAME_PAIRS
                      else compare_other(records[i], records[j]))
            if groups and levels[DOCUMENT_F] == 0 and all(
                    number in groups for number in records[i].documents & records[j].documents):
                levels = (levels[IDENTIFIER], DIFFERENT_DOCUMENTS, *levels[DOCUMENT_F + 1:])
            for field, level in enumerate(levels):
                if level < FIELDS[field].missing:
                    seen[field][level] += 1
    u = []
    for field, row in enumerate(seen):
        if field in FIXED_FIELDS:
            row = [0] * len(row)
        total = sum(row)
        prior = model.u[field]
        u.append(tuple(max((c + U_PSEUDO_PAIRS * p) / (total + U_PSEUDO_PAIRS), U_FLOOR)
                       for c, p in zip(row, prior, strict=True)))
    document = list(u[DOCUMENT_F])
    document[1] = max(document[1], U_DOCUMENT_ONE_OFF)
    u[DOCUMENT_F] = tuple(document)
    if counted is not None:
        birth = list(u[BIRTH_F])
        birth[D_EQUAL] = max(_same_birth_date(records, counted), U_FLOOR)
        u[BIRTH_F] = tuple(birth)
    return tuple(u)


def _birth_date_frequencies(counts: RosterCounts, base: float) -> dict[PartialDate, float] | None:
    """Per placeholder date (`_placeholder_days`: the 1 January, or a day of the year as common) commoner than `base`
    (an equal date's u): the share of the roster's persons born on it besides a pair's own two, shrunk
    towards `base` as names are (`TF_PSEUDO_NAMES`). Persons are told apart by surname and given names: copies of
    one registration count once.

    Only placeholder days, what registers write for an unknown day (`comparisons.date_level`): a real day's count on a
    roster is mostly one person's registrations, typed with slips that make them look like several persons (counting
    every day so cost FEBRL3's recall 0.9826 -> 0.9790 and FEBRL1's 0.9740 -> 0.9720)."""
    if not counts.records:
        return None
    placeholder_days = _placeholder_days(counts)
    kept = placeholder_days[counts.date_of]
    if not kept.any():
        return None
    dated = np.asarray([date is not None for date in counts.dates], dtype=bool)
    total = int(dated[counts.date_of].sum())
    names = np.unique(counts.name_of[kept])  # the names of persons born on a placeholder day, numbered as persons
    surnames, given_names = counts.surname_keys, counts.given_names
    persons: dict[tuple[str | None, tuple[str, ...]], int] = {}
    person_of = np.zeros(len(counts.names), np.int64)
    person_of[names] = np.fromiter((persons.setdefault((surnames[name], given_names[name][1]), len(persons))
                                    for name in names.tolist()), np.int64, len(names))
    born = np.unique(person_of[counts.name_of[kept]] * len(counts.dates) + counts.date_of[kept]) % len(counts.dates)
    per_date = np.bincount(born, minlength=len(counts.dates)).tolist()
    out: dict[PartialDate, float] = {}
    for date, n, placeholder in zip(counts.dates, per_date, placeholder_days.tolist(), strict=True):
        # the others born that day: a pair's own two records are born on it whatever the day (with them, a copy with
        # a slip in a name, alone on its 1 January, weighed it as if 2 in the roster's size shared it, ~3 bits off an
        # equal date on 3,000 persons, the 1 January no commoner than any day: breaker X22b)
        tf = (max(n - 2, 0) + TF_PSEUDO_NAMES * base) / (total + TF_PSEUDO_NAMES)
        if placeholder and date is not None and tf > base:
            out[date] = tf
    return out or None


def _address_frequencies(records: Sequence[Prepared], counts: RosterCounts, base: float) -> dict[str, float] | None:
    """Per address commoner than `base` (an equal address's u): the share of the roster's persons with an address
    living there besides a pair's own two, shrunk towards `base` as names are (`TF_PSEUDO_NAMES`); None when none is.
    Persons are told apart by surname and given names, as `_birth_date_frequencies` tells them: copies of one
    registration count once (thirty registrations of one person make no common address of theirs).

        model.address_frequencies  # {'BLOCK 5': 0.08, ...} on a camp where 8,000 persons live in 12 blocks

    Only the addresses whose records alone could reach it are counted person by person (a few on a camp roster,
    none on most)."""
    addresses = Counter(map(attrgetter("address"), records))
    addresses.pop("", None)
    total = sum(addresses.values())
    floor = base * total + 2  # records at an address fewer than this cannot make its share commoner than `base`
    common = {address for address, n in addresses.items() if n > floor}
    if not common:
        return None
    surnames, given_names = counts.surname_keys, counts.given_names
    persons: dict[str, set[tuple[str | None, tuple[str, ...]]]] = {address: set() for address in common}
    for record, name in zip(records, counts.name_of.tolist(), strict=True):
        living = persons.get(record.address)
        if living is not None:
            living.add((surnames[name], given_names[name][1]))
    out = {address: tf for address, living in persons.items()
           if (tf := (max(len(living) - 2, 0) + TF_PSEUDO_NAMES * base) / (total + TF_PSEUDO_NAMES)) > base}
    return out or None


def _placeholder_days(counts: RosterCounts) -> np.ndarray:
    """Per date of `counts.dates`: is it a placeholder, a full date on the 1 January or on a day of the year that
    `PLACEHOLDER_EXCESS` times an average day's share of the roster's full dates fall on (1 July, the middle of a
    year, in some registers: breaker X22b found the camp namesakes of `_birth_date_frequencies` matched on it)."""
    full = [date is not None and date.is_full for date in counts.dates]
    records = counts.date_records
    per_day: dict[tuple[int | None, int | None], int] = {}
    most: dict[tuple[int | None, int | None], int] = {}  # the records of the day's commonest date
    for date, is_full, n in zip(counts.dates, full, records, strict=True):
        if is_full and date is not None:
            day = date.month, date.day
            per_day[day] = per_day.get(day, 0) + n
            most[day] = max(most.get(day, 0), n)
    floor = max(PLACEHOLDER_EXCESS * sum(per_day.values()) / 366, PLACEHOLDER_LEAST - 1)
    # over the years: thirty copies of one person born on a 17 June are no placeholder (their slips would make them
    # several persons born that day, the equal date weighed 13.7 -> 7.5 bits among 2,000 persons)
    common = {day for day, n in per_day.items() if n > floor and 2 * most[day] <= n}
    return np.asarray([is_full and date is not None and ((date.month, date.day) == (1, 1)
                                                         or (date.month, date.day) in common)
                       for date, is_full in zip(counts.dates, full, strict=True)], dtype=bool)


def _same_birth_date(records: Sequence[Prepared], counts: RosterCounts | None = None) -> float:
    """The share of pairs of `records` with a birth date whose full dates are equal: u of an equal birth date,
    counted on every pair.

    A few thousand sampled pairs hold no such pair at all (one in some 30,000), and shrunk towards the
    shipped u they put an equal birth date at 1 in 120,000: namesakes born the same day by chance (420
    'Mohammed Ahmed' born over 20 years give a dozen such pairs) were taken for one person (breaker X14d).
    """
    counted = counts or RosterCounts(records)
    same = sum(n * (n - 1) for n, full in zip(counted.date_records, counted.full, strict=True) if full)
    dated = sum(n for n, date in zip(counted.date_records, counted.dates, strict=True) if date is not None)
    return same / max(dated * (dated - 1), 1)


def documented_duplicates(vectors: np.ndarray, model: Model) -> tuple[float, float]:
    """(the true pairs EM's `model` expects among the compared pairs both of whose records give a document,
    the most the documents bear out).

    Two registrations of one person mostly give one number, equal or typed one character off (at least
    `DOCUMENTS_AGREE` of them); namesakes, the pairs EM takes for duplicates on a roster that holds none, give
    two numbers. So the true pairs among the documented ones are at most the pairs agreeing on a number (a
    one-sided 95 % upper bound, as if counted by Poisson) over that share; more means EM fitted
    namesakes, and its count and its m of the document are not the roster's duplicates' (the duplicate finder
    cuts the one and blends the other with the shipped m). Splink estimates the prior so, from the pairs a
    deterministic rule (an equal document) finds, with the share of true pairs the rule finds assumed. Where no
    pair is documented the bound says nothing (infinite).
    """
    documented = vectors[vectors[:, DOCUMENT_F] != FIELDS[DOCUMENT_F].missing]
    if not len(documented):
        return 0.0, math.inf
    _, share = _em(documented, model, EM_ITERATIONS, frozenset(), fit_m=False)
    agreeing = float(np.count_nonzero(documented[:, DOCUMENT_F] <= DOCUMENT_ONE_OFF))
    z = DOCUMENTS_Z
    upper = agreeing + z * math.sqrt(agreeing + z * z / 4.0) + z * z / 2.0
    return share * len(documented), upper / DOCUMENTS_AGREE


def expectation_maximisation(vectors: np.ndarray, model: Model, iterations: int = EM_ITERATIONS
                             ) -> tuple[Table, float]:
    """m per field and level, and the share of true pairs, by EM over compared pairs (rows of `vectors`).

    As Splink does, each EM session runs on the pairs one anchor field agrees on, and that
    field stays out of the session: m of names, birth date and sex from the pairs whose
    document is equal, m of the document from the pairs whose birth date is equal. On all
    pairs at once EM takes 'same name' for 'same person' (seed 1 of the independent bench:
    m of a birth date 5 to 15 years apart fitted at 0.17, so namesakes lost the date's
    evidence against them). A session with under `EM_MIN_SESSION` pairs leaves its fields
    as shipped. u stays fixed (from random sampling) and the shipped m act as pseudo-counts.
    The share of true pairs among all the compared ones is estimated with the m so fitted.
    """
    if len(vectors) == 0:
        return model.m, 0.0
    m = [list(row) for row in model.m]
    for anchor, level, fields in EM_SESSIONS:
        subset = vectors[vectors[:, anchor] == level]
        if len(subset) >= EM_MIN_SESSION:
            fitted, _ = _em(subset, model, iterations, frozenset({anchor}))
            for field in fields:
                m[field] = list(fitted[field])
    fitted_m = tuple(tuple(row) for row in m)
    _, share = _em(vectors, replace(model, m=fitted_m), iterations, frozenset(), fit_m=False)
    return fitted_m, share


def _distinct_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of `vectors` (levels, each field's below `missing + 1`), each field a contiguous column,
    and how many times each row occurs: a million compared pairs hold a few thousand level vectors.

        columns, counts = _distinct_rows(vectors)   # columns[field][k]: field's level in distinct row k
    """
    if not len(vectors):
        return np.zeros((len(FIELDS), 0), np.int64), np.zeros(0)
    code = np.zeros(len(vectors), np.int64)
    for field, spec in enumerate(FIELDS):  # each row as one number, its levels as digits (base missing + 1)
        code = code * (spec.missing + 1) + vectors[:, field]
    _, first, counts = np.unique(code, return_index=True, return_counts=True)
    return np.ascontiguousarray(vectors[first].T), counts.astype(np.float64)


def _em(vectors: np.ndarray, model: Model, iterations: int, fixed: frozenset[int], *, fit_m: bool = True
        ) -> tuple[Table, float]:
    """Plain EM on `vectors`: fields in `fixed` add no evidence and keep their m; without `fit_m`, the share only.

    Worked on the distinct rows, each weighed by how many times it occurs (the same sums as row by row).
    """
    m = [list(row) for row in model.m]
    u = model.u
    share = 0.3
    columns, counts = _distinct_rows(vectors)
    pairs = max(float(counts.sum()), 1.0)
    for _ in range(iterations):
        log_odds = np.full(len(counts), math.log2(share / (1.0 - share)))
        for field, spec in enumerate(FIELDS):
            if field in fixed:
                continue
            bits = np.array([math.log2(m[field][lv] / max(u[field][lv], U_FLOOR)) for lv in range(spec.missing)]
                            + [0.0])
            log_odds += bits[columns[field]]
        p = 1.0 / (1.0 + np.exp2(-np.clip(log_odds, -60, 60)))
        p_counted = p * counts
        share = float(min(max(float(p_counted.sum()) / pairs, 1e-4), 0.99))
        for field, spec in enumerate(FIELDS):
            if field in FIXED_FIELDS or field in fixed or not fit_m:
                continue
            weighted = np.bincount(columns[field], weights=p_counted, minlength=spec.missing + 1)[:spec.missing]
            total = weighted.sum() + M_PSEUDO_PAIRS
            m[field] = [(w + M_PSEUDO_PAIRS * prior) / total
                        for w, prior in zip(weighted, model.m[field], strict=True)]
    return tuple(tuple(row) for row in m), share
