"""Errors the domain raises; each carries an English message the web layer translates."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for translation without translating it here (the web layer does)."""
    return message


class DomainError(Exception):
    """A request the rules refuse. `message` is a msgid; `params` fill its %(name)s fields."""

    status = 400

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


class NotAllowed(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Invalid(DomainError):
    status = 400
