"""Where a person's rows are, read from the app registry, so a model added later is covered
without being listed here: every foreign key to the user model, every generic relation, every
email column."""

from collections.abc import Iterator
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

# Never copied into a download: what would let its holder act as the member.
SECRET_FIELDS = frozenset({"password", "token", "token_secret", "secret", "session_key", "key"})
SECRET_FIELDS_OF = {"mfa.authenticator": frozenset({"data"})}


def user_relations() -> Iterator[tuple[type[models.Model], models.Field]]:
    """``(model, field)`` for every concrete foreign key or one-to-one field to the user model,
    the tables Django creates for many-to-many fields included."""
    user_model = get_user_model()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                yield model, field


def relations_to(target) -> Iterator[tuple[type[models.Model], models.Field]]:
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is target:
                yield model, field


def rows_of(user) -> Iterator[models.QuerySet]:
    """Every row of the person's, one queryset per model: the rows that refer to them, and the
    rows that go with those their account owns (a profile's publications, a thread's
    subscriptions), followed along every cascading foreign key."""
    user_model = get_user_model()
    owned: dict[type, list[models.Q]] = {user_model: [models.Q(pk=user.pk)]}
    referring: dict[type, list[models.Q]] = {}
    queue, seen = [user_model], set()
    while queue:
        target = queue.pop(0)
        targets = target._base_manager.filter(reduce(or_, owned[target])).values("pk")
        for model, field in relations_to(target):
            if (model, field) in seen:
                continue
            seen.add((model, field))
            condition = models.Q(**{f"{field.name}__in": targets})
            if field.remote_field.on_delete is models.CASCADE:
                if model not in owned:
                    queue.append(model)
                owned.setdefault(model, []).append(condition)
            elif target is user_model:
                referring.setdefault(model, []).append(condition)
    for model in {**referring, **owned}:
        conditions = owned.get(model, []) + referring.get(model, [])
        matching = model._base_manager.filter(reduce(or_, conditions)).values("pk")
        yield model._base_manager.filter(pk__in=matching)


def generic_relations() -> Iterator[tuple[type[models.Model], GenericForeignKey]]:
    for model in apps.get_models():
        for field in model._meta.private_fields:
            if isinstance(field, GenericForeignKey):
                yield model, field


def email_columns() -> Iterator[tuple[type[models.Model], models.EmailField]]:
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.EmailField):
                yield model, field


def file_fields(model) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def is_protected(field: models.Field) -> bool:
    """Rows that outlive the person (posts, threads, submitted outputs): their foreign key
    refuses the deletion instead of following it."""
    return field.remote_field.on_delete in {models.PROTECT, models.RESTRICT}


def shareable_fields(model) -> list[str]:
    secret = SECRET_FIELDS | SECRET_FIELDS_OF.get(model._meta.label_lower, frozenset())
    return [
        f.name
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.name not in secret and not f.primary_key
    ]
