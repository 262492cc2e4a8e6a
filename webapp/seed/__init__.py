"""Seeding: extracted records into the database, the one place seeding writes.

``seed_paths`` runs a whole seeding run (``run``); ``seed_article`` reconciles
one article's extraction with what is stored (``reconcile``); the dictionary,
the meetings, the bulk inserts and the reading and extraction in worker
processes (``prepare``) have modules of their own.
"""

from webapp.seed.dictionary import apply_dictionary
from webapp.seed.manifest import ManifestError
from webapp.seed.prepare import default_jobs
from webapp.seed.reconcile import seed_article
from webapp.seed.rows import Outcome
from webapp.seed.rows import SeedCache
from webapp.seed.run import DryRunStopped
from webapp.seed.run import Summary
from webapp.seed.run import article_files
from webapp.seed.run import seed_paths

__all__ = [
    "DryRunStopped",
    "ManifestError",
    "Outcome",
    "SeedCache",
    "Summary",
    "apply_dictionary",
    "article_files",
    "default_jobs",
    "seed_article",
    "seed_paths",
]
