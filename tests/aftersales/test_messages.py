"""Every after-sales reason is registered in zh-CN, zh-TW and en, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import kefu.aftersales.messages
from kefu.aftersales.rules import (
    AfterSalesReason,
    CaseState,
    Category,
    ComplaintState,
    ConfirmedExclusion,
    Flaw,
    Payer,
    RefundStage,
    WatchStage,
)
from kefu.core.i18n import CATALOG, LOCALES
from tests.aftersales.factories import placeholders

CODES = [code for code in CATALOG if code.startswith("aftersales.")]


def test_every_text_is_in_every_language_with_the_same_placeholders() -> None:
    assert len(CODES) > 100
    for code in CODES:
        texts = CATALOG[code]
        assert set(texts) == set(LOCALES), code
        assert all(texts[locale].strip() for locale in LOCALES), code
        names = {locale: placeholders(texts[locale]) for locale in LOCALES}
        assert names["zh-TW"] == names["zh-CN"] == names["en"], (code, names)


def test_the_traditional_texts_are_not_the_simplified_ones() -> None:
    # Texts with Chinese characters that differ between scripts must have been converted.
    same = [
        c
        for c in CODES
        if CATALOG[c]["zh-CN"] == CATALOG[c]["zh-TW"]
        and any(ch in CATALOG[c]["zh-CN"] for ch in "货运费这说还")
    ]
    assert same == []


def test_every_reason_built_from_an_enumeration_has_a_text() -> None:
    built = [
        *(f"aftersales.return.not_intact.{f}" for f in Flaw),
        *(f"aftersales.return.excluded.confirmed.{k}" for k in ConfirmedExclusion),
        *(
            f"aftersales.return.allowed.{c}"
            for c in Category
            if c not in (Category.PERISHABLE, Category.PERIODICAL)
        ),
        *(f"aftersales.shipping.fault.{r}" for r in AfterSalesReason if r.shop_at_fault),
        *(
            f"aftersales.shipping.no_reason.{o}_{b}"
            for o in (Payer.SHOP, Payer.BUYER)
            for b in (Payer.SHOP, Payer.BUYER)
        ),
        *(f"aftersales.shipping.exchange.{p}" for p in (Payer.SHOP, Payer.BUYER)),
        *(f"aftersales.refund.stage.{s.name.lower()}" for s in RefundStage),
        *(f"aftersales.watch.{s}" for s in WatchStage),
        *(f"aftersales.case.to.{s}" for s in CaseState if s is not CaseState.UNDERSTANDING),
        *(f"aftersales.case_state.{s}" for s in CaseState),
        *(
            f"aftersales.complaint.to.{s}"
            for s in ComplaintState
            if s is not ComplaintState.RECEIVED
        ),
        *(f"aftersales.complaint_state.{s}" for s in ComplaintState),
    ]
    assert [code for code in built if code not in CATALOG] == []


def test_every_reason_written_out_in_the_rules_has_a_text() -> None:
    rules = Path(kefu.aftersales.messages.__file__).parent / "rules"
    literal = re.compile(r'"(aftersales\.[a-z_.]+[a-z_])"')
    found = {
        code for path in rules.glob("*.py") for code in literal.findall(path.read_text("utf-8"))
    }
    assert len(found) > 40
    assert sorted(found - set(CATALOG)) == []
