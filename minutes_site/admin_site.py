"""The editor's admin site: Django's admin plus TOTP two-factor for staff who use it.

A staff user with a confirmed TOTP device must give a token at login and is only treated
as staff in a session verified by that device. OTP_REQUIRED_FOR_STAFF=1 extends that to
every staff user: without a device, they cannot use the editor until an admin adds one.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice


def otp_required(user):
    """True when this user may only use the editor after a one-time-password check."""
    if not user.is_authenticated or not user.is_staff:
        return False
    return settings.OTP_REQUIRED_FOR_STAFF or user_has_device(user, confirmed=True)


class EditorLoginForm(OTPAdminAuthenticationForm):
    """Password first; a token only for those who need one."""

    def clean(self):
        self.cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is not None and otp_required(user):
            if not user_has_device(user, confirmed=True):
                raise ValidationError(
                    "Two-factor sign-in is required for editor accounts, and yours has no "
                    "authenticator app set up yet. Ask an administrator to add one.",
                    code="otp_device_missing",
                )
            self.clean_otp(user)
        return self.cleaned_data

    def _chosen_device(self, user):
        # One authenticator app per person: the login page asks for a code, not a device.
        return (
            super()._chosen_device(user)
            or TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        )


class EditorAdminSite(admin.AdminSite):
    site_header = "Minutebook editor"
    site_title = "Minutebook"
    index_title = "Meetings, minutes and the organisation"
    login_form = EditorLoginForm
    login_template = "admin/editor_login.html"

    index_template = "admin/dashboard.html"

    def index(self, request, extra_context=None):
        """The front page is the clerk's dashboard, with the list of editor pages below."""
        from agenda.admin.dashboard import dashboard_sections

        extra_context = {**(extra_context or {}), "sections": dashboard_sections(request.user)}
        return super().index(request, extra_context)

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if otp_required(request.user):
            return request.user.is_verified()
        return True
