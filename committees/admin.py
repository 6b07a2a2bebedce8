"""Admin for the organisation: committees, people, memberships, wards, parties, venues."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from committees.interests import RegisteredInterest
from committees.models import Committee, Membership, Party, Person, ScrutinyArea, Venue, Ward


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "colour"]
    search_fields = ["name", "short_name"]
    exclude = ["slug"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    exclude = ["slug"]


@admin.register(ScrutinyArea)
class ScrutinyAreaAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    exclude = ["slug"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "postcode"]
    search_fields = ["name", "address", "postcode"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "committee"
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "role", "start_date", "end_date", "is_voting"]


class PersonMembershipInline(MembershipInline):
    fk_name = "person"
    autocomplete_fields = ["committee"]
    fields = ["committee", "role", "start_date", "end_date", "is_voting"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "kind", "party", "ward", "job_title"]
    list_filter = ["kind", "party", "ward", "is_public"]
    search_fields = ["name", "job_title", "email"]
    autocomplete_fields = ["party", "ward"]
    inlines = [PersonMembershipInline]
    fieldsets = [
        (None, {"fields": ["kind", "title", "name"]}),
        ("Councillor", {"fields": ["party", "ward"]}),
        ("Contact", {"fields": ["job_title", "phone", "email", "is_public"]}),
    ]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "is_active", "add_meeting_link"]
    list_filter = ["kind", "is_active", "is_public"]
    search_fields = ["name"]
    autocomplete_fields = ["parent", "support_officer", "default_venue", "scrutiny_area"]
    filter_horizontal = ["clerks"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "kind", "parent", "scrutiny_area", "is_active", "is_public"]}),
        ("Purpose", {"fields": ["purpose", "terms_of_reference"]}),
        (
            "Meetings",
            {
                "fields": [
                    "support_officer",
                    "clerks",
                    "default_venue",
                    "default_start_time",
                    "agenda_clear_days",
                    "public_questions_days",
                    "quorum",
                    "position",
                ],
                "description": "New meetings take the usual venue and start time.",
            },
        ),
    ]

    @admin.display(description="New meeting")
    def add_meeting_link(self, obj):
        url = reverse("admin:agenda_meeting_add") + f"?committee={obj.pk}"
        return format_html('<a href="{}">Add a meeting</a>', url)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "committee", "role", "start_date", "end_date", "is_voting"]
    list_filter = ["role", "committee", "is_voting"]
    search_fields = ["person__name", "committee__name"]
    autocomplete_fields = ["person", "committee"]
    list_select_related = ["person", "committee"]


@admin.register(RegisteredInterest)
class RegisteredInterestAdmin(SimpleHistoryAdmin):
    """The register of members' interests, with its history."""

    list_display = ["person", "category", "description", "registered_on", "ended_on"]
    list_filter = ["category", "is_sensitive"]
    search_fields = ["person__name", "description"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]
    date_hierarchy = "registered_on"
