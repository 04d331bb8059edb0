"""MEETINGS_BASE_URL names the service's canonical address; MEETINGS_PROXY_HOPS how many
proxies stand in front of it."""

from __future__ import annotations

import os

import pytest

from meetings.infrastructure.settings import SettingError, Settings


def base_url() -> str:
    return Settings.from_environ(os.environ).base_url


def proxy_hops() -> int:
    return Settings.from_environ(os.environ).proxy_hops


def test_the_base_url_defaults_to_the_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEETINGS_BASE_URL", raising=False)
    assert base_url() == "http://127.0.0.1:8000"


def test_the_base_url_loses_its_trailing_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEETINGS_BASE_URL", "https://meetings.example.gov.uk/partnership/")
    assert base_url() == "https://meetings.example.gov.uk/partnership"


@pytest.mark.parametrize("url", ["meetings.example", "ftp://x.example", "https://", "javascript:x"])
def test_an_unusable_base_url_is_refused(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("MEETINGS_BASE_URL", url)
    with pytest.raises(SettingError):
        base_url()


def test_proxies_are_believed_only_when_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEETINGS_PROXY_HOPS", raising=False)
    assert proxy_hops() == 0
    monkeypatch.setenv("MEETINGS_PROXY_HOPS", "1")
    assert proxy_hops() == 1
    for bad in ("-1", "one", "99"):
        monkeypatch.setenv("MEETINGS_PROXY_HOPS", bad)
        with pytest.raises(SettingError):
            proxy_hops()
