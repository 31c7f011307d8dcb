"""Template context shared by every page: the portal unit, and for officers the workspace chrome."""

from django.utils.functional import SimpleLazyObject

from danvan.access.policy import has_any_perm

from .context import current_unit, working_units


def portal(request):
    from danvan.units.selectors import portal_root_unit

    ctx = {"portal_unit": SimpleLazyObject(portal_root_unit)}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        ctx["user_is_officer"] = has_any_perm(user, "workspace.access")
        if request.path.startswith("/can-bo/"):
            from danvan.notifications.selectors import unread_count

            ctx.update(
                {
                    "current_unit": current_unit(request),
                    "ws_units": working_units(user),
                    "ws_perms": {
                        "households": has_any_perm(user, "households.view"),
                        "cases": has_any_perm(user, "cases.view"),
                        "cases_entry": has_any_perm(user, "cases.handle"),
                        "reception": has_any_perm(user, "reception.view"),
                        "disclosures": has_any_perm(user, "disclosures.edit"),
                        "answers": has_any_perm(user, "disclosures.answer"),
                        "news": has_any_perm(user, "news.edit"),
                        "review": has_any_perm(user, "news.approve"),
                        "communities": has_any_perm(user, "communities.view"),
                        "reviews": has_any_perm(user, "reviews.view"),
                        "decisions": has_any_perm(user, "decisions.view"),
                        "conventions": has_any_perm(user, "conventions.view"),
                        "consultations": has_any_perm(user, "consultations.view"),
                    },
                    "unread_notifications": unread_count(user),
                }
            )
    return ctx
