"""Names shared by the file storages, without loading the S3 client: a site on the local
disk never imports boto3 (with its S3 client, about 23 MiB a process). The S3 storage itself is
`minutes_site.s3_storage.DocumentS3Storage` (STORAGE_BACKEND=s3)."""

# Public copies of public documents live under this prefix, and nothing else does.
PUBLIC_PREFIX = "public/"


def storage_errors():
    """The exceptions a storage call may raise (the S3 client's too, when it is in use)."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - boto3 is in requirements.txt
        return (OSError,)
    return (BotoCoreError, ClientError, OSError)
