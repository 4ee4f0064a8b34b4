"""Writes the reading fixtures in this folder, one file per condition. Run it after changing one:

    python tests/data/make_fixtures.py

Each file is committed, so the tests read real bytes; this script documents how they were made.
The export header lines are those that Google Contacts, Outlook, Mailchimp and HubSpot write.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).parent

SPANISH_ROWS = [
    ["Nombre", "Correo electrónico", "Código postal", "Notas"],
    ["José Núñez", "jose@correo.es", "08001", "NA"],
    ["María Peña", "maria@correo.es", "007", "null"],
]
CYRILLIC_ROWS = [
    ["Имя", "Фамилия", "Электронная почта", "Город"],
    ["Иван", "Петров", "ivan.petrov@mail.ru", "Москва"],
    ["Олена", "Шевченко", "olena@ukr.net", "Київ"],
]

GOOGLE_LEGACY = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
    "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,"
    "Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,"
    "Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,"
    "E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value"
)
GOOGLE_CURRENT = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
    "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
    "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "E-mail 2 - Label,E-mail 2 - Value,E-mail 3 - Label,E-mail 3 - Value,Phone 1 - Label,Phone 1 - Value"
)
OUTLOOK = (
    "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,"
    "Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,"
    "Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,Home Address,Home Street,Home Street 2,"
    "Home Street 3,Home Address PO Box,Home City,Home State,Home Postal Code,Home Country,Spouse,Children,"
    "Manager's Name,Assistant's Name,Referred By,Company Main Phone,Business Phone,Business Phone 2,"
    "Business Fax,Assistant's Phone,Company,Job Title,Department,Office Location,Organizational ID Number,"
    "Profession,Account,Business Address,Business Street,Business Street 2,Business Street 3,"
    "Business Address PO Box,Business City,Business State,Business Postal Code,Business Country,"
    "Other Phone,Other Fax,Other Address,Other Street,Other Street 2,Other Street 3,Other Address PO Box,"
    "Other City,Other State,Other Postal Code,Other Country,Callback,Car Phone,ISDN,Radio Phone,"
    "TTY/TDD Phone,Telex,User 1,User 2,User 3,User 4,Keywords,Mileage,Hobby,Billing Information,"
    "Directory Server,Sensitivity,Priority,Private,Categories"
)
MAILCHIMP = (
    '"Email Address","First Name","Last Name",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,'
    "LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES"
)
HUBSPOT = (
    '"Record ID","First Name","Last Name","Email","Phone Number","Lead Status","Favorite Content Topics",'
    '"Preferred channels","Create Date"'
)


def _row(header: str, values: dict[int, str]) -> str:
    """A comma-separated record as wide as ``header``, with ``values`` at the given positions."""
    width = len(header.split(","))
    cells = [values.get(i, "") for i in range(width)]
    return ",".join(f'"{c}"' if "," in c or " " in c else c for c in cells)


def _table(rows: list[list[str]], delimiter: str, newline: str = "\r\n") -> str:
    return "".join(delimiter.join(row) + newline for row in rows)


def main() -> None:
    files: dict[str, bytes] = {
        "utf8_bom.csv": codecs.BOM_UTF8 + _table(SPANISH_ROWS, ",").encode("utf-8"),
        "utf8_plain.csv": _table(SPANISH_ROWS, ",", "\n").encode("utf-8"),
        "cp1252_semicolon.csv": _table(SPANISH_ROWS, ";").encode("cp1252"),
        "utf16_tab.txt": codecs.BOM_UTF16_LE + _table(SPANISH_ROWS, "\t").encode("utf-16-le"),
        "cp1251_semicolon.csv": _table(CYRILLIC_ROWS, ";").encode("cp1251"),
        "pipe.csv": _table(SPANISH_ROWS, "|").encode("utf-8"),
        "tab.tsv": _table(SPANISH_ROWS, "\t", "\n").encode("utf-8"),
        "no_header.csv": _table([r for r in SPANISH_ROWS[1:]], ",").encode("utf-8"),
        "single_column_no_header.txt": b"jose@correo.es\nmaria@correo.es\nno-es-un-correo\n",
        "single_column_header.csv": b"email\njose@correo.es\nmaria@correo.es\n",
        "header_only.csv": "Nombre;Correo electrónico\r\n".encode(),
        "multiline_cells.csv": (
            'Nombre,Email,Notas\r\n"Ana","ana@correo.es","primera línea\r\nsegunda, con coma"\r\n'
            '"Luis","luis@correo.es","dice ""hola"""\r\n'
        ).encode(),
        "google_contacts_legacy.csv": (
            GOOGLE_LEGACY + "\r\n"
            + _row(GOOGLE_LEGACY, {0: "Ana Pérez", 28: "* myContacts", 29: "* Home", 30: "ana@correo.es",
                                   29 + 2: "* Work", 30 + 2: "ana.trabajo@empresa.es"}) + "\r\n"
            + _row(GOOGLE_LEGACY, {0: "Luis", 28: "* myContacts ::: Amigos", 29: "* Home",
                                   30: "luis@correo.es ::: luis@otro.es"}) + "\r\n"
        ).encode("utf-8"),
        "google_contacts.csv": codecs.BOM_UTF8 + (
            GOOGLE_CURRENT + "\r\n"
            + _row(GOOGLE_CURRENT, {0: "Alice", 2: "Smith", 16: "* myContacts", 17: "* Other",
                                    18: "alice@correo.es"}) + "\r\n"
            + _row(GOOGLE_CURRENT, {0: "Jörg", 16: "* myContacts", 23: "Mobile", 24: "+49 170 1234567"}) + "\r\n"
        ).encode("utf-8"),
        "outlook.csv": (
            OUTLOOK + "\r\n"
            + _row(OUTLOOK, {0: "Ana", 2: "Pérez", 14: "ana@correo.es", 15: "ana2@correo.es",
                             len(OUTLOOK.split(",")) - 1: "Imported 12/7/17 1;My Contacts"}) + "\r\n"
        ).encode("cp1252"),
        "mailchimp.csv": (
            MAILCHIMP + "\n"
            + 'ana@correo.es,Ana,Pérez,2,,,"2015-03-16 14:40:47",,,,,,,,,"2015-03-16 14:40:47",some-value,x,\n'
        ).encode("utf-8"),
        "hubspot.csv": (
            HUBSPOT + "\n"
            + '"100000000001","Casey","Example","casey@empresa.es","","In Progress","","","2020-01-10 10:00"\n'
        ).encode("utf-8"),
        "header_spanish.csv": "Nombre;Apellidos;Dirección de correo\r\nAna;Pérez;ana@correo.es\r\n".encode("cp1252"),
        "header_portuguese.csv": "Nome,Endereço de e-mail,Cidade\nJoão,joao@correio.com.br,São Paulo\n".encode(),
        "header_ukrainian.csv": "Ім'я;Електронна пошта;Місто\r\nОлена;olena@ukr.net;Київ\r\n".encode("cp1251"),
        "header_russian.csv": "Имя,Эл. почта,Город\nИван,ivan@mail.ru,Москва\n".encode(),
        "email_by_content.csv": b"Nombre;Contacto;Ciudad\nAna;ana@correo.es;Madrid\nLuis;luis@correo.es;Vigo\n",
        "no_email_column.csv": b"Nombre,Telefono\nAna,600111222\nLuis,600333444\n",
        "empty.csv": b"",
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
