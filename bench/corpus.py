"""A reproducible benchmark corpus of N distinct articles made from the real ones in raw/.

`make bench` needs thousands of inputs, but raw/ holds a handful of real articles. Copies that
differ only by an appended counter would flatter the flow: every copy would extract the same
actors, events and figures, so the cross-article stage (actor resolution, event/agreement/
statistic clustering, conflicts) would see a few huge identical clusters instead of the many
overlapping, partly disagreeing reports a real news corpus has. Each variant here is therefore
perturbed where the extraction looks:

- person names: every name found after a title ("President", "Prime Minister", "Ambassador",
  "Emperor", "his wife", "Photo:" ...) is swapped for one drawn from pools of plausible
  Vietnamese, Japanese and other names, consistently within the article (a short form such as
  "Kishida" for "Kishida Fumio" follows its full name). The pools are finite on purpose: as in
  real news, the same people recur across articles, so actor resolution has real work (many
  mentions of one actor, many distinct actors), not N×8 singletons nor 8 giants.
- dates: the article's years shift by one amount, its months by another (wrapping inside the
  year, so "2023" and "November 2023" stay consistent), its days by a third; a day is kept
  valid for its new month, and a range ("November 27-30") keeps its length inside the month.
  Events then land on many different dates, so event clustering sees overlapping and
  non-overlapping visits instead of one date for everything.
- figures: each number is scaled by its own factor in [0.8, 1.25] and written back in its
  original style ("US$44 billion" -> "US$37.2 billion", "520,000" -> "498,310", "520.000" ->
  "498.310", "3.2" -> "3.5"); years, ordinals ("50th"), "50 years" and "Covid-19" are left
  alone. Canonical statistics then get both agreeing and conflicting sources.
- country pair: about half of the variants change the partner country (the most mentioned one
  of COUNTRIES other than Vietnam) to another one — its name, demonym and capital — so
  Vietnam–Japan becomes Vietnam–South Korea, Vietnam–Australia, ... and the statistics' country
  pairs and the actors' countries vary too.
- paragraph order: about a third of the variants swap two adjacent body paragraphs (the
  headline and the lead stay first), which moves dates written without a year relative to the
  year they inherit, as rewrites by other outlets do.

A seeded random.Random drives everything, so the same (sources, n, seed) always gives the same
corpus, and the first n variants of a larger corpus are the same as those of a corpus of n.
Every text is checked against the previous ones (whitespace-insensitively, as the flow's
article ids are) and drawn again in the unlikely case it repeats one, so no two are equal.
Speed: each source article is scanned once with one compiled pattern into literal text and
slots (names, countries, dates, figures); a variant only fills the slots, ~0.2 ms each, so 20k
variants are written in about 5 s on 2 cores.
"""
from __future__ import annotations

import calendar
import hashlib
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MONTHS = list(calendar.month_name)[1:]

# Vietnamese names: family name, middle name, given name ("Vo Van Thuong").
VN_FAMILY = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Vo", "Dang", "Bui", "Do", "Ho",
             "Ngo", "Duong", "Ly", "Dinh"]
VN_MIDDLE = ["Van", "Thi", "Minh", "Quang", "Thanh", "Duc", "Hong", "Xuan", "Huu", "Ngoc"]
VN_GIVEN = ["Thuong", "Son", "Chinh", "Hieu", "Tam", "Hung", "Lan", "Dung", "Phuc", "Hai", "Long",
            "Trong", "Hue", "Mai", "Binh", "Tuan", "Anh", "Khanh", "Nam", "Thao"]
# Japanese names, written family name first as the dev articles do ("Kishida Fumio").
JP_FAMILY = ["Kishida", "Suga", "Abe", "Kamikawa", "Hayashi", "Motegi", "Takahashi", "Tanaka",
             "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Ishiba", "Kono", "Otsuji", "Sato",
             "Ito", "Matsumoto"]
JP_GIVEN = ["Fumio", "Yoshihide", "Shinzo", "Yoko", "Yoshimasa", "Toshimitsu", "Hidehisa", "Taro",
            "Shigeru", "Kenji", "Akiko", "Haruto", "Yuki", "Masato", "Keiko", "Daisuke"]
# Other plausible names (given name first).
OTHER = ["Yoon Suk Yeol", "Han Duck Soo", "Park Jin", "Cho Tae Yul", "Anthony Albanese",
         "Penny Wong", "Wang Yi", "Li Qiang", "Narendra Modi", "Subrahmanyam Jaishankar",
         "Emmanuel Macron", "Catherine Colonna", "Olaf Scholz", "Annalena Baerbock",
         "Lee Hsien Loong", "Vivian Balakrishnan", "Srettha Thavisin", "Joko Widodo",
         "Retno Marsudi", "Justin Trudeau", "Melanie Joly", "Valerie Mai", "Anna Berg",
         "Carlos Mendes", "Maria Rossi", "Thomas Weber"]
# Single names (monarchs, one-word credits).
SINGLE = ["Naruhito", "Masako", "Akishino", "Akihito", "Michiko", "Kako", "Hisahito", "Aiko",
          "Vajiralongkorn", "Charles", "Harald", "Sonja"]

# The partner countries a variant may move to: name, demonym, capital.
COUNTRIES = [
    ("Japan", "Japanese", "Tokyo"), ("South Korea", "South Korean", "Seoul"),
    ("China", "Chinese", "Beijing"), ("India", "Indian", "New Delhi"),
    ("Australia", "Australian", "Canberra"), ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"), ("Singapore", "Singaporean", "Singapore"),
    ("Thailand", "Thai", "Bangkok"), ("Indonesia", "Indonesian", "Jakarta"),
    ("Canada", "Canadian", "Ottawa"), ("Italy", "Italian", "Rome"),
]

_TITLES = (r"(?:Deputy |Vice |Former |former )?(?:Prime Minister|Foreign Minister|Minister(?: of(?: [A-Z][a-z]+)+)?"
           r"|President|Ambassador|Emperor|Empress|King|Queen|Crown Prince|Princess|Prince|Chairman"
           r"|Chairwoman|General Secretary|Secretary|Governor|Mayor|Speaker|Chancellor|Senator"
           r"|Mr\.|Ms\.|Mrs\.|Dr\.|wife|husband|Spouse|Photo:|Source:|By)")
_NAME = re.compile(_TITLES + r"\s+((?:[A-Z][a-z]+)(?: [A-Z][a-z]+){0,3})")
# Capitalised words that end a name rather than belong to it.
_NOT_NAME = {*MONTHS, "The", "And", "Of", "In", "On", "At", "To", "For", "With", "Spouse", "His",
             "Her", "Vietnam", "Vietnamese", "Viet", "Nam", "State", "Government", "Party", "Royal",
             "Family", "National", "Assembly", "Diet", "Embassy", "Affairs", "Foreign", "Minister",
             "President", "Prime", "Ambassador", "Emperor", "Empress", "Queen", "King", "Prince",
             "Crown", "Photo", "Source", "VNA", "University", "Association", "Friendship",
             "Summit", "Festival", "Day", "Year", "Asia", "ASEAN", "APEC", "Office"}
for _country in COUNTRIES:
    _NOT_NAME.update(_country[0].split() + _country[1].split() + _country[2].split())

_MONTH = "|".join(MONTHS)
_DATES_AND_FIGURES = (
    # "November 27-30, 2023", "November 27, 2023", "December 15-18"
    rf"(?P<md>\b(?P<md_m>{_MONTH})\s+(?P<md_d1>\d{{1,2}})(?!\d)(?:\s*[-–]\s*(?P<md_d2>\d{{1,2}})(?!\d))?"
    rf"(?:,?\s+(?P<md_y>(?:1[89]|20)\d\d)(?!\d))?)"
    # "21 September 1973", "15 December"
    rf"|(?P<dm>\b(?P<dm_d>\d{{1,2}})\s+(?P<dm_m>{_MONTH})(?:,?\s+(?P<dm_y>(?:1[89]|20)\d\d)(?!\d))?\b)"
    # "September 2023"
    rf"|(?P<my>\b(?P<my_m>{_MONTH})\s+(?P<my_y>(?:1[89]|20)\d\d)(?!\d))"
    # a bare year: "in 2023", "APEC Year 2027"
    r"|(?P<year>(?<![\w.,])(?:1[89]|20)\d\d(?!\w|[.,]\d))"
    # a figure: "44 billion", "520,000", "520.000", "3.2", "40"; not "Covid-19", "G7", "50th", "50 years"
    r"|(?P<num>(?<![\w.,-])(?P<num_v>\d{1,3}(?:(?P<num_sep>[,.])\d{3})(?:(?P=num_sep)\d{3})*|\d+(?:\.\d+)?)"
    r"(?P<num_unit>\s*(?:trillion|billion|million|bn)\b)?(?![\w-]|[.,]\d|\s+years?\b|-year))"
)


@dataclass(frozen=True)
class _Source:
    """A source article parsed once: per paragraph, literal text and the slots a variant fills."""
    name: str                                   # file stem
    paragraphs: list[list[str | tuple]]         # str: kept as is; tuple: (kind, match groups)
    names: list[str]                            # person names found, longest first
    partner: tuple[str, str, str] | None


def _find_names(text: str) -> list[str]:
    found: set[str] = set()
    for match in _NAME.finditer(text):
        words = []
        for word in match.group(1).split():
            if word in _NOT_NAME:
                break
            words.append(word)
        if words:
            found.add(" ".join(words))
    return sorted(found, key=lambda n: (-len(n), n))


def _load(path: Path) -> _Source:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    names = _find_names(text)
    counts = Counter()
    for country in COUNTRIES:
        counts[country] = sum(len(re.findall(rf"\b{re.escape(word)}\b", text)) for word in country)
    partner = counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] else None
    alternatives = []
    if names:
        alternatives.append(r"(?P<name>\b(?:" + "|".join(map(re.escape, names)) + r")\b)")
    if partner:
        words = sorted(partner, key=len, reverse=True)
        alternatives.append(r"(?P<country>\b(?:" + "|".join(map(re.escape, words)) + r")\b)")
    alternatives.append(_DATES_AND_FIGURES)
    pattern = re.compile("|".join(alternatives))
    # The slow part (a regex scan) happens once per source; a variant only fills the slots.
    paragraphs = []
    for paragraph in text.split("\n\n"):
        segments: list[str | tuple] = []
        position = 0
        for m in pattern.finditer(paragraph):
            segments.append(paragraph[position:m.start()])
            segments.append((m.lastgroup, m.groupdict()))
            position = m.end()
        segments.append(paragraph[position:])
        paragraphs.append(segments)
    return _Source(path.stem, paragraphs, names, partner)


def _vietnamese(name: str) -> bool:
    return name.split()[0] in VN_FAMILY


def _draw_name(rng: random.Random, name: str) -> str:
    words = name.split()
    if len(words) == 1:   # a surname alone stays a surname of the same kind
        pool = VN_GIVEN if name in VN_GIVEN else JP_FAMILY if name in JP_FAMILY else SINGLE
        return rng.choice(pool)
    if _vietnamese(name):
        return f"{rng.choice(VN_FAMILY)} {rng.choice(VN_MIDDLE)} {rng.choice(VN_GIVEN)}"
    if len(words) == 2 and rng.random() < 0.7:
        return f"{rng.choice(JP_FAMILY)} {rng.choice(JP_GIVEN)}"
    return rng.choice(OTHER)


def _name_map(rng: random.Random, names: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for name in names:                      # longest first: full names before their short forms
        if name in mapping:
            continue
        if " " not in name:
            # a short form of a full name already drawn ("Kishida" of "Kishida Fumio") follows it
            full = next((n for n in mapping if name in n.split()), None)
            if full:
                old, new = full.split(), mapping[full].split()
                position = old.index(name)
                mapping[name] = new[position] if position < len(new) - 1 else new[-1]
                continue
        mapping[name] = _draw_name(rng, name)
    return mapping


def _valid_day(day: int, year: int, month: int, span: int) -> int:
    return max(1, min(day, calendar.monthrange(year, month)[1] - span))


def _scale(match: dict, rng: random.Random) -> str:
    value, sep, unit = match["num_v"], match["num_sep"], match["num_unit"] or ""
    factor = rng.uniform(0.8, 1.25)
    if sep:                                                  # "520,000" / "520.000"
        new = max(1000, round(int(value.replace(sep, "")) * factor))
        return f"{new:,}".replace(",", sep) + unit
    if unit or "." in value:                                 # "44 billion", "3.2"
        decimals = max(1, len(value.partition(".")[2]))
        new = float(value) * factor
        return (f"{new:.{decimals}f}" if new < 100 else f"{round(new)}") + unit
    number = int(value)
    if number == 0:
        return value
    return str(max(2 if number >= 2 else 1, round(number * factor)))


def _variant(source: _Source, rng: random.Random) -> str:
    names = _name_map(rng, source.names)
    partner = None
    if source.partner and rng.random() < 0.5:
        partner = dict(zip(source.partner, rng.choice([c for c in COUNTRIES if c != source.partner])))
    years, months, days = rng.randint(-4, 3), rng.randint(-5, 6), rng.randint(-9, 9)
    # a date without a year is kept valid in any year: checked against a non-leap year (no Feb 29)
    default_year = 2023

    def month_of(name: str) -> int:
        return (MONTHS.index(name) + months) % 12 + 1

    def fill(kind: str, m: dict) -> str:
        if kind == "name":
            return names[m["name"]]
        if kind == "country":
            return partner[m["country"]] if partner else m["country"]
        if kind == "md":
            year = int(m["md_y"]) + years if m["md_y"] else None
            month = month_of(m["md_m"])
            d1 = int(m["md_d1"])
            d2 = int(m["md_d2"]) if m["md_d2"] else None
            span = max(0, d2 - d1) if d2 else 0
            new1 = _valid_day(d1 + days, year or default_year, month, span)
            out = f"{MONTHS[month - 1]} {new1}"
            if d2:
                out += f"-{new1 + span}"
            return out + (f", {year}" if year else "")
        if kind == "dm":
            year = int(m["dm_y"]) + years if m["dm_y"] else None
            month = month_of(m["dm_m"])
            day = _valid_day(int(m["dm_d"]) + days, year or default_year, month, 0)
            return f"{day} {MONTHS[month - 1]}" + (f" {year}" if year else "")
        if kind == "my":
            return f"{MONTHS[month_of(m['my_m']) - 1]} {int(m['my_y']) + years}"
        if kind == "year":
            return str(int(m["year"]) + years)
        return _scale(m, rng)

    paragraphs = source.paragraphs
    if len(paragraphs) > 4 and rng.random() < 0.33:
        i = rng.randrange(2, len(paragraphs) - 1)
        paragraphs = [*paragraphs[:i], paragraphs[i + 1], paragraphs[i], *paragraphs[i + 2:]]
    return "\n\n".join("".join(s if isinstance(s, str) else fill(*s) for s in segments)
                        for segments in paragraphs)


def load_sources(raw_dir: Path) -> list[_Source]:
    sources = [_load(p) for p in sorted(Path(raw_dir).glob("*.txt")) if not p.name.startswith(".")]
    if not sources:
        raise SystemExit(f"no .txt articles in {raw_dir} to build the benchmark corpus from")
    return sources


def variants(raw_dir: Path, n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(file name, text) of n distinct perturbed articles, always the same for the same seed."""
    sources = load_sources(raw_dir)
    rng = random.Random(seed)
    seen: set[bytes] = set()
    for i in range(n):
        source = sources[i % len(sources)]
        for _ in range(100):
            text = _variant(source, rng)
            key = hashlib.blake2b(" ".join(text.split()).encode(), digest_size=16).digest()
            if key not in seen:
                break
        else:
            raise RuntimeError(f"could not draw a new variant of {source.name} after 100 tries")
        seen.add(key)
        yield f"bench_{i:06d}_{source.name}.txt", text


def build_corpus(raw_dir: Path, folder: Path, n: int, seed: int = 7, held_out: int = 0) -> list[tuple[str, str]]:
    """Write n variants into `folder`; return the next `held_out` variants unwritten."""
    folder.mkdir(parents=True, exist_ok=True)
    extra: list[tuple[str, str]] = []
    for i, (name, text) in enumerate(variants(raw_dir, n + held_out, seed)):
        if i < n:
            (folder / name).write_text(text, encoding="utf-8")
        else:
            extra.append((name, text))
    return extra


if __name__ == "__main__":   # python bench/corpus.py N DIR: write a corpus to look at
    import sys
    import time

    root = Path(__file__).resolve().parents[1]
    started = time.perf_counter()
    build_corpus(root / "raw", Path(sys.argv[2]), int(sys.argv[1]))
    print(f"{sys.argv[1]} articles in {time.perf_counter() - started:.2f} s")
