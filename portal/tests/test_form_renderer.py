"""Every form field renders through one template (portal.forms.FormRenderer, forms/field.html)."""

from django import forms
from django.template.loader import render_to_string

RADIOS = forms.RadioSelect
REQUIRED = '<span class="required" aria-hidden="true">*</span>'


class _Form(forms.Form):
    name = forms.CharField(label="Name", help_text="As in the passport.")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")], widget=RADIOS)
    agree = forms.BooleanField(label="I agree", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def test_a_field_shows_its_label_help_and_error_next_to_it():
    html = str(_Form({"name": ""})["name"].as_field_group())

    assert 'class="field field-error"' in html
    assert f'<label for="id_name">Name {REQUIRED}</label>' in html
    assert '<span class="helptext" id="id_name_helptext">As in the passport.</span>' in html
    assert '<ul class="errorlist" id="id_name_error"><li>This field is required.</li></ul>' in html


def test_radio_buttons_are_a_fieldset_with_a_legend():
    html = str(_Form({})["kind"].as_field_group())

    fieldset = '<fieldset class="field field-choices field-error" id="id_kind" aria-invalid="true">'
    assert fieldset in html
    assert "<legend>Kind" in html
    assert html.count('type="radio"') == 2


def test_a_checkbox_sits_inside_its_label_and_a_hidden_field_is_only_the_input():
    form = _Form()

    assert '<div class="field field-check">' in str(form["agree"].as_field_group())
    assert str(form["token"].as_field_group()).strip() == str(form["token"])


def test_a_checkboxs_help_is_the_text_its_input_is_described_by():
    class Form(forms.Form):
        agree = forms.BooleanField(label="I agree", help_text="You can withdraw it.")

    html = str(Form()["agree"].as_field_group())

    assert 'aria-describedby="id_agree_helptext"' in html
    assert '<span class="helptext" id="id_agree_helptext">You can withdraw it.</span>' in html


def test_the_account_pages_mark_optional_fields_instead_of_required_ones():
    class Form(forms.Form):
        name = forms.CharField(label="Name")
        patronymic = forms.CharField(label="Patronymic", required=False)

    html = render_to_string("accounts/_form_fields.html", {"form": Form()})

    assert '<label for="id_name">Name</label>' in html
    assert 'Patronymic <span class="muted optional">(optional)</span></label>' in html
    assert REQUIRED not in html
