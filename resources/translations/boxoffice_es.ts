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
    <name>FirstSupervisorDialog</name>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="458" />
        <source>Create the supervisor</source>
        <translation>Crear el supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="468" />
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="471" />
        <source>No clerks here yet. Create the supervisor, who then adds the other clerks.</source>
        <translation>Aún no hay taquilleros. Cree el supervisor, que luego da de alta a los demás.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="487" />
        <source>e.g. Marta López</source>
        <translation>p. ej. Marta López</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="488" />
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="491" />
        <source>{low} to {high} digits</source>
        <translation>de {low} a {high} dígitos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="493" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="495" />
        <source>the same PIN again</source>
        <translation>el mismo PIN otra vez</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="497" />
        <source>Repeat PIN</source>
        <translation>Repita el PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="502" />
        <source>optional: scan the badge now</source>
        <translation>opcional: pase la tarjeta ahora</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="503" />
        <source>Badge</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="516" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="521" />
        <source>Create supervisor</source>
        <translation>Crear supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="553" />
        <source>Type the supervisor's name.</source>
        <translation>Escriba el nombre del supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="558" />
        <source>The PIN must be {low} to {high} digits.</source>
        <translation>El PIN debe tener de {low} a {high} dígitos.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="563" />
        <source>The two PINs are different. Type the PIN again.</source>
        <translation>Los dos PIN no coinciden. Escriba el PIN otra vez.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="578" />
        <source>Creating the supervisor…</source>
        <translation>Creando el supervisor…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="590" />
        <source>A supervisor already exists. Close this window and sign in.</source>
        <translation>Ya existe un supervisor. Cierre esta ventana e identifíquese.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="592" />
        <source>That badge already belongs to another clerk.</source>
        <translation>Esa tarjeta ya pertenece a otro taquillero.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="597" />
        <source>Could not create the supervisor ({error}).</source>
        <translation>No se pudo crear el supervisor ({error}).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="99" />
        <source>Box office — {office}</source>
        <translation>Taquilla — {office}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="112" />
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="120" />
        <source>Change clerk</source>
        <translation>Cambiar usuario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="177" />
        <source>Clerk: {name}</source>
        <translation>Taquillero: {name}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="189" />
        <source>No events assigned to this office yet</source>
        <translation>Aún no hay eventos asignados a esta taquilla</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="201" />
        <source>Fetching the inventory…</source>
        <translation>Descargando el inventario…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="204" />
        <source>Could not fetch the inventory ({error}); selling from local data.</source>
        <translation>No se pudo descargar el inventario ({error}); se vende con los datos locales.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="245" />
        <source>{name} ({n} tickets) · {price}</source>
        <translation>{name} ({n} entradas) · {price}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="261" />
        <source>Zone {zone} has no price; pull the inventory</source>
        <translation>La zona {zone} no tiene precio; descargue el inventario</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="277" />
        <source>Only {n} left in {zone}</source>
        <translation>Solo quedan {n} en {zone}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="319" />
        <source> · Change {amount}</source>
        <translation> · Cambio {amount}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="321" />
        <source>Sold {code}: {n} tickets, {total}{change}.</source>
        <translation>Vendido {code}: {n} entradas, {total}{change}.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="328" />
        <source>Printing failed ({error}); the sale is kept, reprint it later.</source>
        <translation>Falló la impresión ({error}); la venta se guarda, reimprímala luego.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="331" />
        <source>Printing is not set up yet; the tickets can be printed later.</source>
        <translation>La impresión aún no está configurada; las entradas se pueden imprimir luego.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="340" />
        <source>Seat just taken by another sale; nothing was sold. Pick other seats. ({error})</source>
        <translation>Otra venta acaba de ocupar el asiento; no se vendió nada. Elija otros asientos. ({error})</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="343" />
        <source>Not sold: {error}</source>
        <translation>No vendido: {error}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="346" />
        <source>Not sold: unexpected error ({error}); nothing was recorded.</source>
        <translation>No vendido: error inesperado ({error}); no se registró nada.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="372" />
        <source>Code {code} was not sold at this terminal</source>
        <translation>El código {code} no se vendió en este terminal</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="375" />
        <source>Sale {code}</source>
        <translation>Venta {code}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="376" />
        <source>{event}
{when} · {total} · {status}

{lines}</source>
        <translation>{event}
{when} · {total} · {status}

{lines}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="388" />
        <source>{name} signed in</source>
        <translation>{name} ha entrado</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="391" />
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
    <name>SignInDialog</name>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="116" />
        <location filename="../../boxoffice/ui/signin.py" line="132" />
        <location filename="../../boxoffice/ui/signin.py" line="191" />
        <location filename="../../boxoffice/ui/signin.py" line="193" />
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="135" />
        <source>Tap your name and type your PIN, or scan your badge.</source>
        <translation>Toque su nombre y escriba su PIN, o pase su tarjeta.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="168" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="188" />
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="190" />
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="245" />
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="257" />
        <source>No clerk can sign in at this window yet. Ask a supervisor.</source>
        <translation>Aún no hay taquilleros en esta taquilla. Avise a un supervisor.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="296" />
        <source>Choose your name</source>
        <translation>Elija su nombre</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="298" />
        <source>PIN for {name}</source>
        <translation>PIN de {name}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="398" />
        <source>Choose your name first.</source>
        <translation>Elija primero su nombre.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="402" />
        <source>Type your PIN.</source>
        <translation>Escriba su PIN.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="406" />
        <source>Checking your PIN…</source>
        <translation>Comprobando su PIN…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="413" />
        <source>Checking your badge…</source>
        <translation>Comprobando su tarjeta…</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="430" />
        <source>Wrong PIN, 1 try left</source>
        <translation>PIN incorrecto, queda 1 intento</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="432" />
        <source>Wrong PIN, {n} tries left</source>
        <translation>PIN incorrecto, quedan {n} intentos</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="434" />
        <source>Too many wrong PINs. Locked, try again at {time}</source>
        <translation>Demasiados PIN incorrectos. Bloqueado, inténtelo de nuevo a las {time}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="437" />
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="439" />
        <source>This badge does not belong to any clerk here.</source>
        <translation>Esta tarjeta no pertenece a ningún taquillero de aquí.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="441" />
        <source>That name cannot sign in any more. Choose your name again.</source>
        <translation>Ese nombre ya no puede entrar. Elija su nombre otra vez.</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/signin.py" line="447" />
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
        <location filename="../../boxoffice/ui/main_window.py" line="59" />
        <source>no price</source>
        <translation>sin precio</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="68" />
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../boxoffice/ui/main_window.py" line="79" />
        <source>{price} · {n} left</source>
        <translation>{price} · quedan {n}</translation>
    </message>
</context>
</TS>