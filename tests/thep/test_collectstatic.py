from django.core.management import call_command
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class WithoutBrotli(CompressedManifestStaticFilesStorage):
    """The production storage, compressing with gzip alone: Brotli at its best takes most of a
    minute over the admin's files, and what this test is about is the hashing."""

    def create_compressor(self, **kwargs) -> Compressor:
        return Compressor(use_brotli=False, **kwargs)


def test_production_collectstatic_hashes_every_file(settings, tmp_path):
    """The Docker image runs collectstatic with the manifest storage, which refuses a file
    that points at one it cannot find (such as a source map that is not shipped)."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": f"{__name__}.WithoutBrotli"},
    }
    call_command("collectstatic", "--no-input", "-v", "0")
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/bootstrap.bundle.min.*.js"))
    assert list(tmp_path.glob("vendor/bootstrap.bundle.min.*.js.gz"))
