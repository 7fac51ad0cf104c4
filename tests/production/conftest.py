"""The browser fixtures of tests/browser, for the admin-under-CSP check in this folder."""

from tests.browser.conftest import browser, page, screenshot  # noqa: F401 - pytest fixtures
