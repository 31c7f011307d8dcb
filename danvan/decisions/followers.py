"""Other apps that keep something of their own in step with a community decision — conventions: a version's
status follows its adoption vote and the People's Committee's recognition.

Decisions' services call `decision_changed(decision, actor=…)` explicitly after each change of status (notice,
voting, the result), recognition or annulment, inside their transaction; an app registers its follower in its
`AppConfig.ready` with `follow(fn)`. No signal: a receiver on `post_save` ran a query on every save of a
decision (documents delivered, minutes sent…) and could not know who acted, and no signal carries domain
logic here (docs/architecture.md)."""

from collections.abc import Callable

_followers: list[Callable] = []


def follow(fn: Callable) -> Callable:
    """Register `fn(decision, *, actor)`; registering the same function twice keeps one."""
    if fn not in _followers:
        _followers.append(fn)
    return fn


def decision_changed(decision, *, actor=None) -> None:
    for fn in _followers:
        fn(decision, actor=actor)
