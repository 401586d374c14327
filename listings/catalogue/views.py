"""The seller's catalogue import and export pages (all behind `seller_required`).

Every URL with an import's id fetches it through the seller's own company, so another
seller's import is a 404.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import seller_required
from listings.catalogue import export, importer, selectors
from listings.catalogue.forms import CatalogueUploadForm
from portal.lookups import found_or_404

UPLOADED = _("The file is uploaded. Check the preview, then confirm the import.")
IMPORT_STARTED = _("The import has started. You can leave this page: it goes on without you.")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


def _own_import(company, pk):
    return found_or_404(selectors.catalogue_import_get(company=company, pk=pk))


@seller_required
@require_http_methods(["GET", "POST"])
def import_start(request, company):
    form = CatalogueUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        catalogue_import = importer.catalogue_import_create(
            company=company, upload=form.cleaned_data["file"], language=get_language()
        )
        messages.success(request, UPLOADED)
        return redirect(catalogue_import)
    context = {
        "company": company,
        "form": form,
        "imports": selectors.catalogue_import_list(company=company),
    }
    return render(request, "listings/catalogue/import.html", context)


@seller_required
@require_GET
def import_detail(request, company, pk):
    catalogue_import = _own_import(company, pk)
    context = {"company": company, "catalogue_import": catalogue_import}
    return render(request, "listings/catalogue/import_detail.html", context)


@seller_required
@require_POST
def import_confirm(request, company, pk):
    catalogue_import = _own_import(company, pk)
    try:
        importer.catalogue_import_confirm(catalogue_import=catalogue_import)
    except importer.CatalogueImportError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, IMPORT_STARTED)
    return redirect(catalogue_import)


@seller_required
@require_GET
def import_progress(request, company, pk):
    catalogue_import = _own_import(company, pk)
    return JsonResponse(
        {
            "status": catalogue_import.status,
            "label": str(catalogue_import.status_label),
            "running": catalogue_import.is_running,
            "processed": catalogue_import.processed_rows,
            "total": catalogue_import.total_rows,
            "percent": catalogue_import.percent,
        },
        headers={"Cache-Control": "no-store"},
    )


@seller_required
@require_GET
def import_report(request, company, pk):
    catalogue_import = _own_import(company, pk)
    if not catalogue_import.report:
        raise Http404
    return FileResponse(
        catalogue_import.report.open("rb"),
        as_attachment=True,
        filename=f"catalogue-report-{catalogue_import.pk}.csv",
        content_type=FORMATS["csv"],
    )


@seller_required
@require_GET
def template(request, company, fmt):
    fmt = _format(fmt)
    if fmt == "csv":
        response = HttpResponse(export.template_csv(), content_type=FORMATS[fmt])
        response["Content-Disposition"] = 'attachment; filename="catalogue-template.csv"'
        return response
    return FileResponse(
        export.template_xlsx(),
        as_attachment=True,
        filename="catalogue-template.xlsx",
        content_type=FORMATS[fmt],
    )


@seller_required
@require_GET
def catalogue_export(request, company, fmt):
    fmt = _format(fmt)
    filename = f"catalogue-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            export.export_csv_lines(company), content_type=FORMATS[fmt]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return FileResponse(
        export.export_xlsx(company),
        as_attachment=True,
        filename=filename,
        content_type=FORMATS[fmt],
    )
