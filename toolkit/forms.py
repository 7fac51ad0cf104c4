"""Form pieces every editing form shares."""

from __future__ import annotations

from toolkit.text import is_blank


class VisibleTextRequired:
    """Text must hold something a reader can see: a value of only zero-width, format or other
    invisible characters is refused as empty ("This field is required."), as Django refuses
    spaces in a required field. Any text field, not only the form's required ones: a translated
    text's columns (title_en, title_es) are optional one by one, yet a critique needs a title."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(value, str) and value and is_blank(value):
                self.add_error(name, field.error_messages["required"])
        return cleaned
