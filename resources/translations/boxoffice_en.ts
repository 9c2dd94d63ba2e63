<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BatchesDialog</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/batches_dialog.py" line="302"/>
        <source>Asking the platform for %n ticket(s)…</source>
        <translation>
            <numerusform>Asking the platform for %n ticket…</numerusform>
            <numerusform>Asking the platform for %n tickets…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/batches_dialog.py" line="358"/>
        <source>Done: batch {id} with %n ticket(s). Save its PDF to print them.</source>
        <translation>
            <numerusform>Done: batch {id} with %n ticket. Save its PDF to print it.</numerusform>
            <numerusform>Done: batch {id} with %n tickets. Save its PDF to print them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CartPanel</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/cart_panel.py" line="144"/>
        <source>%n tickets · Total {amount}</source>
        <translation>
            <numerusform>%n ticket · Total {amount}</numerusform>
            <numerusform>%n tickets · Total {amount}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompDialog</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/comp_dialog.py" line="26"/>
        <source>Issue %n tickets (list price {price}) free of charge. They print marked as a comp and count apart in the reports.</source>
        <translation>
            <numerusform>Issue %n ticket (list price {price}) free of charge. It prints marked as a comp and counts apart in the reports.</numerusform>
            <numerusform>Issue %n tickets (list price {price}) free of charge. They print marked as a comp and count apart in the reports.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DoorCheckDialog</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/door_check.py" line="131"/>
        <source>VALID — re-entry (%n left)</source>
        <translation>
            <numerusform>VALID — re-entry (%n left)</numerusform>
            <numerusform>VALID — re-entry (%n left)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/error_text.py" line="580"/>
        <source>At most %n tickets in one sale.</source>
        <extracomment>code -&gt; the parameter holding the count</extracomment>
        <translation>
            <numerusform>At most %n ticket in one sale.</numerusform>
            <numerusform>At most %n tickets in one sale.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/error_text.py" line="581"/>
        <source>No %n seats together in {zone}.</source>
        <translation>
            <numerusform>No %n seat free in {zone}.</numerusform>
            <numerusform>No %n seats together in {zone}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/error_text.py" line="582"/>
        <source>Only %n seats left in {zone}; {needed} needed.</source>
        <translation>
            <numerusform>Only %n seat left in {zone}; {needed} needed.</numerusform>
            <numerusform>Only %n seats left in {zone}; {needed} needed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/error_text.py" line="583"/>
        <source>The office hub cannot be reached: this window has %n seats of its own left in {zone}; {needed} needed.</source>
        <translation>
            <numerusform>The office hub cannot be reached: this window has %n seat of its own left in {zone}; {needed} needed.</numerusform>
            <numerusform>The office hub cannot be reached: this window has %n seats of its own left in {zone}; {needed} needed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="416"/>
        <source>Connected. %n event(s) assigned to this office: {names}</source>
        <translation>
            <numerusform>Connected. %n event assigned to this office: {names}</numerusform>
            <numerusform>Connected. %n events assigned to this office: {names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="478"/>
        <source>Connection tested: %n event(s) assigned</source>
        <translation>
            <numerusform>Connection tested: %n event assigned</numerusform>
            <numerusform>Connection tested: %n events assigned</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="523"/>
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n ticket</numerusform>
            <numerusform>%n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="523"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/first_run.py" line="525"/>
        <source>(%n ticket type(s) left out: their price is not valid; see the log)</source>
        <translation>
            <numerusform>(%n ticket type left out: its price is not valid; see the log)</numerusform>
            <numerusform>(%n ticket types left out: their price is not valid; see the log)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="636"/>
        <source>{name} (%n tickets) · {price}</source>
        <translation>
            <numerusform>{name} (%n ticket) · {price}</numerusform>
            <numerusform>{name} (%n tickets) · {price}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="670"/>
        <source>Only %n left in {zone}</source>
        <translation>
            <numerusform>Only %n left in {zone}</numerusform>
            <numerusform>Only %n left in {zone}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="750"/>
        <source>Comp {code}: %n tickets issued free of charge.</source>
        <translation>
            <numerusform>Comp {code}: %n ticket issued free of charge.</numerusform>
            <numerusform>Comp {code}: %n tickets issued free of charge.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="753"/>
        <source>Sold {code}: %n tickets, {total}{change}.</source>
        <translation>
            <numerusform>Sold {code}: %n ticket, {total}{change}.</numerusform>
            <numerusform>Sold {code}: %n tickets, {total}{change}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="848"/>
        <source>No %n seats together in {zone}.</source>
        <translation>
            <numerusform>No %n seat free in {zone}.</numerusform>
            <numerusform>No %n seats together in {zone}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/refund_dialog.py" line="198"/>
        <source>Paid {total} · %n tickets</source>
        <translation>
            <numerusform>Paid {total} · %n ticket</numerusform>
            <numerusform>Paid {total} · %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/refund_dialog.py" line="321"/>
        <source>Refund %n tickets of sale {code}: {amount} {way}.
Reason: {reason}</source>
        <translation>
            <numerusform>Refund %n ticket of sale {code}: {amount} {way}.
Reason: {reason}</numerusform>
            <numerusform>Refund %n tickets of sale {code}: {amount} {way}.
Reason: {reason}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="419"/>
        <source>%n tickets: seats {seats}</source>
        <translation>
            <numerusform>%n ticket: seat {seats}</numerusform>
            <numerusform>%n tickets: seats {seats}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="445"/>
        <source>Return %n tickets of this event to the central platform?

Seats: {seats}

They can no longer be sold at this window from now on; the central platform confirms the return when this terminal is online.</source>
        <translation>
            <numerusform>Return %n ticket of this event to the central platform?

Seat: {seats}

It can no longer be sold at this window from now on; the central platform confirms the return when this terminal is online.</numerusform>
            <numerusform>Return %n tickets of this event to the central platform?

Seats: {seats}

They can no longer be sold at this window from now on; the central platform confirms the return when this terminal is online.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="449"/>
        <source>Return %n tickets</source>
        <translation>
            <numerusform>Return %n ticket</numerusform>
            <numerusform>Return %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="467"/>
        <source>Returning %n tickets…</source>
        <translation>
            <numerusform>Returning %n ticket…</numerusform>
            <numerusform>Returning %n tickets…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="498"/>
        <source>%n tickets returned: no longer on sale here. The central platform confirmed the return at {time}.</source>
        <translation>
            <numerusform>%n ticket returned: no longer on sale here. The central platform confirmed the return at {time}.</numerusform>
            <numerusform>%n tickets returned: no longer on sale here. The central platform confirmed the return at {time}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="501"/>
        <source>%n tickets returned here, but the central platform refused the return: {error}. Tell the supervisor.</source>
        <translation>
            <numerusform>%n ticket returned here, but the central platform refused the return: {error}. Tell the supervisor.</numerusform>
            <numerusform>%n tickets returned here, but the central platform refused the return: {error}. Tell the supervisor.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/returns_dialog.py" line="504"/>
        <source>%n tickets returned: no longer on sale here. Waiting for the central platform to confirm.</source>
        <translation>
            <numerusform>%n ticket returned: no longer on sale here. Waiting for the central platform to confirm.</numerusform>
            <numerusform>%n tickets returned: no longer on sale here. Waiting for the central platform to confirm.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaleDialog</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/sale_dialog.py" line="306"/>
        <source>Void sale {code} (%n tickets, {total}).
Reason: {reason}</source>
        <translation>
            <numerusform>Void sale {code} (%n ticket, {total}).
Reason: {reason}</numerusform>
            <numerusform>Void sale {code} (%n tickets, {total}).
Reason: {reason}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SeatMap</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/seat_map.py" line="240"/>
        <source>{zone} · %Ln free of {total}</source>
        <translation>
            <numerusform>{zone} · %Ln free of {total}</numerusform>
            <numerusform>{zone} · %Ln free of {total}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/status_bar.py" line="88"/>
        <source>%n sales waiting to sync</source>
        <translation>
            <numerusform>%n sale waiting to sync</numerusform>
            <numerusform>%n sales waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/status_bar.py" line="90"/>
        <source> · %n parked</source>
        <translation>
            <numerusform> · %n parked</numerusform>
            <numerusform> · %n parked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/status_bar.py" line="91"/>
        <source> · %n conflicts</source>
        <translation>
            <numerusform> · %n conflict</numerusform>
            <numerusform> · %n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/status_bar.py" line="120"/>
        <source>● No hub · %n own seats</source>
        <translation>
            <numerusform>● No hub · %n own seat</numerusform>
            <numerusform>● No hub · %n own seats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ZoneQuickSell</name>
    <message numerus="yes">
        <location filename="../../boxoffice/ui/main_window.py" line="103"/>
        <source>{price} · %n left</source>
        <translation>
            <numerusform>{price} · %n left</numerusform>
            <numerusform>{price} · %n left</numerusform>
        </translation>
    </message>
</context>
</TS>
