"""The crawler's domain errors: the library raises them, the CLI turns them into one line."""
from __future__ import annotations


class CrawlError(Exception):
    """A problem the user can fix (bad URL, scope, out dir, profile); the message names the fix."""


class FetchError(CrawlError):
    """One URL could not be fetched; `reason` is a stable code stored in the state DB."""

    def __init__(self, reason: str, message: str, attempts: int = 1) -> None:
        super().__init__(message)
        self.reason = reason
        self.attempts = attempts
