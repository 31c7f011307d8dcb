"""`{% dialogue_participation dialogue as p %}`: the registrations, questions and invitees of a dialogue for
its officer page (the page's view stays as it is; the page is already behind `access_dialogue_by_id`)."""

from django import template
from django.urls import reverse

from danvan.dialogues.selectors_participation import moderation

register = template.Library()


@register.simple_tag
def dialogue_participation(dialogue):
    data = moderation(dialogue)
    for q in data["questions"]:
        q.moderate_url = reverse("dialogues:ws_question_moderate", kwargs={"pk": q.pk})
    for r in data["registrations"]:
        r.moderate_url = reverse("dialogues:ws_registration_moderate", kwargs={"pk": r.pk})
    return data
