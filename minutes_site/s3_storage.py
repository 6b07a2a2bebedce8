"""Where uploaded and printed files live: the local disk (the default) or an S3 bucket.

`STORAGE_BACKEND=s3` (settings.py) stores every document in a bucket so that any number of
web and worker machines share them. Every stored object is private: nothing the app saves
can be read without a signature. Two things are built on top:

- A *public copy* of a document the public may see, under `public/`, readable by anyone,
  named with the file's content hash and sent with a year's cache lifetime (a new file has
  a new name, so nothing stale is ever served). Which documents have one is decided by
  `agenda.publishing.public_files` through the one visibility rule; this module only moves
  the bytes.
- *Signed URLs* for the editor: short-lived (SIGNED_URL_SECONDS), made per request, for a
  document whatever its state.
"""

from urllib.parse import quote

from django.conf import settings
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from minutes_site.storage import PUBLIC_PREFIX, storage_errors


def _disposition(filename, inline):
    kind = "inline" if inline else "attachment"
    # Names are slugs (ASCII) already; quote anything else rather than trust it.
    return f'{kind}; filename="{quote(filename, safe=".-_")}"'


class DocumentS3Storage(S3Storage):
    """The bucket, private by default: no object is readable without a signature, except
    the public copies this class writes when asked (`put_public_copy`)."""

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update(
            default_acl="private",
            querystring_auth=True,
            querystring_expire=settings.SIGNED_URL_SECONDS,
            # Uploads get random names already; never overwrite an object in place.
            file_overwrite=False,
        )
        # Signature version 4 everywhere: signed URLs then carry their own expiry.
        defaults["signature_version"] = defaults["signature_version"] or "s3v4"
        return defaults

    def _key(self, name):
        return self._normalize_name(clean_name(name))

    # ------------------------------------------------------------- the editor's access

    def signed_url(self, name, *, filename, content_type, inline):
        """A short-lived signed URL for `name`: the editor's way to open any document.
        Always signed by the bucket itself (never a CDN address, which may not check)."""
        params = {
            "Bucket": self.bucket.name,
            "Key": self._key(name),
            "ResponseContentType": content_type,
            "ResponseContentDisposition": _disposition(filename, inline),
            "ResponseCacheControl": "private, no-store",
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=settings.SIGNED_URL_SECONDS
        )

    # ------------------------------------------------------------------ public copies

    def put_public_copy(self, name, public_name, *, filename, content_type, inline):
        """Copy the private object `name` to `public_name` (under PUBLIC_PREFIX), readable
        by anyone and cacheable for a year. A server-side copy: the bytes never pass
        through this machine."""
        if not public_name.startswith(PUBLIC_PREFIX):
            raise ValueError("public copies live under public/ only")
        extra = {}
        if settings.PUBLIC_FILES_ACL:
            extra["ACL"] = settings.PUBLIC_FILES_ACL
        self.bucket.Object(self._key(public_name)).copy_from(
            CopySource={"Bucket": self.bucket.name, "Key": self._key(name)},
            MetadataDirective="REPLACE",
            ContentType=content_type,
            ContentDisposition=_disposition(filename, inline),
            CacheControl=f"public, max-age={settings.PUBLIC_FILES_MAX_AGE}, immutable",
            **extra,
        )

    def public_names(self, prefix):
        """Names of the public copies under `prefix` (itself under PUBLIC_PREFIX)."""
        if not prefix.startswith(PUBLIC_PREFIX):
            raise ValueError("public copies live under public/ only")
        location = f"{self.location.strip('/')}/" if self.location.strip("/") else ""
        return [
            entry.key[len(location) :]
            for entry in self.bucket.objects.filter(Prefix=location + prefix)
        ]

    def delete_public(self, names):
        """Delete public copies (only ever under PUBLIC_PREFIX)."""
        keys = [self._key(name) for name in names if name.startswith(PUBLIC_PREFIX)]
        for start in range(0, len(keys), 1000):  # S3 deletes at most 1,000 at a time
            batch = keys[start : start + 1000]
            self.bucket.delete_objects(Delete={"Objects": [{"Key": key} for key in batch]})

    def public_url(self, public_name):
        """The address anyone can fetch a public copy at: PUBLIC_FILES_URL (a CDN or the
        bucket's own domain) if set, else the bucket's endpoint, unsigned."""
        key = self._key(public_name)
        if settings.PUBLIC_FILES_URL:
            return f"{settings.PUBLIC_FILES_URL.rstrip('/')}/{quote(key)}"
        return self.unsigned_connection.meta.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket.name, "Key": key}
        )

    # ---------------------------------------------------------------------- health

    def healthy(self):
        """The bucket answers and our keys may use it (a HEAD, nothing written)."""
        try:
            self.connection.meta.client.head_bucket(Bucket=self.bucket.name)
        except storage_errors():
            return False
        return True
