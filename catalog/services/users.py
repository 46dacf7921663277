"""User accounts: creation with CKAN's rules, argon2 password hashes, the site user."""

from __future__ import annotations

import hashlib
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from catalog.db.models import User
from catalog.errors import ValidationFailed
from catalog.services.dictization import iso
from catalog.services.validation import EMAIL_RE, name_errors

SITE_USER_NAME = "site_user"
PASSWORD_MIN_LENGTH = 8  # CKAN's user_password_validator

_hasher = PasswordHasher()


def get_or_create_site_user(session: Session) -> User:
    """The sysadmin account the site itself acts as (CKAN's site user), e.g. when loading."""
    user = session.execute(select(User).where(User.name == SITE_USER_NAME)).scalar_one_or_none()
    if user is None:
        user = User(name=SITE_USER_NAME, fullname="Site user", sysadmin=True)
        session.add(user)
        session.flush()
    return user


def find_user(session: Session, id_or_name: str | None) -> User | None:
    """The user with this id or name (any state), or None."""
    if not id_or_name or not isinstance(id_or_name, str):
        return None
    return session.execute(
        select(User).where(or_(User.id == id_or_name, User.name == id_or_name)).limit(1)
    ).scalar_one_or_none()


# ------------------------------------------------------------------------------ passwords


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def set_password(user: User, password: str) -> None:
    errors = password_errors(password)
    if errors:
        raise ValidationFailed({"password": errors})
    user.password_hash = hash_password(password)


def verify_password(user: User, password: str) -> bool:
    """Whether `password` is the user's. False for accounts without a password and for
    deleted accounts. A hash made with older argon2 parameters is upgraded in place (the
    caller's session commits it)."""
    if user.state != "active" or not user.password_hash or not isinstance(password, str):
        return False
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return True


def password_errors(password: Any) -> list[str]:
    if not isinstance(password, str):
        return ["Passwords must be strings"]
    if len(password) < PASSWORD_MIN_LENGTH:
        return [f"Your password must be {PASSWORD_MIN_LENGTH} characters or longer"]
    return []


# -------------------------------------------------------------------------------- creating


def create_user(
    session: Session,
    name: Any,
    email: Any,
    *,
    password: str | None = None,
    sysadmin: bool = False,
    fullname: str | None = None,
) -> User:
    """A new active user, validated as CKAN's user_create does (name, email, password).

    Without a password the account cannot sign in with one (it can still get API tokens).
    Raises ValidationFailed with CKAN's messages, field by field.
    """
    errors: dict[str, list[str]] = {}
    if name in (None, ""):
        errors["name"] = ["Missing value"]
    else:
        problems = name_errors(name)
        if not problems and find_user(session, name) is not None:
            problems = ["That login name is not available."]
        if problems:
            errors["name"] = problems
    if email in (None, ""):
        errors["email"] = ["Missing value"]
    elif not isinstance(email, str) or not EMAIL_RE.match(email.strip()):
        errors["email"] = [f"Email {email} is not a valid format"]
    elif email_taken(session, email.strip()):
        errors["email"] = [f"The email address '{email.strip()}' belongs to a registered user."]
    if password is not None:
        problems = password_errors(password)
        if problems:
            errors["password"] = problems
    if errors:
        raise ValidationFailed(errors)
    user = User(
        name=name,
        email=str(email).strip(),
        fullname=fullname,
        sysadmin=bool(sysadmin),
        password_hash=hash_password(password) if password is not None else None,
    )
    session.add(user)
    session.flush()
    return user


def email_taken(session: Session, email: str) -> bool:
    found = session.execute(
        select(User.id).where(func.lower(User.email) == email.lower()).limit(1)
    ).first()
    return found is not None


# ------------------------------------------------------------------------------- showing


def user_dict(user: User, *, private: bool, number_created_packages: int = 0) -> dict[str, Any]:
    """CKAN 2.11's user dict. `private` (the user or a sysadmin is asking) adds `email`
    and `apikey` (always null here: API keys are gone, tokens replace them). The password
    hash is never shown."""
    result: dict[str, Any] = {
        "id": user.id,
        "name": user.name,
        "fullname": user.fullname,
        "created": iso(user.created),
        "about": user.about,
        "activity_streams_email_notifications": False,
        "sysadmin": user.sysadmin,
        "state": user.state,
        "image_url": user.image_url,
        "last_active": None,
        "display_name": user.fullname if user.fullname and user.fullname.strip() else user.name,
        "email_hash": hashlib.md5(
            (user.email or "").strip().lower().encode("utf-8"), usedforsecurity=False
        ).hexdigest(),
        "number_created_packages": number_created_packages,
        "image_display_url": user.image_url,
    }
    if private:
        result["apikey"] = None
        result["email"] = user.email
    return result
