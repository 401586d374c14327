"""Phone numbers as people read them: the one home of how the portal writes a number.

Numbers are stored in E.164 (+77011234567). A Kazakhstan number is written the way it is
dictated, «+7 701 123 45 67»: country code, operator code, then 3, 2 and 2 digits.
libphonenumber's international format groups it «+7 701 123 4567», so Kazakhstan's
grouping is applied here; any other valid number keeps libphonenumber's international form.
"""

import phonenumbers

KZ_REGION = "KZ"


def phone_format(value) -> str:
    """Return the number (a PhoneNumber or a string) written for reading; "" when empty.

    A value that does not parse is returned as it is: shown rather than lost.
    """
    if not value:
        return ""
    number = value if isinstance(value, phonenumbers.PhoneNumber) else None
    if number is None:
        try:
            number = phonenumbers.parse(str(value), KZ_REGION)
        except phonenumbers.NumberParseException:
            return str(value)
    if not phonenumbers.is_valid_number(number):
        return str(value)
    if phonenumbers.region_code_for_number(number) == KZ_REGION:
        digits = phonenumbers.national_significant_number(number)
        return f"+{number.country_code} {digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_uri(value) -> str:
    """Return a tel: link target for the number (E.164), or "" when it does not parse."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(str(value), KZ_REGION)
    except phonenumbers.NumberParseException:
        return ""
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
