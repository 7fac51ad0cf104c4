"""English dates as napwatch has always printed them (4 March 2021), where Django's own English
formats would give "March 4, 2021". Other languages use Django's formats for their locale."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
