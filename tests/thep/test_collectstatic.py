from django.core.management import call_command


def test_production_collectstatic_hashes_every_file(settings, tmp_path):
    """The Docker image runs collectstatic with the manifest storage, which refuses a file
    that points at one it cannot find (such as a source map that is not shipped)."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", "-v", "0")
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/bootstrap.bundle.min.*.js"))
