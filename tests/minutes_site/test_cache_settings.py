"""CACHE_URL picks the cache backend; the default file cache works across processes."""

import pytest

from minutes_site.cache import FileCache
from minutes_site.settings import cache_from_url


def test_cache_url_names_each_backend(tmp_path):
    assert cache_from_url("redis://127.0.0.1:6379/2") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/2",
    }
    file_cache = cache_from_url(f"file://{tmp_path}")
    assert file_cache["BACKEND"] == "minutes_site.cache.FileCache"
    assert file_cache["LOCATION"] == str(tmp_path)
    assert cache_from_url("db://page_cache")["LOCATION"] == "page_cache"
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("dummy://")["BACKEND"].endswith("DummyCache")
    with pytest.raises(ValueError, match="CACHE_URL"):
        cache_from_url("memcached://127.0.0.1:11211")


def test_the_file_cache_stores_and_culls_at_most_once_a_minute(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 1}})
    culls = []
    monkeypatch.setattr(
        "django.core.cache.backends.filebased.FileBasedCache._cull",
        lambda self: culls.append(1),
    )
    for number in range(10):
        cache.set(f"key-{number}", number)
    assert cache.get("key-9") == 9
    assert len(culls) == 1
