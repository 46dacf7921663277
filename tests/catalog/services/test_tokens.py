"""API tokens: issued once, stored hashed, looked up by id, anything bad is no token."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from catalog.db.models import ApiToken, User
from catalog.services import tokens
from catalog.services.runtime import Services
from catalog.services.users import create_user


@pytest.fixture
def alice_id(services: Services) -> str:
    with services.session() as session:
        return create_user(session, "alice", "alice@example.org").id


def _issue(services: Services, user_id: str, name: str = "laptop") -> tokens.IssuedToken:
    with services.session() as session:
        return tokens.create_token(session, session.get(User, user_id), name)


def _user_for(services: Services, token: object, **kwargs) -> str | None:
    with services.session() as session:
        user = tokens.user_for_token(session, token, **kwargs)
        return user.name if user else None


def test_round_trip_and_only_a_hash_is_stored(services, alice_id):
    issued = _issue(services, alice_id)
    token_id, _, secret = issued.token.partition(".")
    assert token_id == issued.row.id and len(secret) >= 43
    with services.session() as session:
        row = session.get(ApiToken, token_id)
        assert row.token_hash != secret and secret not in row.token_hash
        assert len(row.token_hash) == 64
    assert _user_for(services, issued.token) == "alice"
    assert _user_for(services, f"  {issued.token}\n") == "alice"
    with services.session() as session:
        listed = [tokens.token_dict(row) for row in tokens.list_tokens(session, alice_id)]
    assert listed == [
        {
            "id": token_id,
            "name": "laptop",
            "user_id": alice_id,
            "created_at": listed[0]["created_at"],
            "last_access": listed[0]["last_access"],
        }
    ]
    assert listed[0]["last_access"] is not None  # the lookup above touched it
    assert secret not in repr(listed)


def test_two_tokens_are_independent_and_revoking_one_keeps_the_other(services, alice_id):
    first, second = _issue(services, alice_id, "a"), _issue(services, alice_id, "b")
    assert first.token != second.token
    with services.session() as session:
        assert tokens.revoke_token(session, first.row.id) is True
        assert tokens.revoke_token(session, first.row.id) is False
    assert _user_for(services, first.token) is None
    assert _user_for(services, second.token) == "alice"


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "",
        "   ",
        42,
        "not-a-token",
        "Bearer",
        "0f4639f4-7af4-4d5a-826e-b84823d0f235",
        "0f4639f4-7af4-4d5a-826e-b84823d0f235.",
        "0f4639f4-7af4-4d5a-826e-b84823d0f235.short",
        "0f4639f4-7af4-4d5a-826e-b84823d0f235.jTHazTr1xvISswGM6WSLAqyV1qHTcb3xM4INKFhkySo",
        "x" * 5000,
        "'; DROP TABLE users; --.aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "é" * 60,
    ],
)
def test_malformed_or_unknown_tokens_are_no_token(services, alice_id, bad):
    _issue(services, alice_id)
    assert _user_for(services, bad) is None


def test_right_id_with_a_wrong_secret_is_no_token(services, alice_id):
    issued = _issue(services, alice_id)
    other = _issue(services, alice_id, "other")
    forged = f"{issued.row.id}.{other.token.partition('.')[2]}"
    assert _user_for(services, forged) is None
    flipped = issued.token[:-1] + ("A" if issued.token[-1] != "A" else "B")
    assert _user_for(services, flipped) is None


def test_a_deleted_users_tokens_are_no_token(services, alice_id):
    issued = _issue(services, alice_id)
    with services.session() as session:
        session.get(User, alice_id).state = "deleted"
    assert _user_for(services, issued.token) is None


def test_last_access_moves_at_most_once_a_minute(services, alice_id):
    issued = _issue(services, alice_id)

    def last_access():
        with services.session() as session:
            return session.execute(
                select(ApiToken.last_access).where(ApiToken.id == issued.row.id)
            ).scalar_one()

    assert last_access() is None
    assert _user_for(services, issued.token, touch=False) == "alice"
    assert last_access() is None
    _user_for(services, issued.token)
    first = last_access()
    assert first is not None
    _user_for(services, issued.token)
    assert last_access() == first
    with services.session() as session:
        session.get(ApiToken, issued.row.id).last_access = first - timedelta(minutes=2)
    _user_for(services, issued.token)
    assert last_access() > first - timedelta(minutes=2)


def test_token_id_of():
    assert tokens.token_id_of("garbage") is None
    token_id = "0f4639f4-7af4-4d5a-826e-b84823d0f235"
    assert tokens.token_id_of(f"{token_id}.{'a' * 43}") == token_id
