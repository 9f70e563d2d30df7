"""The service catalog from a spreadsheet (服务目录导入, seed 004): the template kefu offers for
download, and the import that creates every item and its responsible group — or, when the file
has any problem, nothing at all."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kefu.core.errors import FieldError, Invalid
from kefu.routing.catalog_sheet import build_template, parse_catalog_sheet
from kefu.routing.service.desks import group_names, set_responsible
from kefu.tickets.service import create_catalog_item


@dataclass(frozen=True)
class ImportResult:
    items: int
    responsible: int


def catalog_template(session: Session, locale: str = "zh-CN") -> bytes:
    return build_template(sorted(group_names(session)), locale)


def import_catalog(session: Session, data: bytes) -> ImportResult:
    groups = group_names(session)
    sheet = parse_catalog_sheet(data, groups.keys())
    if sheet.problems:
        raise Invalid(
            "routing.catalog_sheet_invalid",
            fields={
                f"row{p.row}.{p.column}" if p.row else "file": FieldError(p.code, dict(p.params))
                for p in sheet.problems
            },
            count=len(sheet.problems),
        )
    responsible = 0
    for row in sheet.rows:
        item = create_catalog_item(session, "/".join(row.path))
        item.active = row.active
        if row.group:
            set_responsible(session, item.id, groups[row.group])
            responsible += 1
    session.flush()
    return ImportResult(items=len(sheet.rows), responsible=responsible)
