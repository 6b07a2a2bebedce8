"""The exceptions that mean 'the database cannot be reached'."""

from django.db import InterfaceError, OperationalError

DATABASE_ERRORS = (OperationalError, InterfaceError)
