"""Every sentence listcheck says to people, in every language it speaks: data, read by ``messages``.

Each key gives its sentence per language. A sentence that counts something gives one form per
plural category of the language (CLDR's names: ``one``, ``few``, ``many``, ``other``), chosen by
``messages.say_count``. Every form of a key names the same ``{values}``; tests/test_messages.py
checks that every key has every language and that they agree.
"""

from __future__ import annotations

import re

Sentence = str | dict[str, str]  # one text, or one text per plural category

# Each key: its sentence in every language. Sentences end with a period where a person would put one.
MESSAGES: dict[str, dict[str, Sentence]] = {
    # Counting rows.
    "rows": {"en": {"one": "{count} row", "other": "{count} rows"},
             "es": {"one": "{count} fila", "other": "{count} filas"}},

    # The titles of the reasons, as reports show them.
    "reason.empty": {"en": "Empty cell", "es": "Celda vacía"},
    "reason.missing_at": {"en": "No @", "es": "Sin @"},
    "reason.syntax": {"en": "Syntax error", "es": "Error de sintaxis"},
    "reason.multiple_addresses": {"en": "Several addresses in one cell", "es": "Varias direcciones en una celda"},
    "reason.special_use_domain": {"en": "Reserved domain", "es": "Dominio reservado"},
    "reason.unknown_tld": {"en": "Top-level domain does not exist", "es": "La extensión del dominio no existe"},
    "reason.domain_not_found": {"en": "Domain does not exist", "es": "El dominio no existe"},
    "reason.null_mx": {"en": "Domain accepts no mail", "es": "El dominio no acepta correo"},
    "reason.no_mail_server": {"en": "No mail server", "es": "Sin servidor de correo"},
    "reason.suppressed": {"en": "On a suppression list", "es": "En una lista de supresión"},
    "reason.typo_domain": {"en": "Misspelled domain", "es": "Dominio mal escrito"},
    "reason.disposable": {"en": "Throwaway mailbox", "es": "Buzón desechable"},
    "reason.role_account": {"en": "Role mailbox", "es": "Dirección genérica"},
    "reason.duplicate": {"en": "Duplicate", "es": "Repetida"},
    "reason.dns_unknown": {"en": "DNS could not answer", "es": "El DNS no pudo responder"},

    # The listcheck_detail sentences: what is wrong with a row, and what to do.
    "detail.empty": {"en": "The address cell is empty. Fill it in or delete the row.",
                     "es": "La celda de la dirección está vacía. Complétala o borra la fila."},
    "detail.multiple": {"en": "The cell holds {count} addresses ({shown}). Put each address on its own row.",
                        "es": "La celda tiene {count} direcciones ({shown}). Pon cada dirección en su propia fila."},
    "detail.missing_at": {"en": "There is no @ in '{cell}'. An address looks like name@domain.com.",
                          "es": "No hay ninguna @ en '{cell}'. Una dirección tiene la forma nombre@dominio.com."},
    "detail.syntax_other": {"en": "{message}", "es": "La dirección no tiene una forma válida ({message})"},
    "detail.free_provider": {"en": "A free or personal mail provider ({provider}).",
                             "es": "Un proveedor de correo gratuito o personal ({provider})."},
    "detail.typo": {"en": "'{domain}' looks like a misspelling of '{correction}'. Did you mean {suggestion}?",
                    "es": "'{domain}' parece una errata de '{correction}'. ¿Querías decir {suggestion}?"},
    "detail.typo_and_tld": {
        "en": "'.{tld}' is not a top-level domain; '{domain}' looks like a misspelling of '{correction}'. "
              "Did you mean {suggestion}?",
        "es": "'.{tld}' no es una extensión de dominio; '{domain}' parece una errata de '{correction}'. "
              "¿Querías decir {suggestion}?"},
    "detail.unknown_tld": {
        "en": "'.{tld}' is not an existing top-level domain, so '{domain}' cannot receive mail.",
        "es": "'.{tld}' no es una extensión de dominio que exista, así que '{domain}' no puede recibir correo."},
    "detail.disposable": {
        "en": "'{provider}' gives out throwaway mailboxes that expire within hours or days.",
        "es": "'{provider}' da buzones desechables que caducan en horas o días."},
    "detail.role": {
        "en": "'{role}' is a role mailbox, read by a team or nobody; such addresses complain and bounce more.",
        "es": "'{role}' es una dirección genérica, que lee un equipo o nadie; estas direcciones generan "
              "más quejas por spam y rebotes."},
    "detail.special_use": {
        "en": "'{domain}' is reserved for examples, tests or private networks; no real mailbox uses it.",
        "es": "'{domain}' está reservado para ejemplos, pruebas o redes privadas; ningún buzón real lo usa."},
    "detail.correction_fails": {"en": "The likely correction {address} does not work either: {detail}",
                                "es": "La corrección probable {address} tampoco funciona: {detail}"},
    "detail.suppressed": {
        "en": "On the suppression list {source}: it bounced, complained or unsubscribed before. Never mail it.",
        "es": "Está en la lista de supresión {source}: rebotó, se quejó o se dio de baja antes. No le escribas "
              "nunca."},
    "detail.duplicate_corrected": {"en": "Corrected to {address}, the address of row {row}; this row repeats it.",
                                   "es": "Corregida a {address}, la dirección de la fila {row}; esta fila la repite."},
    "detail.duplicate": {"en": "Same address as row {row}; this row repeats it.",
                         "es": "La misma dirección que la fila {row}; esta fila la repite."},
    "detail.duplicate_written": {"en": "Same address as row {row} ({first}); this row repeats it.",
                                 "es": "La misma dirección que la fila {row} ({first}); esta fila la repite."},
    "detail.no_mail_server": {
        "en": "'{domain}' has no mail server (MX) and no public address to fall back to.",
        "es": "'{domain}' no tiene servidor de correo (MX) ni una dirección pública a la que recurrir."},
    "detail.domain_not_found": {"en": "The domain '{domain}' does not exist.", "es": "El dominio '{domain}' no existe."},
    "detail.null_mx": {"en": "'{domain}' publishes a null MX: it accepts no mail (RFC 7505).",
                       "es": "'{domain}' publica un MX nulo: no acepta correo (RFC 7505)."},
    "detail.dns_timeout": {"en": "DNS did not answer in time for '{domain}'.",
                           "es": "El DNS no respondió a tiempo para '{domain}'."},
    "detail.dns_refused": {"en": "No DNS server would answer for '{domain}' (refused or failed).",
                           "es": "Ningún servidor DNS quiso responder sobre '{domain}' (rechazo o fallo)."},
    "detail.dns_failed": {"en": "DNS failed for '{domain}': {error}.", "es": "El DNS falló para '{domain}': {error}."},
    "detail.dns_untrusted": {"en": "DNS could not be consulted: the resolver cannot be trusted.",
                             "es": "No se pudo consultar el DNS: no se puede confiar en el resolvedor."},
    "detail.dns_stopped": {"en": "DNS had stopped answering; not asked.",
                           "es": "El DNS había dejado de responder; no se preguntó."},
    "detail.other_column": {"en": "{detail} Column {column} of this row holds a valid address: {address}.",
                            "es": "{detail} La columna {column} de esta fila tiene una dirección válida: {address}."},

    # Warnings: what the user should know about the run as a whole.
    "warning.code_page": {
        "en": "The file is not UTF-8 and could be cp1252 or cp1251; it was read as {codec}. If accents or Cyrillic "
              "letters look wrong in the outputs, run again with --encoding.",
        "es": "El archivo no es UTF-8 y podría ser cp1252 o cp1251; se leyó como {codec}. Si los acentos o las "
              "letras cirílicas salen mal en los resultados, vuelve a ejecutarlo con --encoding."},
    "warning.long_rows": {
        "en": {"one": "{count} row has more fields than the header; the extra fields were kept.",
               "other": "{count} rows have more fields than the header; the extra fields were kept."},
        "es": {"one": "{count} fila tiene más campos que el encabezado; los campos de más se conservaron.",
               "other": "{count} filas tienen más campos que el encabezado; los campos de más se conservaron."}},
    "warning.short_rows": {
        "en": {"one": "{count} row has fewer fields than the widest row; it was padded with empty cells.",
               "other": "{count} rows have fewer fields than the widest row; they were padded with empty cells."},
        "es": {"one": "{count} fila tiene menos campos que la más ancha; se completó con celdas vacías.",
               "other": "{count} filas tienen menos campos que la más ancha; se completaron con celdas vacías."}},
    "warning.unclosed_quote": {
        "en": "Row {row} has a cell of {lines} lines with '{delimiter}' inside: probably a quote that is never "
              "closed, which put the rows after it in one cell. Check the file around that row.",
        "es": "La fila {row} tiene una celda de {lines} líneas con '{delimiter}' dentro: seguramente unas comillas "
              "que nunca se cierran, que metieron las filas siguientes en una sola celda. Revisa el archivo cerca "
              "de esa fila."},
    "warning.sheets": {  # said of two sheets or more; "one" is there for the rule's sake
        "en": {"one": "The workbook has {count} sheet; '{sheet}' was checked.",
               "other": "The workbook has {count} sheets; the first, '{sheet}', was checked. Use --sheet to check "
                        "another."},
        "es": {"one": "El libro tiene {count} hoja; se revisó '{sheet}'.",
               "other": "El libro tiene {count} hojas; se revisó la primera, '{sheet}'. Usa --sheet para revisar "
                        "otra."}},
    "warning.temporary_bounces": {
        "en": {"one": "{count} temporary bounce in {file} did not suppress: a full mailbox or a server down is "
                      "worth another try.",
               "other": "{count} temporary bounces in {file} did not suppress: a full mailbox or a server down is "
                        "worth another try."},
        "es": {"one": "{count} rebote temporal de {file} no se suprimió: un buzón lleno o un servidor caído "
                      "merecen otro intento.",
               "other": "{count} rebotes temporales de {file} no se suprimieron: un buzón lleno o un servidor caído "
                        "merecen otro intento."}},
    "warning.dns_stopped": {
        "en": "DNS stopped answering part-way: {unanswered} of {asked} domains are dns_unknown, most of them not "
              "asked. Try again later, or use --nameserver with another resolver.",
        "es": "El DNS dejó de responder a medio camino: {unanswered} de {asked} dominios quedan como dns_unknown, "
              "la mayoría sin preguntar. Vuelve a intentarlo más tarde, o usa --nameserver con otro resolvedor."},
    "warning.dns_unanswered": {
        "en": "DNS could not answer for {unanswered} of the {asked} domains it was asked about (timeouts or server "
              "failures); they are dns_unknown. Try again later, or use --nameserver with another resolver.",
        "es": "El DNS no pudo responder por {unanswered} de los {asked} dominios consultados (sin respuesta a "
              "tiempo o fallos del servidor); quedan como dns_unknown. Vuelve a intentarlo más tarde, o usa "
              "--nameserver con otro resolvedor."},
    "warning.dns_cache_broken": {"en": "The DNS cache could not be used ({error}); this run went without it.",
                                 "es": "No se pudo usar la caché de DNS ({error}); esta revisión siguió sin ella."},
    "warning.dns_cache_unopened": {
        "en": "The DNS cache {path} could not be opened ({error}); this run went without it.",
        "es": "No se pudo abrir la caché de DNS {path} ({error}); esta revisión siguió sin ella."},
    "warning.no_resolver": {
        "en": "This machine has no DNS resolver configured: DNS checks were skipped. Use --nameserver or --no-dns.",
        "es": "Esta máquina no tiene un resolvedor DNS configurado: no se hicieron las comprobaciones de DNS. Usa "
              "--nameserver o --no-dns."},
    "warning.resolver_untrusted": {
        "en": "The DNS resolver cannot be trusted: it does not find the mail servers of {canary}, a domain that "
              "certainly receives mail ({problem}). No address was rejected on DNS grounds; DNS verdicts are "
              "dns_unknown. Check the network, or use --nameserver with a working resolver, or --no-dns.",
        "es": "No se puede confiar en el resolvedor DNS: no encuentra los servidores de correo de {canary}, un "
              "dominio que sin duda recibe correo ({problem}). No se rechazó ninguna dirección por el DNS; sus "
              "veredictos quedan como dns_unknown. Revisa la red, o usa --nameserver con un resolvedor que "
              "funcione, o --no-dns."},
    "warning.title_rows": {
        "en": {"one": "{count} row above the header was left out, not read as data nor written to the outputs: "
                      "{rows}. If that is wrong, say how many rows to skip with --skip-rows.",
               "other": "{count} rows above the header were left out, not read as data nor written to the outputs: "
                        "{rows}. If that is wrong, say how many rows to skip with --skip-rows."},
        "es": {"one": "Se dejó fuera {count} fila encima del encabezado, que no se leyó como datos ni se escribió en "
                      "los resultados: {rows}. Si no es correcto, indica cuántas filas saltar con --skip-rows.",
               "other": "Se dejaron fuera {count} filas encima del encabezado, que no se leyeron como datos ni se "
                        "escribieron en los resultados: {rows}. Si no es correcto, indica cuántas filas saltar con "
                        "--skip-rows."}},
    "preamble.row": {"en": "row {row} '{text}'", "es": "fila {row} '{text}'"},
    "preamble.blank": {"en": {"one": "{count} blank row", "other": "{count} blank rows"},
                       "es": {"one": "{count} fila en blanco", "other": "{count} filas en blanco"}},
    "warning.other_address_columns": {
        "en": {"one": "Column {others} holds addresses too; only {column}{why} was checked. A row whose address "
                      "there is empty or invalid while {others} holds a valid one gets that one as its suggestion. "
                      "--column chooses the column to check.",
               "other": "Columns {others} hold addresses too; only {column}{why} was checked. A row whose address "
                        "there is empty or invalid while one of the others holds a valid one gets that one as its "
                        "suggestion. --column chooses the column to check."},
        "es": {"one": "La columna {others} también tiene direcciones; solo se revisó {column}{why}. Una fila cuya "
                      "dirección ahí está vacía o no es válida mientras {others} tiene una válida recibe esa como "
                      "sugerencia. --column elige la columna que se revisa.",
               "other": "Las columnas {others} también tienen direcciones; solo se revisó {column}{why}. Una fila "
                        "cuya dirección ahí está vacía o no es válida mientras otra de esas columnas tiene una "
                        "válida recibe esa como sugerencia. --column elige la columna que se revisa."}},
    "other_columns.most_valid": {"en": ", the one with the most valid addresses",
                                 "es": ", la que tiene más direcciones válidas"},
    "warning.formulas_without_values": {
        "en": {"one": "{count} cell holds a formula without a computed value ({cells}), as files written by "
                      "programs do; it was read as empty. Open the workbook in Excel or LibreOffice and save it, so "
                      "that the formula is computed, then check it again.",
               "other": "{count} cells hold formulas without a computed value ({cells}), as files written by "
                        "programs do; they were read as empty. Open the workbook in Excel or LibreOffice and save "
                        "it, so that the formulas are computed, then check it again."},
        "es": {"one": "{count} celda tiene una fórmula sin valor calculado ({cells}), como dejan los archivos "
                      "escritos por programas; se leyó vacía. Abre el libro en Excel o LibreOffice y guárdalo, para "
                      "que se calcule la fórmula, y vuelve a revisarlo.",
               "other": "{count} celdas tienen fórmulas sin valor calculado ({cells}), como dejan los archivos "
                        "escritos por programas; se leyeron vacías. Abre el libro en Excel o LibreOffice y guárdalo, "
                        "para que se calculen las fórmulas, y vuelve a revisarlo."}},
    "list.and_more": {"en": "{shown} and {more} more", "es": "{shown} y {more} más"},
    "problem.no_mx": {"en": "no MX records", "es": "sin registros MX"},
    "problem.timeout": {"en": "no answer in time", "es": "sin respuesta a tiempo"},
    "problem.nxdomain": {"en": "the domain does not exist", "es": "el dominio no existe"},
    "report.fail_over": {"en": "{percent}% of the rows were rejected, over --fail-over {limit}%.",
                         "es": "Se rechazó el {percent}% de las filas, más que --fail-over {limit}%."},

    # Input that cannot be read as a contact list (exit status 3), and what to do about it.
    # Options that cannot work: said by the command line as usage errors (exit status 2).
    "usage.two_reports_to_stdout": {
        "en": "only one report can go to standard output: give --report-json or --report-html a file",
        "es": "solo un informe puede ir a la salida estándar: da un archivo a --report-json o a --report-html"},
    "usage.encoding_errors": {"en": "--encoding-errors must be strict, keep or replace, got '{errors}'",
                              "es": "--encoding-errors tiene que ser strict, keep o replace, no '{errors}'"},
    "usage.delimiter": {"en": "--delimiter must be one character, got '{delimiter}'",
                        "es": "--delimiter tiene que ser un solo carácter, no '{delimiter}'"},
    "usage.workbook_options": {"en": "--encoding and --delimiter are for CSV files; a workbook has neither",
                               "es": "--encoding y --delimiter son para archivos CSV; un libro no tiene ninguno"},
    "usage.sheet_for_workbooks": {"en": "--sheet is for .xlsx workbooks", "es": "--sheet es para libros .xlsx"},
    "usage.skip_rows": {"en": "--skip-rows must be 0 or more, got {rows}",
                        "es": "--skip-rows tiene que ser 0 o más, no {rows}"},
    "usage.skip_rows_past_end": {"en": "--skip-rows {rows} skips every row of the file",
                                 "es": "--skip-rows {rows} salta todas las filas del archivo"},
    "usage.dns_limits": {"en": "--dns-timeout must be above 0 and --dns-concurrency at least 1",
                         "es": "--dns-timeout tiene que ser mayor que 0 y --dns-concurrency al menos 1"},
    "usage.unknown_reason": {"en": "{option} '{code}' is not a reason code; the codes are {codes}",
                             "es": "{option} '{code}' no es un código de motivo; los códigos son {codes}"},
    "usage.kept_and_rejected": {"en": "--keep and --reject: {problem}", "es": "--keep y --reject: {problem}"},
    "error.kept_and_rejected": {"en": "{codes} cannot be both kept and rejected",
                                "es": "{codes} no se puede conservar y rechazar a la vez"},
    "usage.nameserver": {"en": "--nameserver {problem}", "es": "--nameserver {problem}"},
    "usage.nameserver_port": {"en": "'{text}' is not HOST[:PORT] (the port is not 1 to 65535)",
                              "es": "'{text}' no es HOST[:PUERTO] (el puerto no está entre 1 y 65535)"},
    "usage.nameserver_form": {"en": "'{text}' is not HOST[:PORT]", "es": "'{text}' no es HOST[:PUERTO]"},
    "usage.nameserver_host": {"en": "'{text}' is not HOST[:PORT] (the host name does not resolve)",
                              "es": "'{text}' no es HOST[:PUERTO] (el nombre del servidor no se resuelve)"},
    "usage.unknown_encoding": {"en": "--encoding '{encoding}' is not an encoding Python knows",
                               "es": "--encoding '{encoding}' no es una codificación que Python conozca"},
    "usage.not_a_text_encoding": {"en": "--encoding '{encoding}' is not a text encoding",
                                  "es": "--encoding '{encoding}' no es una codificación de texto"},
    "usage.domain_list_unreadable": {"en": "cannot read the domain list '{path}': {error}",
                                     "es": "no se puede leer la lista de dominios '{path}': {error}"},
    "usage.domain_list_line": {
        "en": "line {line} of '{path}' is not a domain with an existing top-level domain: '{domain}'",
        "es": "la línea {line} de '{path}' no es un dominio con una extensión que exista: '{domain}'"},
    "usage.column_positions": {"en": "positions 1 to {width}", "es": "las posiciones 1 a {width}"},
    "usage.no_such_column": {"en": "--column '{column}' is not a column of this file; it has {available}",
                             "es": "--column '{column}' no es una columna de este archivo; tiene {available}"},
    "usage.no_such_sheet": {"en": "--sheet '{sheet}' is not a sheet of cells in this workbook; it has {sheets}",
                            "es": "--sheet '{sheet}' no es una hoja de celdas de este libro; tiene {sheets}"},
    "usage.suppress_unreadable": {"en": "--suppress '{path}': {error}", "es": "--suppress '{path}': {error}"},
    "usage.output_is_folder": {"en": "'{path}' is a folder; give a file name for this output",
                               "es": "'{path}' es una carpeta; da un nombre de archivo para este resultado"},
    "usage.cannot_write": {"en": "cannot write '{path}': {error}", "es": "no se puede escribir '{path}': {error}"},
    "usage.cannot_write_in": {"en": "cannot write in '{folder}': {error}",
                              "es": "no se puede escribir en '{folder}': {error}"},
    "hint.another_folder": {"en": "choose another folder with -o", "es": "elige otra carpeta con -o"},
    "usage.output_is_input": {"en": "the output '{path}' is the input file; listcheck never overwrites its input",
                              "es": "el resultado '{path}' es el archivo de entrada; listcheck nunca sobrescribe su "
                                    "entrada"},
    "usage.output_twice": {"en": "'{path}' is given for two outputs; each output needs its own path",
                           "es": "'{path}' se da para dos resultados; cada resultado necesita su propia ruta"},

    "error.unknown_language": {"en": "the language must be one of {languages}, got '{lang}'",
                               "es": "el idioma tiene que ser uno de {languages}, no '{lang}'"},
    "error.no_frame_column": {"en": "column {column} is not in the frame", "es": "la columna {column} no está en la tabla"},
    "error.dns_settings": {"en": "dns must be a DnsSettings, or None for a run without DNS; got {given}",
                           "es": "dns tiene que ser un DnsSettings, o None para no consultar el DNS; se recibió {given}"},
    "error.prefix": {"en": "Error: ", "es": "Error: "},
    "error.interrupted": {"en": "Interrupted: no output was written.",
                          "es": "Interrumpido: no se escribió ningún resultado."},
    "error.empty": {"en": "the file is empty", "es": "el archivo está vacío"},
    "error.blank": {"en": "the file holds no rows, only blank space",
                    "es": "el archivo no tiene filas, solo espacio en blanco"},
    "error.not_found": {"en": "'{path}' does not exist", "es": "'{path}' no existe"},
    "error.folder": {"en": "'{path}' is a folder, not a file", "es": "'{path}' es una carpeta, no un archivo"},
    "error.permission": {"en": "'{path}' cannot be read: permission denied",
                         "es": "no se puede leer '{path}': permiso denegado"},
    "error.unreadable": {"en": "'{path}' cannot be read: {reason}", "es": "no se puede leer '{path}': {reason}"},
    "error.binary": {"en": "the file is binary data, not text", "es": "el archivo son datos binarios, no texto"},
    "error.bad_byte": {"en": "line {line} is not valid {codec} (byte {byte})",
                       "es": "la línea {line} no es {codec} válido (byte {byte})"},
    "error.mostly_utf8": {"en": "{where}, though the rest of the file is UTF-8",
                          "es": "{where}, aunque el resto del archivo es UTF-8"},
    "error.unknown_encoding": {"en": "cannot tell the file's encoding: it is not UTF-8, cp1252 or cp1251 text",
                               "es": "no se reconoce la codificación del archivo: no es texto UTF-8, cp1252 ni "
                                     "cp1251"},
    "error.no_email_column": {"en": "no column holds email addresses: no header names one and no cell contains @",
                              "es": "ninguna columna tiene direcciones de correo: ningún encabezado la nombra y "
                                    "ninguna celda tiene @"},
    "error.cannot_split": {"en": "cannot split the file into rows: {error}",
                           "es": "no se puede dividir el archivo en filas: {error}"},
    "error.workbook": {"en": "cannot read the workbook: {error}", "es": "no se puede leer el libro: {error}"},
    "error.only_charts": {"en": "the workbook has no sheet of cells, only charts",
                          "es": "el libro no tiene hojas con celdas, solo gráficos"},
    "error.empty_sheet": {"en": "the sheet '{sheet}' holds no rows", "es": "la hoja '{sheet}' no tiene filas"},
    "error.is_pdf": {"en": "the file is a PDF document, not a table: export the list from its source as CSV",
                     "es": "el archivo es un documento PDF, no una tabla: exporta la lista desde su origen como CSV"},
    "error.is_zip": {"en": "the file is a ZIP archive (an .xlsx workbook is one): if it is a workbook, name it "
                           ".xlsx; otherwise unzip the export",
                     "es": "el archivo es un ZIP (un libro .xlsx lo es): si es un libro, ponle la extensión .xlsx; "
                           "si no, descomprime la exportación"},
    "error.is_old_office": {"en": "the file is an old Office file (.xls or .doc): save the sheet as CSV",
                            "es": "el archivo es de un Office antiguo (.xls o .doc): guarda la hoja como CSV"},
    "error.is_png": {"en": "the file is a PNG image, not a table", "es": "el archivo es una imagen PNG, no una tabla"},
    "error.is_jpeg": {"en": "the file is a JPEG image, not a table",
                      "es": "el archivo es una imagen JPEG, no una tabla"},
    "error.is_gif": {"en": "the file is a GIF image, not a table", "es": "el archivo es una imagen GIF, no una tabla"},
    "error.is_gzip": {"en": "the file is a gzip archive: decompress it first",
                      "es": "el archivo está comprimido con gzip: descomprímelo antes"},
    "error.is_7zip": {"en": "the file is a 7-Zip archive: extract it first",
                      "es": "el archivo es un 7-Zip: extrae su contenido antes"},
    "error.is_rar": {"en": "the file is a RAR archive: extract it first",
                     "es": "el archivo es un RAR: extrae su contenido antes"},
    "error.is_program": {"en": "the file is a program, not a table", "es": "el archivo es un programa, no una tabla"},
    "error.is_sqlite": {"en": "the file is an SQLite database, not a table: export the table as CSV",
                        "es": "el archivo es una base de datos SQLite, no una tabla: exporta la tabla como CSV"},
    "hint.encoding": {"en": "name the file's real encoding with --encoding",
                      "es": "indica la codificación real del archivo con --encoding"},
    "hint.mostly_utf8": {
        "en": "fix that line, or run again with --encoding-errors keep to carry such bytes through unchanged, or with "
              "--encoding-errors replace to write U+FFFD in their place",
        "es": "corrige esa línea, o vuelve a ejecutarlo con --encoding-errors keep para conservar esos bytes tal "
              "cual, o con --encoding-errors replace para escribir U+FFFD en su lugar"},
    "hint.unknown_encoding": {"en": "if it is text, name its encoding with --encoding",
                              "es": "si es texto, indica su codificación con --encoding"},
    "hint.column": {"en": "name it with --column", "es": "indícala con --column"},
    "hint.delimiter": {"en": "check --delimiter", "es": "revisa --delimiter"},
    "hint.workbook": {"en": "save it again from Excel as .xlsx", "es": "vuelve a guardarlo desde Excel como .xlsx"},

    # The terminal and HTML reports.
    "report.title": {"en": "Contact list check", "es": "Revisión de la lista de contactos"},
    "report.read": {"en": "Read {rows} · encoding {encoding} · delimiter {delimiter} · {header} · addresses in "
                          "column '{column}' ({found_by})",
                    "es": "Leído: {rows} · codificación {encoding} · separador {delimiter} · {header} · direcciones "
                          "en la columna '{column}' ({found_by})"},
    "report.read_sheet": {"en": "Read {rows} · sheet '{sheet}' · {header} · addresses in column '{column}' ({found_by})",
                          "es": "Leído: {rows} · hoja '{sheet}' · {header} · direcciones en la columna '{column}' "
                                "({found_by})"},
    "html.read_as_sheet": {"en": "sheet '{sheet}', {header}, addresses in '{column}'",
                           "es": "hoja '{sheet}', {header}, direcciones en '{column}'"},
    "html.duplicates_kept": {"en": "Repeated addresses were kept, as --keep duplicate asks.",
                             "es": "Las direcciones repetidas se conservaron, como pide --keep duplicate."},
    "report.delimiter_none": {"en": "none (one column)", "es": "ninguno (una columna)"},
    "report.delimiter_tab": {"en": "tab", "es": "tabulador"},
    "report.header_row": {"en": "header row", "es": "con fila de encabezado"},
    "report.no_header_row": {"en": "no header row", "es": "sin fila de encabezado"},
    "report.found_by_header": {"en": "found by its header", "es": "hallada por su encabezado"},
    "report.found_by_content": {"en": "found by its content", "es": "hallada por su contenido"},
    "report.found_by_option": {"en": "as asked", "es": "la indicada"},
    "report.dns_off": {"en": "DNS: not consulted (--no-dns): domains were judged offline only",
                       "es": "DNS: no consultado (--no-dns): los dominios se juzgaron sin conexión"},
    "report.dns_on": {"en": "DNS: {domains} domains asked, {queries} queries, {hits} answered from the cache, "
                            "{timeouts} timeouts",
                      "es": "DNS: {domains} dominios consultados, {queries} consultas, {hits} respondidas desde la "
                            "caché, {timeouts} sin respuesta a tiempo"},
    "report.dns_untrusted": {"en": "; the resolver could not be trusted, so nothing was rejected on DNS grounds",
                             "es": "; no se pudo confiar en el resolvedor, así que nada se rechazó por el DNS"},
    "report.suppression": {"en": "Suppression: {count} addresses from {files}",
                           "es": "Supresión: {count} direcciones de {files}"},
    "report.free_providers": {"en": "{rows} at free or personal mail providers (gmail, hotmail, ...)",
                              "es": "{rows} en proveedores de correo gratuitos o personales (gmail, hotmail, ...)"},
    "report.corrections": {"en": "Corrections written to the clean file ({count})",
                           "es": "Correcciones escritas en el archivo limpio ({count})"},
    "report.typos": {"en": "Typos found ({count}); --fix-typos would correct them",
                     "es": "Erratas encontradas ({count}); --fix-typos las corregiría"},
    "report.typos_more": {"en": "... and {count} more, all in the rejected file and the JSON report",
                          "es": "... y {count} más, todas en el archivo de rechazadas y en el informe JSON"},
    "report.shortened": {"en": {"one": "… ({count} character)", "other": "… ({count} characters)"},
                         "es": {"one": "… ({count} carácter)", "other": "… ({count} caracteres)"}},
    "report.warning": {"en": "Warning: ", "es": "Aviso: "},
    "report.row": {"en": "row", "es": "fila"},
    "report.empty": {"en": "(empty)", "es": "(vacía)"},
    "report.all_passed": {"en": "Every address passed.", "es": "Todas las direcciones pasaron."},
    "report.reasons_examples": {"en": "Reasons, with up to {count} example rows each",
                                "es": "Motivos, con hasta {count} filas de ejemplo cada uno"},
    "status.valid": {"en": "valid", "es": "válidas"},
    "status.risky": {"en": "risky", "es": "dudosas"},
    "status.invalid": {"en": "invalid", "es": "no válidas"},
    "status.unknown": {"en": "unknown", "es": "sin determinar"},
    # One address's status, as `listcheck address` says it (the ones above count rows).
    "address.status.valid": {"en": "valid", "es": "válida"},
    "address.status.risky": {"en": "risky", "es": "dudosa"},
    "address.status.invalid": {"en": "invalid", "es": "no válida"},
    "address.status.unknown": {"en": "unknown", "es": "sin determinar"},
    "output.clean": {"en": "clean", "es": "limpias"},
    "output.rejected": {"en": "rejected", "es": "rechazadas"},
    "output.clean_file": {"en": "clean file", "es": "archivo limpio"},
    "output.rejected_file": {"en": "rejected file", "es": "archivo de rechazadas"},
    "html.totals": {"en": "Addresses by verdict", "es": "Direcciones por veredicto"},
    "html.where": {"en": "Where the rows went", "es": "Adónde fue cada fila"},
    "html.reasons": {"en": "What was found", "es": "Qué se encontró"},
    "html.reason": {"en": "Reason", "es": "Motivo"},
    "html.rows": {"en": "Rows", "es": "Filas"},
    "html.example": {"en": "Example", "es": "Ejemplo"},
    "html.empty": {"en": "(empty cell)", "es": "(celda vacía)"},
    "html.to_rejected": {"en": "to the rejected file", "es": "al archivo de rechazadas"},
    "html.kept": {"en": "kept in the clean file", "es": "se queda en el archivo limpio"},
    "html.domains": {"en": "Domains with the most rows", "es": "Dominios con más filas"},
    "html.domain": {"en": "Domain", "es": "Dominio"},
    "html.verdicts": {"en": "Verdicts", "es": "Veredictos"},
    "html.typos": {"en": "Misspelled domains ({count})", "es": "Dominios mal escritos ({count})"},
    "html.typed": {"en": "As typed", "es": "Tal como se escribió"},
    "html.suggested": {"en": "Suggested", "es": "Sugerencia"},
    "html.written": {"en": "Written to the clean file", "es": "Escrita en el archivo limpio"},
    "html.more_typos": {"en": "... and {count} more, all in the rejected file and the JSON report.",
                        "es": "... y {count} más, todas en el archivo de rechazadas y en el informe JSON."},
    "html.duplicates": {"en": "Repeated addresses ({count} rows)", "es": "Direcciones repetidas ({count} filas)"},
    "html.duplicates_explained": {
        "en": "A repeated address is kept once, at its first row; the rows that repeat it go to the rejected file.",
        "es": "Una dirección repetida se conserva una vez, en su primera fila; las filas que la repiten van al "
              "archivo de rechazadas."},
    "html.warnings": {"en": "Warnings", "es": "Avisos"},
    "html.run": {"en": "This check", "es": "Esta revisión"},
    "html.file": {"en": "File", "es": "Archivo"},
    "html.read_as": {"en": "Read as", "es": "Leído como"},
    "html.read_as_value": {"en": "{encoding}, delimiter {delimiter}, {header}, addresses in '{column}'",
                           "es": "{encoding}, separador {delimiter}, {header}, direcciones en '{column}'"},
    "html.dns_value": {"en": "{domains} domains asked, {queries} queries",
                       "es": "{domains} dominios consultados, {queries} consultas"},
    "html.dns_off": {"en": "not consulted: domains were judged offline",
                     "es": "no consultado: los dominios se juzgaron sin conexión"},
    "html.time": {"en": "Time", "es": "Tiempo"},
    "html.options": {"en": "Options", "es": "Opciones"},
    "html.defaults": {"en": "the defaults", "es": "las predeterminadas"},
    "html.always_reject": {"en": "always reject {codes}", "es": "rechazar siempre {codes}"},
    "html.always_keep": {"en": "always keep {codes}", "es": "conservar siempre {codes}"},
    "html.suppression_lists": {"en": "suppression lists {files}", "es": "listas de supresión {files}"},
    "html.option.strict": {"en": "strict", "es": "estricto"},
    "html.option.fix_typos": {"en": "fix typos", "es": "corregir erratas"},
    "html.option.annotate": {"en": "annotate", "es": "anotar"},
    "html.option.safe_formulas": {"en": "safe formulas", "es": "fórmulas seguras"},
}


# email-validator's most frequent sentences, by their opening words, in Spanish; ``{rest}`` is what
# follows them (a character's name, a count).
SYNTAX_ES = [(re.compile(re.escape(english)), spanish) for english, spanish in [
    ("The email address contains invalid characters before the @-sign:",
     "La dirección tiene caracteres no válidos antes de la @: {rest}"),
    ("The email address contains invalid characters before the @-sign.",
     "La dirección tiene caracteres no válidos antes de la @."),
    ("The part after the @-sign contains invalid characters:",
     "Lo que va después de la @ tiene caracteres no válidos: {rest}"),
    ("An email address cannot have two periods in a row.", "Una dirección no puede tener dos puntos seguidos."),
    ("An email address cannot start with a period.", "Una dirección no puede empezar por un punto."),
    ("An email address cannot have a period immediately before the @-sign.",
     "Una dirección no puede tener un punto justo antes de la @."),
    ("An email address cannot have a period immediately after the @-sign.",
     "Una dirección no puede tener un punto justo después de la @."),
    ("An email address cannot end with a period.", "Una dirección no puede terminar en punto."),
    ("An email address must have an @-sign.", "Una dirección tiene que tener una @."),
    ("There must be something before the @-sign.", "Falta lo que va antes de la @."),
    ("There must be something after the @-sign.", "Falta lo que va después de la @."),
    ("The part after the @-sign is not valid. It should have a period.",
     "Lo que va después de la @ no es válido: le falta un punto (dominio.com)."),
    ("The email address is too long before the @-sign", "La parte antes de la @ es demasiado larga {rest}"),
    ("The email address is too long after the @-sign", "La parte después de la @ es demasiado larga {rest}"),
    ("The email address is too long", "La dirección es demasiado larga {rest}"),
    ("Internationalized characters before the @-sign are not supported",
     "No se admiten caracteres internacionales antes de la @ {rest}"),
    ("The email address contains unsafe characters:", "La dirección tiene caracteres no permitidos: {rest}"),
    ("An email address cannot have a period and a hyphen next to each other.",
     "Una dirección no puede tener un punto y un guion juntos."),
    ("An email address cannot have a hyphen immediately after the @-sign.",
     "Una dirección no puede tener un guion justo después de la @."),
]]
