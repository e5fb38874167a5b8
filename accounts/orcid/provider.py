from allauth.socialaccount.providers.orcid.provider import OrcidProvider as AllauthOrcidProvider

from .views import OrcidAdapter


class OrcidProvider(AllauthOrcidProvider):
    package = "accounts.orcid"  # its urls and views modules
    oauth2_adapter_class = OrcidAdapter
