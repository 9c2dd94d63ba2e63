<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ActivateDialog</name>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="63"/>
        <source>Activate ticket {code}</source>
        <translation>Activar la entrada {code}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="78"/>
        <source>Pre-generated ticket, not activated yet</source>
        <translation>Entrada pregenerada, aún sin activar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="82"/>
        <source>Take the payment, then activate it: it opens the door from now on.</source>
        <translation>Cobre y actívela: desde ese momento abre la puerta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="87"/>
        <source>Reading the event…</source>
        <translation>Leyendo el evento…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="88"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="89"/>
        <source>Ticket</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="90"/>
        <source>Ticket type</source>
        <translation>Tipo de entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="93"/>
        <source>Barcode</source>
        <translation>Código de barras</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="95"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="96"/>
        <source>Paid in</source>
        <translation>Pago con</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="99"/>
        <source>optional: the name for the ticket</source>
        <translation>opcional: el nombre del titular</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="100"/>
        <source>Holder</source>
        <translation>Titular</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="110"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="113"/>
        <source>Activate</source>
        <translation>Activar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="217"/>
        <source>Activating…</source>
        <translation>Activando…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="224"/>
        <source>{amount} in cash.</source>
        <translation>{amount} en efectivo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="224"/>
        <source>{amount} by card.</source>
        <translation>{amount} con tarjeta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="226"/>
        <source>Activated. It goes to the central platform with the next sync.</source>
        <translation>Activada. Se envía a la plataforma central con la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="227"/>
        <source>Pre-generated ticket, activated</source>
        <translation>Entrada pregenerada, activada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/activate_dialog.py" line="239"/>
        <source>Not activated. {error}</source>
        <translation>No activada. {error}</translation>
    </message>
</context>
<context>
    <name>BadgeForm</name>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="228"/>
        <source>Badge for {name}</source>
        <translation>Tarjeta de {name}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="231"/>
        <source>Swipe the badge now.</source>
        <translation>Pase la tarjeta ahora.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="232"/>
        <source>Swipe the new badge now: it replaces the one {name} has.</source>
        <translation>Pase la tarjeta nueva ahora: sustituye a la que tiene {name}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="237"/>
        <source>Badge</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="239"/>
        <source>waiting for the swipe…</source>
        <translation>esperando la tarjeta…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="240"/>
        <source>Enrol</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="252"/>
        <source>Swipe the badge to enrol it.</source>
        <translation>Pase la tarjeta para registrarla.</translation>
    </message>
</context>
<context>
    <name>BatchesDialog</name>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="63"/>
        <source>Offline sales batches</source>
        <translation>Lotes de venta sin conexión</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="74"/>
        <source>Tickets the platform pre-generates to print ahead and sell outside the system (a school, a reseller). Each one is valid only once it is activated when sold.</source>
        <translation>Entradas que la plataforma genera por adelantado para imprimirlas y venderlas fuera del sistema (un colegio, un revendedor). Cada una solo es válida cuando se activa al venderla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="85"/>
        <source>New batch</source>
        <translation>Nuevo lote</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="99"/>
        <source>Event:</source>
        <translation>Evento:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="102"/>
        <source>Ticket type:</source>
        <translation>Tipo de entrada:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="99"/>
        <source>Tickets:</source>
        <translation>Entradas:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="97"/>
        <source>school or reseller</source>
        <translation>colegio o revendedor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="103"/>
        <source>Comment:</source>
        <translation>Comentario:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="106"/>
        <source>Test batch (its tickets are for trying out only)</source>
        <translation>Lote de prueba (sus entradas solo sirven para probar)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="109"/>
        <source>Request</source>
        <translation>Solicitar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="131"/>
        <source>Batches of this event</source>
        <translation>Lotes de este evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="135"/>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="135"/>
        <source>Ticket type</source>
        <translation>Tipo de entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="135"/>
        <source>Tickets</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="136"/>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="136"/>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="152"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="158"/>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="195"/>
        <source>No events at this office yet</source>
        <translation>Aún no hay eventos en esta taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="206"/>
        <source>No ticket types for batches</source>
        <translation>No hay tipos de entrada para lotes</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="214"/>
        <source>type {item}</source>
        <translation>tipo {item}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="219"/>
        <source>(test)</source>
        <translation>(prueba)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="229"/>
        <source>No batches for this event yet.</source>
        <translation>Aún no hay lotes de este evento.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="262"/>
        <source>The central platform cannot be reached; batches need it. Try again when it is back.</source>
        <translation>No se puede contactar con la plataforma central y los lotes la necesitan. Vuelva a intentarlo cuando responda.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="264"/>
        <source>This terminal has no central platform to ask (not paired, or training); batches need it.</source>
        <translation>Este terminal no tiene plataforma central a la que pedirlos (sin emparejar, o en formación) y los lotes la necesitan.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/batches_dialog.py" line="302"/>
        <source>Asking the platform for %n ticket(s)…</source>
        <translation>
            <numerusform>Pidiendo a la plataforma %n entrada…</numerusform>
            <numerusform>Pidiendo a la plataforma %n entradas…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="317"/>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="346"/>
        <source>Waiting for the platform…</source>
        <translation>Esperando a la plataforma…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="342"/>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="343"/>
        <source>The platform could not do it: {reason}</source>
        <translation>La plataforma no pudo hacerlo: {reason}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="345"/>
        <source>The platform is working on it…</source>
        <translation>La plataforma está en ello…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/batches_dialog.py" line="358"/>
        <source>Done: batch {id} with %n ticket(s). Save its PDF to print them.</source>
        <translation>
            <numerusform>Hecho: lote {id} con %n entrada. Guarde su PDF para imprimirla.</numerusform>
            <numerusform>Hecho: lote {id} con %n entradas. Guarde su PDF para imprimirlas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="371"/>
        <source>Save the batch&apos;s PDF</source>
        <translation>Guardar el PDF del lote</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="371"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="379"/>
        <source>Preparing the PDF of batch {id}…</source>
        <translation>Preparando el PDF del lote {id}…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="385"/>
        <source>Saving the PDF…</source>
        <translation>Guardando el PDF…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/batches_dialog.py" line="391"/>
        <source>Saved to {path} ({size} KB).</source>
        <translation>Guardado en {path} ({size} KB).</translation>
    </message>
</context>
<context>
    <name>CartPanel</name>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="50"/>
        <source>Cart</source>
        <translation>Carrito</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="55"/>
        <source>Ticket</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="55"/>
        <source>Seats</source>
        <translation>Butacas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="55"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="67"/>
        <source>Child ↔ Adult</source>
        <translation>Niño ↔ Adulto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="69"/>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="71"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="84"/>
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="86"/>
        <source>Pay (F12)</source>
        <translation>Cobrar (F12)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="88"/>
        <source>Comp</source>
        <translation>Cortesía</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="90"/>
        <source>Supervisor: issue the cart free of charge</source>
        <translation>Supervisor: emitir el carrito sin cargo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="132"/>
        <source> (−{amount})</source>
        <translation> (−{amount})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="133"/>
        <source>best available</source>
        <translation>mejor disponible</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/cart_panel.py" line="144"/>
        <source>%n tickets · Total {amount}</source>
        <translation>
            <numerusform>%n entrada · Total {amount}</numerusform>
            <numerusform>%n entradas · Total {amount}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="183"/>
        <source>No child price for this zone</source>
        <translation>No hay precio de niño para esta zona</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="216"/>
        <source>Discount not applied: no supervisor approved it.</source>
        <translation>Descuento no aplicado: ningún supervisor lo autorizó.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="233"/>
        <source>Discount of {amount} on {row}, above the clerks&apos; limit of {limit} ({percent}%).</source>
        <translation>Descuento de {amount} en {row}, por encima del límite de los taquilleros de {limit} ({percent} %).</translation>
    </message>
</context>
<context>
    <name>CashOrCard</name>
    <message>
        <location filename="../../boxoffice/ui/cash_or_card.py" line="51"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cash_or_card.py" line="52"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cash_or_card.py" line="62"/>
        <source>the reference printed on the card slip</source>
        <translation>la referencia impresa en el comprobante de la tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cash_or_card.py" line="63"/>
        <source>Card slip</source>
        <translation>Comprobante</translation>
    </message>
</context>
<context>
    <name>ClerkForm</name>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="169"/>
        <source>Edit clerk</source>
        <translation>Editar taquillero</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="169"/>
        <source>Add a clerk</source>
        <translation>Dar de alta a un taquillero</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="173"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="180"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="182"/>
        <source>Clerk: sells and checks tickets. Supervisor: everything. Door only: checks tickets at the door.</source>
        <translation>Taquillero: vende y controla entradas. Supervisor: todo. Solo puerta: controla las entradas en la puerta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="192"/>
        <source>Give the clerk a name.</source>
        <translation>Escriba el nombre del taquillero.</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="459"/>
        <source>Close shift {id}</source>
        <translation>Cerrar turno {id}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="571"/>
        <source>Close shift {id} · opened {when} by {name} · float {amount}</source>
        <translation>Cerrar turno {id} · abierto {when} por {name} · fondo {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="485"/>
        <source>Count the drawer: how many of each note and coin.</source>
        <translation>Haga el arqueo: cuántos billetes y monedas hay de cada valor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="492"/>
        <source>Notes</source>
        <translation>Billetes</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="492"/>
        <source>Coins</source>
        <translation>Monedas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="522"/>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="580"/>
        <source>Expected {amount}</source>
        <translation>Esperado {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="534"/>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="537"/>
        <source>Close shift</source>
        <translation>Cerrar turno</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="558"/>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="600"/>
        <source>Counted {amount}</source>
        <translation>Contado {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="602"/>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="605"/>
        <source>Difference {amount}</source>
        <translation>Diferencia {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="618"/>
        <source>Closing the shift…</source>
        <translation>Cerrando el turno…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="626"/>
        <source>Shift {id} closed: Z report</source>
        <translation>Turno {id} cerrado: informe Z</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="633"/>
        <source>Z report · shift {id}</source>
        <translation>Informe Z · turno {id}</translation>
    </message>
</context>
<context>
    <name>CompDialog</name>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="23"/>
        <source>Comp tickets</source>
        <translation>Entradas de cortesía</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/comp_dialog.py" line="26"/>
        <source>Issue %n tickets (list price {price}) free of charge. They print marked as a comp and count apart in the reports.</source>
        <translation>
            <numerusform>Emitir %n entrada (precio normal {price}) sin cargo. Se imprime marcada como cortesía y cuenta aparte en los informes.</numerusform>
            <numerusform>Emitir %n entradas (precio normal {price}) sin cargo. Se imprimen marcadas como cortesía y cuentan aparte en los informes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="35"/>
        <source>Guest</source>
        <translation>Invitado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="35"/>
        <source>Press</source>
        <translation>Prensa</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="35"/>
        <source>Artist</source>
        <translation>Artista</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="35"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="36"/>
        <source>Sponsor</source>
        <translation>Patrocinador</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="38"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="41"/>
        <source>Who receives them</source>
        <translation>Quién las recibe</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="42"/>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="49"/>
        <source>Issue comp tickets</source>
        <translation>Emitir cortesías</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="58"/>
        <source>Give the reason for the comp.</source>
        <translation>Indique el motivo de la cortesía.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/comp_dialog.py" line="62"/>
        <source>Give the name of who receives the tickets.</source>
        <translation>Indique el nombre de quien recibe las entradas.</translation>
    </message>
</context>
<context>
    <name>ConflictDecisionDialog</name>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="218"/>
        <source>Decide the conflict of {code}</source>
        <translation>Decidir el conflicto de {code}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="223"/>
        <source>Seats {seats} were sold twice. What happens to sale {code}?</source>
        <translation>Las butacas {seats} se vendieron dos veces. ¿Qué se hace con la venta {code}?</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="228"/>
        <source>Keep: our customer keeps the seats</source>
        <translation>Mantener: nuestro cliente conserva las butacas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="230"/>
        <source>Nothing changes here. The other channel&apos;s sale must be refunded or moved on the central platform.</source>
        <translation>Aquí no cambia nada. La venta del otro canal debe reembolsarse o cambiarse en la plataforma central.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="232"/>
        <source>Void ours: refund our customer {total}</source>
        <translation>Anular la nuestra: reembolsar {total} a nuestro cliente</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="234"/>
        <source>Our sale is voided (the reason names the conflict) and the cancellation is sent; the other channel&apos;s sale stands.</source>
        <translation>Nuestra venta se anula (el motivo menciona el conflicto) y se envía la anulación; la venta del otro canal se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="246"/>
        <source>The sale is voided already</source>
        <translation>La venta ya está anulada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="247"/>
        <source>Reason (goes into the journal):</source>
        <translation>Motivo (queda en el registro):</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="251"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="251"/>
        <source>Record decision</source>
        <translation>Registrar decisión</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="40"/>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="54"/>
        <source>Discount on {row}</source>
        <translation>Descuento en {row}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="68"/>
        <source>{amount} or {percent}</source>
        <translation>{amount} o {percent}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="72"/>
        <source>Amount off</source>
        <translation>Importe a descontar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="83"/>
        <source>Apply discount</source>
        <translation>Aplicar descuento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="86"/>
        <source>Comp…</source>
        <translation>Cortesía…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="90"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="106"/>
        <source>{percent}%</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="112"/>
        <source>List price {price}. Clerks may take off up to {limit} ({percent}); as supervisor you may give more.</source>
        <translation>Precio normal {price}. Los taquilleros pueden descontar hasta {limit} ({percent}); como supervisor puede dar más.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="115"/>
        <source>List price {price}. You may take off up to {limit} ({percent}); more needs a supervisor&apos;s PIN.</source>
        <translation>Precio normal {price}. Puede descontar hasta {limit} ({percent}); para más hace falta el PIN de un supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="118"/>
        <source>The whole price is never a discount: that is a comp.</source>
        <translation>El precio entero nunca es un descuento: eso es una cortesía.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="139"/>
        <source>The discount must be between zero and the list price, {price}.</source>
        <translation>El descuento debe estar entre cero y el precio normal, {price}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="147"/>
        <source>That is the whole price: not a discount. Use Comp, with the reason and who receives the tickets.</source>
        <translation>Eso es el precio entero: no es un descuento. Use Cortesía, con el motivo y quién recibe las entradas.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="150"/>
        <source>That is the whole price: not a discount. Free tickets are a comp: ask a supervisor to issue them with Comp.</source>
        <translation>Eso es el precio entero: no es un descuento. Las entradas gratuitas son una cortesía: pida a un supervisor que las emita con Cortesía.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="154"/>
        <source>{amount} off is above your limit of {limit}: a supervisor&apos;s PIN is asked next.</source>
        <translation>Descontar {amount} supera su límite de {limit}: a continuación se pide el PIN de un supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/discount_dialog.py" line="161"/>
        <source>{amount} off: the row costs {total}.</source>
        <translation>Descuento de {amount}: la línea queda en {total}.</translation>
    </message>
</context>
<context>
    <name>DoorCheckDialog</name>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="46"/>
        <source>Door check · {event}</source>
        <translation>Control de acceso · {event}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="51"/>
        <source>Scan the ticket, or type its code and press Enter.</source>
        <translation>Escanee la entrada, o teclee su código y pulse Intro.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="63"/>
        <source>Fetching the event&apos;s tickets…</source>
        <translation>Descargando las entradas del evento…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="64"/>
        <source>Not connected: checking from the tickets last fetched and this terminal&apos;s sales.</source>
        <translation>Sin conexión: se comprueba con las entradas descargadas la última vez y las ventas de este terminal.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="72"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="90"/>
        <source>Door: {door}</source>
        <translation>Puerta: {door}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="94"/>
        <source>Tickets of the event as of {time}; entries at every door counted.</source>
        <translation>Entradas del evento a las {time}; se cuentan los accesos de todas las puertas.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="100"/>
        <source>Offline: checking from the tickets last fetched ({error}).</source>
        <translation>Sin conexión: se comprueba con las entradas descargadas la última vez ({error}).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="125"/>
        <source>NOT VALID — already entered at {time} at door {door}</source>
        <translation>NO VÁLIDA — ya entró a las {time} por la puerta {door}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="130"/>
        <source>VALID — first entry</source>
        <translation>VÁLIDA — primera entrada</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/door_check.py" line="131"/>
        <source>VALID — re-entry (%n left)</source>
        <translation>
            <numerusform>VÁLIDA — reentrada (queda %n)</numerusform>
            <numerusform>VÁLIDA — reentrada (quedan %n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="132"/>
        <source>NOT VALID — not a ticket code</source>
        <translation>NO VÁLIDA — no es un código de entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="133"/>
        <source>NOT VALID — unknown ticket</source>
        <translation>NO VÁLIDA — entrada desconocida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="134"/>
        <source>NOT VALID — the sale was voided</source>
        <translation>NO VÁLIDA — la venta fue anulada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="135"/>
        <source>NOT VALID — the ticket was refunded</source>
        <translation>NO VÁLIDA — la entrada fue reembolsada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="136"/>
        <source>NOT VALID — the ticket was cancelled</source>
        <translation>NO VÁLIDA — la entrada fue cancelada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="137"/>
        <source>NOT VALID — the ticket was transferred; the new holder has a new code</source>
        <translation>NO VÁLIDA — la entrada fue transferida; el nuevo titular tiene otro código</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="138"/>
        <source>NOT VALID — this ticket&apos;s sale did not keep its seat</source>
        <translation>NO VÁLIDA — la venta de esta entrada no conservó su butaca</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="139"/>
        <source>NOT VALID — ticket for another event</source>
        <translation>NO VÁLIDA — entrada de otro evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="140"/>
        <source>NOT VALID — not accepted at this door</source>
        <translation>NO VÁLIDA — no se admite por esta puerta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="141"/>
        <source>NOT VALID — this ticket was never activated (not sold)</source>
        <translation>NO VÁLIDA — esta entrada nunca se activó (no se vendió)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="143"/>
        <source>NOT VALID — no entries left ({limit} used); last at {time} at door {door}</source>
        <translation>NO VÁLIDA — no le quedan accesos ({limit} usados); el último a las {time} por la puerta {door}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="126"/>
        <source>NOT VALID — already entered at {time}</source>
        <translation>NO VÁLIDA — ya entró a las {time}</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="271"/>
        <source>&apos;{value}&apos; is not valid text (not UTF-8); rename that folder or file, or type it again.</source>
        <translation>&apos;{value}&apos; no es texto válido (no es UTF-8); cambie el nombre de esa carpeta o archivo, o vuelva a escribirlo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="257"/>
        <source>The database {path} cannot be written: the file or its folder is read-only (or the disk is mounted read-only). Fix the permissions or choose another data folder.</source>
        <translation>No se puede escribir en la base de datos {path}: el archivo o su carpeta son de solo lectura (o el disco está montado como de solo lectura). Corrija los permisos o elija otra carpeta de datos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="242"/>
        <source>Printing is not set up: no printer is installed on this computer. Add the printer to the system first.</source>
        <translation>La impresión no está configurada: no hay ninguna impresora instalada en este equipo. Añádala primero al sistema.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="252"/>
        <source>The database {path} is empty ({size} bytes) although this terminal is paired: its sales are not in it. Restore the last copy from {backups}, or, only if this terminal has never sold anything, delete the empty file to start a fresh one.</source>
        <translation>La base de datos {path} está vacía ({size} bytes) aunque este terminal está vinculado: sus ventas no están en ella. Restaure la última copia desde {backups} o, solo si este terminal nunca ha vendido nada, borre el archivo vacío para empezar uno nuevo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="265"/>
        <source>The disk holding the database {path} failed to read or write. Check the disk and its free space, then start again.</source>
        <translation>El disco de la base de datos {path} ha fallado al leer o escribir. Revise el disco y su espacio libre, y vuelva a arrancar.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="261"/>
        <source>The disk holding the database {path} is full; nothing more can be recorded. Every sale already confirmed is kept. Free some space on that disk, then try again.</source>
        <translation>El disco de la base de datos {path} está lleno; no se puede registrar nada más. Todas las ventas ya confirmadas se conservan. Libere espacio en ese disco y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="268"/>
        <source>The folder {folder} cannot be created: the disk is read-only or full, or its permissions do not allow it.</source>
        <translation>No se puede crear la carpeta {folder}: el disco es de solo lectura o está lleno, o sus permisos no lo permiten.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="35"/>
        <source>The cart is empty.</source>
        <extracomment>code -&gt; English template with named ``{params}``; lupdate reads the literals, :func:`describe` translates them when shown (so the current translator applies)</extracomment>
        <translation>El carrito está vacío.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="37"/>
        <source>This event is not assigned to this office; fetch the inventory.</source>
        <translation>Este evento no está asignado a esta taquilla; actualice el inventario.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="39"/>
        <source>This clerk is no longer active here; sign in again.</source>
        <translation>Este taquillero ya no está activo aquí; vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="41"/>
        <source>Give the reason for the comp tickets.</source>
        <translation>Indique el motivo de las cortesías.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="43"/>
        <source>Give the name of who receives the comp tickets.</source>
        <translation>Indique el nombre de quien recibe las cortesías.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="45"/>
        <source>Comp tickets are free: take no payment.</source>
        <translation>Las cortesías son gratuitas: no cobre nada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="47"/>
        <source>That ticket type is no longer on sale for {event}.</source>
        <translation>Ese tipo de entrada ya no está a la venta para {event}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="49"/>
        <source>{product} is not on sale yet: its sale opens on {opens_at}.</source>
        <translation>{product} aún no está a la venta: su venta abre el {opens_at}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="51"/>
        <source>{product} is no longer on sale: its sale closed on {closed_at}.</source>
        <translation>{product} ya no está a la venta: su venta cerró el {closed_at}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="53"/>
        <source>{product} is not for public sale; a supervisor can issue it as a comp.</source>
        <translation>{product} no se vende al público; un supervisor puede emitirla como invitación.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="55"/>
        <source>This terminal is not paired with a central platform; batches need it.</source>
        <translation>Este terminal no está emparejado con una plataforma central; los lotes la necesitan.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="57"/>
        <source>{code} is not a pre-generated ticket of an event here; refresh the door list.</source>
        <translation>{code} no es una entrada pregenerada de un evento de aquí; actualice la lista de puerta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="59"/>
        <source>Ticket {code} is already activated.</source>
        <translation>La entrada {code} ya está activada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="61"/>
        <source>Take the payment in cash or by card.</source>
        <translation>Cobre en efectivo o con tarjeta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="63"/>
        <source>The price cannot be negative.</source>
        <translation>El precio no puede ser negativo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="65"/>
        <source>Type the card slip&apos;s reference.</source>
        <translation>Escriba la referencia del comprobante de la tarjeta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="67"/>
        <source>The quantity of {product} must be between 1 and {max}.</source>
        <translation>La cantidad de {product} debe estar entre 1 y {max}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="69"/>
        <source>The discount on {product} must be between zero and its price.</source>
        <translation>El descuento de {product} debe estar entre cero y su precio.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="71"/>
        <source>A discount on {product} above {percent}% of its price ({limit_cents}) needs a supervisor&apos;s approval.</source>
        <translation>Un descuento en {product} de más del {percent} % de su precio ({limit_cents}) necesita la autorización de un supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="74"/>
        <source>The whole price of {product} off is not a discount: a supervisor issues free tickets with Comp, with the reason and the recipient.</source>
        <translation>Descontar el precio entero de {product} no es un descuento: las entradas gratuitas las emite un supervisor con Cortesía, indicando el motivo y el destinatario.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="78"/>
        <source>The discount&apos;s approver is not an active supervisor here; ask a supervisor again.</source>
        <translation>Quien autoriza el descuento no es un supervisor activo aquí; vuelva a pedir la autorización a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="81"/>
        <source>A seat in the cart is no longer available; pick another.</source>
        <translation>Una butaca del carrito ya no está disponible; elija otra.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="83"/>
        <source>Another sale just took one of these seats; nothing was sold.</source>
        <translation>Otra venta acaba de tomar una de estas butacas; no se ha vendido nada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="85"/>
        <source>Another window of this office just took one of these seats; nothing was sold. Pick another seat.</source>
        <translation>Otra taquilla de esta oficina acaba de tomar una de estas butacas; no se ha vendido nada. Elija otra butaca.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="88"/>
        <source>The office hub cannot be reached: this window may sell only the seats reserved for it, and {seats} is not one of them. Sell by zone, or pick a reserved seat.</source>
        <translation>No se puede contactar con el concentrador de la oficina: esta taquilla solo puede vender las butacas reservadas para ella, y {seats} no es una de ellas. Venda por zona o elija una butaca reservada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="92"/>
        <source>The payments are {missing_cents} short of the total.</source>
        <translation>Faltan {missing_cents} para cubrir el total.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="94"/>
        <source>Take cash or card.</source>
        <translation>Cobre en efectivo o con tarjeta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="96"/>
        <source>Take cash once per sale: add the notes together.</source>
        <translation>Cobre el efectivo una sola vez por venta: sume los billetes.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="98"/>
        <source>A card payment needs an amount above zero.</source>
        <translation>Un pago con tarjeta necesita un importe mayor que cero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="100"/>
        <source>A card payment needs the reference on the card slip.</source>
        <translation>Un pago con tarjeta necesita la referencia del comprobante.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="102"/>
        <source>The card payments are {excess_cents} over the total.</source>
        <translation>Los pagos con tarjeta superan el total en {excess_cents}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="104"/>
        <source>A cash payment needs the amount handed over.</source>
        <translation>Un pago en efectivo necesita el importe entregado.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="107"/>
        <source>Shift {shift_id} is still open on this terminal: close it before opening a new one.</source>
        <translation>El turno {shift_id} sigue abierto en este terminal: ciérrelo antes de abrir uno nuevo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="110"/>
        <source>This shift is already closed.</source>
        <translation>Este turno ya está cerrado.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="112"/>
        <source>A sale is half-done: finish or cancel it before closing the shift.</source>
        <translation>Hay una venta a medias: termínela o cancélela antes de cerrar el turno.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="115"/>
        <source>Check the amounts: whole notes and coins, nothing negative.</source>
        <translation>Revise las cantidades: billetes y monedas enteros, nada negativo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="117"/>
        <source>The float is an amount of zero or more.</source>
        <translation>El fondo de caja es un importe de cero o más.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="119"/>
        <source>No shift is open at this window: open one with the cash float first (Supervisor ▸ Shift and Z report…, or start a sale).</source>
        <translation>No hay ningún turno abierto en esta taquilla: ábralo primero con el fondo de caja (Supervisor ▸ Turno e informe Z…, o empiece una venta).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="122"/>
        <source>{name} may not open a shift: ask a supervisor to open it.</source>
        <translation>{name} no puede abrir un turno: pida a un supervisor que lo abra.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="124"/>
        <source>Choose a zone, a seat range or all unsold tickets.</source>
        <translation>Elija una zona, un rango de butacas o todas las entradas sin vender.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="126"/>
        <source>There are no unsold tickets of this event to return.</source>
        <translation>No quedan entradas sin vender de este evento para devolver.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="128"/>
        <source>Only unsold tickets can be returned: {seats}.</source>
        <translation>Solo se pueden devolver entradas sin vender: {seats}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="130"/>
        <source>A ticket was sold while the return was being prepared; try again.</source>
        <translation>Se vendió una entrada mientras se preparaba la devolución; inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="133"/>
        <source>This office holds no tickets in zone {zone} for this event.</source>
        <translation>Esta taquilla no tiene entradas en la zona {zone} para este evento.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="135"/>
        <source>The seat range runs backwards: from {first} to {last}.</source>
        <translation>El rango de butacas va al revés: de {first} a {last}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="137"/>
        <source>Give a reason for the void.</source>
        <translation>Indique el motivo de la anulación.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="139"/>
        <source>No sale with code {code} on this terminal.</source>
        <translation>No hay ninguna venta con el código {code} en este terminal.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="141"/>
        <source>Sale {code} is already voided.</source>
        <translation>La venta {code} ya está anulada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="143"/>
        <source>Refund in cash or to a card, not {method}.</source>
        <translation>Devuelva en efectivo o a una tarjeta, no {method}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="145"/>
        <source>Type the card slip&apos;s reference for a refund to a card.</source>
        <translation>Escriba la referencia del recibo de la tarjeta para devolver a una tarjeta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="147"/>
        <source>Give a reason for the refund.</source>
        <translation>Indique el motivo de la devolución.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="149"/>
        <source>Sale {code} is voided: there is nothing to refund.</source>
        <translation>La venta {code} está anulada: no hay nada que devolver.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="151"/>
        <source>Every ticket of sale {code} was refunded already.</source>
        <translation>Todas las entradas de la venta {code} ya se devolvieron.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="153"/>
        <source>Choose the tickets to refund.</source>
        <translation>Elija las entradas que devolver.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="155"/>
        <source>Not a ticket of sale {code} still to refund: {tickets}.</source>
        <translation>No son entradas de la venta {code} pendientes de devolver: {tickets}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="157"/>
        <source>Sale {code} has refunded tickets: refund the others instead of voiding.</source>
        <translation>La venta {code} tiene entradas devueltas: devuelva las demás en lugar de anularla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="159"/>
        <source>Nothing was recorded: {machine} {subject} cannot go from {old} to {new} (it changed meanwhile). Refresh and try again.</source>
        <translation>No se registró nada: {machine} {subject} no puede pasar de {old} a {new} (cambió mientras tanto). Actualice e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="163"/>
        <source>Type an amount, for example {example_cents}.</source>
        <translation>Escriba un importe, por ejemplo {example_cents}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="165"/>
        <source>&apos;{text}&apos; is not an amount: type digits, for example {example_cents}.</source>
        <translation>«{text}» no es un importe: escriba cifras, por ejemplo {example_cents}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="168"/>
        <source>&apos;{text}&apos; has more than one decimal separator.</source>
        <translation>«{text}» tiene más de un separador decimal.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="170"/>
        <source>&apos;{text}&apos; has more than two decimals: amounts are in whole cents.</source>
        <translation>«{text}» tiene más de dos decimales: los importes van en céntimos enteros.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="173"/>
        <source>{product} cannot replace {row} on this row.</source>
        <translation>{product} no puede sustituir a {row} en esta línea.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="176"/>
        <source>Give the clerk a name.</source>
        <translation>Escriba el nombre del taquillero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="178"/>
        <source>A clerk&apos;s name has at most {max} characters.</source>
        <translation>El nombre de un taquillero tiene como máximo {max} caracteres.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="180"/>
        <source>A clerk&apos;s name cannot contain control characters.</source>
        <translation>El nombre no puede contener caracteres de control.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="182"/>
        <source>That badge code cannot be used (too long or unreadable); scan it again.</source>
        <translation>Ese código de tarjeta no sirve (demasiado largo o ilegible); páselo otra vez.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="185"/>
        <source>Another clerk already has that name.</source>
        <translation>Ya hay otro taquillero con ese nombre.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="187"/>
        <source>That badge already belongs to another clerk.</source>
        <translation>Esa tarjeta ya pertenece a otro taquillero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="189"/>
        <source>That badge does not belong to any clerk here.</source>
        <translation>Esa tarjeta no pertenece a ningún taquillero de aquí.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="191"/>
        <source>That clerk cannot sign in here any more; choose your name again.</source>
        <translation>Ese taquillero ya no puede entrar aquí; vuelva a elegir su nombre.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="194"/>
        <source>Too many wrong PINs: this clerk is locked for a few minutes.</source>
        <translation>Demasiados PIN incorrectos: este taquillero queda bloqueado unos minutos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="196"/>
        <source>The first supervisor already exists; sign in and add clerks from there.</source>
        <translation>El primer supervisor ya existe; entre con él y dé de alta a los taquilleros desde allí.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="199"/>
        <source>The PIN must be {low} to {high} digits.</source>
        <translation>El PIN debe tener de {low} a {high} dígitos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="202"/>
        <source>Your role does not allow you to {action}; ask a supervisor.</source>
        <translation>Su perfil no le permite {action}; pida ayuda a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="204"/>
        <source>You are no longer an active clerk here; sign in again.</source>
        <translation>Ya no es un taquillero activo aquí; vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="206"/>
        <source>That clerk is no longer in this terminal&apos;s list; reopen it.</source>
        <translation>Ese taquillero ya no está en la lista de este terminal; vuelva a abrirla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="208"/>
        <source>Choose a role: clerk, supervisor or door.</source>
        <translation>Elija un perfil: taquillero, supervisor o puerta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="210"/>
        <source>{name} is the last active supervisor here: make another clerk a supervisor first.</source>
        <translation>{name} es el último supervisor activo aquí: haga antes supervisor a otro taquillero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="213"/>
        <source>You cannot deactivate yourself; another supervisor can.</source>
        <translation>No puede darse de baja a sí mismo; puede hacerlo otro supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="215"/>
        <source>{name} is deactivated; reactivate them first.</source>
        <translation>{name} está dado de baja; reactívelo primero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="217"/>
        <source>Swipe the badge to enrol it.</source>
        <translation>Pase la tarjeta para registrarla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="220"/>
        <source>There are no tickets to print.</source>
        <translation>No hay entradas que imprimir.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="222"/>
        <source>The cash drawer opens through an ESC/POS receipt printer; {printer} cannot open it.</source>
        <translation>El cajón se abre a través de una impresora de tiques ESC/POS; {printer} no puede abrirlo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="225"/>
        <source>The PDF folder {folder} cannot be created or written: choose another in the settings.</source>
        <translation>No se puede crear la carpeta de PDF {folder} ni escribir en ella: elija otra en los ajustes.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="228"/>
        <source>{printer} has no address: set it in the printer settings.</source>
        <translation>Falta la dirección de {printer}: indíquela en los ajustes de la impresora.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="230"/>
        <source>Unknown printer type &apos;{kind}&apos;: choose one in the settings.</source>
        <translation>Tipo de impresora desconocido «{kind}»: elija uno en los ajustes.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="232"/>
        <source>{printer} did not answer within {seconds} s: check it is switched on, connected and not jammed. The sale is kept and can be reprinted.</source>
        <translation>No hay respuesta de {printer} en {seconds} s: compruebe que está encendida, conectada y sin atascos. La venta se conserva y se puede reimprimir.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="236"/>
        <source>{printer} cannot be reached: check it is switched on and connected. The sale is kept and can be reprinted.</source>
        <translation>No se puede contactar con {printer}: compruebe que está encendida y conectada. La venta se conserva y se puede reimprimir.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="239"/>
        <source>{printer} is out of paper: load a new roll, then reprint. The sale is kept.</source>
        <translation>Se ha acabado el papel en {printer}: ponga un rollo nuevo y reimprima. La venta se conserva.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="245"/>
        <source>No printer is chosen and the system has no default printer: choose one in the settings.</source>
        <translation>No hay impresora elegida y el sistema no tiene impresora predeterminada: elija una en los ajustes.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="248"/>
        <source>The printer &apos;{name}&apos; is not installed (installed: {installed}); choose another in the settings.</source>
        <translation>La impresora «{name}» no está instalada (instaladas: {installed}); elija otra en los ajustes.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="275"/>
        <source>The code is empty: scan it or type it again.</source>
        <translation>El código está vacío: vuelva a escanearlo o a teclearlo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="277"/>
        <source>The code has characters no code has ({characters}): only digits and letters A to Z. Scan it or type it again.</source>
        <translation>El código tiene caracteres que ningún código lleva ({characters}): solo cifras y letras de la A a la Z. Vuelva a escanearlo o a teclearlo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="280"/>
        <source>The code has {length} characters; a purchase code has {purchase}, an item code {item} and a ticket code {ticket}. Check none is missing.</source>
        <translation>El código tiene {length} caracteres; un código de compra tiene {purchase}, uno de artículo {item} y uno de entrada {ticket}. Compruebe que no falta ninguno.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="283"/>
        <source>The code {code} was mistyped or misread (its check character does not match). Scan it or type it again.</source>
        <translation>El código {code} está mal tecleado o mal leído (su carácter de control no coincide). Vuelva a escanearlo o a teclearlo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="286"/>
        <source>The code {code} is not valid: an item code ends in four digits.</source>
        <translation>El código {code} no es válido: un código de artículo termina en cuatro cifras.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="288"/>
        <source>The code {code} was not issued for purchase {purchase}: it is not one of our tickets.</source>
        <translation>El código {code} no se emitió para la compra {purchase}: no es una de nuestras entradas.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="291"/>
        <source>{code} is not a purchase code.</source>
        <translation>{code} no es un código de compra.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="293"/>
        <source>Item number {position} is out of range: at most {max}.</source>
        <translation>El número de artículo {position} está fuera de rango: como máximo {max}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="295"/>
        <source>Ticket number {number} is out of range: at most {max}.</source>
        <translation>El número de entrada {number} está fuera de rango: como máximo {max}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="298"/>
        <source>&apos;{value}&apos; is not an amount of money.</source>
        <translation>«{value}» no es un importe.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="300"/>
        <source>&apos;{value}&apos; is not a whole number of cents.</source>
        <translation>«{value}» no es un número entero de céntimos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="302"/>
        <source>That amount is too large: at most {limit_cents}.</source>
        <translation>Ese importe es demasiado alto: como máximo {limit_cents}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="304"/>
        <source>Amounts cannot be shown for the language &apos;{locale}&apos;.</source>
        <translation>No se pueden mostrar importes en el idioma «{locale}».</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="307"/>
        <source>Choose seats, or a zone and a quantity.</source>
        <translation>Elija butacas, o una zona y una cantidad.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="309"/>
        <source>Choose seats or a zone for {product}.</source>
        <translation>Elija butacas o una zona para {product}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="311"/>
        <source>No ticket type is priced for zone {zone} of this event; fetch the inventory.</source>
        <translation>Ningún tipo de entrada tiene precio para la zona {zone} de este evento; descargue el inventario.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="314"/>
        <source>{product} is sold for seats in {zones}, not in {zone}.</source>
        <translation>{product} se vende para butacas de {zones}, no de {zone}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="316"/>
        <source>{product} is for seats in zone {zone}; these seats are in another zone: {seats}.</source>
        <translation>{product} es para butacas de la zona {zone}; estas butacas son de otra zona: {seats}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="319"/>
        <source>{product} needs {needed} seats; {chosen} are chosen.</source>
        <translation>{product} necesita {needed} butacas; hay {chosen} elegidas.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="321"/>
        <source>The same seat is chosen twice in this sale.</source>
        <translation>La misma butaca está elegida dos veces en esta venta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="323"/>
        <source>{product} includes a ticket type that is not on sale here; fetch the inventory.</source>
        <translation>{product} incluye un tipo de entrada que aquí no está a la venta; descargue el inventario.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="326"/>
        <source>{product} has no tickets in it; it cannot be sold.</source>
        <translation>{product} no incluye ninguna entrada; no se puede vender.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="328"/>
        <source>Sale {code} was voided: its tickets are no longer valid.</source>
        <translation>La venta {code} está anulada: sus entradas ya no son válidas.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="331"/>
        <source>Sign in as a supervisor first: every queue action records who did it.</source>
        <translation>Identifíquese antes como supervisor: cada acción de la cola registra quién la hizo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="333"/>
        <source>Choose the items to retry.</source>
        <translation>Elija los elementos que quiere reintentar.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="335"/>
        <source>Queue item {item} is no longer there: refresh the list.</source>
        <translation>El elemento {item} ya no está en la cola: actualice la lista.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="337"/>
        <source>{subject} cannot be retried: only parked or waiting items can.</source>
        <translation>{subject} no se puede reintentar: solo se reintentan los elementos apartados o pendientes.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="339"/>
        <source>Sale {code} has no conflict to decide.</source>
        <translation>La venta {code} no tiene ningún conflicto que decidir.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="341"/>
        <source>The conflict of sale {code} was already decided by {name}.</source>
        <translation>{name} ya decidió el conflicto de la venta {code}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="343"/>
        <source>Choose what happens to the sale: keep it or void it.</source>
        <translation>Elija qué pasa con la venta: mantenerla o anularla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="345"/>
        <source>Give a reason for the decision.</source>
        <translation>Indique el motivo de la decisión.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="347"/>
        <source>Sale {code} is voided: its customer no longer holds the seats, so it cannot keep them.</source>
        <translation>La venta {code} está anulada: su cliente ya no tiene las butacas, así que no puede mantenerlas.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="350"/>
        <source>Write a note: what was done about it, or who was told.</source>
        <translation>Escriba una nota: qué se hizo o a quién se avisó.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="352"/>
        <source>Conflict report {report} is no longer there: refresh the list.</source>
        <translation>El aviso de conflicto {report} ya no está: actualice la lista.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="354"/>
        <source>Conflict report {report} was already seen by {name}.</source>
        <translation>{name} ya vio el aviso de conflicto {report}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="357"/>
        <source>The printer address {address} has no valid port after the colon (for example 9100): fix it in the printer settings.</source>
        <translation>La dirección de impresora {address} no tiene un puerto válido tras los dos puntos (por ejemplo 9100): corríjala en los ajustes de la impresora.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="360"/>
        <source>The USB printer address {address} must be vendor:product in hexadecimal, for example 04b8:0202: fix it in the printer settings.</source>
        <translation>La dirección de la impresora USB {address} debe ser fabricante:producto en hexadecimal, por ejemplo 04b8:0202: corríjala en los ajustes de la impresora.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="363"/>
        <source>The serial printer address {address} has no valid speed after the @ (for example COM3@19200): fix it in the printer settings.</source>
        <translation>La dirección de la impresora serie {address} no tiene una velocidad válida tras la @ (por ejemplo COM3@19200): corríjala en los ajustes de la impresora.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="366"/>
        <source>This computer cannot drive {printer} (a library is missing): use a network printer, or ask IT to install it.</source>
        <translation>Este ordenador no puede manejar {printer} (falta una biblioteca): use una impresora de red o pida a informática que la instale.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="369"/>
        <source>Printing cannot start in this program: restart Box office.</source>
        <translation>La impresión no puede arrancar en este programa: reinicie Box office.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="371"/>
        <source>The PDF file {path} cannot be written: check that its folder exists and can be written.</source>
        <translation>No se puede escribir el archivo PDF {path}: compruebe que su carpeta existe y admite escritura.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="374"/>
        <source>Page {page} could not be added to {path}; the disk may be full.</source>
        <translation>No se pudo añadir la página {page} a {path}; puede que el disco esté lleno.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="376"/>
        <source>{printer} reported an error while printing: check it is on, has paper and is not paused. The sale is kept and can be reprinted.</source>
        <translation>{printer} dio un error al imprimir: compruebe que está encendida, tiene papel y no está en pausa. La venta se conserva y se puede reimprimir.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="379"/>
        <source>{printer} cannot start printing: it may be off or paused. The sale is kept and can be reprinted.</source>
        <translation>{printer} no puede empezar a imprimir: puede estar apagada o en pausa. La venta se conserva y se puede reimprimir.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="382"/>
        <source>{printer} stopped before ticket {ticket}. The sale is kept and can be reprinted.</source>
        <translation>{printer} se detuvo antes de la entrada {ticket}. La venta se conserva y se puede reimprimir.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="386"/>
        <source>{printer} is out of tickets: load ticket stock. The sale is kept.</source>
        <translation>{printer} se ha quedado sin entradas: cargue papel de entradas. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="388"/>
        <source>{printer} has a ticket jam: open it and clear the jam. The sale is kept.</source>
        <translation>{printer} tiene un atasco de entradas: ábrala y retire el atasco. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="390"/>
        <source>The cutter of {printer} is jammed: switch the printer off and clear it. The sale is kept.</source>
        <translation>La cuchilla de {printer} está atascada: apague la impresora y despéjela. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="393"/>
        <source>{printer} is holding a ticket nobody took: take it out. The sale is kept.</source>
        <translation>{printer} retiene una entrada que nadie ha recogido: retírela. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="396"/>
        <source>{printer} refused the ticket data: check that its resolution (dpi) and ticket stock match the settings. The sale is kept.</source>
        <translation>{printer} ha rechazado los datos de la entrada: compruebe que su resolución (ppp) y su papel coinciden con los ajustes. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="399"/>
        <source>{printer} reports a fault (status {status}): switch it off and on. The sale is kept.</source>
        <translation>{printer} indica una avería (estado {status}): apáguela y vuelva a encenderla. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="402"/>
        <source>{printer} sent a status it does not document ({status}): look at its display. The sale is kept.</source>
        <translation>{printer} ha enviado un estado no documentado ({status}): mire su pantalla. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="405"/>
        <source>{printer} did not confirm ticket {first}; it may have printed: check before reprinting. The sale is kept.</source>
        <translation>{printer} no ha confirmado la entrada {first}; puede que se haya impreso: compruébelo antes de reimprimir. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="408"/>
        <source>{printer} is not ready (out of tickets, jammed or open?): check it. The sale is kept.</source>
        <translation>{printer} no está lista (¿sin entradas, atascada o abierta?): revísela. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="411"/>
        <source>The connection to {printer} was lost while printing. The sale is kept.</source>
        <translation>Se ha perdido la conexión con {printer} durante la impresión. La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="414"/>
        <source>{path} is not a Box office database (not an SQLite file). Move it away or choose another data folder.</source>
        <translation>{path} no es una base de datos de Box office (no es un archivo SQLite). Muévalo a otro sitio o elija otra carpeta de datos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="417"/>
        <source>{path} is an SQLite database but not a Box office one (tables: {tables}). Move it away or choose another data folder.</source>
        <translation>{path} es una base de datos SQLite, pero no de Box office (tablas: {tables}). Muévala a otro sitio o elija otra carpeta de datos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="420"/>
        <source>{path} is a folder, not a Box office database. Choose another data folder.</source>
        <translation>{path} es una carpeta, no una base de datos de Box office. Elija otra carpeta de datos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="423"/>
        <source>The database {path} was made by a newer version of Box office (revision {revision}). Install that version to use it.</source>
        <translation>La base de datos {path} la creó una versión más nueva de Box office (revisión {revision}). Instale esa versión para usarla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="426"/>
        <source>The database {path} cannot be read ({reason}).</source>
        <translation>No se puede leer la base de datos {path} ({reason}).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="428"/>
        <source>The database {path} cannot be read ({reason}). If it is damaged, restore a copy from the backups folder or move it away.</source>
        <translation>No se puede leer la base de datos {path} ({reason}). Si está dañada, restaure una copia de la carpeta de copias de seguridad o muévala a otro sitio.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="431"/>
        <source>The database {path} could not be created ({reason}); no tables were created.</source>
        <translation>No se pudo crear la base de datos {path} ({reason}); no se creó ninguna tabla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="434"/>
        <source>The database {path} could not be upgraded ({reason}). It is left as it was; a copy taken before the upgrade is at {backup}.</source>
        <translation>No se pudo actualizar la base de datos {path} ({reason}). Se queda como estaba; hay una copia anterior a la actualización en {backup}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="437"/>
        <source>The database {path} is at revision {revision} after upgrading, not {head}. Call IT.</source>
        <translation>Tras actualizarla, la base de datos {path} está en la revisión {revision}, no en {head}. Llame a informática.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="440"/>
        <source>The database {path} could not be backed up to {backups} before upgrading it ({reason}), so it was not upgraded. Free some disk space or check the folder&apos;s permissions, then start again.</source>
        <translation>No se pudo hacer la copia de seguridad de la base de datos {path} en {backups} antes de actualizarla ({reason}), así que no se actualizó. Libere espacio en el disco o revise los permisos de la carpeta y vuelva a arrancar.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="445"/>
        <source>The settings file {source} is not UTF-8 text: save it as UTF-8.</source>
        <translation>El archivo de configuración {source} no es texto UTF-8: guárdelo como UTF-8.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="447"/>
        <source>The settings file {source} is not valid TOML ({detail}): fix that line or delete the file to start over.</source>
        <translation>El archivo de configuración {source} no es TOML válido ({detail}): corrija esa línea o borre el archivo para empezar de cero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="450"/>
        <source>The settings file {source} cannot be read ({reason}).</source>
        <translation>No se puede leer el archivo de configuración {source} ({reason}).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="452"/>
        <source>{source}: unknown section [{section}]; the sections are {expected}.</source>
        <translation>{source}: sección desconocida [{section}]; las secciones son {expected}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="454"/>
        <source>{source}: {key} must be a section ([{key}]).</source>
        <translation>{source}: {key} debe ser una sección ([{key}]).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="456"/>
        <source>{source}: unknown setting {key}; the settings there are {expected}.</source>
        <translation>{source}: ajuste desconocido {key}; los ajustes de ahí son {expected}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="458"/>
        <source>{source}: {key} must be a whole number, not {value}.</source>
        <translation>{source}: {key} debe ser un número entero, no {value}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="460"/>
        <source>{source}: {key} must be text in quotes, not {value}.</source>
        <translation>{source}: {key} debe ser un texto entre comillas, no {value}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="462"/>
        <source>{source}: {key} must be true or false, not {value}.</source>
        <translation>{source}: {key} debe ser true o false, no {value}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="464"/>
        <source>{source}: the platform&apos;s address must start with http:// or https:// ({value}).</source>
        <translation>{source}: la dirección de la plataforma debe empezar por http:// o https:// ({value}).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="467"/>
        <source>{source}: the office id is missing; the platform&apos;s address needs it.</source>
        <translation>{source}: falta el identificador de la taquilla; la dirección de la plataforma lo necesita.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="469"/>
        <source>{source}: the CA file {path} does not exist.</source>
        <translation>{source}: el archivo de CA {path} no existe.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="471"/>
        <source>{source}: the terminal id is empty.</source>
        <translation>{source}: el identificador del terminal está vacío.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="473"/>
        <source>{source}: {key} must be one of {allowed}, not {value}.</source>
        <translation>{source}: {key} debe ser uno de estos: {allowed}; no {value}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="475"/>
        <source>{source}: {key} must be between {low} and {high}, not {value}.</source>
        <translation>{source}: {key} debe estar entre {low} y {high}, no {value}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="477"/>
        <source>Cannot write {path}: {reason}.</source>
        <translation>No se puede escribir {path}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="479"/>
        <source>Submission is disabled: set [fiscal] submission_url in the config to send records.</source>
        <translation>El envío está desactivado: indique [fiscal] submission_url en la configuración para enviar los registros.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="482"/>
        <source>{source}: the invoicing setting {key} is not valid: {reason}.</source>
        <translation>{source}: el ajuste de facturación {key} no es válido: {reason}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="484"/>
        <source>{source}: the scanner prefix must be at most {max} printable characters, without spaces at the ends, not {value}.</source>
        <translation>{source}: el prefijo del escáner debe tener como máximo {max} caracteres imprimibles, sin espacios en los extremos; no {value}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="489"/>
        <source>Type the platform&apos;s address, e.g. https://central.example</source>
        <translation>Escriba la dirección de la plataforma central, p. ej. https://central.example</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="491"/>
        <source>Type the office id the platform gave this window.</source>
        <translation>Escriba el ID de taquilla que la plataforma dio a esta taquilla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="493"/>
        <source>Paste the API token the platform gave this office.</source>
        <translation>Pegue el token de API que la plataforma dio a esta taquilla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="495"/>
        <source>Write the whole address, starting with https://, e.g. https://{address}</source>
        <translation>Escriba la dirección completa, empezando por https://, p. ej. https://{address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="497"/>
        <source>This is not a valid address. It should look like https://central.example</source>
        <translation>No es una dirección válida. Debe tener la forma https://central.example</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="499"/>
        <source>This file does not exist. Choose the platform&apos;s certificate file.</source>
        <translation>Este archivo no existe. Elija el archivo de certificado de la plataforma.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="501"/>
        <source>The name {host} cannot be found. Check the address, and that this computer is connected to the network.</source>
        <translation>No se encuentra el nombre {host}. Revise la dirección y que este equipo esté conectado a la red.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="504"/>
        <source>Nothing answers at {host} port {port}. Check the address and the port, and that the platform is running.</source>
        <translation>Nada responde en {host}, puerto {port}. Revise la dirección y el puerto, y que la plataforma esté en marcha.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="507"/>
        <source>{host} does not answer. Check the network cable or Wi-Fi, and any firewall between this computer and the platform.</source>
        <translation>{host} no responde. Revise el cable de red o la wifi, y cualquier cortafuegos entre este equipo y la plataforma.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="510"/>
        <source>Cannot reach the platform. Check the address and the network, then try again.</source>
        <translation>No se puede conectar con la plataforma. Revise la dirección y la red, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="513"/>
        <source>The platform&apos;s certificate was made for another name, not {host}. Check the address: use the name the certificate was made for.</source>
        <translation>El certificado de la plataforma se hizo para otro nombre, no para {host}. Revise la dirección: use el nombre para el que se hizo el certificado.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="516"/>
        <source>This platform cannot list the office&apos;s events. Type the ids of the events to sell in Event ids (separated by commas), then test again.</source>
        <translation>Esta plataforma no puede listar los eventos de la taquilla. Escriba los ID de los eventos a la venta en ID de eventos (separados por comas) y vuelva a probar.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="519"/>
        <source>The platform has no event {event}. Check the event ids.</source>
        <translation>La plataforma no tiene el evento {event}. Revise los ID de eventos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="521"/>
        <source>The platform&apos;s certificate is not signed by this CA file. Choose the platform&apos;s CA file, or check the address.</source>
        <translation>El certificado de la plataforma no está firmado por este archivo de CA. Elija el archivo de CA de la plataforma o revise la dirección.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="524"/>
        <source>The platform&apos;s certificate is not trusted (TLS). If it uses a private certificate, choose its CA file below; otherwise check the address.</source>
        <translation>El certificado de la plataforma no es de confianza (TLS). Si usa un certificado privado, elija su archivo de CA abajo; si no, revise la dirección.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="527"/>
        <source>This is not a token: it has spaces, accents or control characters. Paste it again exactly as the platform gave it.</source>
        <translation>Esto no es un token: tiene espacios, acentos o caracteres de control. Péguelo otra vez tal como lo dio la plataforma.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="530"/>
        <source>The platform does not accept this token. Paste it again exactly as the platform gave it; it may have been revoked.</source>
        <translation>La plataforma no acepta este token. Péguelo otra vez tal como lo dio la plataforma; puede que se haya revocado.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="533"/>
        <source>This token may not act for office {office}. Check the office id, or paste the token made for this office.</source>
        <translation>Este token no sirve para la taquilla {office}. Revise el ID de taquilla o pegue el token creado para esta taquilla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="536"/>
        <source>The platform has no office {office}. Check the office id.</source>
        <translation>La plataforma no tiene la taquilla {office}. Revise el ID de taquilla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="538"/>
        <source>Something answers at this address, but it is not the central platform. Check the address, including any path after the host.</source>
        <translation>Algo responde en esta dirección, pero no es la plataforma central. Revise la dirección, incluida la ruta que siga al servidor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="541"/>
        <source>The platform cannot answer right now. Try again in a few minutes.</source>
        <translation>La plataforma no puede responder ahora. Inténtelo de nuevo en unos minutos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="543"/>
        <source>The platform refused the check: {detail}</source>
        <translation>La plataforma rechazó la prueba: {detail}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="549"/>
        <source>sell tickets</source>
        <extracomment>``permission_refused``&apos;s ``{action}``: what the clerk tried, as the end of &quot;does not allow you to …&quot;</extracomment>
        <translation>vender entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="550"/>
        <source>give a discount above your limit</source>
        <translation>hacer un descuento por encima de su límite</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="551"/>
        <source>issue comp tickets</source>
        <translation>emitir cortesías</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="552"/>
        <source>void sales</source>
        <translation>anular ventas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="553"/>
        <source>give refunds</source>
        <translation>devolver importes</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="554"/>
        <source>return tickets to the platform</source>
        <translation>devolver entradas a la plataforma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="555"/>
        <source>reprint tickets</source>
        <translation>reimprimir entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="556"/>
        <source>open the drawer without a sale</source>
        <translation>abrir el cajón sin venta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="557"/>
        <source>change the settings</source>
        <translation>cambiar la configuración</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="558"/>
        <source>manage the staff</source>
        <translation>gestionar el personal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="559"/>
        <source>see the reports</source>
        <translation>ver los informes</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="560"/>
        <source>decide on the sync queue</source>
        <translation>decidir en la cola de sincronización</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="561"/>
        <source>open or close a shift</source>
        <translation>abrir o cerrar un turno</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="562"/>
        <source>close another clerk&apos;s shift</source>
        <translation>cerrar el turno de otro taquillero</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="563"/>
        <source>check tickets at the door</source>
        <translation>controlar entradas en la puerta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="564"/>
        <source>leave kiosk mode</source>
        <translation>salir del modo quiosco</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="565"/>
        <source>use training mode</source>
        <translation>usar el modo formación</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="566"/>
        <source>request batches of pre-generated tickets</source>
        <translation>solicitar lotes de entradas pregeneradas</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/error_text.py" line="580"/>
        <source>At most %n tickets in one sale.</source>
        <extracomment>code -&gt; the parameter holding the count</extracomment>
        <translation>
            <numerusform>Como máximo %n entrada por venta.</numerusform>
            <numerusform>Como máximo %n entradas por venta.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/error_text.py" line="581"/>
        <source>No %n seats together in {zone}.</source>
        <translation>
            <numerusform>No hay %n butaca libre en {zone}.</numerusform>
            <numerusform>No hay %n butacas juntas en {zone}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/error_text.py" line="582"/>
        <source>Only %n seats left in {zone}; {needed} needed.</source>
        <translation>
            <numerusform>Solo queda %n butaca en {zone}; se necesitan {needed}.</numerusform>
            <numerusform>Solo quedan %n butacas en {zone}; se necesitan {needed}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/error_text.py" line="583"/>
        <source>The office hub cannot be reached: this window has %n seats of its own left in {zone}; {needed} needed.</source>
        <translation>
            <numerusform>No se puede contactar con el concentrador de la oficina: a esta taquilla le queda %n butaca propia en {zone}; se necesitan {needed}.</numerusform>
            <numerusform>No se puede contactar con el concentrador de la oficina: a esta taquilla le quedan %n butacas propias en {zone}; se necesitan {needed}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="603"/>
        <source>PDF files</source>
        <translation>archivos PDF</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="605"/>
        <source>the system&apos;s default printer</source>
        <translation>la impresora predeterminada del sistema</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="603"/>
        <source>PDF files in {address}</source>
        <extracomment>where a printer prints, by kind: (with its address, without one)</extracomment>
        <translation>archivos PDF en {address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="604"/>
        <source>the printer {address}</source>
        <translation>la impresora {address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="606"/>
        <source>the network printer at {address}</source>
        <translation>la impresora de red en {address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="607"/>
        <source>the network printer</source>
        <translation>la impresora de red</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="608"/>
        <source>the USB printer {address}</source>
        <translation>la impresora USB {address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="609"/>
        <source>the USB printer</source>
        <translation>la impresora USB</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="610"/>
        <source>the serial printer at {address}</source>
        <translation>la impresora serie en {address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="611"/>
        <source>the serial printer</source>
        <translation>la impresora serie</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="612"/>
        <source>the ticket printer at {address}</source>
        <translation>la impresora de entradas en {address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="613"/>
        <source>the network ticket printer</source>
        <translation>la impresora de entradas de red</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="614"/>
        <source>the USB ticket printer {address}</source>
        <translation>la impresora de entradas USB {address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="615"/>
        <source>the USB ticket printer</source>
        <translation>la impresora de entradas USB</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="616"/>
        <source>the serial ticket printer at {address}</source>
        <translation>la impresora de entradas serie en {address}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="617"/>
        <source>the serial ticket printer</source>
        <translation>la impresora de entradas serie</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="649"/>
        <source>Something went wrong; nothing was recorded. The details are in the log.</source>
        <translation>Algo ha fallado; no se ha registrado nada. Los detalles están en el registro.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/error_text.py" line="662"/>
        <source>Not done</source>
        <translation>No realizado</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <location filename="../../boxoffice/ui/file_dialogs.py" line="20"/>
        <source>Look in:</source>
        <translation>Buscar en:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/file_dialogs.py" line="21"/>
        <source>File type:</source>
        <translation>Tipo de archivo:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/file_dialogs.py" line="22"/>
        <source>File name:</source>
        <translation>Nombre de archivo:</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="187"/>
        <source>Event ids</source>
        <translation>ID de eventos</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="416"/>
        <source>Connected. %n event(s) assigned to this office: {names}</source>
        <translation>
            <numerusform>Conectado. %n evento asignado a esta taquilla: {names}</numerusform>
            <numerusform>Conectado. %n eventos asignados a esta taquilla: {names}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="186"/>
        <source>optional: only if the platform cannot list the office&apos;s events</source>
        <translation>opcional: solo si la plataforma no puede listar los eventos de la taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="72"/>
        <location filename="../../boxoffice/ui/first_run.py" line="88"/>
        <source>Set up this box office</source>
        <translation>Configurar esta taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="106"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="110"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="113"/>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="116"/>
        <location filename="../../boxoffice/ui/first_run.py" line="306"/>
        <location filename="../../boxoffice/ui/first_run.py" line="310"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="158"/>
        <source>e.g. https://central.example</source>
        <translation>p. ej. https://central.example</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="160"/>
        <source>Platform address</source>
        <translation>Dirección de la plataforma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="161"/>
        <source>e.g. office_taquilla_norte</source>
        <translation>p. ej. office_taquilla_norte</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="162"/>
        <source>Office id</source>
        <translation>ID de taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="163"/>
        <source>optional: shown on tickets</source>
        <translation>opcional: aparece en las entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="164"/>
        <source>Office name</source>
        <translation>Nombre de la taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="166"/>
        <source>paste the office&apos;s API token</source>
        <translation>pegue el token de API de la taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="170"/>
        <location filename="../../boxoffice/ui/first_run.py" line="376"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="175"/>
        <source>API token</source>
        <translation>Token de API</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="178"/>
        <source>optional: only for a private certificate</source>
        <translation>opcional: solo para un certificado privado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="179"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="183"/>
        <source>CA file</source>
        <translation>Archivo de CA</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="194"/>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="292"/>
        <source>Step 1 of 3: connect to the central platform</source>
        <translation>Paso 1 de 3: conectar con la plataforma central</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="293"/>
        <source>Step 2 of 3: pair this window and fetch the inventory</source>
        <translation>Paso 2 de 3: vincular esta taquilla y descargar el inventario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="294"/>
        <source>Step 3 of 3: create the supervisor</source>
        <translation>Paso 3 de 3: crear el supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="310"/>
        <source>Finish</source>
        <translation>Finalizar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="376"/>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="379"/>
        <source>The platform&apos;s CA certificate</source>
        <translation>Certificado de CA de la plataforma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="380"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificados (*.pem *.crt *.cer);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="402"/>
        <source>Testing the connection…</source>
        <translation>Probando la conexión…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="478"/>
        <source>Connection tested: %n event(s) assigned</source>
        <translation>
            <numerusform>Conexión probada: %n evento asignado</numerusform>
            <numerusform>Conexión probada: %n eventos asignados</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="522"/>
        <source>Inventory fetched: {tickets} for sale in {events}</source>
        <translation>Inventario descargado: {tickets} a la venta en {events}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="523"/>
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n entrada</numerusform>
            <numerusform>%n entradas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="523"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n evento</numerusform>
            <numerusform>%n eventos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="525"/>
        <source>(%n ticket type(s) left out: their price is not valid; see the log)</source>
        <translation>
            <numerusform>(%n tipo de entrada omitido: su precio no es válido; vea el registro)</numerusform>
            <numerusform>(%n tipos de entrada omitidos: su precio no es válido; vea el registro)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="419"/>
        <source>Connected. No events are assigned to this office yet.</source>
        <translation>Conectado. Aún no hay eventos asignados a esta taquilla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="436"/>
        <source>The connection test failed; see above.</source>
        <translation>La prueba de conexión falló; vea arriba.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="444"/>
        <source>Details: {detail}</source>
        <translation>Detalles: {detail}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="459"/>
        <source>The token cannot be kept in this computer&apos;s keyring: {error}</source>
        <translation>No se puede guardar el token en el llavero de este equipo: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="463"/>
        <source>Something went wrong ({error}). Try again; if it keeps failing, call IT.</source>
        <translation>Algo ha fallado ({error}). Inténtelo de nuevo; si sigue fallando, llame a informática.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="480"/>
        <source>Saving the token in the keyring and the settings…</source>
        <translation>Guardando el token en el llavero y en los ajustes…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="491"/>
        <source>Token stored in the keyring</source>
        <translation>Token guardado en el llavero</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="492"/>
        <source>Settings saved: {url}, office {office}</source>
        <translation>Ajustes guardados: {url}, taquilla {office}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="500"/>
        <source>Nothing was saved: {error}</source>
        <translation>No se guardó nada: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="509"/>
        <source>Fetching the inventory…</source>
        <translation>Descargando el inventario…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="529"/>
        <source>Paired. Next, create the supervisor.</source>
        <translation>Vinculada. Ahora cree el supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="531"/>
        <source>Paired. This window already has clerks: Finish to sign in.</source>
        <translation>Vinculada. Esta taquilla ya tiene vendedores: pulse Finalizar para entrar.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="538"/>
        <source>Could not fetch the inventory: {error}</source>
        <translation>No se pudo descargar el inventario: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/first_run.py" line="540"/>
        <source>The pairing is saved. Try again, or go on: the window fetches the inventory again at every start.</source>
        <translation>La vinculación está guardada. Reintente o continúe: la taquilla vuelve a descargar el inventario en cada inicio.</translation>
    </message>
</context>
<context>
    <name>FirstSupervisorDialog</name>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="512"/>
        <source>Create the supervisor</source>
        <translation>Crear el supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="522"/>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="525"/>
        <source>No clerks here yet. Create the supervisor, who then adds the other clerks (Supervisor › Staff…).</source>
        <translation>Aún no hay taquilleros. Cree el supervisor, que luego da de alta a los demás (Supervisor › Personal…).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="541"/>
        <source>e.g. Marta López</source>
        <translation>p. ej. Marta López</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="542"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="545"/>
        <source>{low} to {high} digits</source>
        <translation>de {low} a {high} dígitos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="547"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="549"/>
        <source>the same PIN again</source>
        <translation>el mismo PIN otra vez</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="551"/>
        <source>Repeat PIN</source>
        <translation>Repita el PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="557"/>
        <source>optional: scan the badge now</source>
        <translation>opcional: pase la tarjeta ahora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="558"/>
        <source>Badge</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="571"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="576"/>
        <source>Create supervisor</source>
        <translation>Crear supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="608"/>
        <source>Type the supervisor&apos;s name.</source>
        <translation>Escriba el nombre del supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="613"/>
        <source>The PIN must be {low} to {high} digits.</source>
        <translation>El PIN debe tener de {low} a {high} dígitos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="618"/>
        <source>The two PINs are different. Type the PIN again.</source>
        <translation>Los dos PIN no coinciden. Escriba el PIN otra vez.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="633"/>
        <source>Creating the supervisor…</source>
        <translation>Creando el supervisor…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="645"/>
        <source>A supervisor already exists. Close this window and sign in.</source>
        <translation>Ya existe un supervisor. Cierre esta ventana e identifíquese.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="647"/>
        <source>That badge already belongs to another clerk.</source>
        <translation>Esa tarjeta ya pertenece a otro taquillero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="652"/>
        <source>Could not create the supervisor ({error}).</source>
        <translation>No se pudo crear el supervisor ({error}).</translation>
    </message>
</context>
<context>
    <name>HourChart</name>
    <message>
        <location filename="../../boxoffice/ui/hour_chart.py" line="57"/>
        <source>No sales in this period</source>
        <extracomment>Beyond this many hours between the first and last sale (a long date range), only hours with sales get a bar.</extracomment>
        <translation>No hay ventas en este periodo</translation>
    </message>
</context>
<context>
    <name>KioskGuard</name>
    <message>
        <location filename="../../boxoffice/ui/kiosk.py" line="99"/>
        <source>Leave kiosk mode and close the box office?</source>
        <translation>¿Salir del modo quiosco y cerrar la taquilla?</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/kiosk.py" line="124"/>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/kiosk.py" line="125"/>
        <source>The exit could not be recorded ({error}); the window stays open.</source>
        <translation>No se pudo registrar la salida ({error}); la ventana sigue abierta.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="849"/>
        <source>Seats not together</source>
        <translation>Butacas no juntas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="850"/>
        <source>Sell them apart, in different places?</source>
        <translation>¿Venderlas separadas, en sitios distintos?</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="862"/>
        <source>Nothing was sold: choose seats on the map, or fewer tickets.</source>
        <translation>No se ha vendido nada: elija butacas en el mapa, o menos entradas.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="131"/>
        <location filename="../../boxoffice/ui/main_window.py" line="429"/>
        <source>Box office — {office}</source>
        <translation>Taquilla — {office}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="144"/>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="152"/>
        <source>Change clerk</source>
        <translation>Cambiar usuario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="157"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="165"/>
        <source>TRAINING / FORMACIÓN · practice only: nothing is sold for real, nothing is synced, and it is all discarded when training ends</source>
        <translation>MODO FORMACIÓN · solo práctica: no se vende nada de verdad, no se sincroniza nada y todo se descarta al terminar la formación</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="239"/>
        <source>{name} ⇄</source>
        <translation>{name} ⇄</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="239"/>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="287"/>
        <source>Leave training</source>
        <translation>Salir de formación</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="260"/>
        <location filename="../../boxoffice/ui/main_window.py" line="294"/>
        <source>Door check…</source>
        <translation>Control de acceso…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="255"/>
        <source>You are signed in for the door: scan the tickets, or open the door check.</source>
        <translation>Ha iniciado sesión para la puerta: escanee las entradas o abra el control de acceso.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="295"/>
        <source>Return unsold tickets…</source>
        <translation>Devolver entradas no vendidas…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="296"/>
        <source>Sync queue…</source>
        <translation>Cola de sincronización…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="297"/>
        <source>Shift and Z report…</source>
        <translation>Turno e informe Z…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="298"/>
        <source>Past Z reports…</source>
        <translation>Informes Z anteriores…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="299"/>
        <source>Sales reports…</source>
        <translation>Informes de ventas…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="300"/>
        <source>Staff…</source>
        <translation>Personal…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="303"/>
        <source>Offline sales batches…</source>
        <translation>Lotes de venta sin conexión…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="308"/>
        <source>Training mode</source>
        <translation>Modo formación</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="310"/>
        <source>No sale (open drawer)</source>
        <translation>Sin venta (abrir cajón)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="312"/>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="390"/>
        <source>Finish or clear the cart before starting training.</source>
        <translation>Termine o vacíe el carrito antes de iniciar la formación.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="392"/>
        <source>Preparing the training copy…</source>
        <translation>Preparando la copia de formación…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="394"/>
        <source>Could not start training: {error}</source>
        <translation>No se pudo iniciar la formación: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="402"/>
        <source>Training started. Practise freely: these sales are not real.</source>
        <translation>Formación iniciada. Practique con libertad: estas ventas no son reales.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="409"/>
        <source>Wait for the sale to finish before leaving training.</source>
        <translation>Espere a que termine la venta antes de salir de formación.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="419"/>
        <source>Training ended; its practice sales were discarded.</source>
        <translation>Formación terminada; sus ventas de práctica se han descartado.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="428"/>
        <source>TRAINING</source>
        <translation>FORMACIÓN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="455"/>
        <source>Settings saved. A new language shows at the next start.</source>
        <translation>Ajustes guardados. El nuevo idioma se verá en el próximo inicio.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="507"/>
        <source>Manage the staff: add, edit and deactivate clerks, reset PINs, enrol badges.</source>
        <translation>Gestionar el personal: dar de alta, editar y dar de baja taquilleros, cambiar PIN y registrar tarjetas.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="530"/>
        <source>Could not open the drawer: {error}</source>
        <translation>No se pudo abrir el cajón: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="545"/>
        <source> · started</source>
        <translation> · ya empezó</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="545"/>
        <source> · already held</source>
        <translation> · ya celebrado</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="636"/>
        <source>{name} (%n tickets) · {price}</source>
        <translation>
            <numerusform>{name} (%n entrada) · {price}</numerusform>
            <numerusform>{name} (%n entradas) · {price}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="656"/>
        <source>Row {row} seat {seat}</source>
        <translation>Fila {row} butaca {seat}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="657"/>
        <source>Seat {seat}</source>
        <translation>Butaca {seat}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="670"/>
        <source>Only %n left in {zone}</source>
        <translation>
            <numerusform>Solo queda %n en {zone}</numerusform>
            <numerusform>Solo quedan %n en {zone}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="750"/>
        <source>Comp {code}: %n tickets issued free of charge.</source>
        <translation>
            <numerusform>Cortesía {code}: %n entrada emitida sin cargo.</numerusform>
            <numerusform>Cortesía {code}: %n entradas emitidas sin cargo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="753"/>
        <source>Sold {code}: %n tickets, {total}{change}.</source>
        <translation>
            <numerusform>Vendido {code}: %n entrada, {total}{change}.</numerusform>
            <numerusform>Vendido {code}: %n entradas, {total}{change}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="759"/>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="529"/>
        <source>Drawer opened (no sale), recorded.</source>
        <translation>Cajón abierto (sin venta), registrado.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="549"/>
        <source>No events assigned to this office yet</source>
        <translation>Aún no hay eventos asignados a esta taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="561"/>
        <source>Fetching the inventory…</source>
        <translation>Descargando el inventario…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="564"/>
        <source>Could not fetch the inventory ({error}); selling from local data.</source>
        <translation>No se pudo descargar el inventario ({error}); se vende con los datos locales.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="652"/>
        <source>Zone {zone} has no price; pull the inventory</source>
        <translation>La zona {zone} no tiene precio; descargue el inventario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="747"/>
        <source> · Change {amount}</source>
        <translation> · Cambio {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="761"/>
        <source>Printing is not set up yet; the tickets can be printed later.</source>
        <translation>La impresión aún no está configurada; las entradas se pueden imprimir luego.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="773"/>
        <source>Printed.</source>
        <translation>Impreso.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="777"/>
        <source>Printing {code} failed ({error}); the sale is kept, reprint it later.</source>
        <translation>La impresión de {code} ha fallado ({error}); la venta se conserva, reimprímala más tarde.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="801"/>
        <source>Seat just taken by another sale; nothing was sold. Pick other seats. ({error})</source>
        <translation>Otra venta acaba de ocupar la butaca; no se vendió nada. Elija otras butacas. ({error})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="804"/>
        <source>Not sold: {error}</source>
        <translation>No vendido: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="807"/>
        <source>Not sold: unexpected error ({error}); nothing was recorded.</source>
        <translation>No vendido: error inesperado ({error}); no se registró nada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="822"/>
        <source>{event} began on {date} at {time}.</source>
        <translation>«{event}» empezó el {date} a las {time}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="823"/>
        <source>{event} took place on {date} at {time}.</source>
        <translation>«{event}» se celebró el {date} a las {time}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="824"/>
        <source>Event already started</source>
        <translation>Evento ya empezado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="825"/>
        <source>Past event</source>
        <translation>Evento ya celebrado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="827"/>
        <source>Sell tickets for it anyway?</source>
        <translation>¿Vender entradas de todos modos?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="848"/>
        <source>No %n seats together in {zone}.</source>
        <translation>
            <numerusform>No hay %n butaca libre en {zone}.</numerusform>
            <numerusform>No hay %n butacas juntas en {zone}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="895"/>
        <source>Code {code} was not sold at this terminal</source>
        <translation>El código {code} no se vendió en este terminal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="962"/>
        <source>{name} signed in</source>
        <translation>{name} ha entrado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="966"/>
        <source>Scanned code is neither a ticket nor a known badge.</source>
        <translation>El código leído no es una entrada ni una tarjeta conocida.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="968"/>
        <source>Scanned code is neither a ticket nor a known badge: {error}</source>
        <translation>El código escaneado no es una entrada ni una tarjeta conocida: {error}</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="108"/>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="119"/>
        <source>Open shift</source>
        <extracomment>Notes and coins in cents, largest first, by the currency symbol of the money format. Styles of these screens only (the app stylesheet styles the rest); kept here so the screens stay one module.</extracomment>
        <translation>Abrir turno</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="127"/>
        <source>Clerk: {name}</source>
        <translation>Vendedor: {name}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="129"/>
        <source>Cash float put in the drawer</source>
        <translation>Fondo de caja que se deja en el cajón</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="139"/>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="142"/>
        <source>Open shift (Enter)</source>
        <translation>Abrir turno (Intro)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="169"/>
        <source>Shift {id} is still open (since {when}, by {name}): close it before opening a new one.</source>
        <translation>El turno {id} sigue abierto (desde {when}, por {name}): ciérrelo antes de abrir uno nuevo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="203"/>
        <source>Type the cash in the drawer, for example {example} (0 if there is none).</source>
        <translation>Escriba el efectivo del cajón, por ejemplo {example} (0 si no hay).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="205"/>
        <source>{text} is not an amount; type digits, for example {example}.</source>
        <translation>{text} no es un importe; escriba cifras, por ejemplo {example}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="209"/>
        <source>Float {amount}</source>
        <translation>Fondo de caja {amount}</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="33"/>
        <source>Payment</source>
        <translation>Cobro</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="40"/>
        <source>Total {amount}</source>
        <translation>Total {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="46"/>
        <source>Card amount</source>
        <translation>Importe con tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="51"/>
        <source>All by card</source>
        <translation>Todo con tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="55"/>
        <source>Card reference</source>
        <translation>Referencia de tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="58"/>
        <source>from the card terminal&apos;s slip</source>
        <translation>del ticket del datáfono</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="60"/>
        <source>Cash received</source>
        <translation>Efectivo recibido</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="65"/>
        <source>Exact</source>
        <translation>Exacto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="91"/>
        <source>Back (Esc)</source>
        <translation>Volver (Esc)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="94"/>
        <source>Complete sale (Enter)</source>
        <translation>Completar venta (Intro)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="148"/>
        <source>Type the card slip&apos;s reference</source>
        <translation>Escriba la referencia del ticket del datáfono</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="152"/>
        <source>Check the amount: {error}</source>
        <translation>Revise el importe: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="155"/>
        <source>Missing {amount}</source>
        <translation>Faltan {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="161"/>
        <location filename="../../boxoffice/ui/payment.py" line="169"/>
        <source>Change {amount}</source>
        <translation>Cambio {amount}</translation>
    </message>
</context>
<context>
    <name>PinForm</name>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="210"/>
        <source>New PIN for {name}</source>
        <translation>PIN nuevo para {name}</translation>
    </message>
</context>
<context>
    <name>PinMessages</name>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="83"/>
        <source>Wrong PIN, 1 try left</source>
        <translation>PIN incorrecto, queda 1 intento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="84"/>
        <source>Wrong PIN, {n} tries left</source>
        <translation>PIN incorrecto, quedan {n} intentos</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="172"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="172"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="172"/>
        <source>Code / event</source>
        <translation>Código / evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="172"/>
        <source>Tickets</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="172"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="173"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="173"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="208"/>
        <source>next try {time}</source>
        <translation>próximo intento {time}</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="77"/>
        <source>Refund, sale {code}</source>
        <translation>Devolución, venta {code}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="95"/>
        <source>Refund tickets of sale {code}</source>
        <translation>Devolver entradas de la venta {code}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="98"/>
        <source>Reading the sale…</source>
        <translation>Leyendo la venta…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="105"/>
        <source>Select all</source>
        <translation>Seleccionar todas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="115"/>
        <source>Give back in</source>
        <translation>Devolver en</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="121"/>
        <source>why the customer is given the money back</source>
        <translation>por qué se devuelve el dinero al cliente</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="122"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="132"/>
        <source>Refund…</source>
        <translation>Devolver…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="136"/>
        <source>Refunds need a supervisor&apos;s PIN, which cannot be asked here</source>
        <translation>Las devoluciones necesitan el PIN de un supervisor, que aquí no se puede pedir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="137"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="158"/>
        <source>Refund</source>
        <translation>Devolver</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="158"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="158"/>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="158"/>
        <source>Seat</source>
        <translation>Butaca</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="159"/>
        <source>Ticket</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="159"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="180"/>
        <source>Could not read the sale: {error}</source>
        <translation>No se pudo leer la venta: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="192"/>
        <source>Sale {code} is voided: there is nothing to refund.</source>
        <translation>La venta {code} está anulada: no hay nada que devolver.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="195"/>
        <source>Paid {total} · refunded before {refunded}</source>
        <translation>Pagado {total} · ya devuelto {refunded}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/refund_dialog.py" line="198"/>
        <source>Paid {total} · %n tickets</source>
        <translation>
            <numerusform>Pagado {total} · %n entrada</numerusform>
            <numerusform>Pagado {total} · %n entradas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="210"/>
        <source>refunded</source>
        <translation>devuelta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="219"/>
        <source>General admission</source>
        <translation>Entrada general</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="294"/>
        <source>To give back: {amount}</source>
        <translation>A devolver: {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="319"/>
        <source>in cash</source>
        <translation>en efectivo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="319"/>
        <source>to the card {reference}</source>
        <translation>a la tarjeta {reference}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/refund_dialog.py" line="321"/>
        <source>Refund %n tickets of sale {code}: {amount} {way}.
Reason: {reason}</source>
        <translation>
            <numerusform>Devolver %n entrada de la venta {code}: {amount} {way}.
Motivo: {reason}</numerusform>
            <numerusform>Devolver %n entradas de la venta {code}: {amount} {way}.
Motivo: {reason}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="330"/>
        <source>Not refunded: no supervisor authorised it.</source>
        <translation>Sin devolución: ningún supervisor la autorizó.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="333"/>
        <source>Not refunded: {name} is not a supervisor.</source>
        <translation>Sin devolución: {name} no es supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="343"/>
        <source>Refunding…</source>
        <translation>Devolviendo…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="354"/>
        <source>Refunded {amount} to the card. The seats go back on sale when the central platform confirms.</source>
        <translation>Devueltos {amount} a la tarjeta. Las butacas vuelven a la venta cuando la plataforma central lo confirme.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="357"/>
        <source>Refunded {amount} in cash. The seats go back on sale when the central platform confirms.</source>
        <translation>Devueltos {amount} en efectivo. Las butacas vuelven a la venta cuando la plataforma central lo confirme.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/refund_dialog.py" line="369"/>
        <source>Not refunded. {error}</source>
        <translation>Sin devolución. {error}</translation>
    </message>
</context>
<context>
    <name>ReportSeenDialog</name>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="272"/>
        <source>Mark the report as seen</source>
        <translation>Marcar el aviso como visto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="278"/>
        <source>Note (what was done, who was told; goes into the journal):</source>
        <translation>Nota (qué se hizo, a quién se avisó; queda en el diario):</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="282"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="282"/>
        <source>Mark seen</source>
        <translation>Marcar como visto</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="84"/>
        <source>Sales reports</source>
        <extracomment>Styles of this screen only (the app stylesheet styles the rest).</extracomment>
        <translation>Informes de ventas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="95"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="190"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="299"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="98"/>
        <source>All events</source>
        <translation>Todos los eventos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="109"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="111"/>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="128"/>
        <source>By hour</source>
        <translation>Por hora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="128"/>
        <source>By event</source>
        <translation>Por evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="128"/>
        <source>By zone</source>
        <translation>Por zona</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="129"/>
        <source>By product</source>
        <translation>Por producto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="129"/>
        <source>By payment</source>
        <translation>Por forma de pago</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="129"/>
        <source>By clerk</source>
        <translation>Por vendedor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="161"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="165"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="190"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="301"/>
        <source>Hour</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="190"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="299"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="191"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="300"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="191"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="300"/>
        <source>Payment</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="191"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="300"/>
        <source>Clerk</source>
        <translation>Vendedor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="193"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="196"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="297"/>
        <source>Tickets</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="193"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="195"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="196"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="297"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="298"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="195"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="296"/>
        <source>Payments</source>
        <translation>Pagos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="196"/>
        <location filename="../../boxoffice/ui/reports_view.py" line="296"/>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="226"/>
        <source>Reading the sales…</source>
        <translation>Leyendo las ventas…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="235"/>
        <source>The report could not be read: {error}</source>
        <translation>No se pudo leer el informe: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="243"/>
        <source>Sales {count} · tickets {tickets} · total {total}</source>
        <translation>Ventas {count} · entradas {tickets} · total {total}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="245"/>
        <source>Comps (included above): {count}, tickets {tickets} · Voided (not included): {voided}, tickets {voided_tickets}, {voided_total}</source>
        <translation>Cortesías (incluidas arriba): {count}, entradas {tickets} · Anuladas (no incluidas): {voided}, entradas {voided_tickets}, {voided_total}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="255"/>
        <source>No sales in this period.</source>
        <translation>No hay ventas en este periodo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="261"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="261"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="261"/>
        <source>(no clerk)</source>
        <translation>(sin vendedor)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="296"/>
        <source>Grouping</source>
        <translation>Agrupación</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="296"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="298"/>
        <source>Voided (not included)</source>
        <translation>Anuladas (no incluidas)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="299"/>
        <source>Comps (included)</source>
        <translation>Cortesías (incluidas)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="308"/>
        <source>sales</source>
        <translation>ventas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="319"/>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="320"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="336"/>
        <source>Could not write {path}: {error}</source>
        <translation>No se pudo escribir {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/reports_view.py" line="331"/>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="80"/>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="99"/>
        <source>Return unsold tickets</source>
        <extracomment>The platform column: green confirmed, red refused, blue still queued (the banner colours).</extracomment>
        <translation>Devolver entradas no vendidas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="134"/>
        <source>{event} · by {actor}. Returned tickets go back to the central platform and can no longer be sold here.</source>
        <translation>{event} · por {actor}. Las entradas devueltas vuelven a la plataforma central y ya no se pueden vender aquí.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="284"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="153"/>
        <source>What to return</source>
        <translation>Qué devolver</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="160"/>
        <source>A zone</source>
        <translation>Una zona</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="160"/>
        <source>A seat range</source>
        <translation>Un rango de butacas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="161"/>
        <source>All unsold</source>
        <translation>Todas las no vendidas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="175"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="178"/>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="188"/>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="194"/>
        <source>Seats</source>
        <translation>Butacas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="212"/>
        <source>Return…</source>
        <translation>Devolver…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="230"/>
        <source>Confirm the return</source>
        <translation>Confirme la devolución</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="240"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="243"/>
        <source>Confirm return</source>
        <translation>Confirmar devolución</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="258"/>
        <source>Returns of this event</source>
        <translation>Devoluciones de este evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="264"/>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="531"/>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="264"/>
        <source>Tickets</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="264"/>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="264"/>
        <source>Platform</source>
        <translation>Plataforma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="276"/>
        <source>No returns for this event yet.</source>
        <translation>Aún no hay devoluciones de este evento.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="298"/>
        <source>+{n} more</source>
        <translation>+{n} más</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="317"/>
        <source>{zone} ({n} unsold)</source>
        <translation>{zone} ({n} sin vender)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="356"/>
        <source>Any row</source>
        <translation>Cualquier fila</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="359"/>
        <source>Row {row}</source>
        <translation>Fila {row}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="412"/>
        <source>This office holds no tickets of this event.</source>
        <translation>Esta taquilla no tiene entradas de este evento.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="417"/>
        <source>No unsold tickets in this choice: nothing to return.</source>
        <translation>No hay entradas sin vender en esta selección: nada que devolver.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="419"/>
        <source>%n tickets: seats {seats}</source>
        <translation>
            <numerusform>%n entrada: butaca {seats}</numerusform>
            <numerusform>%n entradas: butacas {seats}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="423"/>
        <source>{seats} is sold and cannot be returned; it is left out.</source>
        <translation>{seats} está vendida y no se puede devolver; se excluye.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="426"/>
        <source>{n} sold seats are left out: {seats}</source>
        <translation>Se excluyen {n} butacas vendidas: {seats}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="429"/>
        <source>{n} already being returned: {seats}</source>
        <translation>{n} ya en devolución: {seats}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="445"/>
        <source>Return %n tickets of this event to the central platform?

Seats: {seats}

They can no longer be sold at this window from now on; the central platform confirms the return when this terminal is online.</source>
        <translation>
            <numerusform>¿Devolver %n entrada de este evento a la plataforma central?

Butaca: {seats}

A partir de ahora ya no se podrá vender en esta taquilla; la plataforma central confirma la devolución cuando este terminal esté en línea.</numerusform>
            <numerusform>¿Devolver %n entradas de este evento a la plataforma central?

Butacas: {seats}

A partir de ahora ya no se podrán vender en esta taquilla; la plataforma central confirma la devolución cuando este terminal esté en línea.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="449"/>
        <source>Return %n tickets</source>
        <translation>
            <numerusform>Devolver %n entrada</numerusform>
            <numerusform>Devolver %n entradas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="467"/>
        <source>Returning %n tickets…</source>
        <translation>
            <numerusform>Devolviendo %n entrada…</numerusform>
            <numerusform>Devolviendo %n entradas…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="498"/>
        <source>%n tickets returned: no longer on sale here. The central platform confirmed the return at {time}.</source>
        <translation>
            <numerusform>%n entrada devuelta: ya no está a la venta aquí. La plataforma central confirmó la devolución a las {time}.</numerusform>
            <numerusform>%n entradas devueltas: ya no están a la venta aquí. La plataforma central confirmó la devolución a las {time}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="501"/>
        <source>%n tickets returned here, but the central platform refused the return: {error}. Tell the supervisor.</source>
        <translation>
            <numerusform>%n entrada devuelta aquí, pero la plataforma central rechazó la devolución: {error}. Avise al supervisor.</numerusform>
            <numerusform>%n entradas devueltas aquí, pero la plataforma central rechazó la devolución: {error}. Avise al supervisor.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="504"/>
        <source>%n tickets returned: no longer on sale here. Waiting for the central platform to confirm.</source>
        <translation>
            <numerusform>%n entrada devuelta: ya no está a la venta aquí. Esperando la confirmación de la plataforma central.</numerusform>
            <numerusform>%n entradas devueltas: ya no están a la venta aquí. Esperando la confirmación de la plataforma central.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="488"/>
        <source>Nothing was returned. {error}</source>
        <translation>No se devolvió nada. {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="490"/>
        <source>{text} The choice has been updated; check it and return again.</source>
        <translation>{text} La selección se ha actualizado; revísela y vuelva a devolver.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="525"/>
        <source>Confirmed at {time}</source>
        <translation>Confirmada a las {time}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="527"/>
        <source>Refused: {error}</source>
        <translation>Rechazada: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="529"/>
        <source>Queued, not reached yet ({error})</source>
        <translation>En cola, aún no ha llegado ({error})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/returns_dialog.py" line="533"/>
        <source>{n}: {seats}</source>
        <translation>{n}: {seats}</translation>
    </message>
</context>
<context>
    <name>SaleDialog</name>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="80"/>
        <source>Sale {code}</source>
        <translation>Venta {code}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="125"/>
        <source>Void sale…</source>
        <translation>Anular venta…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="128"/>
        <source>Voids need a supervisor&apos;s PIN, which cannot be asked here</source>
        <translation>Las anulaciones necesitan el PIN de un supervisor, que aquí no se puede pedir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="129"/>
        <source>Refund…</source>
        <translation>Devolver…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="132"/>
        <source>Refunds need a supervisor&apos;s PIN, which cannot be asked here</source>
        <translation>Las devoluciones necesitan el PIN de un supervisor, que aquí no se puede pedir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="160"/>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="160"/>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="160"/>
        <source>Seat</source>
        <translation>Butaca</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="160"/>
        <source>Ticket</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="161"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="191"/>
        <source>{pass_name} — {product} ({n} of {of})</source>
        <translation>{pass_name} — {product} ({n} de {of})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="194"/>
        <source>General admission</source>
        <translation>Entrada general</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="215"/>
        <source>voided</source>
        <translation>anulada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="215"/>
        <source>sold</source>
        <translation>vendida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="216"/>
        <source>{code} · {when} · {total} · {status}</source>
        <translation>{code} · {when} · {total} · {status}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="220"/>
        <source>{text} · refunded {amount}</source>
        <translation>{text} · devuelto {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="244"/>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="270"/>
        <source>Tickets of this sale were refunded: refund the others instead of voiding</source>
        <translation>Se devolvieron entradas de esta venta: devuelva las demás en lugar de anularla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="293"/>
        <source>Reason for voiding sale {code}:</source>
        <translation>Motivo de la anulación de la venta {code}:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="304"/>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="330"/>
        <source>Give a reason for the void.</source>
        <translation>Indique el motivo de la anulación.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/sale_dialog.py" line="306"/>
        <source>Void sale {code} (%n tickets, {total}).
Reason: {reason}</source>
        <translation>
            <numerusform>Anular la venta {code} (%n entrada, {total}).
Motivo: {reason}</numerusform>
            <numerusform>Anular la venta {code} (%n entradas, {total}).
Motivo: {reason}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="317"/>
        <source>Not voided: no supervisor authorised it.</source>
        <translation>No anulada: ningún supervisor la autorizó.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="320"/>
        <source>Not voided: {name} is not a supervisor.</source>
        <translation>No anulada: {name} no es supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="341"/>
        <source>Voiding…</source>
        <translation>Anulando…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="352"/>
        <source>Voided. A cancellation is queued for the central platform; the seats go back on sale when it confirms.</source>
        <translation>Anulada. La anulación queda en cola para la plataforma central; las butacas vuelven a la venta cuando la confirme.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="355"/>
        <source>Voided. The sale had not reached the central platform: its delivery is cancelled and the seats are on sale again now.</source>
        <translation>Anulada. La venta no había llegado a la plataforma central: se cancela su envío y las butacas ya vuelven a estar a la venta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="358"/>
        <source>{text} Authorised by {name}.</source>
        <translation>{text} Autorizada por {name}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="369"/>
        <source>Not voided. {error}</source>
        <translation>No anulada. {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="397"/>
        <source>The central platform confirmed the cancellation at {time}; the seats are on sale again.</source>
        <translation>La plataforma central confirmó la anulación a las {time}; las butacas vuelven a estar a la venta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="402"/>
        <source>The central platform refused the cancellation: {error}. The seats stay sold; tell the supervisor.</source>
        <translation>La plataforma central rechazó la anulación: {error}. Las butacas siguen vendidas; avise al supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="405"/>
        <source>Waiting for the central platform to confirm the cancellation…</source>
        <translation>Esperando a que la plataforma central confirme la anulación…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="407"/>
        <source>{text} (not reached yet: {error})</source>
        <translation>{text} (aún no ha llegado: {error})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="121"/>
        <source>Reprint</source>
        <translation>Reimprimir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="124"/>
        <source>Printing is not set up yet</source>
        <translation>La impresión aún no está configurada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="292"/>
        <source>Void sale</source>
        <translation>Anular venta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="133"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="251"/>
        <source>Could not print: {error}</source>
        <translation>No se pudo imprimir: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="248"/>
        <source>Reprinted.</source>
        <translation>Reimpreso.</translation>
    </message>
</context>
<context>
    <name>SeatMap</name>
    <message>
        <location filename="../../boxoffice/ui/seat_map.py" line="66"/>
        <source>Seat map</source>
        <translation>Plano de butacas</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/seat_map.py" line="240"/>
        <source>{zone} · %Ln free of {total}</source>
        <translation>
            <numerusform>{zone} · %Ln libre de {total}</numerusform>
            <numerusform>{zone} · %Ln libres de {total}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/seat_map.py" line="249"/>
        <source>{zone} · {free}</source>
        <translation>{zone} · {free}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="42"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="55"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="58"/>
        <source>No printer</source>
        <translation>Sin impresora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="58"/>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="73"/>
        <source>Installed printer</source>
        <translation>Impresora instalada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="59"/>
        <source>PDF files in a folder</source>
        <translation>Archivos PDF en una carpeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="59"/>
        <source>Thermal printer (network)</source>
        <translation>Impresora térmica (red)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="60"/>
        <source>Thermal printer (USB)</source>
        <translation>Impresora térmica (USB)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="60"/>
        <source>Thermal printer (serial)</source>
        <translation>Impresora térmica (serie)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="61"/>
        <source>Ticket printer, FGL/Boca (network)</source>
        <translation>Impresora de entradas FGL/Boca (red)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="62"/>
        <source>Ticket printer, FGL/Boca (USB)</source>
        <translation>Impresora de entradas FGL/Boca (USB)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="63"/>
        <source>Ticket printer, FGL/Boca (serial)</source>
        <translation>Impresora de entradas FGL/Boca (serie)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="67"/>
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="76"/>
        <source>192.168.1.50:9100 · 04b8:0202 · /dev/ttyUSB0</source>
        <translation>192.168.1.50:9100 · 04b8:0202 · /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="77"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="81"/>
        <source>PDF folder</source>
        <translation>Carpeta de PDF</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="84"/>
        <source>80 mm thermal roll</source>
        <translation>Rollo térmico de 80 mm</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="85"/>
        <source>2&quot; × 5.5&quot; fanfold</source>
        <translation>Continuo de 2&quot; × 5,5&quot;</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="86"/>
        <source>3.25&quot; × 8&quot; fanfold</source>
        <translation>Papel plegado de 3,25&quot; × 8&quot;</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="90"/>
        <source>Ticket stock</source>
        <translation>Papel de entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="94"/>
        <source>{dpi} dpi</source>
        <translation>{dpi} ppp</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="96"/>
        <source>Print head</source>
        <translation>Cabezal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="103"/>
        <source>Test page</source>
        <translation>Página de prueba</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="105"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="106"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="162"/>
        <source>Printing a test page…</source>
        <translation>Imprimiendo una página de prueba…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="172"/>
        <source>Test page failed: {error}</source>
        <translation>Falló la página de prueba: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="180"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="168"/>
        <source>Test page sent to {printer}.</source>
        <translation>Página de prueba enviada a {printer}.</translation>
    </message>
</context>
<context>
    <name>ShiftGate</name>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="146"/>
        <source>No shift is open at this window. Sign in to open one with the cash float.</source>
        <extracomment>the open-shift dialog shown for a sale (tests and screenshots pick it up here)</extracomment>
        <translation>No hay ningún turno abierto en esta taquilla. Inicie sesión para abrirlo con el fondo de caja.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="149"/>
        <source>No shift is open at this window, and opening one needs a supervisor: ask a supervisor to open it (Supervisor ▸ Shift and Z report…).</source>
        <translation>No hay ningún turno abierto en esta taquilla y abrirlo corresponde a un supervisor: pídale que lo abra (Supervisor ▸ Turno e informe Z…).</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="155"/>
        <source>No shift is open at this window. Count the cash in the drawer to open one; then the sale goes on.</source>
        <translation>No hay ningún turno abierto en esta taquilla. Cuente el efectivo del cajón para abrirlo; después sigue la venta.</translation>
    </message>
</context>
<context>
    <name>ShiftHistoryDialog</name>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="661"/>
        <source>Closed shifts</source>
        <translation>Turnos cerrados</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="670"/>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="683"/>
        <source>Reading the closed shifts…</source>
        <translation>Leyendo los turnos cerrados…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="702"/>
        <source>Shift {id} · closed {closed} · opened by {name} · difference {difference}</source>
        <translation>Turno {id} · cerrado {closed} · abierto por {name} · diferencia {difference}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="679"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="707"/>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="713"/>
        <source>No shift has been closed on this terminal yet.</source>
        <translation>Aún no se ha cerrado ningún turno en este terminal.</translation>
    </message>
</context>
<context>
    <name>ShiftStatus</name>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="54"/>
        <source>Shift: …</source>
        <extracomment>True once the first read is in: before it the window does not know, and lets the service decide</extracomment>
        <translation>Turno: …</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="74"/>
        <source>No shift open</source>
        <translation>Sin turno abierto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="74"/>
        <source>No shift</source>
        <translation>Sin turno</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="75"/>
        <source>Sales, voids and returns need an open shift; the first sale opens one.</source>
        <translation>Las ventas, anulaciones y devoluciones necesitan un turno abierto; la primera venta lo abre.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="78"/>
        <source>Shift {id} · {name} · since {when}</source>
        <translation>Turno {id} · {name} · desde {when}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="79"/>
        <source>Shift {id} · since {when}</source>
        <translation>Turno {id} · desde {when}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="80"/>
        <source>Shift {id}</source>
        <translation>Turno {id}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_status.py" line="81"/>
        <source>Opened by {name} on {when} with a float of {amount}</source>
        <translation>Abierto por {name} el {when} con un fondo de caja de {amount}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="150"/>
        <location filename="../../boxoffice/ui/signin.py" line="167"/>
        <location filename="../../boxoffice/ui/signin.py" line="231"/>
        <location filename="../../boxoffice/ui/signin.py" line="233"/>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="170"/>
        <source>Tap your name and type your PIN, or scan your badge.</source>
        <translation>Toque su nombre y escriba su PIN, o pase su tarjeta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="206"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="228"/>
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="230"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="296"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="308"/>
        <source>No clerk can sign in at this window yet. Ask a supervisor.</source>
        <translation>Aún no hay taquilleros en esta taquilla. Avise a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="349"/>
        <source>Choose your name</source>
        <translation>Elija su nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="351"/>
        <source>PIN for {name}</source>
        <translation>PIN de {name}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="454"/>
        <source>Choose your name first.</source>
        <translation>Elija primero su nombre.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="458"/>
        <source>Type your PIN.</source>
        <translation>Escriba su PIN.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="462"/>
        <source>Checking your PIN…</source>
        <translation>Comprobando su PIN…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="469"/>
        <source>Checking your badge…</source>
        <translation>Comprobando su tarjeta…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="488"/>
        <source>Too many wrong PINs. Locked, try again at {time}</source>
        <translation>Demasiados PIN incorrectos. Bloqueado, inténtelo de nuevo a las {time}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="491"/>
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="493"/>
        <source>This badge does not belong to any clerk here.</source>
        <translation>Esta tarjeta no pertenece a ningún taquillero de aquí.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="495"/>
        <source>That name cannot sign in any more. Choose your name again.</source>
        <translation>Ese nombre ya no puede entrar. Elija su nombre otra vez.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="501"/>
        <source>Could not sign in ({error}). Try again; if it keeps failing, call IT.</source>
        <translation>No se pudo entrar ({error}). Inténtelo de nuevo; si sigue fallando, llame a informática.</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="48"/>
        <source>Clerk</source>
        <translation>Taquillero</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="49"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="50"/>
        <source>Door only</source>
        <translation>Solo puerta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="268"/>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="279"/>
        <source>Staff</source>
        <extracomment>the list on screen was read again (tests wait on it)</extracomment>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="285"/>
        <source>Deactivated clerks stay listed: their sales keep their name. Changes are recorded in the journal under {name}.</source>
        <translation>Los taquilleros dados de baja siguen en la lista: sus ventas conservan su nombre. Los cambios quedan en el diario a nombre de {name}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="291"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="291"/>
        <source>Role</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="291"/>
        <source>Badge</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="291"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="311"/>
        <source>Add…</source>
        <translation>Alta…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="312"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="313"/>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="373"/>
        <source>Deactivate</source>
        <translation>Dar de baja</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="314"/>
        <source>Reset PIN…</source>
        <translation>Cambiar PIN…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="315"/>
        <source>Enrol badge…</source>
        <translation>Registrar tarjeta…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="283"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="344"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="344"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="345"/>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="345"/>
        <source>Deactivated</source>
        <translation>De baja</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="372"/>
        <source>Reactivate</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="386"/>
        <source>Clerk added.</source>
        <translation>Taquillero dado de alta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="392"/>
        <source>Changes saved.</source>
        <translation>Cambios guardados.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="399"/>
        <source>New PIN saved for {name}.</source>
        <translation>PIN nuevo guardado para {name}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="406"/>
        <source>Badge enrolled for {name}.</source>
        <translation>Tarjeta registrada para {name}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="414"/>
        <source>{name} can sign in again.</source>
        <translation>{name} puede volver a iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="415"/>
        <source>{name} is deactivated and can no longer sign in.</source>
        <translation>{name} está dado de baja y ya no puede iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="433"/>
        <source>Choose a clerk and press Enrol badge… before swiping.</source>
        <translation>Elija un taquillero y pulse Registrar tarjeta… antes de pasarla.</translation>
    </message>
</context>
<context>
    <name>StaffForm</name>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="81"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="83"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="110"/>
        <source>New PIN</source>
        <translation>PIN nuevo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="111"/>
        <source>New PIN again</source>
        <translation>Repita el PIN nuevo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="135"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="155"/>
        <source>Type the new PIN.</source>
        <translation>Escriba el PIN nuevo.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/staff_dialog.py" line="159"/>
        <source>The two PINs differ; type the new PIN again.</source>
        <translation>Los dos PIN no coinciden; vuelva a escribir el PIN nuevo.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../boxoffice/ui/application.py" line="81"/>
        <source>Box office cannot start</source>
        <translation>Box office no puede arrancar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/application.py" line="83"/>
        <source>Nothing was changed. Fix the problem above or call support with `boxoffice doctor --bundle FILE.zip`.</source>
        <translation>No se ha cambiado nada. Corrija el problema indicado o llame a soporte con `boxoffice doctor --bundle ARCHIVO.zip`.</translation>
    </message>
</context>
<context>
    <name>SupervisorPinDialog</name>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="54"/>
        <source>Supervisor authorisation</source>
        <translation>Autorización del supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="66"/>
        <source>Supervisor PIN needed</source>
        <translation>Se necesita el PIN de un supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="83"/>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="86"/>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="88"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="101"/>
        <source>Authorise</source>
        <translation>Autorizar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="105"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="114"/>
        <source>Reading the supervisors…</source>
        <translation>Leyendo los supervisores…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="126"/>
        <source>There is no active supervisor at this window.</source>
        <translation>No hay ningún supervisor activo en esta taquilla.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="170"/>
        <source>Checking the PIN…</source>
        <translation>Comprobando el PIN…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="181"/>
        <source>Choose the supervisor first.</source>
        <translation>Elija primero el supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="185"/>
        <source>Type the supervisor&apos;s PIN.</source>
        <translation>Escriba el PIN del supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="205"/>
        <source>Too many wrong PINs. {name} is locked until {time}</source>
        <translation>Demasiados PIN incorrectos. {name} está bloqueado hasta las {time}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="208"/>
        <source>{name} is not a supervisor and cannot authorise this.</source>
        <translation>{name} no es supervisor y no puede autorizar esto.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="210"/>
        <source>That supervisor cannot sign in any more. Choose another.</source>
        <translation>Ese supervisor ya no puede entrar. Elija otro.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/supervisor_pin.py" line="215"/>
        <source>Could not check the PIN ({error}). Try again; if it keeps failing, call IT.</source>
        <translation>No se pudo comprobar el PIN ({error}). Inténtelo de nuevo; si sigue fallando, llame a informática.</translation>
    </message>
</context>
<context>
    <name>SyncQueueDialog</name>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="300"/>
        <location filename="../../boxoffice/ui/sync_queue.py" line="314"/>
        <source>Sync queue</source>
        <extracomment>the queue on screen was read again (tests wait on it)</extracomment>
        <translation>Cola de sincronización</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="318"/>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="371"/>
        <source>Retry selected</source>
        <translation>Reintentar selección</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="373"/>
        <source>Retry all parked</source>
        <translation>Reintentar retenidas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="375"/>
        <source>Decide…</source>
        <translation>Decidir…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="377"/>
        <source>Mark seen…</source>
        <translation>Marcar como visto…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="379"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="403"/>
        <source>All</source>
        <translation>Todo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="403"/>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="403"/>
        <source>Waiting</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="404"/>
        <source>Parked</source>
        <translation>Retenida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="404"/>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="404"/>
        <source>Decided</source>
        <translation>Decidida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="405"/>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="405"/>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="406"/>
        <source>Reported by the platform</source>
        <translation>Avisos de la plataforma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="406"/>
        <source>Reports seen</source>
        <translation>Avisos vistos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="411"/>
        <source>{name} ({n})</source>
        <translation>{name} ({n})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="440"/>
        <source>The sync queue is empty: nothing has been sold here yet, or every sale has reached the central platform.</source>
        <translation>La cola de sincronización está vacía: aún no se ha vendido nada aquí o todas las ventas han llegado a la plataforma central.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="443"/>
        <source>Nothing to show here. Choose &quot;All&quot; to see the whole queue.</source>
        <translation>Aquí no hay nada que mostrar. Elija «Todo» para ver toda la cola.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="448"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="448"/>
        <source>Syncing</source>
        <translation>Sincronizando</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="448"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="449"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="450"/>
        <source>Not connected yet</source>
        <translation>Aún sin conexión</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="451"/>
        <source>last sync {time}</source>
        <translation>última sinc. {time}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="453"/>
        <source>the platform refuses our token: re-pair the terminal</source>
        <translation>la plataforma rechaza nuestro token: vuelva a vincular el terminal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="455"/>
        <source>the oldest waiting item is too old: get this terminal online</source>
        <translation>lo más antiguo lleva demasiado esperando: conecte este terminal a la red</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="457"/>
        <source>last error: {error}</source>
        <translation>último error: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="458"/>
        <source>Delivery: {parts}</source>
        <translation>Envío: {parts}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="505"/>
        <source>Selected: {n}</source>
        <translation>Seleccionados: {n}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="507"/>
        <source>Select an item to see its error, or both sides of a conflict.</source>
        <translation>Seleccione un elemento para ver su error, o las dos partes de un conflicto.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="516"/>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="516"/>
        <source>attempts</source>
        <translation>intentos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="518"/>
        <source>delivered</source>
        <translation>entregada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="520"/>
        <source>next try</source>
        <translation>próximo intento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="522"/>
        <source>return of unsold tickets:</source>
        <translation>devolución de entradas no vendidas:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="522"/>
        <source>{n} of {event}</source>
        <translation>{n} de {event}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="537"/>
        <source>Decided by {actor} at {time}:</source>
        <translation>Decidido por {actor} a las {time}:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="542"/>
        <source>To decide:</source>
        <translation>Por decidir:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="543"/>
        <source>does our customer keep the seats, or is our sale voided and refunded? Press Decide…</source>
        <translation>¿nuestro cliente conserva las butacas, o se anula y reembolsa nuestra venta? Pulse Decidir…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="557"/>
        <source>on sale here</source>
        <translation>a la venta aquí</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="557"/>
        <source>sold here</source>
        <translation>vendida aquí</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="558"/>
        <source>being returned</source>
        <translation>en devolución</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="558"/>
        <source>returned</source>
        <translation>devuelta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="559"/>
        <source>not ours to sell</source>
        <translation>no es nuestra para vender</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="561"/>
        <source>Our seat</source>
        <translation>Nuestra localidad</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="563"/>
        <source>State here</source>
        <translation>Estado aquí</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="564"/>
        <source>Our sale</source>
        <translation>Nuestra venta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="565"/>
        <source>Other side</source>
        <translation>La otra parte</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="566"/>
        <source>Their purchase code</source>
        <translation>Su código de compra</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="566"/>
        <source>Purchase code</source>
        <translation>Código de compra</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="568"/>
        <source>Detected at</source>
        <translation>Detectado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="569"/>
        <source>Learned at</source>
        <translation>Recibido aquí</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="575"/>
        <source>Seen by {actor} at {time}:</source>
        <translation>Visto por {actor} a las {time}:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="580"/>
        <source>Nothing changed here: the seat is still ours. Tell the other office&apos;s supervisor (their customer holds a ticket the platform did not give them), then press Mark seen…</source>
        <translation>Aquí no cambió nada: la localidad sigue siendo nuestra. Avise al supervisor de la otra taquilla (su cliente tiene una entrada que la plataforma no le dio) y pulse Marcar como visto…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="584"/>
        <source>The platform stored our sale but not this seat for it; see the sale&apos;s conflict to decide, then press Mark seen…</source>
        <translation>La plataforma guardó nuestra venta pero no le dio esta localidad; vea el conflicto de la venta para decidir y pulse Marcar como visto…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="592"/>
        <source>cash</source>
        <translation>efectivo</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="592"/>
        <source>card</source>
        <translation>tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="594"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="560"/>
        <location filename="../../boxoffice/ui/sync_queue.py" line="594"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="460"/>
        <source>Parked: {parked} · Conflicts to decide: {conflict} · Reported: {reported} · Waiting: {pending} · Decided: {decided} · Delivered: {delivered} · Cancelled: {cancelled}</source>
        <translation>Retenidas: {parked} · Conflictos por decidir: {conflict} · Avisos: {reported} · Pendientes: {pending} · Decididas: {decided} · Entregadas: {delivered} · Canceladas: {cancelled}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="595"/>
        <source>Seats</source>
        <translation>Butacas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="595"/>
        <source>Clerk</source>
        <translation>Vendedor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="596"/>
        <source>Sold at</source>
        <translation>Hora de venta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="596"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="597"/>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="599"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="601"/>
        <source>Voided</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="608"/>
        <source>held by order {code} ({where}), sold {when}</source>
        <translation>la tiene el pedido {code} ({where}), vendido {when}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="612"/>
        <source>, customer {name}</source>
        <translation>, cliente {name}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="571"/>
        <location filename="../../boxoffice/ui/sync_queue.py" line="620"/>
        <source>Our order there</source>
        <translation>Nuestro pedido allí</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="621"/>
        <source>Answered at</source>
        <translation>Hora de respuesta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="626"/>
        <source>Also noted</source>
        <translation>También indicó</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="656"/>
        <source>Back in the queue: {n}; sending now.</source>
        <translation>Otra vez en cola: {n}; enviando ahora.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="658"/>
        <source>Nothing is parked: nothing to retry.</source>
        <translation>No hay nada retenido: nada que reintentar.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="701"/>
        <source>Marked as seen; the note is in the journal.</source>
        <translation>Marcado como visto; la nota queda en el diario.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="723"/>
        <source>Decision recorded: sale {code} is voided. Refund {total} to our customer; the cancellation goes to the central platform with the next sync.</source>
        <translation>Decisión registrada: la venta {code} queda anulada. Reembolse {total} a nuestro cliente; la anulación se envía a la plataforma central en la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="727"/>
        <source>Decision recorded: the sale was voided already.</source>
        <translation>Decisión registrada: la venta ya estaba anulada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="729"/>
        <source>Decision recorded: our customer keeps the seats. Have the other sale refunded or moved on the central platform.</source>
        <translation>Decisión registrada: nuestro cliente conserva las butacas. Haga que la otra venta se reembolse o se cambie en la plataforma central.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/status_bar.py" line="88"/>
        <source>%n sales waiting to sync</source>
        <translation>
            <numerusform>%n venta por sincronizar</numerusform>
            <numerusform>%n ventas por sincronizar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/status_bar.py" line="90"/>
        <source> · %n parked</source>
        <translation>
            <numerusform> · %n retenida</numerusform>
            <numerusform> · %n retenidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/status_bar.py" line="91"/>
        <source> · %n conflicts</source>
        <translation>
            <numerusform> · %n conflicto</numerusform>
            <numerusform> · %n conflictos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="106"/>
        <source>● Training: nothing syncs</source>
        <translation>● Formación: no se sincroniza nada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="108"/>
        <source>● Syncing</source>
        <translation>● Sincronizando</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="110"/>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="112"/>
        <source>● Offline</source>
        <translation>● Sin conexión</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="114"/>
        <source>● Connecting…</source>
        <translation>● Conectando…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="116"/>
        <source>● Not connected yet</source>
        <translation>● Aún sin conexión</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/status_bar.py" line="120"/>
        <source>● No hub · %n own seats</source>
        <translation>
            <numerusform>● Sin concentrador · %n butaca propia</numerusform>
            <numerusform>● Sin concentrador · %n butacas propias</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="122"/>
        <source>The office hub cannot be reached: this window sells only the seats reserved for it until the hub answers again; its sales reach the hub then.</source>
        <translation>No se puede contactar con el concentrador de la oficina: esta taquilla vende solo las butacas reservadas para ella hasta que el concentrador vuelva a responder; entonces sus ventas le llegan.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="125"/>
        <source>● Token refused: re-pair the terminal</source>
        <translation>● Token rechazado: vuelva a vincular el terminal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="93"/>
        <source> · oldest waiting too long!</source>
        <translation> · ¡la más antigua lleva demasiado esperando!</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="95"/>
        <source>Last sync {time}</source>
        <translation>Última sinc. {time}</translation>
    </message>
</context>
<context>
    <name>UnprintedOffer</name>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="67"/>
        <source>These tickets were sent to the printer but it never confirmed them (the printer or the program stopped). The sale is kept.</source>
        <translation>Estas entradas se enviaron a la impresora, pero nunca las confirmó (se detuvo la impresora o el programa). La venta se mantiene.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="83"/>
        <source>Ticket {places} of {count} of sale {code} did not print.</source>
        <translation>La entrada {places} de {count} de la venta {code} no se ha impreso.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="85"/>
        <source>Reprint ticket {places}</source>
        <translation>Reimprimir la entrada {places}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="87"/>
        <source>Tickets {places} of {count} of sale {code} did not print.</source>
        <translation>Las entradas {places} de {count} de la venta {code} no se han impreso.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="89"/>
        <source>Reprint tickets {places}</source>
        <translation>Reimprimir las entradas {places}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="90"/>
        <source>Reprint them once the printer is ready.</source>
        <translation>Reimprímalas cuando la impresora esté lista.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="94"/>
        <source>Tickets not printed</source>
        <translation>Entradas sin imprimir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="103"/>
        <source>They printed</source>
        <translation>Sí se imprimieron</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/unprinted_offer.py" line="106"/>
        <source>Later</source>
        <translation>Más tarde</translation>
    </message>
</context>
<context>
    <name>ZReportView</name>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="278"/>
        <source>Print</source>
        <extracomment>Which printed sections go in which column, by their text keys (&quot;&quot; is the header block). The button row; a dialog holding the view adds its own buttons (Done, Close) here.</extracomment>
        <translation>Imprimir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="282"/>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="303"/>
        <source>No Z report to show.</source>
        <translation>No hay ningún informe Z que mostrar.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="315"/>
        <source>Expected {expected} · Counted {counted} · Difference {difference}</source>
        <translation>Esperado {expected} · Contado {counted} · Diferencia {difference}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="385"/>
        <source>Printing is not set up on this terminal: choose a printer in Settings, or save the Z report as a PDF.</source>
        <translation>La impresión no está configurada en este terminal: elija una impresora en Ajustes o guarde el informe Z como PDF.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="388"/>
        <source>Printing the Z report…</source>
        <translation>Imprimiendo el informe Z…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="401"/>
        <source>Printing failed: {error}</source>
        <translation>Falló la impresión: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="394"/>
        <source>Z report sent to the printer.</source>
        <translation>Informe Z enviado a la impresora.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="415"/>
        <source>Save Z report</source>
        <translation>Guardar informe Z</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="416"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="433"/>
        <source>Could not save the PDF: {error}</source>
        <translation>No se pudo guardar el PDF: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/shift_dialogs.py" line="426"/>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
</context>
<context>
    <name>ZoneQuickSell</name>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="82"/>
        <source>no price</source>
        <translation>sin precio</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="91"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="103"/>
        <source>{price} · %n left</source>
        <translation>
            <numerusform>{price} · queda %n</numerusform>
            <numerusform>{price} · quedan %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Strings</name>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="73"/>
        <source>Waiting</source>
        <extracomment>Row colours by state: (background, text); parked and conflicts stand out, history is quiet.</extracomment>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="73"/>
        <source>Parked</source>
        <translation>Retenida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="73"/>
        <source>Conflict</source>
        <translation>Conflicto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="74"/>
        <source>Decided</source>
        <translation>Decidida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="74"/>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="75"/>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="75"/>
        <source>Reported</source>
        <translation>Avisado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="76"/>
        <source>Seen</source>
        <translation>Visto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="79"/>
        <source>Sale</source>
        <translation>Venta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="79"/>
        <source>Void</source>
        <translation>Anulación</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="79"/>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="80"/>
        <source>Platform report</source>
        <translation>Aviso de la plataforma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="83"/>
        <source>another office</source>
        <translation>otra taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="83"/>
        <source>the online channel (free there)</source>
        <translation>la venta online (libre allí)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="84"/>
        <source>an online checkout holding it</source>
        <translation>una compra online que la tiene reservada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="85"/>
        <source>an order that sold it first</source>
        <translation>un pedido que la vendió antes</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="88"/>
        <source>row {row}</source>
        <translation>fila {row}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="95"/>
        <source>Another office ({office}) used our purchase code {code}</source>
        <translation>Otra taquilla ({office}) usó nuestro código de compra {code}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="100"/>
        <source>Another office ({office}) sold our seat {seat}; the platform kept it ours</source>
        <translation>Otra taquilla ({office}) vendió nuestra localidad {seat}; la plataforma la mantuvo como nuestra</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="97"/>
        <source>Our purchase code {code} was used before by {office}</source>
        <translation>Nuestro código de compra {code} ya lo había usado {office}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="102"/>
        <source>Our sale {code} named seat {seat}, held by {other}; the platform did not give it to us</source>
        <translation>Nuestra venta {code} incluía la localidad {seat}, que tiene {other}; la plataforma no nos la dio</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="106"/>
        <source>already sold by another channel (online or another office)</source>
        <translation>ya vendida por otro canal (en línea u otra taquilla)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="107"/>
        <source>no longer assigned to this office (taken back centrally)</source>
        <translation>ya no asignada a esta taquilla (retirada desde la central)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="108"/>
        <source>not a ticket of this event on the platform</source>
        <translation>no es una entrada de este evento en la plataforma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="111"/>
        <source>our customer keeps the seats</source>
        <translation>nuestro cliente conserva las butacas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="112"/>
        <source>our sale voided, our customer refunded</source>
        <translation>nuestra venta anulada, nuestro cliente reembolsado</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="132"/>
        <source>Decided by {actor}: {decision}</source>
        <translation>Decidido por {actor}: {decision}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="137"/>
        <source>Will try again: {error}</source>
        <translation>Se reintentará: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sync_queue.py" line="139"/>
        <source>Voided before it was sent</source>
        <translation>Anulada antes de enviarse</translation>
    </message>
</context>
</TS>
