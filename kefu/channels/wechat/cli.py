"""``kefu wechat ...``: registering official accounts."""

from __future__ import annotations

import typer

wechat_app = typer.Typer(help="WeChat official accounts (公众号).")
