"""Administrators' writes: institutes, their email domains, and the moderator and admin roles.

Each checks the permission, consumes ``accounts.administer``, writes in one transaction and
records the act in the audit log. A refused domain raises ``ValidationError`` with the reason.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import record
from audit.models import Action
from core import ratelimit

from . import permissions
from .actions import MODERATORS_GROUP
from .models import Institute, InstituteDomain, User, domain_validator

# Addresses anyone can get: such a domain would admit the whole world as members.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.uk",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "yahoo.fr",
        "ymail.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "mail.com",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "zoho.com",
        "fastmail.com",
        "tutanota.com",
        "qq.com",
        "163.com",
        "126.com",
        "naver.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "t-online.de",
    }
)

ROLES = {"moderator", "admin"}


def _require_admin(admin: User) -> None:
    if not permissions.is_admin(admin):
        raise PermissionDenied(_("Only administrators do this."))
    ratelimit.consume(admin, "accounts.administer")


def clean_domain(
    domain: str, *, institute: Institute | None = None, existing: InstituteDomain | None = None
) -> str:
    """The domain as stored, or ``ValidationError`` saying why it cannot be an institute's.

    Refused: a malformed domain, a public mail service (or a subdomain of one), a domain that is
    already stored, and one that is a parent or a subdomain of another institute's active domain
    (adding ``unu.edu`` to one institute would take its sister institutes' future sign-ups).
    ``existing`` is the row being edited (the Django admin), which does not count as taken.
    The product's pages and the Django admin both call this: one rule."""
    domain = (domain or "").strip().lower().lstrip("@").rstrip(".")
    if not domain:
        raise ValidationError(_("Enter a domain such as unu.edu."), code="required")
    domain_validator(domain)
    parts = domain.split(".")
    if any(".".join(parts[i:]) in PUBLIC_MAIL_DOMAINS for i in range(len(parts) - 1)):
        raise ValidationError(
            _("%(domain)s is a public mail service: anyone can have an address there.")
            % {"domain": domain},
            code="public",
        )
    others = InstituteDomain.objects.select_related("institute")
    if existing is not None and existing.pk is not None:
        others = others.exclude(pk=existing.pk)
    taken = others.filter(domain=domain).first()
    if taken is not None:
        if institute is not None and taken.institute_id == institute.pk:
            message = _("%(domain)s is already one of this institute's domains.")
        else:
            message = _("%(domain)s is already a domain of %(institute)s.")
        raise ValidationError(
            message % {"domain": domain, "institute": taken.institute.acronym}, code="taken"
        )
    overlapping = others.filter(retired_at__isnull=True).filter(
        Q(domain__in=[".".join(parts[i:]) for i in range(1, len(parts) - 1)])
        | Q(domain__endswith="." + domain)
    )
    if institute is not None and institute.pk is not None:
        overlapping = overlapping.exclude(institute=institute)
    clash = overlapping.order_by("domain").first()
    if clash is not None:
        if domain.endswith("." + clash.domain):
            message = _("%(domain)s is inside %(other)s, a domain of %(institute)s.")
        else:
            message = _("%(domain)s contains %(other)s, a domain of %(institute)s.")
        raise ValidationError(
            message
            % {"domain": domain, "other": clash.domain, "institute": clash.institute.acronym},
            code="overlaps",
        )
    return domain


@transaction.atomic
def save_institute(admin: User, institute: Institute, *, domain: str = "") -> Institute:
    """Add an institute (with its first email domain, if given) or save an edited one."""
    _require_admin(admin)
    is_new = institute.pk is None
    domain = clean_domain(domain) if domain else ""
    institute.save()
    record(
        admin,
        Action.ADD_INSTITUTE if is_new else Action.EDIT_INSTITUTE,
        target=institute,
        label=institute.acronym,
        details=institute.name,
    )
    if domain:
        _add_domain(admin, institute, domain)
    return institute


def _add_domain(admin, institute, domain) -> InstituteDomain:
    added = InstituteDomain.objects.create(institute=institute, domain=domain)
    record(admin, Action.ADD_DOMAIN, target=institute, label=institute.acronym, details=domain)
    return added


@transaction.atomic
def add_domain(admin: User, institute: Institute, domain: str) -> InstituteDomain:
    _require_admin(admin)
    return _add_domain(admin, institute, clean_domain(domain, institute=institute))


@transaction.atomic
def retire_domain(admin: User, domain: InstituteDomain, *, reason: str = "") -> InstituteDomain:
    """New sign-ups at the domain are no longer admitted; its members stay members."""
    _require_admin(admin)
    domain = (
        InstituteDomain.objects.select_for_update().select_related("institute").get(pk=domain.pk)
    )
    if domain.retired_at is not None:
        raise ValidationError(_("This domain is already retired."), code="retired")
    domain.retired_at = timezone.now()
    domain.save(update_fields=["retired_at"])
    record(
        admin,
        Action.RETIRE_DOMAIN,
        target=domain.institute,
        label=domain.institute.acronym,
        details=domain.domain,
        reason=reason,
    )
    return domain


@transaction.atomic
def restore_domain(admin: User, domain: InstituteDomain) -> InstituteDomain:
    _require_admin(admin)
    domain = (
        InstituteDomain.objects.select_for_update().select_related("institute").get(pk=domain.pk)
    )
    if domain.retired_at is None:
        raise ValidationError(_("This domain is not retired."), code="active")
    # Another institute may have been given an overlapping domain meanwhile.
    clean_domain(domain.domain, institute=domain.institute, existing=domain)
    domain.retired_at = None
    domain.save(update_fields=["retired_at"])
    record(
        admin,
        Action.RESTORE_DOMAIN,
        target=domain.institute,
        label=domain.institute.acronym,
        details=domain.domain,
    )
    return domain


def has_role(user: User, role: str) -> bool:
    if role == "admin":
        return user.is_superuser
    return user.groups.filter(name=MODERATORS_GROUP).exists()


@transaction.atomic
def set_role(admin: User, user: User, role: str, *, granted: bool, reason: str = "") -> User:
    """Appoint (``granted``) or remove a moderator or an administrator."""
    if role not in ROLES:
        raise ValidationError(_("There is no such role."), code="role")
    if not permissions.can_change_role(admin, user):
        raise PermissionDenied(_("You may not change this person's roles."))
    _require_admin(admin)
    user = User.objects.select_for_update().get(pk=user.pk)
    if has_role(user, role) == granted:
        raise ValidationError(
            _("%(name)s already has this role.") % {"name": user.display_name}
            if granted
            else _("%(name)s does not have this role.") % {"name": user.display_name},
            code="unchanged",
        )
    if role == "admin":
        user.is_superuser = user.is_staff = granted
        user.save(update_fields=["is_superuser", "is_staff"])
        action = Action.APPOINT_ADMIN if granted else Action.REMOVE_ADMIN
    else:
        group = Group.objects.get(name=MODERATORS_GROUP)
        (user.groups.add if granted else user.groups.remove)(group)
        action = Action.APPOINT_MODERATOR if granted else Action.REMOVE_MODERATOR
    record(admin, action, member=user, label=user.display_name, reason=reason)
    return user
