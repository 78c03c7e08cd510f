"""Accounts: creation, usernames, passwords/PINs, one-time invites and login throttling."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.db_types import utcnow
from webapp.models import Invite, LoginThrottle, Organisation, Role, User
from webapp.services.errors import InvalidSecret, InviteInvalid, LoginLocked

_HASHER = PasswordHasher()
#: Verified against when the user does not exist, so timing does not reveal usernames.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")
#: No 0/O, 1/I/L: codes are read aloud and typed on phones.
INVITE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
INVITE_LENGTH = 8
MIN_PASSWORD_LENGTH = 8
#: PINs made of a run of digits ("123456", "987654") are refused.
_RUNS = ("0123456789", "9876543210")


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures lock a key, and for how long."""

    max_failures: int = 5
    lock_minutes: int = 15
    max_failures_per_ip: int = 50


def hash_secret(secret: str) -> str:
    """Hash a password or PIN with argon2id."""
    return _HASHER.hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """Check a password or PIN against its hash (constant work when there is no hash)."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, secret) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def slugify_name(name: str) -> str:
    """ASCII lower-case first name for usernames ("Åse Øyen" -> "ase")."""
    first = (name.strip().split() or ["bruker"])[0].lower()
    first = first.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    ascii_name = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^a-z0-9]", "", ascii_name)
    return ascii_name[:20] or "bruker"


def make_username(
    session: Session, display_name: str, *, rng: secrets.SystemRandom | None = None
) -> str:
    """Return an unused username: the first name plus four digits (e.g. "amina4821")."""
    rng = rng or secrets.SystemRandom()
    base = slugify_name(display_name)
    while True:
        candidate = f"{base}{rng.randrange(1000, 10000)}"
        if session.scalar(select(User.id).where(User.username == candidate)) is None:
            return candidate


def normalise_username(username: str) -> str:
    """Usernames are compared case-insensitively and without surrounding spaces."""
    return username.strip().lower()


def create_user(
    session: Session,
    *,
    organisation: Organisation,
    role: Role,
    display_name: str,
    username: str | None = None,
    email: str | None = None,
    password: str | None = None,
) -> User:
    """Create an account; without ``password`` it can only be opened with an invite."""
    user = User(
        organisation_id=organisation.id,
        role=role.value,
        display_name=display_name.strip(),
        username=normalise_username(username) if username else make_username(session, display_name),
        email=email or None,
        password_hash=hash_secret(password) if password else None,
    )
    session.add(user)
    session.flush()
    return user


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalise_invite_code(code).encode()).hexdigest()


def normalise_invite_code(code: str) -> str:
    """Upper-case, no spaces or dashes: "k7qm-3xpa" -> "K7QM3XPA"."""
    return re.sub(r"[\s-]", "", code).upper()


def format_invite_code(code: str) -> str:
    """Show a code in two groups of four for reading aloud."""
    code = normalise_invite_code(code)
    return f"{code[:4]}-{code[4:]}"


def issue_invite(
    session: Session, user: User, *, valid_days: int = 14, now: datetime | None = None
) -> str:
    """Revoke earlier open invites for ``user`` and return a new plain code (shown once)."""
    now = now or utcnow()
    for old in session.scalars(
        select(Invite).where(
            Invite.user_id == user.id, Invite.used_at.is_(None), Invite.revoked_at.is_(None)
        )
    ):
        old.revoked_at = now
    code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
    session.add(
        Invite(
            user_id=user.id,
            code_hash=_code_hash(code),
            created_at=now,
            expires_at=now + timedelta(days=valid_days),
        )
    )
    session.flush()
    return code


def find_open_invite(session: Session, code: str, *, now: datetime | None = None) -> Invite:
    """Return the usable invite for ``code`` or raise ``InviteInvalid``."""
    now = now or utcnow()
    invite: Invite | None = session.scalar(
        select(Invite).where(Invite.code_hash == _code_hash(code))
    )
    if invite is None or invite.used_at or invite.revoked_at or invite.expires_at <= now:
        raise InviteInvalid("invite unknown, used or expired")
    if not invite.user.active:
        raise InviteInvalid("account closed")
    return invite


def validate_secret(secret: str, *, pin: bool, pin_allowed: bool) -> None:
    """Raise ``InvalidSecret`` unless ``secret`` is a valid password (or 6-digit PIN)."""
    if pin:
        if not pin_allowed:
            raise InvalidSecret("pin_not_allowed")
        if not re.fullmatch(r"\d{6}", secret):
            raise InvalidSecret("pin_format")
        if len(set(secret)) == 1 or any(secret in run for run in _RUNS):
            raise InvalidSecret("pin_too_simple")
        return
    if len(secret) < MIN_PASSWORD_LENGTH:
        raise InvalidSecret("password_too_short")


def redeem_invite(
    session: Session, code: str, secret: str, *, pin: bool = False, now: datetime | None = None
) -> User:
    """Use the invite once: set the password (or PIN) and return the account."""
    now = now or utcnow()
    invite = find_open_invite(session, code, now=now)
    user = invite.user
    validate_secret(secret, pin=pin, pin_allowed=user.organisation.allow_pin)
    user.password_hash = hash_secret(secret)
    user.uses_pin = pin
    user.session_version += 1
    invite.used_at = now
    session.flush()
    return user


def change_secret(
    session: Session, user: User, *, current: str, new: str, pin: bool = False
) -> None:
    """Change a password/PIN after checking the current one; ends other sessions."""
    if not verify_secret(user.password_hash, current):
        raise InvalidSecret("wrong_current")
    validate_secret(new, pin=pin, pin_allowed=user.organisation.allow_pin)
    user.password_hash = hash_secret(new)
    user.uses_pin = pin
    user.session_version += 1
    session.flush()


def _throttle(session: Session, key: str) -> LoginThrottle:
    row = session.scalar(select(LoginThrottle).where(LoginThrottle.key == key))
    if row is None:
        row = LoginThrottle(key=key, failures=0, window_started_at=utcnow())
        session.add(row)
    return row


def _is_locked(session: Session, key: str, now: datetime) -> bool:
    row = session.scalar(select(LoginThrottle).where(LoginThrottle.key == key))
    return bool(row and row.locked_until and row.locked_until > now)


def authenticate(
    session: Session,
    username: str,
    secret: str,
    *,
    ip: str,
    policy: ThrottlePolicy | None = None,
    now: datetime | None = None,
) -> User | None:
    """Return the user for a correct login, ``None`` for a wrong one; raise ``LoginLocked``.

    Counters live in the database, keyed by username and by IP, so the limit holds across
    processes.  Unknown usernames are counted like known ones (no user enumeration).
    """
    policy = policy or ThrottlePolicy()
    now = now or utcnow()
    name = normalise_username(username)
    user_key, ip_key = f"user:{name}", f"ip:{ip}"
    if _is_locked(session, user_key, now) or _is_locked(session, ip_key, now):
        raise LoginLocked("locked")
    user: User | None = session.scalar(select(User).where(User.username == name))
    ok = verify_secret(user.password_hash if user else None, secret)
    if ok and user is not None and user.active:
        row = session.scalar(select(LoginThrottle).where(LoginThrottle.key == user_key))
        if row is not None:
            session.delete(row)
        user.last_login_at = now
        session.flush()
        return user
    window = timedelta(minutes=policy.lock_minutes)
    for key, limit in ((user_key, policy.max_failures), (ip_key, policy.max_failures_per_ip)):
        _count_failure(session, key, limit=limit, window=window, now=now)
    session.flush()
    return None


def _count_failure(
    session: Session, key: str, *, limit: int, window: timedelta, now: datetime
) -> None:
    row = _throttle(session, key)
    if row.window_started_at + window < now:
        row.failures, row.window_started_at, row.locked_until = 0, now, None
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = now + window


#: Wrong invite codes allowed per IP address before a pause (codes have ~40 bits of entropy).
INVITE_MAX_FAILURES_PER_IP = 20


def check_invite(session: Session, code: str, *, ip: str, now: datetime | None = None) -> Invite:
    """Like ``find_open_invite``, but counts wrong codes per IP and raises ``LoginLocked``."""
    now = now or utcnow()
    key = f"invite-ip:{ip}"
    if _is_locked(session, key, now):
        raise LoginLocked("invite attempts")
    try:
        return find_open_invite(session, code, now=now)
    except InviteInvalid:
        _count_failure(
            session, key, limit=INVITE_MAX_FAILURES_PER_IP, window=timedelta(minutes=15), now=now
        )
        session.flush()
        raise
