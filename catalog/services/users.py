"""User accounts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog.db.models import User

SITE_USER_NAME = "site_user"


def get_or_create_site_user(session: Session) -> User:
    """The sysadmin account the site itself acts as (CKAN's site user), e.g. when loading."""
    user = session.execute(select(User).where(User.name == SITE_USER_NAME)).scalar_one_or_none()
    if user is None:
        user = User(name=SITE_USER_NAME, fullname="Site user", sysadmin=True)
        session.add(user)
        session.flush()
    return user
