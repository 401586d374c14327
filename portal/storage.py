"""Static files storage: whitenoise's compressed, fingerprinted files, JavaScript modules too."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Also fingerprint the modules that a JavaScript module imports.

    Without it static/js/cookiebar.js (fingerprinted itself) would import django-cookie-
    consent's module by its plain name, which can be cached for only a minute
    (WHITENOISE_MAX_AGE) because a new release may change it under the same name; with
    it the import names the fingerprinted file, cached for good like every other.
    """

    support_js_module_import_aggregation = True
