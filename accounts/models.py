"""Who may come in: users, the institutes of the network, and membership applications."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Length, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import clean_display_text

domain_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a domain such as unu.edu, in lower case, without @."),
)


class InstituteQuerySet(models.QuerySet):
    def for_email(self, email: str):
        """The member institute whose domain (or a parent domain) the address belongs to; a
        retired domain no longer admits anyone."""
        domain = email.rpartition("@")[2].strip().lower()
        parts = domain.split(".")
        candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
        # The longest (most specific) matching domain wins: lab.ehs.unu.edu over unu.edu.
        match = (
            InstituteDomain.objects.filter(
                domain__in=candidates,
                retired_at__isnull=True,
                institute__in=self.filter(is_member=True),
            )
            .select_related("institute")
            .order_by(Length("domain").desc())
            .first()
        )
        return match.institute if match is not None else None


class Institute(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code")
    )
    website = models.URLField(_("website"), blank=True)
    is_member = models.BooleanField(
        _("member institute"),
        default=True,
        help_text=_("Verified addresses in a member institute's domains become members at once."),
    )

    objects = InstituteQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("institute")
        verbose_name_plural = _("institutes")

    def __str__(self):
        return self.acronym


class InstituteDomain(models.Model):
    institute = models.ForeignKey(Institute, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(
        _("email domain"), max_length=253, unique=True, validators=[domain_validator]
    )
    added = models.DateTimeField(_("added"), default=timezone.now)
    # A retired domain admits no new sign-up; members who joined through it stay members.
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)


# The one account that signs the posts of every deleted person (``privacy.erasure``); it never
# signs in and is never reactivated.
FORMER_MEMBER_EMAIL = "former-member@deleted.invalid"


class UserQuerySet(models.QuerySet):
    def search(self, text: str):
        """People whose name or address contains ``text`` (at most 200 characters of it)."""
        text = text.strip()[:200]
        if not text:
            return self
        return self.filter(models.Q(display_name__icontains=text) | models.Q(email__icontains=text))

    def members(self):
        return self.filter(is_active=True, status=User.Status.MEMBER)

    def moderators(self):
        return (
            self.members()
            .filter(
                models.Q(is_superuser=True)
                | models.Q(
                    groups__permissions__codename="moderate",
                    groups__permissions__content_type__app_label="accounts",
                )
            )
            .distinct()
        )


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    """Not serialised into migrations (``use_in_migrations`` off): they stay frozen, and their
    functions need only a plain manager."""

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, status=User.Status.MEMBER)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Whether they may use the platform is ``status``."""

    class Status(models.TextChoices):
        NEW = "new", _("Signed up, no application yet")
        PENDING = "pending", _("Application awaiting review")
        MEMBER = "member", _("Member")
        DECLINED = "declined", _("Application declined")
        DEACTIVATED = "deactivated", _("Deactivated")

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    display_name = models.CharField(_("display name"), max_length=120)
    institute = models.ForeignKey(
        Institute,
        verbose_name=_("institute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    status = models.CharField(
        _("membership status"), max_length=20, choices=Status, default=Status.NEW
    )
    member_since = models.DateTimeField(_("member since"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The interface language the member chose (the header's switcher), used for their pages and
    # for everything sent to them (emails, digests, live messages). Empty until they choose: the
    # browser's Accept-Language decides meanwhile.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )
    # Moved on whenever the permissions this user holds may have changed (a group joined or
    # left, a permission given or taken: ``accounts.receivers``). The permissions kept in the
    # cache are kept under it (``accounts.backends``), and it is read with the user every request.
    # Written only by ``backends.moved_on`` (a new random value each time, never one used
    # before, so a rolled-back change leaves no kept set under a version that comes again);
    # ``save`` leaves it out, so a user loaded before a change and saved after cannot put the
    # old version back. The database default lets processes of the release before insert users.
    permissions_version = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]
        indexes = [
            # The home page's "new colleagues": the latest members, read along this index.
            models.Index(fields=["member_since"], name="user_member_since"),
        ]
        permissions = [("moderate", _("Can moderate members and content"))]

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            deferred = self.get_deferred_fields()  # as Django's save: only what was loaded
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.name != "permissions_version"
                and field.attname not in deferred
            ]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.email = type(self).objects.normalize_email(self.email).lower()
        self.display_name = clean_display_text(self.display_name)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def is_member(self) -> bool:
        return self.is_active and self.status == self.Status.MEMBER

    @property
    def is_moderator(self) -> bool:
        return self.is_member and (self.is_superuser or self.has_perm("accounts.moderate"))

    @property
    def role(self) -> str:
        if self.is_superuser:
            return "admin"
        if self.is_moderator:
            return "moderator"
        return "member" if self.is_member else self.status

    @property
    def email_language(self) -> str:
        """The language of what is sent to this person: their choice, else the site's default."""
        return self.language or settings.LANGUAGE_CODE

    @property
    def initials(self) -> str:
        words = [w for w in self.display_name.split() if w[:1].isalnum()]
        return ("".join(w[0] for w in words[:2]) or self.email[:1]).upper()


class Application(models.Model):
    """A request to join, filed by someone whose address is not in a member institute's domain."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    affiliation = models.CharField(_("affiliation"), max_length=200)
    institute = models.ForeignKey(
        Institute,
        verbose_name=_("institute of the network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("If you work at one of the network's institutes with another address."),
    )
    statement = models.TextField(_("statement"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    created = models.DateTimeField(_("filed"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_application_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"


class MembershipEvent(models.Model):
    """Audit trail of every membership decision: who did what to whom, when and why."""

    class Kind(models.TextChoices):
        JOINED_BY_DOMAIN = "joined_by_domain", _("Joined through institute email domain")
        JOINED_BY_INVITATION = "joined_by_invitation", _("Joined through an invitation")
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        DEACTIVATED = "deactivated", _("Deactivated")
        REACTIVATED = "reactivated", _("Reactivated")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"
