"""Django admin for accounts (administrators normally use the service's own pages)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from safer.accounts.models import Organisation, Team, User

admin.site.register(Organisation)
admin.site.register(Team)


@admin.register(User)
class SaferUserAdmin(UserAdmin):
    """Users with organisation, team and role."""

    fieldsets = (*(UserAdmin.fieldsets or ()), ("Partnership", {"fields": ("organisation", "team", "role")}))
    list_display = ("username", "organisation", "role", "is_active")
