"""Phone numbers as agents type them and spreadsheets hold them (callcenter.phones)."""

from __future__ import annotations

import re

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from callcenter import phones
from callcenter.errors import InvalidPhoneNumber
from callcenter.phones import NumberInfo, PhoneNumber, Reason

CN_MOBILE = "+8613800138000"  # China Mobile, Beijing
BEIJING = "+861065529988"
NEW_YORK = "+12125550100"
US = "+12015550123"  # phonenumbers' US example
LONDON = "+442079460958"
GB_MOBILE = "+447400123456"
BERLIN = "+4930123456"
DE_MOBILE = "+4915123456789"
HK_FIXED = "+85221234567"
HK_MOBILE = "+85251234567"
TOKYO = "+81312345678"
JP_MOBILE = "+819012345678"
TAIPEI = "+886223456789"

REGIONS = ["CN", "US", "GB", "DE", "HK", "JP"]


def test_reference_numbers_are_valid() -> None:
    # The tables below are only meaningful if these are real, valid numbers.
    for e164 in [
        CN_MOBILE, BEIJING, NEW_YORK, US, LONDON, GB_MOBILE,
        BERLIN, DE_MOBILE, HK_FIXED, HK_MOBILE, TOKYO, JP_MOBILE, TAIPEI,
    ]:  # fmt: skip
        assert phonenumbers.is_valid_number(phonenumbers.parse(e164)), e164


# ----------------------------------------------------------------------------- forms

ACCEPTED = [
    # raw, default region, e164, extension
    # as written with a country code
    ("+8613800138000", "CN", CN_MOBILE, None),
    ("+86 138 0013 8000", "US", CN_MOBILE, None),
    ("+1 201-555-0123", "CN", US, None),
    ("+44 20 7946 0958", "CN", LONDON, None),
    ("+49 30 123456", "CN", BERLIN, None),
    ("+852 5123 4567", "CN", HK_MOBILE, None),
    ("+81 90-1234-5678", "CN", JP_MOBILE, None),
    # separators: spaces, dashes, dots, brackets
    ("138-0013-8000", "CN", CN_MOBILE, None),
    ("201.555.0123", "US", US, None),
    ("(201) 555-0123", "US", US, None),
    ("[+86] 138 0013 8000", "CN", CN_MOBILE, None),
    ("(+86) 138.0013.8000", "GB", CN_MOBILE, None),
    ("+86(10)6552-9988", "CN", BEIJING, None),
    ("03ー1234ー5678", "JP", TOKYO, None),  # katakana long mark used as a dash
    # full-width digits, plus, brackets and dashes (Chinese and Japanese input methods)
    ("１３８００１３８０００", "CN", CN_MOBILE, None),
    ("＋８６　１３８　００１３　８０００", "US", CN_MOBILE, None),
    ("（０１０）６５５２－９９８８", "CN", BEIJING, None),
    ("＋８１－３－１２３４－５６７８", "CN", TOKYO, None),
    ("١٣٨٠٠١٣٨٠٠٠", "CN", CN_MOBILE, None),  # Arabic-Indic digits
    # junk whitespace and invisible characters around and inside
    ("  13800138000  ", "CN", CN_MOBILE, None),
    ("\u00a0\u3000+852 5123 4567\u3000\t\n", "HK", HK_MOBILE, None),
    ("\ufeff+81 3-1234-5678\u200b", "JP", TOKYO, None),
    ("'13800138000", "CN", CN_MOBILE, None),  # spreadsheet text marker
    ("+86 138 0013 8000#", "CN", CN_MOBILE, None),  # dial-pad habit
    # 00 international prefix, where it is the region's own prefix
    ("0086 138 0013 8000", "CN", CN_MOBILE, None),
    ("0049 30 123456", "DE", BERLIN, None),
    ("0044 20 7946 0958", "GB", LONDON, None),
    ("00852 2123 4567", "HK", HK_FIXED, None),
    # 00 where the region dials abroad differently (011 in the US, 010 in Japan)
    ("0044 20 7946 0958", "US", LONDON, None),
    ("0086 138 0013 8000", "JP", CN_MOBILE, None),
    ("011 44 20 7946 0958", "US", LONDON, None),
    ("010 86 138 0013 8000", "JP", CN_MOBILE, None),
    # national trunk prefixes
    ("010-6552 9988", "CN", BEIJING, None),
    ("(020) 7946 0958", "GB", LONDON, None),
    ("07400 123456", "GB", GB_MOBILE, None),
    ("030 123456", "DE", BERLIN, None),
    ("01512 3456789", "DE", DE_MOBILE, None),
    ("03-1234-5678", "JP", TOKYO, None),
    ("090-1234-5678", "JP", JP_MOBILE, None),
    ("+44 (0)20 7946 0958", "CN", LONDON, None),
    ("+49 (0)30 123456", "CN", BERLIN, None),
    # no country code: the default region applies
    ("13800138000", "CN", CN_MOBILE, None),
    ("201-555-0123", "US", US, None),
    ("2123 4567", "HK", HK_FIXED, None),
    ("5123 4567", "HK", HK_MOBILE, None),
    ("13800138000", "cn", CN_MOBILE, None),  # region code in lower case
    # Chinese mobiles with a stray 0, or 86 without the plus
    ("013800138000", "CN", CN_MOBILE, None),
    ("+86 0 138 0013 8000", "CN", CN_MOBILE, None),
    ("8613800138000", "CN", CN_MOBILE, None),
    ("86 10 6552 9988", "CN", BEIJING, None),
    ("85251234567", "HK", HK_MOBILE, None),
    # tel: URIs
    ("tel:+86-138-0013-8000", "US", CN_MOBILE, None),
    ("TEL:+1-201-555-0123", "CN", US, None),
    ("tel:6552-9988;phone-context=+86-10", "US", BEIJING, None),
    ("tel:+44-20-7946-0958;ext=12", "CN", LONDON, "12"),
    # sip: and sips: URIs, with or without a display name
    ("sip:+8613800138000@pbx.example.com;user=phone", "US", CN_MOBILE, None),
    ("sip:013800138000@10.0.0.1", "CN", CN_MOBILE, None),
    ("sips:+442079460958@sbc.example.co.uk:5061;transport=tls", "CN", LONDON, None),
    ("sip:%2B4930123456@pbx.example.de", "CN", BERLIN, None),
    ('"王芳" <sip:+85251234567@pbx.example.com>;tag=a73kszlfl', "CN", HK_MOBILE, None),
    ("<sip:0312345678@192.168.1.20:5060>", "JP", TOKYO, None),
    # extensions
    ("13800138000 ext. 12", "CN", CN_MOBILE, "12"),
    ("(201) 555-0123 ext 12", "US", US, "12"),
    ("(201) 555-0123 Ext.12", "US", US, "12"),
    ("+44 20 7946 0958 x12", "CN", LONDON, "12"),
    ("+49 30 123456 x 345", "CN", BERLIN, "345"),
    ("03-1234-5678#12", "JP", TOKYO, "12"),
    ("010-6552 9988转12", "CN", BEIJING, "12"),
    ("010-6552 9988 转 12", "CN", BEIJING, "12"),
    ("010-6552 9988分机12", "CN", BEIJING, "12"),
    ("010-6552 9988 分机号 12", "CN", BEIJING, "12"),
    ("010-6552 9988 分机号：12", "CN", BEIJING, "12"),
    ("010-6552 9988-转-12", "CN", BEIJING, "12"),
    ("010-6552 9988转12#", "CN", BEIJING, "12"),
    ("2123 4567 轉 88", "HK", HK_FIXED, "88"),
    ("+8613800138000;ext=12", "US", CN_MOBILE, "12"),
]


@pytest.mark.parametrize(("raw", "region", "e164", "extension"), ACCEPTED)
def test_normalize_reads_what_people_write(
    raw: str, region: str, e164: str, extension: str | None
) -> None:
    number = phones.normalize(raw, region)
    assert (number.e164, number.extension) == (e164, extension)


@pytest.mark.parametrize(("raw", "region", "e164", "extension"), ACCEPTED)
def test_str_of_a_number_reads_back_as_the_same_number(
    raw: str, region: str, e164: str, extension: str | None
) -> None:
    number = phones.normalize(raw, region)
    assert phones.normalize(str(number), "US") == number


def test_str_is_e164_with_an_rfc3966_extension() -> None:
    assert str(phones.normalize("13800138000")) == "+8613800138000"
    assert str(phones.normalize("13800138000 转 12")) == "+8613800138000;ext=12"


def test_default_region_is_china() -> None:
    assert phones.normalize("010 6552 9988").e164 == BEIJING


@pytest.mark.parametrize(
    ("e164", "region", "number_type"),
    [
        (CN_MOBILE, "CN", "mobile"),
        (BEIJING, "CN", "fixed_line"),
        (US, "US", "fixed_line_or_mobile"),
        ("+18002345678", "US", "toll_free"),
        (LONDON, "GB", "fixed_line"),
        (GB_MOBILE, "GB", "mobile"),
        (DE_MOBILE, "DE", "mobile"),
        (HK_FIXED, "HK", "fixed_line"),
        (JP_MOBILE, "JP", "mobile"),
        ("+80012345678", None, "toll_free"),  # international freephone: no region
    ],
)
def test_normalize_says_where_and_what_the_number_is(
    e164: str, region: str | None, number_type: str
) -> None:
    number = phones.normalize(e164)
    assert (number.region, number.number_type) == (region, number_type)


# ----------------------------------------------------------------------------- refusals

REFUSED = [
    ("", "CN", Reason.EMPTY),
    ("   ", "CN", Reason.EMPTY),
    ("\u3000\u00a0\u200b", "CN", Reason.EMPTY),
    ("abc", "CN", Reason.NOT_A_NUMBER),
    ("call me: 13800138000", "CN", Reason.NOT_A_NUMBER),
    ("电话13800138000", "CN", Reason.NOT_A_NUMBER),
    ("1-800-FLOWERS", "US", Reason.NOT_A_NUMBER),
    ("1.38001380E+10", "CN", Reason.NOT_A_NUMBER),  # a spreadsheet's scientific notation
    ("---", "CN", Reason.NOT_A_NUMBER),
    ("sip:anonymous@anonymous.invalid", "CN", Reason.NOT_A_NUMBER),
    ("13800138000 ext", "CN", Reason.NOT_A_NUMBER),
    ("tel:+8613800138000;ext=abc", "CN", Reason.NOT_A_NUMBER),
    ("+999 1234 5678", "CN", Reason.INVALID_COUNTRY_CODE),
    ("138 0013 8000", "ZZ", Reason.INVALID_COUNTRY_CODE),  # no usable default region
    ("12", "CN", Reason.TOO_SHORT),
    ("+86", "CN", Reason.TOO_SHORT),
    ("+86 1", "CN", Reason.TOO_SHORT),
    ("0044", "US", Reason.TOO_SHORT),
    ("12345", "CN", Reason.TOO_SHORT),  # a local number without its area code
    ("+1 212 555 01000", "US", Reason.TOO_LONG),
    ("+86 1380013800012345678", "CN", Reason.TOO_LONG),
    ("1" * 600, "CN", Reason.TOO_LONG),
    ("+86 1380013800", "CN", Reason.INVALID_NUMBER),
    ("+1 012 555 0100", "US", Reason.INVALID_NUMBER),
]


@pytest.mark.parametrize(("raw", "region", "reason"), REFUSED)
def test_normalize_refuses_with_a_reason_and_a_message(
    raw: str, region: str, reason: Reason
) -> None:
    with pytest.raises(InvalidPhoneNumber) as caught:
        phones.normalize(raw, region)
    assert caught.value.code == reason
    assert caught.value.message.strip()
    assert phones.try_normalize(raw, region) is None


def test_every_reason_has_an_input_that_produces_it() -> None:
    assert {reason for _, _, reason in REFUSED} == set(Reason)


def test_a_local_number_without_area_code_says_so() -> None:
    with pytest.raises(InvalidPhoneNumber, match="area code"):
        phones.normalize("12345", "CN")


def test_invalid_phone_number_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        phones.normalize("abc")


@pytest.mark.parametrize("raw", [None, 13800138000, b"13800138000"])
def test_normalize_refuses_what_is_not_text(raw: object) -> None:
    with pytest.raises(InvalidPhoneNumber):
        phones.normalize(raw)  # type: ignore[arg-type]


def test_try_normalize() -> None:
    assert phones.try_normalize(None) is None
    assert phones.try_normalize("") is None
    assert phones.try_normalize("not a number") is None
    assert phones.try_normalize("0044 20 7946 0958", "US") == phones.normalize(LONDON)


def test_a_bug_below_normalize_becomes_invalid_phone_number_and_is_logged_masked(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_parse(*args: object, **kwargs: object) -> None:
        raise IndexError(f"broken while reading {args[0]}")

    monkeypatch.setattr(phonenumbers, "parse", broken_parse)
    with pytest.raises(InvalidPhoneNumber) as caught:
        phones.normalize("13800138000")
    assert isinstance(caught.value.__cause__, IndexError)
    assert "IndexError" in caplog.text
    assert "13800138000" not in caplog.text


def test_phone_number_refuses_a_malformed_e164() -> None:
    with pytest.raises(ValueError):
        PhoneNumber("8613800138000", None, "CN", "mobile")
    with pytest.raises(ValueError):
        PhoneNumber(CN_MOBILE, "12a", "CN", "mobile")


# ----------------------------------------------------------------------------- withheld


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "anonymous",
        "Anonymous",
        "ANONYMOUS",
        "unknown",
        "<unknown>",
        "restricted",
        "private",
        "Private Number",
        "PRIVATE_NUMBER",
        "withheld",
        "unavailable",
        "匿名",
        "未知",
        "未知号码",
        "隐藏号码",
        "sip:anonymous@anonymous.invalid",
        '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1928301774',
        "sip:restricted@pbx.example.com",
        "sip:12345@anonymous.invalid",
    ],
)
def test_is_withheld(raw: str | None) -> None:
    assert phones.is_withheld(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "+86 138 0013 8000",
        "sip:+8613800138000@pbx.example.com",
        '"Anonymous" <sip:+8613800138000@pbx.example.com>',  # the name is hidden, not the number
        "12",
        "abc",
    ],
)
def test_is_not_withheld(raw: str) -> None:
    assert not phones.is_withheld(raw)


# ----------------------------------------------------------------------------- time zones


def test_time_zones() -> None:
    assert phones.time_zones(phones.normalize(CN_MOBILE)) == ("Asia/Shanghai",)
    assert phones.time_zones("+1 212 555 0100") == ("America/New_York",)
    assert phones.time_zones(TOKYO) == ("Asia/Tokyo",)


def test_time_zones_of_a_number_that_does_not_say_where_it_is() -> None:
    russian_mobile = phones.time_zones("+7 916 123 4567")
    assert len(russian_mobile) > 1
    assert "Europe/Moscow" in russian_mobile
    us_toll_free = phones.time_zones("+1 800 234 5678")
    assert {"America/New_York", "America/Los_Angeles"} <= set(us_toll_free)


def test_time_zones_unknown_is_empty() -> None:
    assert phones.time_zones("+800 1234 5678") == ()


def test_time_zones_of_bad_text_raises() -> None:
    with pytest.raises(InvalidPhoneNumber):
        phones.time_zones("not a number")
    with pytest.raises(TypeError):
        phones.time_zones(8613800138000)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- describe


@pytest.mark.parametrize(
    ("number", "language", "info"),
    [
        (CN_MOBILE, "zh_CN", NumberInfo("CN", "北京市", "中国移动")),
        (CN_MOBILE, "zh", NumberInfo("CN", "北京市", "中国移动")),
        (CN_MOBILE, "zh-CN", NumberInfo("CN", "北京市", "中国移动")),
        (CN_MOBILE, "zh_CN.UTF-8", NumberInfo("CN", "北京市", "中国移动")),
        (CN_MOBILE, "zh_TW", NumberInfo("CN", "北京市", "中國移動")),
        (CN_MOBILE, "en", NumberInfo("CN", "Beijing", "China Mobile")),
        (CN_MOBILE, "en_US", NumberInfo("CN", "Beijing", "China Mobile")),
        (BEIJING, "zh_CN", NumberInfo("CN", "北京市", "")),
        (BEIJING, "en", NumberInfo("CN", "Beijing", "")),
        ("+8618912345678", "zh_CN", NumberInfo("CN", "江苏省常州市", "中国电信")),
        (NEW_YORK, "en", NumberInfo("US", "New York, NY", "")),
        (NEW_YORK, "zh_CN", NumberInfo("US", "美国", "")),
        (HK_MOBILE, "zh_CN", NumberInfo("HK", "香港", "中国移动")),
        (TAIPEI, "zh_CN", NumberInfo("TW", "台北", "")),
        (TAIPEI, "zh_TW", NumberInfo("TW", "臺北", "")),  # traditional characters
        (TAIPEI, "zh-Hant", NumberInfo("TW", "臺北", "")),
    ],
)
def test_describe_in_the_users_language(number: str, language: str, info: NumberInfo) -> None:
    assert phones.describe(phones.normalize(number), language) == info
    assert phones.describe(number, language) == info


def test_describe_defaults_to_simplified_chinese() -> None:
    assert phones.describe(CN_MOBILE).carrier == "中国移动"


# ----------------------------------------------------------------------------- mask


def test_mask_keeps_country_code_first_three_and_last_four() -> None:
    assert phones.mask(phones.normalize("+86 138 0013 8000")) == "+86138****8000"
    assert phones.mask("13800138000") == "+86138****8000"
    assert phones.mask("13800138000 转 12") == "+86138****8000;ext=12"


@pytest.mark.parametrize("number", [None, "", "  "])
def test_mask_of_nothing(number: str | None) -> None:
    assert phones.mask(number) == "<none>"


def test_mask_of_a_withheld_caller() -> None:
    assert phones.mask("anonymous") == "<withheld>"


def test_mask_of_text_without_digits_shows_none_of_it() -> None:
    assert phones.mask("张三") == "<invalid>"


def test_mask_of_an_invalid_number_hides_its_middle() -> None:
    masked = phones.mask("call 13800138000 now")
    assert "call" not in masked
    assert "13800138000" not in masked
    assert masked.count("*") >= len("13800138000") // 2


def _example_numbers() -> list[str]:
    numbers = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            example_number = phonenumbers.example_number_for_type(region, kind)
            if example_number is not None:
                numbers.append(
                    phonenumbers.format_number(example_number, phonenumbers.PhoneNumberFormat.E164)
                )
    return sorted(set(numbers))


def test_mask_never_reveals_a_whole_number_of_any_country() -> None:
    numbers = _example_numbers()
    assert len(numbers) > 300
    for e164 in numbers:
        number = phones.normalize(e164)
        country_code = str(phonenumbers.parse(e164).country_code)
        national = e164[1 + len(country_code) :]
        masked = phones.mask(number)
        assert masked.startswith("+" + country_code), e164
        # Long numbers hide at least 4 digits; shorter ones at least half of them.
        must_hide = 4 if len(national) >= 11 else len(national) / 2
        assert masked.count("*") >= must_hide, e164
        assert national not in masked, e164


@given(st.text(max_size=40))
@example("+8613800138000")
@example("0")
def test_mask_never_raises_and_hides_digits(text: str) -> None:
    masked = phones.mask(text)
    assert masked in {"<none>", "<withheld>", "<invalid>"} or "*" in masked


# ----------------------------------------------------------------------------- display


@pytest.mark.parametrize(
    ("number", "international", "national"),
    [
        (CN_MOBILE, "+86 138 0013 8000", "138 0013 8000"),
        (BEIJING, "+86 10 6552 9988", "010 6552 9988"),
        (US, "+1 201-555-0123", "(201) 555-0123"),
        (LONDON, "+44 20 7946 0958", "020 7946 0958"),
        (BERLIN, "+49 30 123456", "030 123456"),
        (HK_MOBILE, "+852 5123 4567", "5123 4567"),
        (TOKYO, "+81 3-1234-5678", "03-1234-5678"),
    ],
)
def test_format_display(number: str, international: str, national: str) -> None:
    assert phones.format_display(phones.normalize(number)) == international
    assert phones.format_display(number, "national") == national
    assert phones.format_display(number, "e164") == number


def test_format_display_shows_the_extension() -> None:
    number = phones.normalize("010 6552 9988 分机 12")
    assert phones.format_display(number) == "+86 10 6552 9988 ext. 12"
    assert phones.format_display(number, "e164") == "+861065529988;ext=12"


def test_format_display_refuses_an_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        phones.format_display(CN_MOBILE, "fancy")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- properties

# Text that looks like phone input far more often than arbitrary text does.
PHONE_TOKENS = [
    *"0123456789+-(). #x;=:@",
    "ext",
    "转",
    "分机",
    "tel:",
    "sip:",
    "００",
    "＋",
    "\u3000",
]
phone_like_text = st.lists(st.sampled_from(PHONE_TOKENS), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), phone_like_text), st.sampled_from(REGIONS))
@example("0044 20 7946 0958", "US")
@example("sip:+8613800138000@pbx.example.com;user=phone", "CN")
@example("13800138000 x 12", "CN")
def test_normalize_returns_a_stable_number_or_refuses(text: str, region: str) -> None:
    try:
        number = phones.normalize(text, region)
    except InvalidPhoneNumber as refused:
        assert refused.code in set(Reason)
        assert refused.message.strip()
        # A refusal is a decision, not a crash caught on the way out.
        assert refused.__cause__ is None
        return
    assert re.fullmatch(r"\+[1-9][0-9]+", number.e164)
    assert phones.normalize(number.e164, region).e164 == number.e164
    assert phones.normalize(str(number), region) == number


def _valid_examples() -> list[tuple[str, phonenumbers.PhoneNumber]]:
    kinds = [
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.TOLL_FREE,
    ]
    examples = []
    for region in REGIONS:
        for kind in kinds:
            number = phonenumbers.example_number_for_type(region, kind)
            assert number is not None and phonenumbers.is_valid_number(number)
            examples.append((region, number))
    return examples


SEPARATORS = ["", "", " ", "-", ".", "/", "\u3000", "\u00a0", "－", "．", "\u200b"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def written_examples(draw: st.DrawFn) -> tuple[str, str, str]:
    """A valid example number as a person might write it: (text, region, e164)."""
    region, number = draw(st.sampled_from(_valid_examples()))
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    form = draw(st.sampled_from(["plus", "00", "national"]))
    if form == "national":
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        prefix, digits = "", re.sub(r"[^0-9]", "", national)
    else:
        prefix = draw(st.sampled_from(["+", "＋"])) if form == "plus" else "00"
        digits = e164[1:]
    text = prefix
    for digit in digits:
        text += digit + draw(st.sampled_from(SEPARATORS))
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    padding = st.sampled_from(["", " ", "\u3000", "\u00a0", "\t", "\ufeff"])
    return draw(padding) + text + draw(padding), region, e164


@settings(max_examples=300, deadline=None)
@given(written_examples())
def test_any_way_of_writing_a_valid_number_gives_the_same_e164(
    written: tuple[str, str, str],
) -> None:
    text, region, e164 = written
    assert phones.normalize(text, region).e164 == e164
