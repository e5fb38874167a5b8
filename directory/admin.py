from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedAdmin
from core.markup import render_markdown

from . import indexing
from .models import (
    SDG,
    Country,
    Keyword,
    Language,
    Method,
    OrcidImport,
    Profile,
    Publication,
    Region,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin):
    list_display = ["name", "slug", "parent", "order"]
    list_filter = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Method)
class MethodAdmin(AuditedAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]


@admin.register(Language)
class LanguageAdmin(AuditedAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(SDG)
class SDGAdmin(AuditedAdmin):
    list_display = ["number", "name"]


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(Country)
class CountryAdmin(AuditedAdmin):
    list_display = ["name", "code", "iso3", "m49", "subregion"]
    list_filter = ["subregion", "groups"]
    search_fields = ["name", "code", "iso3"]
    filter_horizontal = ["groups"]


@admin.register(Keyword)
class KeywordAdmin(AuditedAdmin):
    list_display = ["name", "status", "synonym_of", "synonym_of_theme", "proposed_by", "created"]
    list_filter = ["status"]
    search_fields = ["name"]
    raw_id_fields = ["proposed_by", "decided_by", "synonym_of"]


class PublicationInline(admin.TabularInline):
    model = Publication
    extra = 0
    fields = ["title", "year", "venue", "doi", "url", "source"]


@admin.register(Profile)
class ProfileAdmin(AuditedAdmin):
    list_display = ["user", "position", "visibility", "updated"]
    list_filter = ["visibility", "open_to_collaborate", "themes__parent"]
    search_fields = ["user__display_name", "user__email", "position"]
    raw_id_fields = ["user"]
    filter_horizontal = ["themes", "keywords", "methods", "countries", "regions", "languages"]
    inlines = [PublicationInline]
    actions = ["rebuild_search"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "themes":  # profiles hold themes, as in the profile form, not areas
            kwargs["queryset"] = Theme.objects.leaves().select_related("parent")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.biography_html = render_markdown(obj.biography) if obj.biography else ""
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Rebuild the search index of the selected profiles"))
    def rebuild_search(self, request, queryset):
        indexing.refresh(queryset.values_list("pk", flat=True))


@admin.register(OrcidImport)
class OrcidImportAdmin(AuditedAdmin):
    list_display = ["profile", "orcid", "status", "created", "finished_at"]
    list_filter = ["status"]
    raw_id_fields = ["profile"]
    readonly_fields = ["candidates"]
