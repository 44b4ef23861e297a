"""Gazetteer specification: which words in English news name which country."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.normalise.places import country_code, country_name, find_places


def found(text: str) -> list[tuple[str, str, str, str]]:
    """(published name, country, kind, text as written) for every place in `text`."""
    return [(m.name, m.country_code, m.kind, text[m.start:m.end]) for m in find_places(text)]


@pytest.mark.parametrize("text, expected", [
    ("relations between Vietnam and Japan", [("Vietnam", "VN", "country", "Vietnam"),
                                              ("Japan", "JP", "country", "Japan")]),
    ("the Socialist Republic of Viet Nam", [("Vietnam", "VN", "country", "Socialist Republic of Viet Nam")]),
    ("talks with the United States", [("United States", "US", "country", "United States")]),
    ("exports to the U.S. rose", [("United States", "US", "country", "U.S.")]),
    ("the US and the UK signed", [("United States", "US", "country", "US"),
                                  ("United Kingdom", "GB", "country", "UK")]),
    ("South Korea and North Korea", [("South Korea", "KR", "country", "South Korea"),
                                     ("North Korea", "KP", "country", "North Korea")]),
    ("the Republic of Korea (ROK)", [("South Korea", "KR", "country", "Republic of Korea"),
                                     ("South Korea", "KR", "country", "ROK")]),
    ("sanctions on the DPRK", [("North Korea", "KP", "country", "DPRK")]),
    ("Russia and Laos", [("Russia", "RU", "country", "Russia"), ("Laos", "LA", "country", "Laos")]),
    ("Taiwan and Czechia", [("Taiwan", "TW", "country", "Taiwan"), ("Czechia", "CZ", "country", "Czechia")]),
    ("Türkiye, formerly Turkey", [("Turkey", "TR", "country", "Türkiye"), ("Turkey", "TR", "country", "Turkey")]),
    ("investors from Côte d’Ivoire", [("Cote d'Ivoire", "CI", "country", "Côte d’Ivoire")]),
    ("the Philippines and Papua New Guinea", [("Philippines", "PH", "country", "Philippines"),
                                             ("Papua New Guinea", "PG", "country", "Papua New Guinea")]),
    ("Bosnia and Herzegovina", [("Bosnia and Herzegovina", "BA", "country", "Bosnia and Herzegovina")]),
    ("the Democratic Republic of the Congo", [("DR Congo", "CD", "country", "Democratic Republic of the Congo")]),
    ("South Sudan, not Sudan", [("South Sudan", "SS", "country", "South Sudan"),
                                ("Sudan", "SD", "country", "Sudan")]),
])
def test_countries_by_name_common_name_and_alias(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, code", [
    ("Vietnamese President", "VN"),
    ("Japanese investors", "JP"),
    ("Korean Day opens", "KR"),
    ("South Korean firms", "KR"),
    ("North Korean missiles", "KP"),
    ("American officials", "US"),
    ("Chinese Foreign Minister", "CN"),
    ("Australian wine", "AU"),
    ("Indian students", "IN"),
    ("French and German", "FR"),
    ("British troops", "GB"),
    ("Thai rice", "TH"),
    ("Lao workers", "LA"),
    ("Cambodian delegation", "KH"),
    ("Filipino nurses", "PH"),
    ("Philippine exports", "PH"),
    ("Indonesian coal", "ID"),
    ("Malaysian palm oil", "MY"),
    ("Singaporean banks", "SG"),
    ("Americans and Thais", "US"),
])
def test_demonyms_name_their_country(text, code):
    first = find_places(text)[0]
    assert (first.kind, first.country_code) == ("demonym", code)


@pytest.mark.parametrize("text, name, code", [
    ("a summit in Tokyo", "Tokyo", "JP"),
    ("flights to Osaka", "Osaka", "JP"),
    ("the G7 Summit in Hiroshima", "Hiroshima", "JP"),
    ("festival in Nagoya", "Nagoya", "JP"),
    ("the port of Yokohama", "Yokohama", "JP"),
    ("temples of Kyoto", "Kyoto", "JP"),
    ("the Kanagawa Festival in Hanoi", "Hanoi", "VN"),
    ("leaders in Hà Nội", "Hanoi", "VN"),
    ("people of Ha Noi", "Hanoi", "VN"),
    ("investors in Ho Chi Minh City", "Ho Chi Minh City", "VN"),
    ("the beaches of Đà Nẵng", "Da Nang", "VN"),
    ("port of Hai Phong", "Hai Phong", "VN"),
    ("the Hokkaido Festival in Ha Long", "Ha Long", "VN"),
    ("business in Hoi An", "Hoi An", "VN"),
    ("talks in Seoul", "Seoul", "KR"),
    ("the port of Busan", "Busan", "KR"),
    ("envoys in Beijing", "Beijing", "CN"),
    ("markets in Shanghai", "Shanghai", "CN"),
    ("the UN in New York", "New York", "US"),
    ("officials in Washington", "Washington", "US"),
    ("flights to Sydney", "Sydney", "AU"),
    ("talks in Phnom Penh", "Phnom Penh", "KH"),
    ("visit to New Delhi", "New Delhi", "IN"),
    ("exhibition in Budapest", "Budapest", "HU"),
])
def test_capitals_and_major_cities(text, name, code):
    assert [(m.name, m.country_code, m.kind) for m in find_places(text)][-1] == (name, code, "city")


@pytest.mark.parametrize("text, expected", [
    ("a visit to Fukuoka prefecture", ("Fukuoka", "JP", "subdivision", "Fukuoka prefecture")),
    ("the Noto Peninsula, Ishikawa province", ("Ishikawa", "JP", "subdivision", "Ishikawa province")),
    ("the Vietnam Festival in Kanagawa", ("Kanagawa", "JP", "subdivision", "Kanagawa")),
    ("snow in Hokkaido", ("Hokkaido", "JP", "subdivision", "Hokkaido")),
    ("Hiroshima Prefecture officials", ("Hiroshima", "JP", "subdivision", "Hiroshima Prefecture")),
    ("made Quang Nam a place", ("Quang Nam", "VN", "subdivision", "Quang Nam")),
    ("opens in Quảng Nam province", ("Quang Nam", "VN", "subdivision", "Quảng Nam province")),
    ("factories in Bắc Ninh", ("Bac Ninh", "VN", "subdivision", "Bắc Ninh")),
    ("the Ba Ria – Vung Tau port", ("Ba Ria - Vung Tau", "VN", "subdivision", "Ba Ria – Vung Tau")),
    ("plants in Gyeonggi Province", ("Gyeonggi", "KR", "subdivision", "Gyeonggi Province")),
    ("exports from Guangdong", ("Guangdong", "CN", "subdivision", "Guangdong")),
    ("farms in California and Texas", ("Texas", "US", "subdivision", "Texas")),
    ("floods in New South Wales", ("New South Wales", "AU", "subdivision", "New South Wales")),
    ("the oil of Delta State", ("Delta", "NG", "subdivision", "Delta State")),
    ("tourists in Da Nang city", ("Da Nang", "VN", "city", "Da Nang city")),
    ("an exhibition in Székesfehérvár city", ("Szekesfehervar", "HU", "city", "Székesfehérvár city")),
    ("upstate New York State", ("New York", "US", "subdivision", "New York State")),
])
def test_subdivisions_with_and_without_unit_word(text, expected):
    assert found(text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    ("cooperation with the Kyushu region", ("Kyushu", "JP", "region", "Kyushu region")),
    ("an earthquake in the Noto Peninsula", ("Noto Peninsula", "JP", "region", "Noto Peninsula")),
    ("rice from the Mekong Delta", ("Mekong Delta", "VN", "region", "Mekong Delta")),
    ("tourism in Bavaria", ("Bavaria", "DE", "region", "Bavaria")),
])
def test_well_known_regions(text, expected):
    assert found(text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    ("the Vietnam-Japan relations", [("VN", "Vietnam"), ("JP", "Japan")]),
    ("Japan’s global supply chains", [("JP", "Japan")]),
    ("Northern Ireland and Ireland", [("GB", "Northern Ireland"), ("IE", "Ireland")]),
    ("New Mexico and Mexico", [("US", "New Mexico"), ("MX", "Mexico")]),
    ("Equatorial Guinea and Guinea-Bissau", [("GQ", "Equatorial Guinea"), ("GW", "Guinea-Bissau")]),
])
def test_longest_name_wins_and_spans_do_not_overlap(text, expected):
    assert [(m.country_code, text[m.start:m.end]) for m in find_places(text)] == expected


@pytest.mark.parametrize("text", [
    "The May meeting was held on Monday.",
    "Let us and them talk; Us first.",
    "Central and Northern delegations met; the Capital gained.",
    "A Delta flight and an Antique shop.",
    "ships in the South China Sea and the East Sea",
    "islands of the Indian Ocean",
    "Latin American and South American markets",
    "Governor Ishikawa said the plan works.",
    "Minister Nguyen Thai Binh attended.",
    "Mr. Fukuoka replied.",
    "Whitney Houston sang.",
    "the Red Sea crisis",
    "President Vo Van Thuong visited",
])
def test_ordinary_capitalised_words_are_not_places(text):
    assert find_places(text) == []


def test_offsets_point_into_the_original_text_with_diacritics():
    text = "Lãnh đạo Hà Nội và Đà Nẵng visited Tokyo."
    assert [text[m.start:m.end] for m in find_places(text)] == ["Hà Nội", "Đà Nẵng", "Tokyo"]


@pytest.mark.parametrize("name, code", [
    ("Japan", "JP"),
    ("Japanese", "JP"),
    ("Viet Nam", "VN"),
    ("Vietnamese", "VN"),
    ("the US", "US"),
    ("U.S.", "US"),
    ("South Korea", "KR"),
    ("Korean", "KR"),
    ("Tokyo", "JP"),
    ("Hà Nội", "VN"),
    ("Fukuoka prefecture", "JP"),
    ("Japan's", "JP"),
    ("Bavaria", "DE"),
    ("Atlantis", None),
    ("us", None),
    ("South China Sea", None),
    ("", None),
])
def test_country_code_of_a_name(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize("code, name", [
    ("VN", "Vietnam"),
    ("JP", "Japan"),
    ("KR", "South Korea"),
    ("KP", "North Korea"),
    ("US", "United States"),
    ("GB", "United Kingdom"),
    ("LA", "Laos"),
    ("RU", "Russia"),
    ("vn", "Vietnam"),
    ("XX", None),
])
def test_country_name_is_the_common_english_short_name(code, name):
    assert country_name(code) == name


_NEWS_WORDS = st.sampled_from(["Japan", "Vietnamese", "U.S.", "the", "of", "Hà Nội", "Fukuoka", "prefecture",
                               "Ho Chi Minh", "City", "South", "China", "Sea", "İstanbul", "東京", "’s", "-",
                               ",", "\n", "Governor", "Ishikawa", "New", "York", "State"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NEWS_WORDS, max_size=12).map(" ".join) | st.text(max_size=60))
def test_any_text_gives_ordered_non_overlapping_spans_inside_it(text):
    mentions = find_places(text)
    assert all(0 <= m.start < m.end <= len(text) for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "-", "'", ".", ",", "/", "Ho", "chi", "5", "é", "  "]), max_size=8).map("".join))
def test_a_joiner_and_its_token_are_read_in_one_match_as_in_two(text: str) -> None:
    from flows.normalise.places import _JOINED_TOKEN, _JOINER, _TOKEN

    joiner = _JOINER.match(text)
    token = _TOKEN.match(text, joiner.end()) if joiner else None
    both = _JOINED_TOKEN.match(text)
    assert (both.span(1) if both else None) == (token.span() if token else None)
