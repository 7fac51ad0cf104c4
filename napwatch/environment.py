"""The environment as napwatch reads it: django-environ, strict about bad values, and `.env`.

settings.py, logging_config.py and gunicorn.conf.py read variables only through `env`.

Importing this module reads the local environment file into os.environ, never replacing a
variable that is already set: the real environment always wins. The file is `.env` in the project
folder, which `make run` writes once with a development SECRET_KEY and DEBUG=true; it need not
exist. NAPWATCH_ENV_FILE names another file; `make serve`, `make check-deploy` and the test suite
set it to /dev/null, so production and tests never depend on a developer's `.env`.
"""

import os
import warnings
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
EXPECTED = {bool: "true or false", int: "a whole number", float: "a number"}
DATABASE_ENGINES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}


class Env(environ.Env):
    """django-environ's reader with napwatch's rules: an empty variable counts as unset, a value
    that cannot be read stops the start with a message naming the variable, a boolean is one of
    true/false/yes/no/on/off/1/0 (django-environ reads any other word as false), and a list's
    items are stripped of spaces."""

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        raw = self.ENVIRON.get(var, "")
        if not raw.strip():
            if default is self.NOTSET:
                raise ImproperlyConfigured(
                    f"{var} is not set. Set it in the environment, or for local development in "
                    "the project's .env file (`make run` writes one with a development "
                    "SECRET_KEY and DEBUG=true)."
                )
            return self.parse_value(default, cast) if parse_default and default else default
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except ValueError:
            expected = EXPECTED.get(cast, "a value napwatch can read")
            raise ImproperlyConfigured(f"{var} must be {expected} (got {raw!r}).") from None

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool and isinstance(value, str):
            word = value.strip().lower()
            if word not in TRUE | FALSE:
                raise ValueError(value)
            return word in TRUE
        if cast is list and isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return super().parse_value(value, cast)

    def str(self, var, default=environ.Env.NOTSET, multiline=False, choices=environ.Env.NOTSET):
        value = super().str(var, default=default, multiline=multiline)
        if choices is not self.NOTSET and value not in choices:
            raise ImproperlyConfigured(f"{var} must be {' or '.join(choices)} (got {value!r}).")
        return value

    def db_url(self, var=environ.Env.DEFAULT_DATABASE_ENV, default=environ.Env.NOTSET, engine=None):
        """The database of `var` (SQLite or PostgreSQL only), as Django's DATABASES entry."""
        try:
            with warnings.catch_warnings():  # an unknown scheme is warned about, then returns {}
                warnings.simplefilter("ignore")
                config = super().db_url(var, default=default, engine=engine)
        except (KeyError, ValueError) as exc:
            raise ImproperlyConfigured(
                f"{var} is not a database URL we understand: {exc}"
            ) from None
        if not config:
            raise ImproperlyConfigured(f"{var} is not a database URL we understand.")
        if config["ENGINE"] not in DATABASE_ENGINES:
            raise ImproperlyConfigured(f"{var} must be an sqlite:/// or postgres:// URL.")
        return config


def read_env_file() -> None:
    """Adds the variables of the local environment file that the environment does not set."""
    named = os.environ.get("NAPWATCH_ENV_FILE")
    path = Path(named) if named else BASE_DIR / ".env"
    if not path.exists():
        if named:
            raise ImproperlyConfigured(f"NAPWATCH_ENV_FILE names {named}, which does not exist.")
        return
    Env.read_env(path, overwrite=False)


read_env_file()
env = Env()
