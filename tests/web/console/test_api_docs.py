"""The API page loads Swagger UI from the service itself: nothing from another host."""

from __future__ import annotations

import re

from flask.testing import FlaskClient


def test_the_api_page_references_no_other_host(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    references = re.findall(r'(?:src|href|url)\s*[=:]\s*"([^"]+)"', html)
    assert references, html
    for reference in references:
        assert reference.startswith("/"), f"{reference} is not served by the service"
        assert not reference.startswith("//")
    assert "http://" not in html and "https://" not in html


def test_the_swagger_ui_files_are_served_from_the_installed_package(client: FlaskClient) -> None:
    html = client.get("/api/v1/docs").get_data(as_text=True)
    for path in re.findall(r'(?:src|href)="(/swagger-ui/[^"]+)"', html):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert len(answer.data) > 1000
    assert client.get("/swagger-ui/../../../etc/passwd").status_code == 404
