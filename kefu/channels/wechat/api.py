"""The WeChat push endpoint: /channels/wechat/{name} (GET: URL verification, POST: pushes)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["channels"])
