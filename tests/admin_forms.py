"""Posting an admin change form back as a browser would: every field as the page gave it."""


def form_fields(form) -> dict:
    """The values a browser would post for one form of the page, by their HTML names."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue  # an empty field, or an unticked box: the browser sends nothing
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = str(value)
    return data


def change_form_data(response, **changes) -> dict:
    """The change form in `response` (an admin change page), with `changes` made to it.

    Inline rows are included as shown, with their management forms; a change to an inline row
    is given by its HTML name, such as `objectives-0-wording_en`.
    """
    assert response.status_code == 200, response.status_code
    data = form_fields(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_fields(formset.management_form))
        for form in formset.forms:
            data.update(form_fields(form))
    data.update(changes)
    data["_save"] = "Save"
    return data


def inline_prefix(response, model) -> str:
    """The form prefix of the inline rows of `model` on an admin change page."""
    prefixes = [
        inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is model
    ]
    assert len(prefixes) == 1, prefixes
    return prefixes[0]
