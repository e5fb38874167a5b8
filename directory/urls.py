from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("overview/", views.overview, name="overview"),
    path("collaborators/", views.collaborators, name="collaborators"),
    path("me/", views.edit, name="edit"),
    path("me/photo/", views.upload_photo, name="upload_photo"),
    path("me/photo/remove/", views.remove_photo, name="remove_photo"),
    path("me/publications/", views.add_publication, name="add_publication"),
    path("me/publications/<int:pk>/delete/", views.delete_publication, name="delete_publication"),
    path("me/suggestions/", views.suggestions_page, name="suggestions"),
    path("me/orcid/", views.start_orcid_import, name="start_orcid_import"),
    path("me/orcid/<int:pk>/", views.orcid_import, name="orcid_import"),
    # The queue is in the moderation area (/moderation/keywords/) now.
    path(
        "keywords/",
        RedirectView.as_view(pattern_name="moderation:keywords", query_string=True),
        name="keyword_queue",
    ),
    path("keywords/<int:pk>/decide/", views.decide_keyword, name="decide_keyword"),
    path("people/<int:pk>/", views.profile, name="profile"),
    path("people/<int:pk>/card/", views.card, name="card"),
    path("people/<int:pk>/contact/", views.contact, name="contact"),
    path("people/<int:pk>/vcard.vcf", views.vcard, name="vcard"),
    path("people/<int:pk>/photo.webp", views.photo, name="photo"),
    path("public/<int:pk>/", views.public_profile, name="public_profile"),
    path("public/<int:pk>/photo.webp", views.public_photo, name="public_photo"),
]
