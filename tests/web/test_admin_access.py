"""Who may open which admin page, over HTTP on both databases: agents never, supervisors the
desks, catalog and routing, administrators everything. The helpers here (a signed-in browser-like
client, the page's CSRF token) serve the other admin page tests too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.conftest import Api

PAGES = {
    "/admin": "supervisor",
    "/admin/users": "admin",
    "/admin/desks": "supervisor",
    "/admin/catalog": "supervisor",
    "/admin/rules": "supervisor",
    "/admin/sla": "admin",
    "/admin/wechat": "admin",
    "/admin/channels": "admin",
}
RANK = {"agent": 1, "supervisor": 2, "admin": 3}


@contextmanager
def signed_in(api: Api, role: str) -> Iterator[httpx.Client]:
    """A client holding the session cookie of the fixture's user with ``role``."""
    with httpx.Client(base_url=api.base_url, timeout=30, follow_redirects=False) as client:
        token = csrf_of(client.get("/login").text)
        form = {"username": role, "password": f"pw-{role}", "csrf_token": token}
        assert client.post("/login", data=form).status_code == 303
        yield client


def csrf_of(html: str) -> str:
    """The page's CSRF token, which every form on it (the header's too) must carry."""
    tokens = set(re.findall(r'name="csrf_token" value="([^"]*)"', html))
    assert len(tokens) == 1, tokens or html[:500]
    return tokens.pop()


def post_form(
    client: httpx.Client, page: str, action: str, data: dict[str, str], **kwargs: object
) -> httpx.Response:
    """Submit a form of ``page`` with its CSRF token, as a browser would."""
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, **kwargs)  # type: ignore[arg-type]


def error_near(html: str, form: str, name: str) -> str:
    """The problem shown beside the input ``name`` of the form ``form``."""
    match = re.search(rf'id="{re.escape(form)}-{re.escape(name)}-error">([^<]*)<', html)
    assert match, f"no error shown for {form}/{name}"
    return match.group(1)


@pytest.mark.parametrize("role", ["agent", "supervisor", "admin"])
def test_each_admin_page_opens_only_for_the_roles_allowed(api: Api, role: str) -> None:
    with signed_in(api, role) as client:
        for page, least in PAGES.items():
            response = client.get(page)
            expected = 200 if RANK[role] >= RANK[least] else 403
            assert response.status_code == expected, (page, role, response.text[:300])
            if expected == 403:
                assert "没有权限" in response.text


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login(api: Api) -> None:
    with httpx.Client(base_url=api.base_url, timeout=30) as client:
        response = client.get("/admin/rules", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/admin/rules"


def test_the_header_and_the_index_show_supervisors_only_their_areas(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        page = client.get("/admin").text
    assert 'href="/admin"' in page  # the header's 管理 entry
    for href in ("/admin/desks", "/admin/catalog", "/admin/rules", "/admin/replies"):
        assert f'href="{href}"' in page
    for href in ("/admin/users", "/admin/sla", "/admin/wechat", "/admin/channels"):
        assert f'href="{href}"' not in page
    with signed_in(api, "agent") as client:
        workspace = client.get("/workspace").text
    assert 'href="/admin"' not in workspace


def test_a_form_without_the_csrf_token_is_refused_and_changes_nothing(api: Api) -> None:
    with signed_in(api, "admin") as client:
        form = {"username": "mallory", "role": "admin", "password": "long-enough-1"}
        refused = client.post("/admin/users", data={**form, "csrf_token": "forged"})
        assert refused.status_code == 403
    with api.client("admin") as http:
        names = [u["username"] for u in http.get("/api/v1/users").json()]
    assert "mallory" not in names


def test_pages_speak_the_language_chosen_in_the_header(api: Api) -> None:
    with signed_in(api, "admin") as client:
        client.cookies.set("kefu_lang", "en")
        page = client.get("/admin").text
    assert "Routing rules" in page and "Users and roles" in page
