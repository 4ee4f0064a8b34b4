"""The command line's sentences: its help, and the usage errors click itself raises. Data, part of
``catalogue.MESSAGES`` (the rules there apply: every key in every language, the same ``{values}``).

The ``click.*`` keys say click's own errors in a language other than English. In English click
prints its own words, which change a little between click versions; the English here is roughly
what click 8.2 to 8.5 say, there for the catalogue's rule that every key has every language.
"""

from __future__ import annotations

COMMAND_LINE: dict[str, dict[str, str | dict[str, str]]] = {
    # The words click puts around every help page.
    "help.usage": {"en": "Usage:", "es": "Uso:"},
    "help.options": {"en": "Options", "es": "Opciones"},
    "help.commands": {"en": "Commands", "es": "Comandos"},
    "help.options_metavar": {"en": "[OPTIONS]", "es": "[OPCIONES]"},
    "help.command_metavar": {"en": "COMMAND [ARGS]...", "es": "COMANDO [ARGUMENTOS]..."},
    "help.default": {"en": "default", "es": "predeterminado"},
    "help.help": {"en": "Show this message and exit.", "es": "Muestra este mensaje y sale."},
    "help.version": {"en": "Show the version and exit.", "es": "Muestra la versión y sale."},

    # listcheck, and its commands.
    "help.listcheck": {"en": "Clean an email contact list before importing it into a mailing platform.",
                       "es": "Limpia una lista de contactos de correo antes de importarla en una plataforma de "
                             "envíos."},
    "help.check": {
        "en": "Check every address in INPUT (a CSV/TSV file, an .xlsx workbook, or - for standard input) and write "
              "<stem>.clean.csv and <stem>.rejected.csv (.xlsx for a workbook).",
        "es": "Revisa cada dirección de INPUT (un archivo CSV/TSV, un libro .xlsx, o - para la entrada estándar) y "
              "escribe <stem>.clean.csv y <stem>.rejected.csv (.xlsx para un libro)."},
    "help.address": {
        "en": "Judge one address or a few (TEXT as pasted: 'Ana <ana@gmial.com>' works) as check judges a row: "
              "status, reason, what is wrong and the fix. Exit 0 when every address is valid, 1 otherwise.",
        "es": "Juzga una dirección o unas pocas (TEXT tal como se pega: 'Ana <ana@gmial.com>' sirve) como check "
              "juzga una fila: estado, motivo, qué está mal y cómo arreglarlo. Termina con 0 si todas las "
              "direcciones son válidas, si no con 1."},
    "help.bounces": {
        "en": "Read what bounced, say why, and decide per address: suppress, retry or keep. SOURCE is .eml "
              "files, an mbox, a Maildir or any folder, - for standard input, or a sending platform's bounce, "
              "complaint or unsubscribe export. Writes bounces.csv (one row per address) and events.csv (one per "
              "event).",
        "es": "Lee lo que rebotó, dice por qué y decide por dirección: suprimir, reintentar o conservar. SOURCE son "
              "archivos .eml, un mbox, un Maildir o cualquier carpeta, - para la entrada estándar, o la exportación "
              "de rebotes, quejas o bajas de una plataforma de envíos. Escribe bounces.csv (una fila por dirección) "
              "y events.csv (una por evento)."},

    # The options: those of both commands, then check's, then address's.
    "help.no_dns": {"en": "Offline: no DNS at all.", "es": "Sin conexión: nada de DNS."},
    "help.nameserver": {"en": "Ask this DNS server instead of the system's (repeatable).",
                        "es": "Pregunta a este servidor DNS en lugar de al del sistema (se puede repetir)."},
    "help.dns_timeout": {"en": "How long one try of a DNS lookup may take (two tries per nameserver).",
                         "es": "Cuánto puede durar un intento de consulta DNS (dos intentos por servidor)."},
    "help.no_cache": {"en": "Do not read or write the DNS cache in the user's cache folder.",
                      "es": "No lee ni escribe la caché de DNS de la carpeta de caché del usuario."},
    "help.check.column": {"en": "The column that holds the addresses (header name or 1-based position).",
                          "es": "La columna que tiene las direcciones (nombre del encabezado, o posición contando "
                                "desde 1)."},
    "help.check.out_dir": {"en": "Folder for the outputs [default: the input's folder].",
                           "es": "Carpeta de los resultados [predeterminado: la carpeta de la entrada]."},
    "help.check.clean": {"en": "Path of the clean file [default: <stem>.clean.csv].",
                         "es": "Ruta del archivo limpio [predeterminado: <stem>.clean.csv]."},
    "help.check.rejected": {"en": "Path of the rejected file [default: <stem>.rejected.csv].",
                            "es": "Ruta del archivo de rechazadas [predeterminado: <stem>.rejected.csv]."},
    "help.check.dns_concurrency": {"en": "How many DNS lookups run at once.",
                                   "es": "Cuántas consultas DNS se hacen a la vez."},
    "help.check.fix_typos": {"en": "Put the corrected address of a misspelled domain in the clean file.",
                             "es": "Pone en el archivo limpio la dirección corregida de un dominio mal escrito."},
    "help.check.known_domains": {
        "en": "Domains that are real for this list (one per line): never flagged, offered as corrections.",
        "es": "Dominios que son reales para esta lista (uno por línea): nunca se señalan y se ofrecen como "
              "correcciones."},
    "help.check.suppress": {
        "en": "Addresses never to mail: a plain list, or a bounce, complaint or unsubscribe export (repeatable).",
        "es": "Direcciones a las que no escribir nunca: una lista simple, o una exportación de rebotes, quejas o "
              "bajas (se puede repetir)."},
    "help.check.history": {
        "en": "Also suppress the addresses a bounce history (listcheck bounces --history) decides to suppress.",
        "es": "Suprime también las direcciones que un historial de rebotes (listcheck bounces --history) decide "
              "suprimir."},
    "help.check.as_of": {
        "en": "Decide the history as of this date (its end, UTC) or moment [default: now].",
        "es": "Decide el historial a fecha de este día (su final, UTC) o momento [predeterminado: ahora]."},
    "help.check.allow_domains": {"en": "Domains never treated as throwaway (one per line).",
                                 "es": "Dominios que nunca se tratan como desechables (uno por línea)."},
    "help.check.strict": {"en": "Risky and unknown rows go to the rejected file.",
                          "es": "Las filas dudosas y sin determinar van al archivo de rechazadas."},
    "help.check.reject": {"en": "Send rows with these reasons to the rejected file (repeatable).",
                          "es": "Manda al archivo de rechazadas las filas con estos motivos (se puede repetir)."},
    "help.check.keep": {"en": "Keep rows with these reasons in the clean file (repeatable).",
                        "es": "Deja en el archivo limpio las filas con estos motivos (se puede repetir)."},
    "help.check.annotate": {"en": "The clean file gets the listcheck_* columns too.",
                            "es": "El archivo limpio también lleva las columnas listcheck_*."},
    "help.check.safe_formulas": {
        "en": "Put ' before cells starting with = + - @ so that spreadsheets do not run them as formulas.",
        "es": "Pone ' delante de las celdas que empiezan por = + - @ para que las hojas de cálculo no las ejecuten "
              "como fórmulas."},
    "help.check.report_json": {"en": "Write the machine-readable report here; '-' is stdout.",
                               "es": "Escribe aquí el informe para programas; '-' es la salida estándar."},
    "help.check.report_html": {
        "en": "Write a report to hand over here: one self-contained HTML page, for screens and paper; '-' is stdout.",
        "es": "Escribe aquí un informe para entregar: una página HTML autónoma, para pantalla y papel; '-' es la "
              "salida estándar."},
    "help.check.client": {"en": "Whom the HTML report is for: its title names them.",
                          "es": "Para quién es el informe HTML: su título lo nombra."},
    "help.check.fail_over": {"en": "Exit 1 when more than PERCENT of the data rows are rejected.",
                             "es": "Termina con 1 cuando se rechaza más del PERCENT por ciento de las filas de "
                                   "datos."},
    "help.check.encoding": {"en": "The input's encoding, e.g. cp1252 [default: detected].",
                            "es": "La codificación de la entrada, p. ej. cp1252 [predeterminado: se detecta]."},
    "help.check.encoding_errors": {
        "en": "Bytes that are not text in the encoding: refuse the file, keep them as they are, or replace them.",
        "es": "Bytes que no son texto en la codificación: rechazar el archivo, conservarlos tal cual o "
              "reemplazarlos."},
    "help.check.sheet": {"en": "The sheet of an .xlsx workbook to check [default: the first].",
                         "es": "La hoja del libro .xlsx que se revisa [predeterminado: la primera]."},
    "help.check.delimiter": {"en": "The input's delimiter: , ; | or tab [default: detected].",
                             "es": "El separador de la entrada: , ; | o tab [predeterminado: se detecta]."},
    "help.check.header": {"en": "Whether the first row is a header [default: detected].",
                          "es": "Si la primera fila es un encabezado [predeterminado: se detecta]."},
    "help.check.skip_rows": {
        "en": "Rows above the header to leave out (titles, notes, blank rows) [default: detected].",
        "es": "Filas encima del encabezado que se dejan fuera (títulos, notas, filas en blanco) [predeterminado: "
              "se detectan]."},
    "help.check.lang": {
        "en": "The language of the reports and of listcheck_detail [default: Spanish when LANG is Spanish, else "
              "English].",
        "es": "El idioma de los informes y de listcheck_detail [predeterminado: español si LANG es español, si no "
              "inglés]."},
    "help.check.engine": {
        "en": "Run on a Dask cluster (pip install 'listcheck[dask]'); INPUT may then be a Parquet file or folder, or "
              "a glob of CSV files [default: this process].",
        "es": "Ejecuta en un clúster de Dask (pip install 'listcheck[dask]'); INPUT puede ser entonces un archivo o "
              "carpeta Parquet, o un patrón de archivos CSV [predeterminado: este proceso]."},
    "help.check.scheduler": {"en": "The Dask scheduler to use, such as tcp://host:8786 (with --engine dask).",
                             "es": "El planificador de Dask que se usa, como tcp://host:8786 (con --engine dask)."},
    "help.check.workers": {
        "en": "Worker processes of a local Dask cluster (with --engine dask) [default: one per core].",
        "es": "Procesos de trabajo de un clúster local de Dask (con --engine dask) [predeterminado: uno por "
              "núcleo]."},
    "help.check.quiet": {"en": "No human report; only errors are printed.",
                         "es": "Sin informe para personas; solo se muestran los errores."},
    "help.bounces.out_dir": {"en": "Folder for bounces.csv and events.csv [default: the working folder].",
                             "es": "Carpeta para bounces.csv y events.csv [predeterminado: la carpeta de trabajo]."},
    "help.resume": {
        "en": "The support question: the client says it is fixed, may we mail ADDRESS again? Shows each address's "
              "events and answers yes, no or unknown with why. Exit 0 when every answer is yes, 1 otherwise.",
        "es": "La pregunta de soporte: el cliente dice que ya está arreglado, ¿podemos volver a escribir a ADDRESS? "
              "Muestra los eventos de cada dirección y responde sí, no o no se sabe, con el porqué. Termina con 0 "
              "si todas las respuestas son sí, si no con 1."},
    "help.resume.history": {"en": "The bounce history to answer from (listcheck bounces --history).",
                            "es": "El historial de rebotes con el que responder (listcheck bounces --history)."},
    "help.resume.from": {"en": "Answer from these bounce sources instead of a history (repeatable).",
                         "es": "Responde a partir de estas fuentes de rebotes en lugar de un historial (repetible)."},
    "help.resume.lift": {"en": "Record a resume in the history for each address answered yes (needs --note).",
                         "es": "Registra en el historial la reanudación de cada dirección respondida con sí (requiere "
                               "--note)."},
    "help.resume.note": {"en": "Why the mailing resumes, as the client said it: kept in the history.",
                         "es": "Por qué se reanuda el envío, como lo dijo el cliente: se guarda en el historial."},
    "help.resume.by": {"en": "Who lifts the suppression: kept in the history.",
                       "es": "Quién levanta la supresión: se guarda en el historial."},
    "help.resume.report_json": {"en": "Write the answers as JSON here; '-' is stdout.",
                                "es": "Escribe aquí las respuestas en JSON; '-' es la salida estándar."},
    "help.bounces.history": {
        "en": "A bounce history (an SQLite file, made on first use): the events read are added to it and each "
              "address is decided over all it holds; with no SOURCE, every address in it.",
        "es": "Un historial de rebotes (un archivo SQLite, creado la primera vez): los eventos leídos se le añaden y "
              "cada dirección se decide con todo lo que guarda; sin SOURCE, todas sus direcciones."},
    "help.bounces.as_of": {
        "en": "Decide as of this date (2026-12-01 means its end, UTC) or moment; later events are ignored "
              "[default: now].",
        "es": "Decide a fecha de este día (2026-12-01 es su final, UTC) o momento; los eventos posteriores no "
              "cuentan [predeterminado: ahora]."},
    "help.bounces.soft_limit": {
        "en": "Soft bounces since the last delivery that suppress an address, when --soft-days apart or more.",
        "es": "Rebotes temporales desde la última entrega que suprimen una dirección, si distan --soft-days o más."},
    "help.bounces.soft_days": {
        "en": "Days between the first and the last of those soft bounces, at least.",
        "es": "Días, como mínimo, entre el primero y el último de esos rebotes temporales."},
    "help.bounces.report_json": {"en": "Write the machine-readable report here; '-' is stdout.",
                                 "es": "Escribe aquí el informe para máquinas; '-' es la salida estándar."},
    "help.bounces.report_html": {
        "en": "A self-contained HTML page of the sender's bounce health to hand over: events per week by class, "
              "the addresses suppressed, the sender's own problems and what they mean; '-' is stdout.",
        "es": "Una página HTML autónoma con la salud de rebotes del remitente para entregar: eventos por semana y "
              "clase, las direcciones suprimidas, los problemas del propio remitente y qué significan; '-' es la "
              "salida estándar."},
    "help.bounces.lang": {
        "en": "The language of the report and of the detail column [default: Spanish when LANG is Spanish, else "
              "English].",
        "es": "El idioma del informe y de la columna detail [predeterminado: español si LANG es español, si no "
              "inglés]."},
    "help.bounces.quiet": {"en": "No human report; only errors are printed.",
                           "es": "Sin informe para personas; solo se muestran los errores."},
    "help.address.report_json": {"en": "Write the verdicts as JSON here; '-' is stdout.",
                                 "es": "Escribe aquí los veredictos en JSON; '-' es la salida estándar."},
    "help.address.lang": {
        "en": "The language of the verdicts [default: Spanish when LANG is Spanish, else English].",
        "es": "El idioma de los veredictos [predeterminado: español si LANG es español, si no inglés]."},

    # The usage errors click raises itself (exit status 2), said by cli_help.
    "click.try_help": {"en": "Try '{command} {option}' for help.", "es": "Prueba '{command} {option}' para ver la ayuda."},
    "click.no_such_option": {"en": "No such option '{name}'.", "es": "No existe la opción '{name}'."},
    "click.did_you_mean": {"en": "Did you mean {possibilities}?", "es": "¿Querías decir {possibilities}?"},
    "click.did_you_mean_one_of": {"en": "(Did you mean one of: {possibilities}?)",
                                  "es": "(¿Querías decir una de estas: {possibilities}?)"},
    "click.missing_argument": {"en": "Missing argument {name}.", "es": "Falta el argumento {name}."},
    "click.missing_option": {"en": "Missing option {name}.", "es": "Falta la opción {name}."},
    "click.missing_parameter": {"en": "Missing parameter {name}.", "es": "Falta el parámetro {name}."},
    "click.invalid_value_for": {"en": "Invalid value for {name}: {message}", "es": "Valor no válido para {name}: {message}"},
    "click.invalid_value": {"en": "Invalid value: {message}", "es": "Valor no válido: {message}"},
    "click.not_in_range": {"en": "{value} is not in the range {range}.", "es": "{value} no está en el intervalo {range}."},
    "click.not_one_of": {"en": "{value} is not one of {choices}.", "es": "{value} no es ninguno de {choices}."},
    "click.not_a_number": {"en": "{value} is not a valid float.", "es": "{value} no es un número válido."},
    "click.not_an_integer": {"en": "{value} is not a valid integer.", "es": "{value} no es un número entero válido."},
    "click.needs_a_value": {"en": "Option '{name}' requires an argument.", "es": "La opción '{name}' necesita un valor."},
    "click.takes_no_value": {"en": "Option '{name}' does not take a value.", "es": "La opción '{name}' no lleva valor."},
    "click.extra_argument": {"en": "Got unexpected extra argument ({args})", "es": "Sobra un argumento ({args})"},
    "click.extra_arguments": {"en": "Got unexpected extra arguments ({args})", "es": "Sobran argumentos ({args})"},
}
