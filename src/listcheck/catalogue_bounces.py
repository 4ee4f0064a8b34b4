"""The sentences of ``listcheck bounces``: what each reason means for an address, what to do, the
report and its warnings. Data, part of ``catalogue.MESSAGES`` (the rules there apply)."""

from __future__ import annotations

BOUNCES: dict[str, dict[str, str | dict[str, str]]] = {
    # What an event's reason says about the address: the start of a bounces.csv detail sentence.
    "bounce.what.user_unknown": {"en": "The mailbox does not exist", "es": "El buzón no existe"},
    "bounce.what.domain_not_found": {"en": "The domain does not exist", "es": "El dominio no existe"},
    "bounce.what.mailbox_moved": {"en": "The mailbox moved and mail is not forwarded",
                                  "es": "El buzón se mudó y el correo no se reenvía"},
    "bounce.what.mail_not_accepted": {"en": "The domain accepts no mail", "es": "El dominio no acepta correo"},
    "bounce.what.recipient_blocked": {"en": "The recipient's server refuses mail for this address for good",
                                      "es": "El servidor del destinatario rechaza para siempre el correo a esta dirección"},
    "bounce.what.mailbox_full": {"en": "The mailbox is full", "es": "El buzón está lleno"},
    "bounce.what.message_too_large": {"en": "The message was too large for the mailbox",
                                      "es": "El mensaje era demasiado grande para el buzón"},
    "bounce.what.mailbox_inactive": {"en": "The mailbox is suspended or inactive",
                                     "es": "El buzón está suspendido o inactivo"},
    "bounce.what.server_error": {"en": "The recipient's server had an error", "es": "El servidor del destinatario tuvo un error"},
    "bounce.what.network_error": {"en": "The recipient's server could not be reached (network or DNS)",
                                  "es": "No se pudo llegar al servidor del destinatario (red o DNS)"},
    "bounce.what.expired": {"en": "Delivery was tried until it expired", "es": "Se intentó entregar hasta que caducó"},
    "bounce.what.rate_limited": {"en": "The recipient's server asked to slow down",
                                 "es": "El servidor del destinatario pidió enviar más despacio"},
    "bounce.what.undetermined": {"en": "The bounce does not say why", "es": "El rebote no dice por qué"},
    "bounce.what.blocked": {"en": "The recipient's server blocked the sender for its IP or domain's reputation",
                            "es": "El servidor del destinatario bloqueó al remitente por la reputación de su IP o de "
                                  "su dominio"},
    "bounce.what.auth_failure": {"en": "The sender's SPF, DKIM or DMARC did not pass",
                                 "es": "El SPF, DKIM o DMARC del remitente no pasó"},
    "bounce.what.spam_content": {"en": "The message was refused as spam or for a virus",
                                 "es": "El mensaje se rechazó como spam o por un virus"},
    "bounce.what.policy": {"en": "The recipient's server refused the message by its policy",
                           "es": "El servidor del destinatario rechazó el mensaje por su política"},
    "bounce.what.complaint": {"en": "The person marked the mail as spam", "es": "La persona marcó el correo como spam"},
    "bounce.what.unsubscribed": {"en": "The person unsubscribed", "es": "La persona se dio de baja"},
    "bounce.what.delivered": {"en": "The last message was delivered", "es": "El último mensaje se entregó"},
    "bounce.what.repeated_soft_bounces": {
        "en": {"one": "{count} soft bounce since the last delivery, over {days}",
               "other": "{count} soft bounces since the last delivery, over {days}"},
        "es": {"one": "{count} rebote temporal desde la última entrega, a lo largo de {days}",
               "other": "{count} rebotes temporales desde la última entrega, a lo largo de {days}"}},
    "bounce.days": {"en": {"one": "{count} day", "other": "{count} days"},
                    "es": {"one": "{count} día", "other": "{count} días"}},
    "bounce.what.listed": {"en": "It is on a list of addresses not to mail ({source})",
                           "es": "Está en una lista de direcciones a las que no escribir ({source})"},
    "bounce.what.resumed": {"en": "Mailing was resumed by support", "es": "El soporte reanudó los envíos"},
    "bounce.what.nothing": {"en": "No event counts up to the date of the decision",
                            "es": "Ningún evento cuenta hasta la fecha de la decisión"},
    # The facts after it, and the sentence whole.
    "bounce.facts": {"en": " ({facts})", "es": " ({facts})"},
    "bounce.detail": {"en": "{what}{facts}. {todo}", "es": "{what}{facts}. {todo}"},
    # What to do.
    "bounce.todo.suppress_hard": {"en": "Stop mailing it; ask the person for another address.",
                                  "es": "Deja de escribirle; pide a la persona otra dirección."},
    "bounce.todo.suppress_consent": {"en": "Never mail it again: only the person can take this back.",
                                     "es": "No le vuelvas a escribir: solo la persona puede deshacerlo."},
    "bounce.todo.suppress_repeated": {"en": "Stop mailing it: a mailbox that fails this long is likely abandoned.",
                                      "es": "Deja de escribirle: un buzón que falla tanto tiempo suele estar abandonado."},
    "bounce.todo.retry": {
        "en": {"one": "Temporary ({count} soft bounce since the last delivery): mail it again later.",
               "other": "Temporary ({count} soft bounces since the last delivery): mail it again later."},
        "es": {"one": "Es temporal ({count} rebote temporal desde la última entrega): vuelve a escribirle más adelante.",
               "other": "Es temporal ({count} rebotes temporales desde la última entrega): vuelve a escribirle más "
                        "adelante."}},
    "bounce.todo.keep_sender": {
        "en": "The problem is the sender's to fix, not the address's: keep it.",
        "es": "El problema es del remitente, no de la dirección: consérvala."},
    "bounce.todo.keep_delivered": {"en": "A later delivery cleared the earlier bounces: keep it.",
                                   "es": "Una entrega posterior dejó sin efecto los rebotes anteriores: consérvala."},
    "bounce.todo.keep": {"en": "Keep it.", "es": "Consérvala."},

    # The decisions and classes, as reports show them.
    "bounce.decision.suppress": {"en": "Suppress", "es": "Suprimir"},
    "bounce.decision.retry": {"en": "Mail again later", "es": "Reintentar más adelante"},
    "bounce.decision.keep": {"en": "Keep", "es": "Conservar"},
    "bounce.class.hard": {"en": "Hard bounce", "es": "Rebote permanente"},
    "bounce.class.soft": {"en": "Soft bounce", "es": "Rebote temporal"},
    "bounce.class.sender": {"en": "Sender's problem", "es": "Problema del remitente"},
    "bounce.class.complaint": {"en": "Spam complaint", "es": "Queja por spam"},
    "bounce.class.unsubscribe": {"en": "Unsubscribed", "es": "Baja"},
    "bounce.class.delivered": {"en": "Delivered", "es": "Entregado"},
    "bounce.class.resumed": {"en": "Resumed", "es": "Reanudado"},

    # The terminal report.
    "bounces.title": {"en": "Bounces", "es": "Rebotes"},
    "bounces.read": {
        "en": {"one": "Read {count} event from {sources} · {addresses} · decided as of {as_of}",
               "other": "Read {count} events from {sources} · {addresses} · decided as of {as_of}"},
        "es": {"one": "Leído {count} evento de {sources} · {addresses} · decidido a fecha de {as_of}",
               "other": "Leídos {count} eventos de {sources} · {addresses} · decidido a fecha de {as_of}"}},
    "bounces.sources": {"en": {"one": "{count} source", "other": "{count} sources"},
                        "es": {"one": "{count} fuente", "other": "{count} fuentes"}},
    "bounces.addresses": {"en": {"one": "{count} address", "other": "{count} addresses"},
                          "es": {"one": "{count} dirección", "other": "{count} direcciones"}},
    "bounces.column.decision": {"en": "Decision", "es": "Decisión"},
    "bounces.column.class": {"en": "Class", "es": "Clase"},
    "bounces.column.reason": {"en": "Reason", "es": "Motivo"},
    "bounces.column.events": {"en": "Events", "es": "Eventos"},
    "bounces.column.addresses": {"en": "Addresses", "es": "Direcciones"},
    "bounces.column.domain": {"en": "Domain", "es": "Dominio"},
    "bounces.column.share": {"en": "Share", "es": "Porcentaje"},
    "bounces.domains": {"en": "Domains most affected", "es": "Dominios más afectados"},
    "bounces.todo": {"en": "What to do", "es": "Qué hacer"},
    "bounces.todo.suppress": {
        "en": {"one": "Suppress {count} address: it is dead or the person said no. Give bounces.csv to the next "
                      "check: listcheck check LIST --suppress {bounces}",
               "other": "Suppress {count} addresses: they are dead or the person said no. Give bounces.csv to the "
                        "next check: listcheck check LIST --suppress {bounces}"},
        "es": {"one": "Suprime {count} dirección: no existe o la persona dijo que no. Pasa bounces.csv a la "
                      "próxima revisión: listcheck check LISTA --suppress {bounces}",
               "other": "Suprime {count} direcciones: no existen o la persona dijo que no. Pasa bounces.csv a la "
                        "próxima revisión: listcheck check LISTA --suppress {bounces}"}},
    "bounces.todo.retry": {
        "en": {"one": "Mail {count} address again later: its bounce was temporary (full, down, too large). After "
                      "{limit} soft bounces at least {days} apart it is suppressed.",
               "other": "Mail {count} addresses again later: their bounces were temporary (full, down, too large). "
                        "After {limit} soft bounces at least {days} apart an address is suppressed."},
        "es": {"one": "Vuelve a escribir más adelante a {count} dirección: su rebote fue temporal (lleno, caído, "
                      "demasiado grande). Tras {limit} rebotes temporales repartidos en al menos {days} se suprime.",
               "other": "Vuelve a escribir más adelante a {count} direcciones: sus rebotes fueron temporales (lleno, "
                        "caído, demasiado grande). Tras {limit} rebotes temporales repartidos en al menos {days} se "
                        "suprimen."}},
    "bounces.todo.sender": {
        "en": {"one": "{count} refusal is the sender's own problem, not the address's: fix it before the next send, "
                      "or recipients who want the mail stop getting it.",
               "other": "{count} refusals are the sender's own problem, not the addresses': fix them before the next "
                        "send, or recipients who want the mail stop getting it."},
        "es": {"one": "{count} rechazo es un problema del propio remitente, no de la dirección: corrígelo antes del "
                      "próximo envío, o quienes sí quieren el correo dejarán de recibirlo.",
               "other": "{count} rechazos son un problema del propio remitente, no de las direcciones: corrígelos "
                        "antes del próximo envío, o quienes sí quieren el correo dejarán de recibirlo."}},
    "bounces.sender.blocked": {
        "en": "Blocked: the receiving servers distrust the sending IP or domain (a blocklist, poor reputation, no "
              "reverse DNS). Check the blocklists, warm up new IPs, mail only people who asked.",
        "es": "Bloqueo: los servidores de destino desconfían de la IP o del dominio de envío (una lista de bloqueo, "
              "mala reputación, sin DNS inverso). Revisa las listas de bloqueo, calienta las IP nuevas y escribe "
              "solo a quien lo pidió."},
    "bounces.sender.auth_failure": {
        "en": "Authentication: SPF, DKIM or DMARC failed for the sending domain. Publish SPF and DKIM records for "
              "the platform you send with, and a DMARC policy that they pass.",
        "es": "Autenticación: SPF, DKIM o DMARC fallaron para el dominio de envío. Publica los registros SPF y DKIM "
              "de la plataforma con la que envías y una política DMARC que superen."},
    "bounces.sender.spam_content": {
        "en": "Content: the message was taken for spam or carried a virus. Review links, attachments and wording.",
        "es": "Contenido: el mensaje se tomó por spam o llevaba un virus. Revisa enlaces, adjuntos y redacción."},
    "bounces.sender.policy": {
        "en": "Policy: the receiving servers refused the message by their rules (the sender address, the format, "
              "relaying, TLS). Read the servers' words in events.csv.",
        "es": "Política: los servidores de destino rechazaron el mensaje por sus reglas (la dirección del remitente, "
              "el formato, el reenvío, TLS). Lee las palabras del servidor en events.csv."},
    "bounces.example": {"en": "for example: {text}", "es": "por ejemplo: {text}"},
    "bounces.nothing": {"en": "No bounce to act on.", "es": "Ningún rebote sobre el que actuar."},
    "bounces.written": {"en": "Written: {bounces} (one row per address) and {events} (one row per event)",
                        "es": "Escrito: {bounces} (una fila por dirección) y {events} (una fila por evento)"},

    # The HTML page of --report-html: the sender's bounce health over time.
    "bounces.html.title": {"en": "Bounce health", "es": "Salud de los envíos: rebotes"},
    "bounces.html.verdict": {"en": "{total}, {suppressed}{sender}.", "es": "{total}, {suppressed}{sender}."},
    "bounces.html.verdict_total": {
        "en": {"one": "Of {count} address that bounced", "other": "Of {count} addresses that bounced"},
        "es": {"one": "De {count} dirección que rebotó", "other": "De {count} direcciones que rebotaron"}},
    "bounces.html.verdict_suppressed": {
        "en": {"one": "{count} must not be mailed again", "other": "{count} must not be mailed again"},
        "es": {"one": "{count} no debe volver a recibir correo", "other": "{count} no deben volver a recibir correo"}},
    "bounces.html.verdict_sender": {
        "en": {"one": "; {count} refusal is the sender's own problem to fix",
               "other": "; {count} refusals are the sender's own problem to fix"},
        "es": {"one": "; {count} rechazo es un problema del propio remitente, que debe corregir",
               "other": "; {count} rechazos son un problema del propio remitente, que debe corregir"}},
    "bounces.html.weeks": {"en": "Events per week", "es": "Eventos por semana"},
    "bounces.html.week": {"en": "Week of", "es": "Semana del"},
    "bounces.html.total": {"en": "Total", "es": "Total"},
    "bounces.html.no_weeks": {"en": "No event has a date to draw.", "es": "Ningún evento tiene fecha que dibujar."},
    "bounces.html.undated": {
        "en": {"one": "{count} event has no date and is in no week.",
               "other": "{count} events have no date and are in no week."},
        "es": {"one": "{count} evento no tiene fecha y no está en ninguna semana.",
               "other": "{count} eventos no tienen fecha y no están en ninguna semana."}},
    "bounces.html.earlier": {
        "en": {"one": "{count} event before {date} is not drawn.", "other": "{count} events before {date} are not drawn."},
        "es": {"one": "{count} evento anterior al {date} no se dibuja.",
               "other": "{count} eventos anteriores al {date} no se dibujan."}},
    "bounces.html.decisions": {"en": "Decisions", "es": "Decisiones"},
    "bounces.html.suppressed": {"en": "Addresses suppressed", "es": "Direcciones suprimidas"},
    "bounces.html.no_suppressed": {"en": "No address is suppressed.", "es": "Ninguna dirección se suprime."},
    "bounces.html.more_suppressed": {
        "en": {"one": "{count} more address is in {bounces}.", "other": "{count} more addresses are in {bounces}."},
        "es": {"one": "{count} dirección más está en {bounces}.", "other": "{count} direcciones más están en {bounces}."}},
    "bounces.html.address": {"en": "Address", "es": "Dirección"},
    "bounces.html.last_seen": {"en": "Last seen", "es": "Visto por última vez"},
    "bounces.html.detail": {"en": "Detail", "es": "Detalle"},
    "bounces.html.sender": {"en": "The sender's own problems", "es": "Problemas del propio remitente"},
    "bounces.html.no_sender": {"en": "No refusal was the sender's own problem.",
                               "es": "Ningún rechazo fue un problema del propio remitente."},
    "bounces.html.kept": {"en": {"one": "{count} address kept", "other": "{count} addresses kept"},
                          "es": {"one": "{count} dirección conservada", "other": "{count} direcciones conservadas"}},
    "bounces.html.run": {"en": "How this report was made", "es": "Cómo se hizo este informe"},
    "bounces.html.sources": {"en": "Sources", "es": "Fuentes"},
    "bounces.html.history": {"en": "the history alone", "es": "solo el historial"},
    "bounces.html.as_of": {"en": "Decided as of", "es": "Decidido a fecha de"},
    "bounces.html.rules": {"en": "Rules", "es": "Reglas"},
    "bounces.html.rules_value": {
        "en": "an address is suppressed after {limit} soft bounces at least {days} apart",
        "es": "una dirección se suprime tras {limit} rebotes temporales repartidos en al menos {days}"},
    "bounces.html.version": {"en": "Version", "es": "Versión"},
    "bounces.html.events": {"en": {"one": "{count} event", "other": "{count} events"},
                            "es": {"one": "{count} evento", "other": "{count} eventos"}},

    # Warnings and errors.
    "warning.source_unreadable": {"en": "'{path}' could not be read as bounces: {why}",
                                  "es": "'{path}' no se pudo leer como rebotes: {why}"},
    "warning.not_understood": {
        "en": {"one": "{count} message or row in '{path}' could not be understood: {named}",
               "other": "{count} messages or rows in '{path}' could not be understood: {named}"},
        "es": {"one": "{count} mensaje o fila de '{path}' no se pudo entender: {named}",
               "other": "{count} mensajes o filas de '{path}' no se pudieron entender: {named}"}},
    "bounces.problem.empty": {"en": "the file is empty", "es": "el archivo está vacío"},
    "bounces.problem.folder": {"en": "the folder cannot be read", "es": "la carpeta no se puede leer"},
    "bounces.problem.own_decisions": {
        "en": "it is a bounces.csv, decisions already made: give it to check --suppress, or give bounces the "
              "sources it was made from",
        "es": "es un bounces.csv, decisiones ya tomadas: pásalo a check --suppress, o pasa a bounces las fuentes "
              "de las que salió"},
    "bounces.problem.unrecognised": {
        "en": "it is neither mail (a message, an mbox, a Maildir) nor a platform export or a list of addresses",
        "es": "no es correo (un mensaje, un mbox, un Maildir) ni una exportación de una plataforma ni una lista de "
              "direcciones"},
    "error.bounces_unreadable": {"en": "No bounces could be read: {why}", "es": "No se pudo leer ningún rebote: {why}"},
    "error.no_bounce_source_read": {
        "en": "No bounces could be read from any of the {count} sources given: {why}",
        "es": "No se pudo leer ningún rebote de ninguna de las {count} fuentes dadas: {why}"},
    "error.source_why": {"en": "'{path}': {why}", "es": "'{path}': {why}"},
    # The history store (--history PATH): a file refused is left as it was, and the message says so.
    "error.history_unreadable": {"en": "'{path}' cannot be opened as a bounce history: {why}",
                                 "es": "'{path}' no se puede abrir como historial de rebotes: {why}"},
    "error.history_not_sqlite": {
        "en": "'{path}' is not a bounce history (it is not an SQLite database); it was left untouched",
        "es": "'{path}' no es un historial de rebotes (no es una base de datos SQLite); no se ha tocado"},
    "error.history_foreign": {
        "en": "'{path}' is another application's SQLite database, not a bounce history; it was left untouched",
        "es": "'{path}' es una base de datos SQLite de otra aplicación, no un historial de rebotes; no se ha tocado"},
    "error.history_corrupt": {"en": "'{path}' is a damaged bounce history ({why}); it was left untouched",
                              "es": "'{path}' es un historial de rebotes dañado ({why}); no se ha tocado"},
    "error.history_newer": {
        "en": "'{path}' was written by a newer listcheck (history version {found}; this one knows up to "
              "{known}); it was left untouched",
        "es": "'{path}' lo escribió un listcheck más reciente (versión de historial {found}; este conoce hasta "
              "la {known}); no se ha tocado"},
    "error.history_busy": {
        "en": "'{path}' stayed locked by another process for {seconds} s; try again when it has finished",
        "es": "'{path}' siguió bloqueado por otro proceso durante {seconds} s; vuelve a intentarlo cuando "
              "haya terminado"},
    "error.history_failed": {"en": "'{path}' could not be used as a bounce history: {why}",
                             "es": "'{path}' no se pudo usar como historial de rebotes: {why}"},
    "history.problem.truncated": {"en": "the file is shorter than its header says: a copy cut short",
                                  "es": "el archivo es más corto de lo que dice su cabecera: una copia incompleta"},
    "hint.history_other_path": {"en": "give --history a file of its own",
                                "es": "indica en --history un archivo propio"},
    "hint.history_restore": {"en": "restore it from a backup, or give --history a new file",
                             "es": "restáuralo de una copia de seguridad o indica en --history un archivo nuevo"},
    "hint.history_upgrade": {"en": "upgrade listcheck", "es": "actualiza listcheck"},
    "usage.resume_events": {"en": "give --history PATH or --from SOURCE (one of them)",
                            "es": "indica --history RUTA o --from SOURCE (una de las dos)"},
    "usage.resume_lift": {"en": "--lift records in a history: give --history PATH and --note TEXT",
                          "es": "--lift registra en un historial: indica --history RUTA y --note TEXTO"},
    "usage.bounces_sources": {"en": "give at least one SOURCE, or --history PATH to decide over a history",
                              "es": "indica al menos una SOURCE, o --history RUTA para decidir sobre un historial"},
    "usage.as_of": {"en": "--as-of '{value}': give a date such as 2026-12-01 or 2026-12-01T10:00:00Z",
                    "es": "--as-of '{value}': indica una fecha como 2026-12-01 o 2026-12-01T10:00:00Z"},

    # listcheck resume: can this address be mailed again? ({what} and {facts} as in bounces.csv's detail.)
    "resume.no.consent": {
        "en": "{what}{facts}. Consent is the person's, never the sender's to lift: do not mail it, whatever the "
              "client says; only the person can take it back, by subscribing again.",
        "es": "{what}{facts}. El consentimiento es de la persona y no le corresponde al remitente levantarlo: no le "
              "escribas, diga lo que diga el cliente; solo la persona puede deshacerlo, suscribiéndose de nuevo."},
    "resume.no.dead": {
        "en": "{what}{facts}: mailing it would bounce again. Ask the client for a new address.",
        "es": "{what}{facts}: si se le escribe, volverá a rebotar. Pide al cliente una dirección nueva."},
    "resume.no.dead_typo": {
        "en": "{what}{facts}: mailing it would bounce again. Its domain looks misspelled: ask the client whether "
              "they meant {suggestion}.",
        "es": "{what}{facts}: si se le escribe, volverá a rebotar. Su dominio parece mal escrito: pregunta al "
              "cliente si quería decir {suggestion}."},
    "resume.no.domain_dead": {
        "en": "{what}{facts}. DNS, asked again now, still says: {dns} Ask the client for a new address.",
        "es": "{what}{facts}. El DNS, consultado de nuevo ahora, sigue diciendo: {dns} Pide al cliente una "
              "dirección nueva."},
    "resume.no.domain_dead_typo": {
        "en": "{what}{facts}. DNS, asked again now, still says: {dns} Its domain looks misspelled: ask the client "
              "whether they meant {suggestion}.",
        "es": "{what}{facts}. El DNS, consultado de nuevo ahora, sigue diciendo: {dns} Su dominio parece mal "
              "escrito: pregunta al cliente si quería decir {suggestion}."},
    "resume.no.listed": {
        "en": "{what}: the list says not to mail it and gives no reason that could have changed. Ask whoever keeps "
              "the list, or ask the client for a new address.",
        "es": "{what}: la lista dice que no se le escriba y no da ningún motivo que haya podido cambiar. Pregunta a "
              "quien lleva la lista o pide al cliente una dirección nueva."},
    "resume.no.not_an_address": {"en": "'{text}' is not an email address: ask the client to write it again.",
                                 "es": "'{text}' no es una dirección de correo: pide al cliente que la escriba de "
                                       "nuevo."},
    "resume.yes.soft_bounces": {
        "en": {"one": "Suppressed only by {count} soft bounce over {days}: a temporary problem, such as a full "
                      "mailbox the client has since emptied. It can be mailed again.",
               "other": "Suppressed only by {count} soft bounces over {days}: a temporary problem, such as a full "
                        "mailbox the client has since emptied. It can be mailed again."},
        "es": {"one": "Suprimida solo por {count} rebote temporal a lo largo de {days}: un problema pasajero, como "
                      "un buzón lleno que el cliente ya ha vaciado. Se le puede volver a escribir.",
               "other": "Suprimida solo por {count} rebotes temporales a lo largo de {days}: un problema pasajero, "
                        "como un buzón lleno que el cliente ya ha vaciado. Se le puede volver a escribir."}},
    "resume.yes.domain_back": {
        "en": "{what}{facts}, but DNS shows now that the domain receives mail: it can be mailed again.",
        "es": "{what}{facts}, pero el DNS muestra ahora que el dominio recibe correo: se le puede volver a "
              "escribir."},
    "resume.yes.retry": {
        "en": {"one": "Not suppressed: {count} soft bounce since the last delivery, fewer than the {limit} that "
                      "suppress. It can be mailed again.",
               "other": "Not suppressed: {count} soft bounces since the last delivery, fewer than the {limit} that "
                        "suppress. It can be mailed again."},
        "es": {"one": "No está suprimida: {count} rebote temporal desde la última entrega, menos de los {limit} que "
                      "la suprimirían. Se le puede volver a escribir.",
               "other": "No está suprimida: {count} rebotes temporales desde la última entrega, menos de los {limit} "
                        "que la suprimirían. Se le puede volver a escribir."}},
    "resume.yes.no_events": {"en": "No bounce, complaint or unsubscribe on record: nothing stops mailing it.",
                             "es": "No consta ningún rebote, queja ni baja: nada impide escribirle."},
    "resume.yes.nothing_counts": {
        "en": "Not suppressed: none of its events counts up to the date of the decision. It can be mailed.",
        "es": "No está suprimida: ninguno de sus eventos cuenta hasta la fecha de la decisión. Se le puede "
              "escribir."},
    "resume.yes.sender": {
        "en": "Not suppressed: its bounces were the sender's own problem, not the address's. It can be mailed once "
              "the sender has fixed it.",
        "es": "No está suprimida: sus rebotes fueron un problema del propio remitente, no de la dirección. Se le "
              "puede escribir en cuanto el remitente lo haya corregido."},
    "resume.yes.delivered": {
        "en": "Not suppressed: a later delivery cleared the earlier bounces. It can be mailed.",
        "es": "No está suprimida: una entrega posterior dejó sin efecto los rebotes anteriores. Se le puede "
              "escribir."},
    "resume.yes.resumed": {
        "en": "Not suppressed: mailing was resumed{facts} and nothing has bounced since. It can be mailed.",
        "es": "No está suprimida: los envíos se reanudaron{facts} y nada ha rebotado desde entonces. Se le puede "
              "escribir."},
    "resume.yes.keep": {"en": "Not suppressed: it can be mailed.", "es": "No está suprimida: se le puede escribir."},
    "resume.unknown.dns_off": {
        "en": "{what}{facts}. Whether the domain receives mail now takes DNS, which was not asked (--no-dns): ask "
              "again with DNS.",
        "es": "{what}{facts}. Para saber si el dominio recibe correo ahora hace falta el DNS, que no se consultó "
              "(--no-dns): vuelve a preguntar con DNS."},
    "resume.unknown.dns": {
        "en": "{what}{facts}. Whether the domain receives mail now takes DNS, which could not say: {dns}",
        "es": "{what}{facts}. Para saber si el dominio recibe correo ahora hace falta el DNS, que no pudo "
              "decirlo: {dns}"},
    "resume.lift.lifted": {"en": "Suppression lifted on {date} by {by}: {note}",
                           "es": "Supresión levantada el {date} por {by}: {note}"},
    "resume.lift.lifted_anonymous": {"en": "Suppression lifted on {date}: {note}",
                                     "es": "Supresión levantada el {date}: {note}"},
    "resume.lift.no_note": {"en": "no note given", "es": "sin nota"},
    "resume.lift.not_needed": {"en": "Nothing to lift: the address is not suppressed.",
                               "es": "Nada que levantar: la dirección no está suprimida."},
    "resume.lift.refused_no": {"en": "Not lifted: the answer is no.",
                               "es": "No se ha levantado: la respuesta es no."},
    "resume.lift.refused_unknown": {"en": "Not lifted: until the answer is known, it stays as it is.",
                                    "es": "No se ha levantado: mientras no se sepa la respuesta, sigue como está."},
    # Its terminal report.
    "resume.title": {"en": "Can it be mailed again?", "es": "¿Se le puede volver a escribir?"},
    "resume.as_of": {"en": "decided as of {as_of}", "es": "decidido a fecha de {as_of}"},
    "resume.answer.yes": {"en": "yes", "es": "sí"},
    "resume.answer.no": {"en": "no", "es": "no"},
    "resume.answer.unknown": {"en": "unknown", "es": "no se sabe"},
    "resume.column.date": {"en": "Date", "es": "Fecha"},
    "resume.column.code": {"en": "Code", "es": "Código"},
    "resume.column.words": {"en": "Server's words", "es": "Palabras del servidor"},
    "resume.no_events": {"en": "No event on record.", "es": "No consta ningún evento."},
    "resume.dns_off": {"en": "DNS: not consulted (--no-dns)", "es": "DNS: no consultado (--no-dns)"},
}
