"""Every probability the independent bench draws from, with where it comes from.

    from bench.independent import rates
    rates.TYPO_SURNAME        # chance that a border clerk mistypes a Latin surname

Written without web access: the studies are cited as their authors published them and the
figures as remembered from them; check before quoting. Where no study gives a figure, the
value is an assumption and says so. Change a rate here and every seed changes with it.

Typing errors (per name part the clerk types by hand)
* Damerau (1964), "A technique for computer detection and correction of spelling errors",
  CACM 7(3): over 80 % of misspellings are one insertion, deletion, substitution or
  transposition. Pollock & Zamora (1984), "Automatic spelling correction in scientific and
  scholarly text", CACM 27(4): 90-95 % single errors, omissions the most frequent kind,
  transpositions the least. Kukich (1992), ACM Computing Surveys 24(4), repeats the 80 %.
  Taken: a second error in the same part 10 % of the time (single errors 90 %); the split
  deletion 0.32, substitution 0.30, insertion 0.24, transposition 0.14 follows that order
  (the split itself is an assumption).
* Christen & Pudjijono (2009), "Accurate synthetic generation of realistic personal
  information", PAKDD 2009, LNCS 5476 (the GeCo/FEBRL generator): substitutions drawn from
  keyboard neighbours, as done here (QWERTY). FEBRL4's duplicates were made with at most
  one change per field and three per record; its share of changed name fields is far higher
  than a border list's, so it is not copied.
* Winkler (1990), "String comparator metrics and enhanced decision rules in the Fellegi-Sunter
  model of record linkage" (ASA Proc. Survey Research Methods): in census files about a
  fifth of true pairs disagree on the given name and about a seventh on the surname,
  character by character. Typos alone are set lower (4 % per part): here most disagreement
  comes from romanisation, and the totals land above Winkler's (19-24 % of surnames and
  28-31 % of given names differ from the roster's Latin spelling on seeds 1-5; see `python -m
  bench.independent --describe`), as a cross-alphabet list should.

Romanisation of Russian names
* Russian passports for travel abroad: MVD order 310 (1997, English-like: Yuliya, Zaytsev),
  GOST R 52535.1-2006 (2010-2013), ICAO Doc 9303 since 2013 (Iuliia, Zaitsev). A ten-year
  passport issued before 2013 has expired by 2026, but the holder may ask to keep the
  spelling of an earlier passport. Taken (assumption): roster passport spelling ICAO 82 %,
  kept older MVD 310 spelling 13 %, GOST 52535 5 %.
* A border authority either copies the passport (machine-readable zone) or writes the name
  from a Cyrillic document or by ear in its own scheme: BGN/PCGN (US and UK government use),
  ALA-LC with its combining ligature marks (library use), informal (Wikipedia/Yandex-like),
  scientific. BGN/PCGN and ALA-LC keep the letter ё, which then stands as a Cyrillic letter
  inside Latin text (SOLOV’YЁV), as the `iuliia` schemes produce. Taken (assumption): copied
  from the passport 60 %; otherwise BGN/PCGN 25 %, informal 30 %, ICAO 15 %, MVD 310 10 %,
  ALA-LC 10 %, scientific 5 %, GOST 7.79-B 5 %.
* A Cyrillic letter typed for its Latin look-alike (keyboard layout left on Russian): 1 % of
  rows (assumption).

Arabic names
* Arbabi, Fischthal, Cheng & Bart (1994), "Algorithms for Arabic name transliteration", IBM
  J. Res. Dev. 38(2): one Arabic name has many Latin spellings because short vowels are not
  written (Muhammad, Mohammed, Mohamed...) and because of the article and particles.
  Steinberger et al. (2011), "JRC-Names" (RANLP): news sources write one Arabic name in
  dozens of forms. The spellings and their weights are in `names.py` (assumed weights).
  A Latin spelling independent of the passport's: 55 % of Arabic-name rows not copied
  (assumption); particle joined or split, al-/el- (in the variants); Egyptian g for j.
* Arabic script: ta marbuta written ha, hamza seats dropped (أ/إ/آ -> ا), final ya for alef
  maqsura, the particle joined (ابوشنب): each 30 % of Arabic-script names (assumption).
* A border list names Palestinians with the father's name between given and family name
  (the quadripartite name): 20 % of their rows (assumption).

Birth dates and documents (assumptions; Christen (2012), "Data Matching", Springer, ch. 3,
names swapped day and month and missing values as the usual date errors, without a rate
that fits a border list)
* Missing 3 %; day and month swapped 2 % (when both are 12 or less); one digit changed 1.5 %;
  1 January put for an unknown day and month on 1 % of Palestinian rows.
* Passport: renewed since the roster was made 6 %; a Palestinian shown with the identity card
  instead of the passport 25 %; missing 5 %; one character mistyped 2 %.
* Sex left out 20 %, wrong 0.5 %.

Population
* Twins: about 1.2-1.6 % of deliveries in developed countries (Pison, Monden & Smits (2015),
  "Twinning rates in developed countries: trends and explanations", Population and
  Development Review 41(4)); taken 1.5 % of births.
* Surnames follow a Zipf-like law (Fox & Lasker (1983), "The distribution of surname
  frequencies", International Statistical Review 51(1)); exponent 1 taken, 0.8 for given
  names (assumption).
* A son named after his father (Иван Иванович): 5 % of Russian sons (assumption).
* Answer rows for people not on the roster: 10 %; a third of them namesakes of a roster
  person (same name, another birth date and passport): assumption.

Relatives who are not on the roster (`--relatives SHARE`, off by default)
* A roster person's twin, brother or sister, or son named after his father, who travels but was
  never registered at the mission (registered elsewhere, or not at all). No study gives how often
  such a person stands in a border list beside a roster family; SHARE is the bench's choice (rows
  added to the answer, SHARE of its size), a stress of the engine's family cautions rather than a
  population rate. The three kinds in equal parts (assumption).
* Same sex for twins: about two thirds of twin pairs. Monozygotic twins (about a third of twin
  births in Europe) are always of one sex, dizygotic ones of one sex half the time (Weinberg's
  differential rule; Fellman & Eriksson (2006), "Weinberg's differential rule reconsidered",
  Human Biology 78(3)): 1/3 + 2/3 * 1/2 = 2/3.
* A twin's passport numbered next to the sibling's (both applied for at once at one office):
  40 % of twins whose sibling has a passport on file (assumption).
* A brother's or sister's given name sharing its first two letters with the sibling's (Daniil,
  Danila; Lyubov, Lyudmila): 20 % (assumption; alliterative names of siblings and twins are
  common, no rate found).
* Siblings born one to ten years apart (assumption); a son named after his father born when
  the father was 20 to 40; only Russian fathers with Russian names (in Arab naming a son is
  named after his grandfather rather than his father).
"""

from __future__ import annotations

# Typing
TYPO_SURNAME = 0.04
TYPO_GIVEN = 0.04
TYPO_SECOND = 0.10
TYPO_KINDS = {"delete": 0.32, "substitute": 0.30, "insert": 0.24, "transpose": 0.14}
HOMOGLYPH = 0.01

# Russian romanisation: roster passport and border authority
PASSPORT_SCHEMES = {"ICAO_DOC_9303": 0.82, "MVD_310": 0.13, "GOST_52535": 0.05}
COPIED_FROM_PASSPORT = 0.60
AUTHORITY_SCHEMES = {"BGN_PCGN": 0.25, "WIKIPEDIA": 0.15, "YANDEX_MAPS": 0.10, "TELEGRAM": 0.05,
                     "ICAO_DOC_9303": 0.15, "MVD_310": 0.10, "ALA_LC": 0.10, "SCIENTIFIC": 0.05, "GOST_7034": 0.05}
ROSTER_LATIN_MISSING = 0.10       # Russians with no passport for travel abroad on file (assumption)
PATRONYMIC_IN_ANSWER = 0.10       # border list adds the patronymic (assumption)

# Arabic
AR_SPELLING_NOT_COPIED = 0.55
AR_SCRIPT_VARIANT = 0.30
AR_FATHER_IN_ANSWER = 0.20
ANSWER_IN_ARABIC = 0.08           # rows an Arabic-writing authority gives in Arabic script (assumption)

# Birth dates, documents, sex
DOB_MISSING = 0.03
DOB_SWAP = 0.02
DOB_DIGIT = 0.015
DOB_JAN_FIRST = 0.01
DOC_RENEWED = 0.06
DOC_ID_CARD = 0.25
DOC_MISSING = 0.05
DOC_TYPO = 0.02
SEX_MISSING = 0.20
SEX_WRONG = 0.005
ROSTER_DOC_MISSING = 0.05         # roster persons with no document on file (assumption)

# Population
TWINS = 0.015
SON_NAMED_AFTER_FATHER = 0.05
MIXED_HOUSEHOLD = 0.30            # households of a Russian citizen and a Palestinian spouse (assumption)
WIFE_TAKES_ARABIC_SURNAME = 0.40  # in Cyrillic, on her Russian documents (assumption)
NOT_ON_ROSTER = 0.10
NAMESAKE_OF_ROSTER = 1 / 3

# Relatives not on the roster (only with `--relatives`)
RELATIVE_KINDS = {"twin": 1 / 3, "sibling": 1 / 3, "son named after father": 1 / 3}
TWINS_SAME_SEX = 2 / 3
TWIN_PASSPORT_IN_SEQUENCE = 0.40
SIBLING_NAME_ALIKE = 0.20

# Answer layout: order of the name in the one name column (assumption)
RU_ORDER = {"SURNAME Given": 0.45, "Given SURNAME": 0.20, "SURNAME, Given": 0.35}
AR_ORDER = {"Given SURNAME": 0.60, "SURNAME Given": 0.20, "SURNAME, Given": 0.20}
UPPER_CASE = 0.70
