"""``kefu wechat ...``: registering official accounts."""

from __future__ import annotations

from typing import Annotated

import typer

from kefu.channels.wechat import service as wechat
from kefu.core.config import load_settings
from kefu.core.db import Database
from kefu.core.errors import KefuError
from kefu.core.i18n import translate
from kefu.core.migrate import upgrade

wechat_app = typer.Typer(help="WeChat official accounts (公众号).", no_args_is_help=True)

# How the options are spelled on the command line, for error messages about them.
_OPTIONS = {
    "name": "--name",
    "appid": "--appid",
    "token": "--token",
    "aes_key": "--aes-key",
    "secret": "--secret",
}


def _database() -> Database:
    settings = load_settings()
    upgrade(settings.database_url)  # a fresh installation has no tables yet
    return Database(settings.database_url)


def _fail(exc: KefuError) -> typer.Exit:
    """The error in zh-CN, each bad option on its own line; never a traceback."""
    typer.echo(translate(exc.code, "zh-CN", **exc.params), err=True)
    if len(exc.fields) > 1:
        for name, error in exc.fields.items():
            message = translate(error.code, "zh-CN", **{**exc.params, **error.params})
            typer.echo(f"  {_OPTIONS.get(name, name)}: {message}", err=True)
    return typer.Exit(1)


@wechat_app.command("add-account")
def add_account(
    name: Annotated[str, typer.Option(help="Short name; the push URL is /channels/wechat/NAME.")],
    appid: Annotated[str, typer.Option(help="AppID (开发者ID).")],
    token: Annotated[str, typer.Option(help="Token (令牌) as set in the WeChat console.")],
    aes_key: Annotated[
        str | None,
        typer.Option("--aes-key", help="EncodingAESKey (43 characters), for safe mode."),
    ] = None,
    secret: Annotated[str | None, typer.Option(help="AppSecret, for sending replies.")] = None,
) -> None:
    """Register an official account so that its pushes are accepted."""
    db = _database()
    try:
        with db.transaction() as session:
            account = wechat.add_account(
                session, name=name, appid=appid, token=token, aes_key=aes_key, secret=secret
            )
            mode = translate("wechat.mode_safe" if account.aes_key else "wechat.mode_plain")
            done = translate(
                "wechat.account_added", name=account.name, appid=account.appid, mode=mode
            )
    except KefuError as exc:
        raise _fail(exc) from exc
    finally:
        db.dispose()
    typer.echo(done)


@wechat_app.command("list-accounts")
def list_accounts() -> None:
    """The registered accounts (never their token, key or secret)."""
    db = _database()
    try:
        with db.reading() as session:
            accounts = wechat.list_accounts(session)
    finally:
        db.dispose()
    if not accounts:
        typer.echo(translate("wechat.no_accounts"))
    for account in accounts:
        mode = translate("wechat.mode_safe" if account.aes_key else "wechat.mode_plain")
        typer.echo(f"{account.name}\t{account.appid}\t{mode}\t/channels/wechat/{account.name}")
