"""Form pieces every editing form shares."""

from __future__ import annotations

from toolkit.text import is_blank


class VisibleTextRequired:
    """A required text field must hold something a reader can see: a value of only zero-width,
    format or other invisible characters is refused as empty ("This field is required."), as
    Django refuses spaces."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if field.required and isinstance(value, str) and value and is_blank(value):
                self.add_error(name, field.error_messages["required"])
        return cleaned
