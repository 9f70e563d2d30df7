"""Fixtures of the portal tests: the local stand-in for the SMS gateway, pointed to by the
settings (the settings are restored after each test by the ``env`` fixture)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from pydantic import SecretStr

from tests.channels.portal.fake_sms import FakeSms, running
from tests.conftest import Env


@dataclass
class _Current:
    fake: FakeSms = field(default_factory=FakeSms)


@pytest.fixture(scope="session")
def sms_server() -> Iterator[tuple[_Current, str]]:
    current = _Current()
    with running(lambda: current.fake) as url:
        yield current, url


@pytest.fixture
def fake_sms(sms_server: tuple[_Current, str], env: Env) -> FakeSms:
    current, url = sms_server
    current.fake = FakeSms()
    env.settings.sms_url = url
    env.settings.sms_key = SecretStr(current.fake.key)
    return current.fake
