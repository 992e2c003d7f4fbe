"""Board member and agency officer roles (planning, issue 25)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="user", name="user_role_valid"),
        migrations.AlterField(
            model_name="user",
            name="role",
            field=models.CharField(
                choices=[
                    ("analyst", "Analyst"),
                    ("caseworker", "Caseworker"),
                    ("case_manager", "Case manager"),
                    ("partnership_manager", "Partnership manager"),
                    ("administrator", "Administrator"),
                    ("board_member", "Board member"),
                    ("agency_officer", "Agency officer"),
                ],
                default="analyst",
                max_length=30,
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "role__in",
                        [
                            "analyst",
                            "caseworker",
                            "case_manager",
                            "partnership_manager",
                            "administrator",
                            "board_member",
                            "agency_officer",
                        ],
                    )
                ),
                name="user_role_valid",
            ),
        ),
    ]
