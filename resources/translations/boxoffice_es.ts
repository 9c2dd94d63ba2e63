<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>CartPanel</name>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="37" />
        <source>Cart</source>
        <translation>Carrito</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="42" />
        <source>Ticket</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="42" />
        <source>Seats</source>
        <translation>Asientos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="42" />
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="54" />
        <source>Child ↔ Adult</source>
        <translation>Niño ↔ Adulto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="56" />
        <location filename="../../boxoffice/ui/cart_panel.py" line="160" />
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="58" />
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="70" />
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="72" />
        <source>Pay (F12)</source>
        <translation>Cobrar (F12)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="96" />
        <source> (−{amount})</source>
        <translation> (−{amount})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="97" />
        <source>best available</source>
        <translation>mejor disponible</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="107" />
        <source>{n} tickets · Total {amount}</source>
        <translation>{n} entradas · Total {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="145" />
        <source>No child price for this zone</source>
        <translation>No hay precio de niño para esta zona</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/cart_panel.py" line="161" />
        <source>Discount on {row} (max {max})</source>
        <translation>Descuento en {row} (máx. {max})</translation>
    </message>
</context>
<context>
    <name>DoorCheckDialog</name>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="16" />
        <source>Door check · {event}</source>
        <translation>Control de acceso · {event}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="20" />
        <source>Scan the ticket, or type its code and press Enter.</source>
        <translation>Escanee la entrada, o teclee su código y pulse Intro.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="32" />
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="50" />
        <source>VALID — first entry</source>
        <translation>VÁLIDA — primera entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="51" />
        <source>NOT VALID — not a ticket code</source>
        <translation>NO VÁLIDA — no es un código de entrada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="52" />
        <source>NOT VALID — unknown ticket</source>
        <translation>NO VÁLIDA — entrada desconocida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="53" />
        <source>NOT VALID — the sale was voided</source>
        <translation>NO VÁLIDA — la venta fue anulada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="54" />
        <source>NOT VALID — ticket for another event</source>
        <translation>NO VÁLIDA — entrada de otro evento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/door_check.py" line="55" />
        <source>NOT VALID — already entered at {time}</source>
        <translation>NO VÁLIDA — ya entró a las {time}</translation>
    </message>
</context>
<context>
    <name>FirstSupervisorDialog</name>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="482" />
        <source>Create the supervisor</source>
        <translation>Crear el supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="492" />
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="495" />
        <source>No clerks here yet. Create the supervisor, who then adds the other clerks.</source>
        <translation>Aún no hay taquilleros. Cree el supervisor, que luego da de alta a los demás.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="511" />
        <source>e.g. Marta López</source>
        <translation>p. ej. Marta López</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="512" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="515" />
        <source>{low} to {high} digits</source>
        <translation>de {low} a {high} dígitos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="517" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="519" />
        <source>the same PIN again</source>
        <translation>el mismo PIN otra vez</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="521" />
        <source>Repeat PIN</source>
        <translation>Repita el PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="526" />
        <source>optional: scan the badge now</source>
        <translation>opcional: pase la tarjeta ahora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="527" />
        <source>Badge</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="540" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="545" />
        <source>Create supervisor</source>
        <translation>Crear supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="577" />
        <source>Type the supervisor's name.</source>
        <translation>Escriba el nombre del supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="582" />
        <source>The PIN must be {low} to {high} digits.</source>
        <translation>El PIN debe tener de {low} a {high} dígitos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="587" />
        <source>The two PINs are different. Type the PIN again.</source>
        <translation>Los dos PIN no coinciden. Escriba el PIN otra vez.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="602" />
        <source>Creating the supervisor…</source>
        <translation>Creando el supervisor…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="614" />
        <source>A supervisor already exists. Close this window and sign in.</source>
        <translation>Ya existe un supervisor. Cierre esta ventana e identifíquese.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="616" />
        <source>That badge already belongs to another clerk.</source>
        <translation>Esa tarjeta ya pertenece a otro taquillero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="621" />
        <source>Could not create the supervisor ({error}).</source>
        <translation>No se pudo crear el supervisor ({error}).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="106" />
        <source>Box office — {office}</source>
        <translation>Taquilla — {office}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="119" />
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="127" />
        <source>Change clerk</source>
        <translation>Cambiar usuario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="132" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="137" />
        <source>No sale</source>
        <translation>Abrir cajón</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="142" />
        <source>Door</source>
        <translation>Puerta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="199" />
        <source>Clerk: {name}</source>
        <translation>Taquillero: {name}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="218" />
        <source>Settings saved. A new language shows at the next start.</source>
        <translation>Ajustes guardados. El nuevo idioma se verá en el próximo inicio.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="240" />
        <source>Could not open the drawer: {error}</source>
        <translation>No se pudo abrir el cajón: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="242" />
        <source>Drawer opened (no sale), recorded.</source>
        <translation>Cajón abierto (sin venta), registrado.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="254" />
        <source>No events assigned to this office yet</source>
        <translation>Aún no hay eventos asignados a esta taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="266" />
        <source>Fetching the inventory…</source>
        <translation>Descargando el inventario…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="269" />
        <source>Could not fetch the inventory ({error}); selling from local data.</source>
        <translation>No se pudo descargar el inventario ({error}); se vende con los datos locales.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="310" />
        <source>{name} ({n} tickets) · {price}</source>
        <translation>{name} ({n} entradas) · {price}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="326" />
        <source>Zone {zone} has no price; pull the inventory</source>
        <translation>La zona {zone} no tiene precio; descargue el inventario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="342" />
        <source>Only {n} left in {zone}</source>
        <translation>Solo quedan {n} en {zone}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="384" />
        <source> · Change {amount}</source>
        <translation> · Cambio {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="386" />
        <source>Sold {code}: {n} tickets, {total}{change}.</source>
        <translation>Vendido {code}: {n} entradas, {total}{change}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="394" />
        <source>Printing failed ({error}); the sale is kept, reprint it later.</source>
        <translation>Falló la impresión ({error}); la venta se guarda, reimprímala luego.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="397" />
        <source>Printing is not set up yet; the tickets can be printed later.</source>
        <translation>La impresión aún no está configurada; las entradas se pueden imprimir luego.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="406" />
        <source>Seat just taken by another sale; nothing was sold. Pick other seats. ({error})</source>
        <translation>Otra venta acaba de ocupar el asiento; no se vendió nada. Elija otros asientos. ({error})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="409" />
        <source>Not sold: {error}</source>
        <translation>No vendido: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="412" />
        <source>Not sold: unexpected error ({error}); nothing was recorded.</source>
        <translation>No vendido: error inesperado ({error}); no se registró nada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="438" />
        <source>Code {code} was not sold at this terminal</source>
        <translation>El código {code} no se vendió en este terminal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="469" />
        <source>{name} signed in</source>
        <translation>{name} ha entrado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="472" />
        <source>Scanned code is neither a ticket nor a known badge: {error}</source>
        <translation>El código escaneado no es una entrada ni una tarjeta conocida: {error}</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="32" />
        <source>Payment</source>
        <translation>Cobro</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="39" />
        <source>Total {amount}</source>
        <translation>Total {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="45" />
        <source>Card amount</source>
        <translation>Importe con tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="50" />
        <source>All by card</source>
        <translation>Todo con tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="54" />
        <source>Card reference</source>
        <translation>Referencia de tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="57" />
        <source>from the card terminal's slip</source>
        <translation>del ticket del datáfono</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="59" />
        <source>Cash received</source>
        <translation>Efectivo recibido</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="64" />
        <source>Exact</source>
        <translation>Exacto</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="90" />
        <source>Back (Esc)</source>
        <translation>Volver (Esc)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="93" />
        <source>Complete sale (Enter)</source>
        <translation>Completar venta (Intro)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="147" />
        <source>Type the card slip's reference</source>
        <translation>Escriba la referencia del ticket del datáfono</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="151" />
        <source>Check the amount: {error}</source>
        <translation>Revise el importe: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="154" />
        <source>Missing {amount}</source>
        <translation>Faltan {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/payment.py" line="160" />
        <location filename="../../boxoffice/ui/payment.py" line="168" />
        <source>Change {amount}</source>
        <translation>Cambio {amount}</translation>
    </message>
</context>
<context>
    <name>SaleDialog</name>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="35" />
        <source>Sale {code}</source>
        <translation>Venta {code}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="43" />
        <source>voided</source>
        <translation>anulada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="43" />
        <source>sold</source>
        <translation>vendida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="44" />
        <source>{code} · {when} · {total} · {status}</source>
        <translation>{code} · {when} · {total} · {status}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="55" />
        <source>Reprint</source>
        <translation>Reimprimir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="59" />
        <source>Printing is not set up yet</source>
        <translation>La impresión aún no está configurada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="60" />
        <location filename="../../boxoffice/ui/sale_dialog.py" line="86" />
        <source>Void sale</source>
        <translation>Anular venta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="63" />
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="81" />
        <source>Could not print: {error}</source>
        <translation>No se pudo imprimir: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="83" />
        <source>Reprinted.</source>
        <translation>Reimpreso.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="86" />
        <source>Reason for the void:</source>
        <translation>Motivo de la anulación:</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="99" />
        <source>Voided. The seats go back on sale once the central platform confirms.</source>
        <translation>Anulada. Los asientos vuelven a la venta cuando la plataforma central lo confirme.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/sale_dialog.py" line="101" />
        <source>Voided before it was sent; the seats are on sale again.</source>
        <translation>Anulada antes de enviarse; los asientos vuelven a estar a la venta.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="34" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="47" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="50" />
        <source>No printer</source>
        <translation>Sin impresora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="50" />
        <location filename="../../boxoffice/ui/settings_dialog.py" line="62" />
        <source>Installed printer</source>
        <translation>Impresora instalada</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="51" />
        <source>PDF files in a folder</source>
        <translation>Archivos PDF en una carpeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="51" />
        <source>Thermal printer (network)</source>
        <translation>Impresora térmica (red)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="52" />
        <source>Thermal printer (USB)</source>
        <translation>Impresora térmica (USB)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="52" />
        <source>Thermal printer (serial)</source>
        <translation>Impresora térmica (serie)</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="56" />
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="65" />
        <source>192.168.1.50:9100 · 04b8:0202 · /dev/ttyUSB0</source>
        <translation>192.168.1.50:9100 · 04b8:0202 · /dev/ttyUSB0</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="66" />
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="70" />
        <source>PDF folder</source>
        <translation>Carpeta de PDF</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="73" />
        <source>80 mm thermal roll</source>
        <translation>Rollo térmico de 80 mm</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="74" />
        <source>2" × 5.5" fanfold</source>
        <translation>Continuo de 2" × 5,5"</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="78" />
        <source>Ticket stock</source>
        <translation>Papel de entradas</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="85" />
        <source>Test page</source>
        <translation>Página de prueba</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="87" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="88" />
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="122" />
        <source>Test page failed: {error}</source>
        <translation>Falló la página de prueba: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/settings_dialog.py" line="124" />
        <source>Test page sent to {printer}.</source>
        <translation>Página de prueba enviada a {printer}.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="135" />
        <location filename="../../boxoffice/ui/signin.py" line="151" />
        <location filename="../../boxoffice/ui/signin.py" line="212" />
        <location filename="../../boxoffice/ui/signin.py" line="214" />
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="154" />
        <source>Tap your name and type your PIN, or scan your badge.</source>
        <translation>Toque su nombre y escriba su PIN, o pase su tarjeta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="187" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="209" />
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="211" />
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="266" />
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="278" />
        <source>No clerk can sign in at this window yet. Ask a supervisor.</source>
        <translation>Aún no hay taquilleros en esta taquilla. Avise a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="317" />
        <source>Choose your name</source>
        <translation>Elija su nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="319" />
        <source>PIN for {name}</source>
        <translation>PIN de {name}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="422" />
        <source>Choose your name first.</source>
        <translation>Elija primero su nombre.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="426" />
        <source>Type your PIN.</source>
        <translation>Escriba su PIN.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="430" />
        <source>Checking your PIN…</source>
        <translation>Comprobando su PIN…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="437" />
        <source>Checking your badge…</source>
        <translation>Comprobando su tarjeta…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="454" />
        <source>Wrong PIN, 1 try left</source>
        <translation>PIN incorrecto, queda 1 intento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="456" />
        <source>Wrong PIN, {n} tries left</source>
        <translation>PIN incorrecto, quedan {n} intentos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="458" />
        <source>Too many wrong PINs. Locked, try again at {time}</source>
        <translation>Demasiados PIN incorrectos. Bloqueado, inténtelo de nuevo a las {time}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="461" />
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="463" />
        <source>This badge does not belong to any clerk here.</source>
        <translation>Esta tarjeta no pertenece a ningún taquillero de aquí.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="465" />
        <source>That name cannot sign in any more. Choose your name again.</source>
        <translation>Ese nombre ya no puede entrar. Elija su nombre otra vez.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="471" />
        <source>Could not sign in ({error}). Try again; if it keeps failing, call IT.</source>
        <translation>No se pudo entrar ({error}). Inténtelo de nuevo; si sigue fallando, llame a informática.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="44" />
        <source>● Syncing</source>
        <translation>● Sincronizando</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="46" />
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="48" />
        <source>● Offline</source>
        <translation>● Sin conexión</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="50" />
        <source>● Connecting…</source>
        <translation>● Conectando…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="52" />
        <source>● Token refused: re-pair the terminal</source>
        <translation>● Token rechazado: vuelva a vincular el terminal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="57" />
        <source>{n} sales waiting to sync</source>
        <translation>{n} ventas por sincronizar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="59" />
        <source> · {p} parked · {c} conflicts</source>
        <translation> · {p} retenidas · {c} conflictos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="61" />
        <source> · oldest waiting too long!</source>
        <translation> · ¡la más antigua lleva demasiado esperando!</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/status_bar.py" line="63" />
        <source>Last sync {time}</source>
        <translation>Última sinc. {time}</translation>
    </message>
</context>
<context>
    <name>ZoneQuickSell</name>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="65" />
        <source>no price</source>
        <translation>sin precio</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="74" />
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="85" />
        <source>{price} · {n} left</source>
        <translation>{price} · quedan {n}</translation>
    </message>
</context>
</TS>