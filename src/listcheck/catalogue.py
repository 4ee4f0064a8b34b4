"""Every sentence listcheck says to people, in every language it speaks: data, read by ``messages``.

Each key gives its sentence per language. A sentence that counts something gives one form per
plural category of the language (CLDR's names: ``one``, ``few``, ``many``, ``other``), chosen by
``messages.say_count``. Every form of a key names the same ``{values}``; tests/test_messages.py
checks that every key has every language and that they agree.
"""

from __future__ import annotations

import re

from listcheck.catalogue_bounces import BOUNCES
from listcheck.catalogue_cli import COMMAND_LINE
from listcheck.catalogue_errors import ERRORS
from listcheck.catalogue_reports import REPORTS

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
    "reason.non_ascii_local_part": {"en": "Special letters before the @", "es": "Letras especiales antes de la @"},
    "reason.typo_domain": {"en": "Misspelled domain", "es": "Dominio mal escrito"},
    "reason.disposable": {"en": "Throwaway mailbox", "es": "Buzón desechable"},
    "reason.role_account": {"en": "Role mailbox", "es": "Dirección genérica"},
    "reason.duplicate": {"en": "Duplicate", "es": "Repetida"},
    "reason.dns_unknown": {"en": "DNS could not answer", "es": "El DNS no pudo responder"},

    # The listcheck_detail sentences: what is wrong with a row, and what to do.
    "detail.empty": {"en": "The address cell is empty. Fill it in or delete the row.",
                     "es": "La celda de la dirección está vacía. Complétala o borra la fila."},
    "detail.multiple": {  # said of two addresses or more; "one" is there for the rule's sake
        "en": {"one": "The cell holds {count} address ({shown}).",
               "other": "The cell holds {count} addresses ({shown}). Put each address on its own row."},
        "es": {"one": "La celda tiene {count} dirección ({shown}).",
               "other": "La celda tiene {count} direcciones ({shown}). Pon cada dirección en su propia fila."}},
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
    "detail.local_too_long": {
        "en": "The part before the @ has {octets} bytes; mail servers accept at most 64 (RFC 5321). "
              "Check the address with its owner.",
        "es": "La parte antes de la @ tiene {octets} bytes; los servidores de correo aceptan como máximo 64 "
              "(RFC 5321). Comprueba la dirección con su dueño."},
    "detail.non_ascii_local_part": {
        "en": "'{local}' has accents or other special letters before the @; most mail systems and sending "
              "platforms cannot deliver to it. Did you mean {suggestion}?",
        "es": "'{local}' lleva acentos u otras letras especiales antes de la @; la mayoría de los sistemas "
              "de correo y plataformas de envío no pueden entregarle correo. ¿Querías decir {suggestion}?"},
    "detail.non_ascii_no_suggestion": {
        "en": "'{local}' has accents or other special letters before the @; most mail systems and sending "
              "platforms cannot deliver to it. Ask its owner for the address they use.",
        "es": "'{local}' lleva acentos u otras letras especiales antes de la @; la mayoría de los sistemas "
              "de correo y plataformas de envío no pueden entregarle correo. Pide a su dueño la dirección que usa."},
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
    "detail.repaired": {"en": "Repaired from '{cell}'. {detail}", "es": "Dirección reparada a partir de '{cell}'. {detail}"},
    "detail.did_you_mean": {"en": "{detail} Did you mean {suggestion}?", "es": "{detail} ¿Querías decir {suggestion}?"},
    "detail.correction_fails": {"en": "The likely correction {address} does not work either: {detail}",
                                "es": "La corrección probable {address} tampoco funciona: {detail}"},
    "detail.suppressed_history": {
        "en": "In the bounce history {store}: {what}: {reason}{code}. Never mail it.",
        "es": "En el historial de rebotes {store}: {what}: {reason}{code}. No le escribas."},
    "detail.history_what": {"en": "{kind} on {date}", "es": "{kind} el {date}"},
    "detail.suppressed": {
        "en": "On the suppression list {source}: it bounced, complained or unsubscribed before. Never mail it.",
        "es": "Está en la lista de supresión {source}: rebotó, se quejó o se dio de baja antes. No le escribas "
              "nunca."},
    "detail.suggestion_suppressed": {
        "en": "{detail} But {address} is on the suppression list {source}: never mail it.",
        "es": "{detail} Pero {address} está en la lista de supresión {source}: no le escribas nunca."},
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
    "detail.dns_rewritten": {
        "en": "'{domain}' has no mail server (MX), only an address, and this network's DNS gives an address even "
              "to names that do not exist: whether it receives mail is unknown.",
        "es": "'{domain}' no tiene servidor de correo (MX), solo una dirección, y el DNS de esta red da una "
              "dirección incluso a nombres que no existen: no se sabe si recibe correo."},
    "detail.spf_rejects_all": {
        "en": "'{domain}' has no mail server (MX), and its SPF record (v=spf1 -all) says no server sends or "
              "handles its mail: a parked domain. Ask for another address.",
        "es": "'{domain}' no tiene servidor de correo (MX), y su registro SPF (v=spf1 -all) dice que ningún "
              "servidor envía ni gestiona su correo: un dominio aparcado. Pide otra dirección."},
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
        "en": {"one": "{count} address in {file} did not suppress: its bounces were temporary (a full mailbox, a "
                      "server down) or the sender's own problem, worth another try.",
               "other": "{count} addresses in {file} did not suppress: their bounces were temporary (a full mailbox, "
                        "a server down) or the sender's own problem, worth another try."},
        "es": {"one": "{count} dirección de {file} no se suprimió: sus rebotes fueron temporales (un buzón lleno, un "
                      "servidor caído) o un problema del propio remitente, y merece otro intento.",
               "other": "{count} direcciones de {file} no se suprimieron: sus rebotes fueron temporales (un buzón "
                        "lleno, un servidor caído) o un problema del propio remitente, y merecen otro intento."}},
    # Two counts: the form is chosen by {count}, the domains asked about, the noun's count.
    "warning.dns_stopped": {
        "en": {"one": "DNS stopped answering part-way: {unanswered} of {count} domain is dns_unknown. Try again "
                      "later, or use --nameserver with another resolver.",
               "other": "DNS stopped answering part-way: {unanswered} of {count} domains are dns_unknown, most of "
                        "them not asked. Try again later, or use --nameserver with another resolver."},
        "es": {"one": "El DNS dejó de responder a medio camino: {unanswered} de {count} dominio queda como "
                      "dns_unknown. Vuelve a intentarlo más tarde, o usa --nameserver con otro resolvedor.",
               "other": "El DNS dejó de responder a medio camino: {unanswered} de {count} dominios quedan como "
                        "dns_unknown, la mayoría sin preguntar. Vuelve a intentarlo más tarde, o usa --nameserver "
                        "con otro resolvedor."}},
    "warning.dns_unanswered": {
        "en": {"one": "DNS could not answer for {unanswered} of {count} domain it was asked about (a timeout or a "
                      "server failure); it is dns_unknown. Try again later, or use --nameserver with another "
                      "resolver.",
               "other": "DNS could not answer for {unanswered} of the {count} domains it was asked about (timeouts "
                        "or server failures); they are dns_unknown. Try again later, or use --nameserver with "
                        "another resolver."},
        "es": {"one": "El DNS no pudo responder por {unanswered} de {count} dominio consultado (sin respuesta a "
                      "tiempo o un fallo del servidor); queda como dns_unknown. Vuelve a intentarlo más tarde, o "
                      "usa --nameserver con otro resolvedor.",
               "other": "El DNS no pudo responder por {unanswered} de los {count} dominios consultados (sin "
                        "respuesta a tiempo o fallos del servidor); quedan como dns_unknown. Vuelve a intentarlo "
                        "más tarde, o usa --nameserver con otro resolvedor."}},
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
        "en": "The DNS resolver cannot be trusted: it does not find the mail servers of domains that certainly "
              "receive mail ({failures}). No address was rejected on DNS grounds; DNS verdicts are dns_unknown. "
              "Check the network, or use --nameserver with a working resolver, or --no-dns.",
        "es": "No se puede confiar en el resolvedor DNS: no encuentra los servidores de correo de dominios que sin "
              "duda reciben correo ({failures}). No se rechazó ninguna dirección por el DNS; sus veredictos quedan "
              "como dns_unknown. Revisa la red, o usa --nameserver con un resolvedor que funcione, o --no-dns."},
    "warning.canaries_failed": {
        "en": "The DNS resolver does not find the mail servers of some domains that certainly receive mail "
              "({failures}), as where a country blocks a service; it finds those of {found}, so its verdicts are "
              "used.",
        "es": "El resolvedor DNS no encuentra los servidores de correo de algunos dominios que sin duda reciben "
              "correo ({failures}), como cuando un país bloquea un servicio; sí encuentra los de {found}, así que "
              "sus veredictos se usan."},
    "warning.nxdomain_rewritten": {
        "en": "The DNS resolver answers names that do not exist with an address of its own (an internet "
              "provider's search page): a domain with an address but no mail server (MX) was not taken as "
              "receiving mail; such addresses are dns_unknown. Use --nameserver with a resolver that does not "
              "rewrite answers.",
        "es": "El resolvedor DNS responde a nombres que no existen con una dirección propia (la página de "
              "búsqueda de un proveedor de internet): un dominio con dirección pero sin servidor de correo (MX) "
              "no se tomó como capaz de recibir correo; esas direcciones quedan como dns_unknown. Usa "
              "--nameserver con un resolvedor que no reescriba las respuestas."},
    "warning.title_rows": {
        "en": {"one": "{count} row above the header was left out of the outputs: {rows}. --skip-rows sets how many to skip.",
               "other": "{count} rows above the header were left out of the outputs: {rows}. --skip-rows sets how many to skip."},
        "es": {"one": "{count} fila encima del encabezado quedó fuera de los resultados: {rows}. --skip-rows indica cuántas saltar.",
               "other": "{count} filas encima del encabezado quedaron fuera de los resultados: {rows}. --skip-rows indica cuántas saltar."}},
    "preamble.row": {"en": "row {row} '{text}'", "es": "fila {row} '{text}'"},
    "preamble.blank": {"en": {"one": "{count} blank row", "other": "{count} blank rows"},
                       "es": {"one": "{count} fila en blanco", "other": "{count} filas en blanco"}},
    "warning.other_address_columns": {
        "en": {"one": "{count} more column holds addresses: {others}. {column} was checked{why}; where a row's address is empty or invalid, a valid one in {others} is its suggestion.",
               "other": "{count} more columns hold addresses: {others}. {column} was checked{why}; where a row's address is empty or invalid, a valid one in those columns is its suggestion."},
        "es": {"one": "{count} columna más tiene direcciones: {others}. Se revisó {column}{why}; si la dirección de una fila está vacía o no es válida, una válida de {others} es su sugerencia.",
               "other": "{count} columnas más tienen direcciones: {others}. Se revisó {column}{why}; si la dirección de una fila está vacía o no es válida, una válida de esas columnas es su sugerencia."}},
    "other_columns.most_valid": {"en": ", as the one with the most valid addresses (--column chooses another)",
                                 "es": ", por ser la que tiene más direcciones válidas (--column elige otra)"},
    "warning.formulas_without_values": {
        "en": {"one": "{count} cell holds a formula with no computed value ({cells}) and was read as empty: open the workbook in Excel or LibreOffice, save it and check it again.",
               "other": "{count} cells hold formulas with no computed value ({cells}) and were read as empty: open the workbook in Excel or LibreOffice, save it and check it again."},
        "es": {"one": "{count} celda tiene una fórmula sin valor calculado ({cells}) y se leyó vacía: abre el libro en Excel o LibreOffice, guárdalo y vuelve a revisarlo.",
               "other": "{count} celdas tienen fórmulas sin valor calculado ({cells}) y se leyeron vacías: abre el libro en Excel o LibreOffice, guárdalo y vuelve a revisarlo."}},
    "list.and_more": {"en": "{shown} and {more} more", "es": "{shown} y {more} más"},
    "problem.no_mx": {"en": "no MX records", "es": "sin registros MX"},
    "problem.timeout": {"en": "no answer in time", "es": "sin respuesta a tiempo"},
    "problem.nxdomain": {"en": "the domain does not exist", "es": "el dominio no existe"},
    "problem.refused": {"en": "the resolver refused to answer", "es": "el resolvedor se negó a responder"},
    "report.fail_over": {"en": "{percent} of the rows were rejected, over --fail-over {limit}%.",
                         "es": "Se rechazó el {percent} de las filas, más que --fail-over {limit}%."},
}
# The reports' sentences, the bounces', the errors' and the command line's (help, click's own usage
# errors) in modules of their own.
for _part in (REPORTS, BOUNCES, ERRORS, COMMAND_LINE):
    assert not MESSAGES.keys() & _part.keys(), MESSAGES.keys() & _part.keys()
    MESSAGES.update(_part)


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
