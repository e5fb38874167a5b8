from oauth2_provider.oauth2_validators import OAuth2Validator

# People of this provider whose address it has not confirmed belong to this group.
UNVERIFIED = "unverified-email"


class Validator(OAuth2Validator):
    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.groups.filter(name=UNVERIFIED).exists(),
            "name": f"{user.first_name} {user.last_name}".strip(),
            "given_name": user.first_name,
            "family_name": user.last_name,
        }
