"""Header recognition: Chinese and English synonyms, several phone columns, the user's override."""

from __future__ import annotations

import pytest

from callcenter.importing.columns import (
    ColumnMapping,
    Field,
    normalize_header,
    recognize_header,
    suggest_mapping,
)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        (" 电话（必填） ", "电话"),
        ("\ufeff姓名", "姓名"),
        ("Phone_Number 2", "phonenumber2"),
        ("E-Mail", "email"),
        ("ＮＡＭＥ", "name"),
        ("手机号码*", "手机号码"),
        ("【选填】备注", "备注"),
        ("(备注)", "备注"),
    ],
)
def test_normalize_header(header, key):
    assert normalize_header(header) == key


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("姓名", Field.NAME),
        ("客户姓名", Field.NAME),
        ("联系人", Field.NAME),
        ("Full Name", Field.NAME),
        ("customer", Field.NAME),
        ("电话", Field.PHONE),
        ("手机", Field.PHONE),
        ("手机号", Field.PHONE),
        ("手机号码", Field.PHONE),
        ("联系电话", Field.PHONE),
        ("电话号码", Field.PHONE),
        ("移动电话", Field.PHONE),
        ("座机", Field.PHONE),
        ("Mobile", Field.PHONE),
        ("Cell", Field.PHONE),
        ("TEL", Field.PHONE),
        ("Telephone", Field.PHONE),
        ("Phone number", Field.PHONE),
        ("电话2", Field.PHONE),
        ("phone 3", Field.PHONE),
        ("客户手机号码", Field.PHONE),  # only ends with a synonym
        ("公司", Field.COMPANY),
        ("公司名称", Field.COMPANY),
        ("单位", Field.COMPANY),
        ("企业", Field.COMPANY),
        ("Organisation", Field.COMPANY),
        ("organization", Field.COMPANY),
        ("Employer", Field.COMPANY),
        ("城市", Field.CITY),
        ("所在城市", Field.CITY),
        ("地区", Field.CITY),
        ("City", Field.CITY),
        ("来源", Field.SOURCE),
        ("渠道", Field.SOURCE),
        ("Channel", Field.SOURCE),
        ("备注", Field.NOTES),
        ("说明", Field.NOTES),
        ("Remarks", Field.NOTES),
        ("comment", Field.NOTES),
        ("邮箱", Field.EMAIL),
        ("电子邮件", Field.EMAIL),
        ("e-mail", Field.EMAIL),
        ("客户等级", Field.ABC_CLASS),
        ("等级", Field.ABC_CLASS),
        ("分类", Field.ABC_CLASS),
        ("ABC", Field.ABC_CLASS),
        ("Tier", Field.ABC_CLASS),
        ("标签", Field.TAGS),
        ("Tags", Field.TAGS),
    ],
)
def test_synonyms_are_recognised(header, field):
    found = recognize_header(header)
    assert found is not None and found[0] == field


@pytest.mark.parametrize("header", ["", "序号", "No.", "id", "金额", "备用"])
def test_other_headers_are_not_fields(header):
    assert recognize_header(header) is None


def test_a_chinese_header_maps_every_column():
    headers = ["序号", "客户姓名", "手机号码", "公司名称", "所在城市", "备注", "电话2", "等级"]
    mapping = suggest_mapping(headers)
    assert mapping.get(Field.NAME) == (1,)
    assert mapping.get(Field.PHONE) == (2, 6)  # file order: the first is the primary number
    assert mapping.get(Field.COMPANY) == (3,)
    assert mapping.get(Field.CITY) == (4,)
    assert mapping.get(Field.NOTES) == (5,)
    assert mapping.get(Field.ABC_CLASS) == (7,)
    assert mapping.field_of(0) is None
    assert mapping.missing_required("customers") == ()


def test_an_english_header_maps_every_column():
    mapping = suggest_mapping(["Name", "Phone", "Mobile", "Company", "E-mail", "Tags", "Source"])
    assert mapping.as_dict() == {
        "name": [0],
        "phone": [1, 2],
        "company": [3],
        "email": [4],
        "tags": [5],
        "source": [6],
    }


def test_the_best_synonym_wins_a_one_column_field():
    mapping = suggest_mapping(["客户名称", "联系人", "姓名"])
    assert mapping.get(Field.NAME) == (2,)


def test_missing_required_fields_per_kind():
    mapping = suggest_mapping(["电话", "公司"])
    assert mapping.missing_required("customers") == (Field.NAME,)
    assert mapping.missing_required("leads") == ()
    with pytest.raises(ValueError):
        mapping.missing_required("invoices")


def test_the_user_overrides_the_suggestion():
    mapping = suggest_mapping(["姓名", "列1", "列2", "电话"])
    changed = mapping.override({"phone": [3, 1], Field.NOTES: 2})
    assert changed.get(Field.PHONE) == (3, 1)
    assert changed.get(Field.NOTES) == (2,)
    assert changed.get(Field.NAME) == (0,)
    moved = changed.override({"name": 3, "phone": None})
    assert moved.get(Field.NAME) == (3,)
    assert moved.get(Field.PHONE) == ()
    assert moved.missing_required("customers") == (Field.PHONE,)
    # a column belongs to one field only
    assert changed.override({"company": 1}).get(Field.PHONE) == (3,)
    assert mapping.get(Field.PHONE) == (3,)  # the original is unchanged


def test_overrides_are_checked():
    mapping = suggest_mapping(["姓名", "电话"])
    with pytest.raises(ValueError):
        mapping.override({"phone": 5})
    with pytest.raises(ValueError):
        mapping.override({"fax": 1})
    with pytest.raises(ValueError):
        ColumnMapping(("a",), {Field.NAME: (-1,)})


def test_headers_name_columns_for_messages():
    mapping = suggest_mapping(["姓名", " ", "电话"])
    assert mapping.header(0) == "姓名"
    assert mapping.header(1) == "column 2"
