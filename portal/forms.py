"""How the portal's forms render (settings.FORM_RENDERER)."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render with the project's TEMPLATES, every field through one field template.

    A page writes `{{ form.name.as_field_group }}`; the label, the help text and the
    errors then sit next to the field the same way on every page of the portal.
    """

    field_template_name = "forms/field.html"
