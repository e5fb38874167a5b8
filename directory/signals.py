"""Keep profiles in step with the rest of the site: created on membership, search kept fresh."""

from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.signals import (
    social_account_added,
    social_account_removed,
    social_account_updated,
)
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from accounts.models import Institute, User
from accounts.signals import member_joined

from . import filter_options, indexing
from .actions import ensure_profile, forget_verified_orcid, record_verified_orcid
from .models import Country, Keyword, Language, Method, Profile, Publication, Region, Theme


@receiver(member_joined)
def create_profile_on_membership(sender, user, **kwargs):
    ensure_profile(user)
    orcid = SocialAccount.objects.filter(user=user, provider="orcid").first()
    if orcid is not None:
        record_verified_orcid(user, orcid.uid)


@receiver(social_account_added)
@receiver(social_account_updated)
def record_orcid_of_sign_in(sender, request, sociallogin, **kwargs):
    if sociallogin.account.provider == "orcid":
        record_verified_orcid(sociallogin.user, sociallogin.account.uid)


@receiver(social_account_removed)
def forget_orcid_of_sign_in(sender, request, socialaccount, **kwargs):
    if socialaccount.provider == "orcid":
        forget_verified_orcid(socialaccount.user, socialaccount.uid)


@receiver(post_save, sender=Profile)
def reindex_saved_profile(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.schedule([instance.pk])


def reindex_on_relation_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if not reverse:
        if action != "pre_clear":
            indexing.schedule([instance.pk])
        return
    # Changed from the term's side: a clear has no pk_set, so remember who held it before.
    if action == "pre_clear":
        instance._directory_cleared_profiles = list(
            sender.objects.filter(**{sender_field(sender, instance): instance.pk}).values_list(
                "profile_id", flat=True
            )
        )
        return
    ids = pk_set if action != "post_clear" else getattr(instance, "_directory_cleared_profiles", [])
    indexing.schedule(ids or [])


def sender_field(through, instance) -> str:
    for field in through._meta.get_fields():
        if getattr(field, "related_model", None) is type(instance):
            return f"{field.name}_id"
    raise LookupError(through)


for relation in (
    Profile.themes,
    Profile.keywords,
    Profile.methods,
    Profile.countries,
    Profile.regions,
    Profile.languages,  # not searched, but filtered and counted
):
    m2m_changed.connect(
        reindex_on_relation_change, sender=relation.through, dispatch_uid=str(relation.through)
    )


@receiver(post_save, sender=Publication)
@receiver(post_delete, sender=Publication)
def reindex_on_publication_change(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.schedule([instance.profile_id])


@receiver(post_save, sender=Keyword)
def reindex_on_keyword_change(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    holders = set(Profile.objects.filter(keywords=instance).values_list("pk", flat=True))
    for target in (instance.synonym_of, instance.synonym_of_theme):
        if target is not None:
            holders |= set(target.profile_set.values_list("pk", flat=True))
    indexing.schedule(holders)


@receiver(post_save, sender=User)
def reindex_on_name_change(
    sender, instance, raw=False, created=False, update_fields=None, **kwargs
):
    if raw or created or (update_fields and set(update_fields) <= {"last_login", "password"}):
        return  # signing in changes nothing the directory shows
    indexing.schedule(Profile.objects.filter(user_id=instance.pk).values_list("pk", flat=True))


# The directory's cached option lists (directory.filter_options) follow every edit of a term, and
# every migration (data migrations write terms through historical models, which send no signals
# here).
for model in (Theme, Region, Country, Method, Language, Institute):
    for signal in (post_save, post_delete):
        signal.connect(filter_options.changed, sender=model, dispatch_uid=f"terms-{model.__name__}")
post_migrate.connect(filter_options.changed, dispatch_uid="terms-migrate")
