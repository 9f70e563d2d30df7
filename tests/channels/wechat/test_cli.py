"""``kefu wechat add-account`` against a temporary SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from kefu.channels.wechat.models import WechatAccount
from kefu.cli import app
from kefu.core.db import Database
from tests.channels.wechat.support import AES_KEY

runner = CliRunner()
SECRET = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c"


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    url = f"sqlite:///{(tmp_path / 'kefu.db').as_posix()}"
    return {"KEFU_HOME": str(tmp_path), "KEFU_DATABASE_URL": url}


def kefu(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["wechat", *args], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def accounts(env: dict[str, str]) -> list[WechatAccount]:
    db = Database(env["KEFU_DATABASE_URL"])
    try:
        with db.reading() as session:
            return list(session.scalars(select(WechatAccount)))
    finally:
        db.dispose()


def add(env: dict[str, str], *extra: str, name: str = "shop") -> tuple[int, str, str]:
    return kefu(
        env, "add-account", "--name", name, "--appid", "wx4f2b6c8d0e1a3579",
        "--token", "kefuToken2026", *extra,
    )  # fmt: skip


def test_add_account_registers_the_account_and_prints_its_push_url(
    cli_env: dict[str, str],
) -> None:
    code, out, err = add(cli_env, "--aes-key", AES_KEY, "--secret", SECRET)
    assert code == 0, err
    assert "已添加公众号接入「shop」" in out and "/channels/wechat/shop" in out
    assert "可使用安全模式" in out
    assert "kefuToken2026" not in out + err and SECRET not in out and AES_KEY not in out
    [account] = accounts(cli_env)
    assert (account.name, account.appid, account.token) == (
        "shop",
        "wx4f2b6c8d0e1a3579",
        "kefuToken2026",
    )
    assert (account.aes_key, account.secret) == (AES_KEY, SECRET)
    assert account.created_at.tzinfo is not None


def test_add_account_without_aes_key_is_plain_mode_only(cli_env: dict[str, str]) -> None:
    code, out, err = add(cli_env)
    assert code == 0, err
    assert "仅明文模式" in out
    [account] = accounts(cli_env)
    assert account.aes_key is None and account.secret is None


def test_add_account_refuses_a_bad_aes_key_with_a_chinese_message(
    cli_env: dict[str, str],
) -> None:
    code, out, err = add(cli_env, "--aes-key", AES_KEY[:-1])
    assert code == 1
    assert "EncodingAESKey" in err and "43 位" in err
    assert "Traceback" not in out + err
    assert accounts(cli_env) == []


def test_add_account_refuses_a_name_taken_already(cli_env: dict[str, str]) -> None:
    assert add(cli_env)[0] == 0
    code, _, err = add(cli_env)
    assert code == 1 and "名为「shop」的公众号接入已存在" in err
    assert len(accounts(cli_env)) == 1


def test_add_account_names_every_bad_option(cli_env: dict[str, str]) -> None:
    code, _, err = add(cli_env, "--aes-key", "short", name="店 铺")
    assert code == 1
    assert "--name:" in err and "--aes-key:" in err
    assert accounts(cli_env) == []


def test_list_accounts_shows_names_and_urls_but_no_secrets(cli_env: dict[str, str]) -> None:
    code, out, _ = kefu(cli_env, "list-accounts")
    assert code == 0 and "尚未添加任何公众号接入" in out
    add(cli_env, "--aes-key", AES_KEY, "--secret", SECRET)
    code, out, _ = kefu(cli_env, "list-accounts")
    assert code == 0 and "shop\twx4f2b6c8d0e1a3579" in out and "/channels/wechat/shop" in out
    assert "kefuToken2026" not in out and AES_KEY not in out and SECRET not in out
