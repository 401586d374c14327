"""Reads of catalogue imports: a seller sees their own, anybody else's is None (a 404)."""

from listings.catalogue.models import CatalogueImport

RECENT_IMPORTS = 10


def catalogue_import_get(*, company, pk: int) -> CatalogueImport | None:
    if company is None:
        return None
    return CatalogueImport.objects.filter(company=company, pk=pk).first()


def catalogue_import_list(*, company, limit: int = RECENT_IMPORTS) -> list[CatalogueImport]:
    return list(
        CatalogueImport.objects.filter(company=company).order_by("-created_at", "-pk")[:limit]
    )
