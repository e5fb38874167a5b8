"""The "Members" auth group was written on every admission and never read: membership is
``User.status`` (``User.is_member``). Its rows go; moderators keep their group."""

from django.db import migrations


def drop_members_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Members").delete()


def restore_members_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("accounts", "User")
    members, _ = Group.objects.get_or_create(name="Members")
    members.user_set.add(*User.objects.filter(status="member"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_member_since_index")]

    operations = [migrations.RunPython(drop_members_group, restore_members_group)]
