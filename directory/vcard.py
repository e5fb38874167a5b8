"""vCard 4.0 (RFC 6350) for a profile: what a member may put in an address book."""


def escape(value: str) -> str:
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            parts.append(current)
            current = " " + char
        else:
            current += char
    parts.append(current)
    return "\r\n".join(parts)


def vcard_for(profile, url: str) -> str:
    user = profile.user
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{escape(user.display_name)}"]
    if user.institute_id:
        lines.append(f"ORG:{escape(user.institute.name)}")
    if profile.position:
        lines.append(f"TITLE:{escape(profile.position)}")
    if profile.show_email:
        lines.append(f"EMAIL:{escape(user.email)}")
    lines.append(f"URL:{escape(url)}")
    if profile.orcid:
        lines.append(f"URL;TYPE=orcid:{escape(profile.orcid_url)}")
    lines.append("END:VCARD")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
