"""Built-in defaults.

``create_app`` applies these first, then ``instance/config.py`` if present,
then the environment (``DATABASE_URL``, ``SECRET_KEY`` and any ``FLASK_*``
variable), then the ``test_config`` mapping a test passes in.
"""

from datetime import timedelta

#: No secret key is built in: serving needs one from the instance folder
#: (`parley secret-key` writes one) or the environment, except in testing, where
#: ``DEV_SECRET_KEY`` is used, and in debug, where a random key lives as long as
#: the process. The other commands sign nothing and need none.
SECRET_KEY = None
DEV_SECRET_KEY = "dev-only-not-secret"

SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

#: Session cookies: HttpOnly is Flask's default; SameSite stops cross-site posts.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"

#: Editors keep forms open for a long time: CSRF tokens live a working day.
CSRF_TIME_LIMIT = timedelta(hours=12)

#: Failed logins allowed per client address and, separately, per username.
LOGIN_FAILURE_LIMIT = "5 per minute"
#: Where failed logins are counted: one process's memory unless this names a
#: shared store (``redis://...``, ``memcached://...``; see Flask-Limiter).
RATELIMIT_STORAGE_URI = "memory://"
#: Where a login goes when it has no safe ``next`` to return to.
LOGIN_DEFAULT_NEXT = "/"

#: Behind a reverse proxy, how many proxies set X-Forwarded-For and -Proto
#: (werkzeug's ProxyFix); 0 trusts no such header.
PROXY_COUNT = 0

#: The SQL page: per-query time limit, rows shown, and optionally another
#: database URL to query (on PostgreSQL, a login that can only read).
SQL_TIME_LIMIT_MS = 1000
SQL_ROW_LIMIT = 1000
SQL_DATABASE_URL = None

#: The dashboard's charts are redrawn at most this often (seconds); 0 redraws every visit.
DASHBOARD_CHART_SECONDS = 60

#: Where `parley seed` looks when it is given no path.
SEED_ARTICLES = "seed_data/articles"
SEED_PEOPLE = "seed_data/people.yaml"
