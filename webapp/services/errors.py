"""Exceptions raised by services; views map them to form errors or HTTP responses."""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: a use case could not be carried out."""


class NotFound(ServiceError):
    """The row does not exist (or is outside the caller's organisation)."""


class InviteInvalid(ServiceError):
    """The invite code is unknown, used, revoked or expired."""


class InvalidSecret(ServiceError):
    """A password or PIN does not meet the rules."""


class LoginLocked(ServiceError):
    """Too many failed logins: try again later."""
