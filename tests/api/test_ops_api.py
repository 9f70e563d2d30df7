"""Operations endpoints and the generic error shape, through real HTTP."""

from __future__ import annotations

import re

from tests.conftest import Api


def test_healthz_answers_ok_without_a_token(api: Api) -> None:
    with api.client("nobody") as http:
        response = http.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_metrics_are_prometheus_text_counting_requests(api: Api) -> None:
    with api.client() as http:
        assert http.get("/api/v1/tickets").status_code == 200
        response = http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert "# TYPE kefu_http_requests_total counter" in text
    pattern = r'kefu_http_requests_total\{method="GET",route="/api/v1/tickets",status="200"\} (\d+)'
    counted = re.search(pattern, text)
    assert counted is not None and float(counted.group(1)) >= 1
    assert "kefu_http_request_duration_seconds_bucket" in text


def test_openapi_lists_the_tickets_routes(api: Api) -> None:
    with api.client("nobody") as http:
        response = http.get("/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/tickets"])
    for path in ("/api/v1/customers", "/api/v1/search", "/api/v1/customers/{customer_id}/merge"):
        assert path in paths


def test_an_unknown_route_is_a_json_404(api: Api) -> None:
    with api.client() as http:
        response = http.get("/api/v1/no-such-thing")
        english = http.get("/nowhere", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {
        "error": {"code": "not_found", "message": "找不到该资源", "fields": {}}
    }
    assert english.json()["error"]["message"] == "Not found"


def test_a_wrong_method_is_a_json_error(api: Api) -> None:
    with api.client() as http:
        response = http.delete("/api/v1/search")
    assert response.status_code == 405
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_every_answer_says_how_long_the_server_took(api: Api) -> None:
    with api.client() as http:
        for path in ("/healthz", "/api/v1/tickets", "/login"):
            timing = http.get(path).headers["server-timing"]
            name, _, duration = timing.partition(";dur=")
            assert name == "app" and float(duration) >= 0, timing
