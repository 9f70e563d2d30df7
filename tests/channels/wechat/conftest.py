"""Fixtures of the WeChat tests: the local stand-in for WeChat's API, pointed to by the
settings, and the reply hook wired to the test database's settings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from kefu.wiring import wire
from tests.channels.wechat.fake_api import FakeWechat, running
from tests.channels.wechat.support import APPID
from tests.conftest import Env

SECRET = "kefuAppSecret2026xyz"


@dataclass
class _Current:
    fake: FakeWechat = field(default_factory=FakeWechat)


@pytest.fixture(scope="session")
def fake_server() -> Iterator[tuple[_Current, str]]:
    current = _Current()
    with running(lambda: current.fake) as base_url:
        yield current, base_url


@pytest.fixture
def fake_wechat(fake_server: tuple[_Current, str], env: Env) -> Iterator[FakeWechat]:
    current, base_url = fake_server
    current.fake = FakeWechat(APPID, SECRET)
    before = env.settings.wechat_api_base
    env.settings.wechat_api_base = base_url
    wire(env.settings)
    try:
        yield current.fake
    finally:
        env.settings.wechat_api_base = before
