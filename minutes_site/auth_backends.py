"""Authentication backends."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come through a web request.

    Axes refuses to run without a request; logins without one (test clients' login(),
    management commands) are not attacks over the network, so they pass straight on to
    ModelBackend instead of erroring. Every web login form passes the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
