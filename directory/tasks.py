"""Background work of the directory (django-tasks: at once by default, a worker in production)."""

from django.utils import timezone
from django_tasks import task

from .models import OrcidImport
from .orcid import OrcidError, fetch_works


@task()
def import_orcid_works(import_id: int) -> None:
    """Fetch the member's public works and keep the new ones for review; adds nothing yet."""
    orcid_import = OrcidImport.objects.select_related("profile").get(pk=import_id)
    if orcid_import.status != OrcidImport.Status.QUEUED:
        return
    OrcidImport.objects.filter(pk=import_id).update(status=OrcidImport.Status.FETCHING)
    try:
        works = fetch_works(orcid_import.orcid)
    except OrcidError as error:
        OrcidImport.objects.filter(pk=import_id).update(
            status=OrcidImport.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        return
    OrcidImport.objects.filter(pk=import_id).update(
        status=OrcidImport.Status.READY,
        works_seen=len(works),
        candidates=new_works(orcid_import.profile, works),
        finished_at=timezone.now(),
    )


def new_works(profile, works: list[dict]) -> list[dict]:
    """Works not on the profile yet, and each only once (by DOI, then by ORCID put-code)."""
    known = profile.publications.values_list("doi", "orcid_put_code")
    seen_dois = {doi for doi, _code in known if doi}
    seen_codes = {code for _doi, code in known if code is not None}
    fresh = []
    for work in works:
        if work["put_code"] in seen_codes or (work["doi"] and work["doi"] in seen_dois):
            continue
        seen_codes.add(work["put_code"])
        if work["doi"]:
            seen_dois.add(work["doi"])
        fresh.append(work)
    return fresh
