"""The Django admin, a fallback for administrators: the product's pages (``/moderation/``) go
through actions; an edit here is one "Changed in the Django admin" entry of the audit log
(``audit.admin.AuditedAdmin``), for the product's models and for the accounts' others: groups
(the Moderators role), email addresses (membership by domain), social applications (institutional
sign-in) and accounts, and two-factor authenticators."""

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.socialaccount.admin import SocialAccountAdmin, SocialAppAdmin
from allauth.socialaccount.models import SocialAccount, SocialApp
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedAdmin, audited

from .administration import clean_domain
from .models import Application, Institute, InstituteDomain, MembershipEvent, User


class InstituteDomainForm(forms.ModelForm):
    """The product's rule for a domain (``administration.clean_domain``), here too."""

    class Meta:
        model = InstituteDomain
        fields = ["domain", "retired_at"]

    def clean_domain(self):
        domain = self.cleaned_data["domain"]
        if self.instance.pk is not None and "domain" not in self.changed_data:
            return domain  # an unchanged row stays as it is
        institute = self.instance.institute if self.instance.institute_id else None
        return clean_domain(domain, institute=institute, existing=self.instance)


class InstituteDomainInline(admin.TabularInline):
    model = InstituteDomain
    form = InstituteDomainForm
    extra = 1
    fields = ["domain", "added", "retired_at"]
    readonly_fields = ["added"]


@admin.register(Institute)
class InstituteAdmin(AuditedAdmin):
    list_display = ["acronym", "name", "city", "country", "is_member"]
    list_filter = ["is_member", "country"]
    search_fields = ["acronym", "name", "domains__domain"]
    inlines = [InstituteDomainInline]


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name"]


class UserForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    form = UserForm
    add_form = UserCreationForm
    ordering = ["display_name"]
    list_display = ["display_name", "email", "institute", "status", "is_superuser"]
    list_filter = ["status", "is_superuser", "groups", "institute"]
    list_select_related = ["institute"]
    search_fields = ["display_name", "email"]
    filter_horizontal = ["groups", "user_permissions"]
    readonly_fields = ["date_joined", "member_since", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "display_name", "password"]}),
        (_("Membership"), {"fields": ["institute", "status", "member_since", "is_active"]}),
        (_("Roles"), {"fields": ["is_superuser", "is_staff", "groups"]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})
    ]


@admin.register(Application)
class ApplicationAdmin(AuditedAdmin):
    list_display = ["user", "affiliation", "institute", "status", "created"]
    list_filter = ["status", "institute"]
    search_fields = ["user__display_name", "user__email", "affiliation"]
    list_select_related = ["user", "institute"]
    readonly_fields = ["created", "decided_at", "decided_by"]


@admin.register(MembershipEvent)
class MembershipEventAdmin(AuditedAdmin):
    """The membership history, read only."""

    list_display = ["created", "user", "kind", "actor", "reason"]
    list_filter = ["kind"]
    search_fields = ["user__display_name", "user__email", "reason"]
    list_select_related = ["user", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


for model, model_admin in [
    (Group, GroupAdmin),
    (EmailAddress, EmailAddressAdmin),
    (SocialApp, SocialAppAdmin),
    (SocialAccount, SocialAccountAdmin),
    (Authenticator, AuthenticatorAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, audited(model_admin))
