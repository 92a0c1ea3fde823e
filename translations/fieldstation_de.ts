<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChannelChart</name>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="20"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="47"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="48"/>
        <source>6 hours</source>
        <translation>6 Stunden</translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="49"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="50"/>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <location filename="../qml/DevicePage.qml" line="86"/>
        <source>Waiting for the first reading</source>
        <translation>Warte auf den ersten Messwert</translation>
    </message>
    <message>
        <location filename="../qml/DevicePage.qml" line="98"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/DevicePage.qml" line="119"/>
        <source>Last reading %1</source>
        <translation>Letzter Messwert %1</translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="18"/>
        <source>Size histogram (counts per bin, 0.35–40 µm)</source>
        <translation>Größenverteilung (Zählungen je Klasse, 0,35–40 µm)</translation>
    </message>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="37"/>
        <source>counts</source>
        <translation>Zählungen</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="25"/>
        <source>FieldStation — %1</source>
        <translation>FieldStation — %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <source>DEMO — emulated devices</source>
        <translation>DEMO — emulierte Geräte</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="69"/>
        <source>Particles</source>
        <translation>Partikel</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="73"/>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="77"/>
        <source>Solar</source>
        <translation>Solar</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="82"/>
        <source>Uploads (%1 waiting)</source>
        <translation>Uploads (%1 wartend)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="82"/>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="86"/>
        <source>Central DB</source>
        <translation>Zentrale DB</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="106"/>
        <source>No energy meter is configured (an eGauge or Modbus entry under &quot;sources:&quot; in the settings).</source>
        <translation>Kein Energiezähler eingerichtet (ein eGauge- oder Modbus-Eintrag unter &quot;sources:&quot; in den Einstellungen).</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="114"/>
        <source>No solar node network is configured (an ISEMS entry under &quot;sources:&quot; in the settings).</source>
        <translation>Kein Solarknoten-Netz eingerichtet (ein ISEMS-Eintrag unter &quot;sources:&quot; in den Einstellungen).</translation>
    </message>
</context>
<context>
    <name>OpcN3Page</name>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="46"/>
        <source>No OPC-N3 source is configured (see &quot;sources:&quot; in the settings).</source>
        <translation>Keine OPC-N3-Quelle eingerichtet (siehe „sources:“ in den Einstellungen).</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="86"/>
        <source>OPC-N3</source>
        <translation>OPC-N3</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="86"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="99"/>
        <source>PM1</source>
        <translation>PM1</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="100"/>
        <source>PM2.5</source>
        <translation>PM2,5</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="101"/>
        <source>PM10</source>
        <translation>PM10</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="102"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="103"/>
        <source>Humidity</source>
        <translation>Feuchte</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="104"/>
        <source>Flow</source>
        <translation>Durchfluss</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="105"/>
        <source>Fan</source>
        <translation>Lüfter</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="105"/>
        <source>revs</source>
        <translation>Umdr.</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="106"/>
        <source>Laser</source>
        <translation>Laser</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="107"/>
        <source>Rejected</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="108"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="108"/>
        <source>in a row</source>
        <translation>in Folge</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="116"/>
        <source>Updated %1 · period %2 s</source>
        <translation>Aktualisiert %1 · Periode %2 s</translation>
    </message>
</context>
<context>
    <name>PmChart</name>
    <message>
        <location filename="../qml/components/PmChart.qml" line="16"/>
        <source>Particulate matter (µg/m³)</source>
        <translation>Feinstaub (µg/m³)</translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="47"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="48"/>
        <source>6 hours</source>
        <translation>6 Stunden</translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="49"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="50"/>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
</context>
<context>
    <name>PushStatusPage</name>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="18"/>
        <source>Central database push</source>
        <translation>Übertragung in die zentrale Datenbank</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="24"/>
        <source>No push server is enabled in the settings (push.servers).</source>
        <translation>In den Einstellungen ist kein Push-Server aktiviert (push.servers).</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="52"/>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="52"/>
        <source>failing</source>
        <translation>fehlerhaft</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="54"/>
        <source>%1 readings behind</source>
        <translation>%1 Messwerte im Rückstand</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="57"/>
        <source>last success %1 · %2 rows/s</source>
        <translation>zuletzt erfolgreich %1 · %2 Zeilen/s</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="18"/>
        <source>Building</source>
        <translation>Wird erstellt</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="20"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="22"/>
        <source>Requesting</source>
        <translation>Wird angefragt</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="24"/>
        <source>Ticket ready</source>
        <translation>Ticket bereit</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="26"/>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="28"/>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="30"/>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="32"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Sampling</source>
        <translation>Misst</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Backing off after an error</source>
        <translation>Pause nach einem Fehler</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
</context>
<context>
    <name>StoreHealthBadge</name>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="14"/>
        <source>Disk full · %1 dropped</source>
        <translation>Datenträger voll · %1 verworfen</translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="15"/>
        <source>Store OK</source>
        <translation>Speicher OK</translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="16"/>
        <source>Store: %1 refused</source>
        <translation>Speicher: %1 abgelehnt</translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="36"/>
        <source>Refused (not a number): %1
Refused by the store: %2
Dropped while the disk was full: %3%4%5</source>
        <translation>Abgelehnt (keine Zahl): %1
Vom Speicher abgelehnt: %2
Verworfen bei vollem Datenträger: %3%4%5</translation>
    </message>
</context>
<context>
    <name>UploadQueuePage</name>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="32"/>
        <source>gascloud upload queue</source>
        <translation>gascloud-Warteschlange</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="37"/>
        <source>%1 waiting</source>
        <translation>%1 wartend</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="38"/>
        <source>%1 uploaded</source>
        <translation>%1 hochgeladen</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="39"/>
        <source>%1 rejected</source>
        <translation>%1 abgelehnt</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="47"/>
        <source>gascloud upload is switched off in the settings.</source>
        <translation>Der gascloud-Upload ist in den Einstellungen ausgeschaltet.</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="62"/>
        <source>No batches yet: one is cut every upload interval once there are readings.</source>
        <translation>Noch keine Pakete: Sobald Messwerte da sind, wird in jedem Upload-Intervall eines erstellt.</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="101"/>
        <source>%1 rows · %2 kB</source>
        <translation>%1 Zeilen · %2 kB</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="103"/>
        <source>try %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="114"/>
        <source>readings %1</source>
        <translation>Messwerte %1</translation>
    </message>
</context>
<context>
    <name>fs::PushStatusModel</name>
    <message>
        <location filename="../app/views/PushStatusModel.cpp" line="36"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>fs::StoreHealthView</name>
    <message numerus="yes">
        <location filename="../app/views/StoreHealthView.cpp" line="63"/>
        <source>… and %n more channel(s)</source>
        <translation>
            <numerusform>… und %n weiterer Kanal</numerusform>
            <numerusform>… und %n weitere Kanäle</numerusform>
        </translation>
    </message>
</context>
</TS>
