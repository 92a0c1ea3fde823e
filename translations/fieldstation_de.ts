<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AdminPinDialog</name>
    <message>
        <location filename="../qml/components/AdminPinDialog.qml" line="+44"/>
        <source>Choose an admin PIN</source>
        <translation>Admin-PIN festlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the admin PIN again</source>
        <translation>Admin-PIN wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin PIN</source>
        <translation>Admin-PIN</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The settings on this screen are protected by a PIN of 4 to 8 digits. Choose it now and keep it safe.</source>
        <translation>Die Einstellungen an diesem Bildschirm sind mit einer PIN aus 4 bis 8 Ziffern geschützt. Legen Sie sie jetzt fest und bewahren Sie sie gut auf.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings are protected. Type the admin PIN.</source>
        <translation>Die Einstellungen sind geschützt. Admin-PIN eingeben.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Too many wrong PINs. Try again in %n s.</source>
        <translation>
            <numerusform>Zu oft falsche PIN. Erneut in %n s.</numerusform>
            <numerusform>Zu oft falsche PIN. Erneut in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>AlarmBanner</name>
    <message>
        <location filename="../qml/components/AlarmBanner.qml" line="+51"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>+%1 more</source>
        <translation>+%1 weitere</translation>
    </message>
</context>
<context>
    <name>AlarmRules</name>
    <message>
        <location filename="../core/health/AlarmRules.cpp" line="+42"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>laser weak (status %1, needs %2)</source>
        <translation>Laser schwach (Status %1, nötig %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>fan stopped</source>
        <translation>Lüfter steht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 % of particles rejected</source>
        <translation>%1 % der Partikel verworfen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>battery low</source>
        <translation>Batterie schwach</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>battery overheating</source>
        <translation>Batterie überhitzt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>charge controller not answering</source>
        <translation>Laderegler antwortet nicht</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no data for %1</source>
        <translation>seit %1 keine Daten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 failing for %2</source>
        <translation>%1 scheitert seit %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>readings cannot be saved: %1</source>
        <translation>Messwerte können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>disk almost full: %1 free, needs %2</source>
        <translation>Speicher fast voll: %1 frei, nötig %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>disk getting full: %1 free</source>
        <translation>Speicher wird knapp: %1 frei</translation>
    </message>
</context>
<context>
    <name>DemoFarEnds</name>
    <message>
        <location filename="../core/sim/DemoFarEnds.cpp" line="+77"/>
        <source>demo %1 on 127.0.0.1:%2 (pid %3), data in %4</source>
        <translation>Demo-%1 auf 127.0.0.1:%2 (PID %3), Daten in %4</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>demo push needs MariaDB: apt install mariadb-server</source>
        <translation>Demo-Push braucht MariaDB: apt install mariadb-server</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>demo InfluxDB needs influxd: apt install influxdb</source>
        <translation>Demo-InfluxDB braucht influxd: apt install influxdb</translation>
    </message>
</context>
<context>
    <name>DesktopMenu</name>
    <message>
        <location filename="../qml/components/DesktopMenu.qml" line="+22"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Full screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S&amp;tation</source>
        <translation>S&amp;tation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Register…</source>
        <translation>&amp;Registrieren…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <location filename="../qml/DevicePage.qml" line="+89"/>
        <source>Waiting for the first reading</source>
        <translation>Warte auf den ersten Messwert</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Last reading %1</source>
        <translation>Letzter Messwert %1</translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="+25"/>
        <source>Size histogram (counts per bin, 0.35–40 µm)</source>
        <translation>Größenverteilung (Zählungen je Klasse, 0,35–40 µm)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>bin</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+20"/>
        <location line="+10"/>
        <source>counts</source>
        <translation>Zählungen</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>counts (log)</source>
        <translation>Zählungen (log)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Log</source>
        <translation>Log</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="+81"/>
        <source>FieldStation — %1</source>
        <translation>FieldStation — %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>DEMO — emulated devices</source>
        <translation>DEMO — emulierte Geräte</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Particles</source>
        <translation>Partikel</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Solar</source>
        <translation>Solar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Push</source>
        <translation>Zentrale DB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Uploads (%1)</source>
        <translation>Uploads (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploads (%1 waiting)</source>
        <translation>Uploads (%1 wartend)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>About FieldStation</source>
        <translation>Über FieldStation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FieldStation %1
Acquires, keeps, shows and forwards a field station&apos;s readings.</source>
        <translation>FieldStation %1
Erfasst, speichert, zeigt und überträgt die Messwerte einer Feldstation.</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No energy meter is configured (an eGauge or Modbus entry under &quot;sources:&quot; in the settings).</source>
        <translation>Kein Energiezähler eingerichtet (ein eGauge- oder Modbus-Eintrag unter &quot;sources:&quot; in den Einstellungen).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No solar node network is configured (an ISEMS entry under &quot;sources:&quot; in the settings).</source>
        <translation>Kein Solarknoten-Netz eingerichtet (ein ISEMS-Eintrag unter &quot;sources:&quot; in den Einstellungen).</translation>
    </message>
</context>
<context>
    <name>OpcN3Page</name>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="+47"/>
        <source>No OPC-N3 source is configured (see &quot;sources:&quot; in the settings).</source>
        <translation>Keine OPC-N3-Quelle eingerichtet (siehe „sources:“ in den Einstellungen).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>OPC-N3</source>
        <translation>OPC-N3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>PM1</source>
        <translation>PM1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PM2.5</source>
        <translation>PM2,5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PM10</source>
        <translation>PM10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Humidity</source>
        <translation>Feuchte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flow</source>
        <translation>Durchfluss</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fan</source>
        <translation>Lüfter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>revs</source>
        <translation>Umdr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laser</source>
        <translation>Laser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in a row</source>
        <translation>in Folge</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Updated %1 · period %2 s</source>
        <translation>Aktualisiert %1 · Periode %2 s</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../qml/components/PinPad.qml" line="+35"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>PmChart</name>
    <message>
        <location filename="../qml/components/PmChart.qml" line="+45"/>
        <source>Particulate matter</source>
        <translation>Feinstaub</translation>
    </message>
</context>
<context>
    <name>PushStatusPage</name>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="+38"/>
        <source>Push to central databases</source>
        <translation>Übertragung in zentrale Datenbanken</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No push server (push.servers) and no InfluxDB (influx:) is enabled in the settings.</source>
        <translation>In den Einstellungen ist weder ein Push-Server (push.servers) noch InfluxDB (influx:) aktiviert.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>InfluxDB</source>
        <translation>InfluxDB</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MySQL</source>
        <translation>MySQL</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>rows behind: not known yet</source>
        <translation>Rückstand: noch unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rows behind</source>
        <translation>%1 Zeilen im Rückstand</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last pass: %1 rows at %2 rows/s</source>
        <translation>letzter Durchlauf: %1 Zeilen mit %2 Zeilen/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last success: %1</source>
        <translation>zuletzt erfolgreich: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next: %1</source>
        <translation>nächster: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Push now</source>
        <translation>Jetzt übertragen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set password…</source>
        <translation>Passwort setzen…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Password of %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>new password</source>
        <translation>neues Passwort</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Storing…</source>
        <translation>Speichert…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Store</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stored in %1; pushing now.</source>
        <translation>In %1 gespeichert; Übertragung läuft.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not stored: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/views/UploadQueueRows.cpp" line="+18"/>
        <source>Building</source>
        <translation>Wird erstellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requesting</source>
        <translation>Wird angefragt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ticket ready</source>
        <translation>Ticket bereit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
</context>
<context>
    <name>RangeBar</name>
    <message>
        <location filename="../qml/components/RangeBar.qml" line="+15"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>10 min</source>
        <translation>10 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7 d</source>
        <translation>7 T</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Zoom out</source>
        <translation>Herauszoomen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Zoom in</source>
        <translation>Hineinzoomen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
</context>
<context>
    <name>RegistrationWizard</name>
    <message>
        <location filename="../qml/RegistrationWizard.qml" line="+35"/>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device id</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not set (gascloud.api)</source>
        <translation>nicht gesetzt (gascloud.api)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Register this station</source>
        <translation>Diese Station registrieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Registration connects this station to the gascloud service, which keeps its measurements. You need the PIN that came with the station&apos;s gascloud account. The station sends the PIN, its name and its device id once, and keeps the key it gets back; after that it uploads its readings on its own.</source>
        <translation>Die Registrierung verbindet diese Station mit dem Dienst gascloud, der ihre Messwerte aufbewahrt. Sie brauchen die PIN, die mit dem gascloud-Konto der Station kam. Die Station sendet PIN, Namen und Geräte-ID einmal und behält den Schlüssel, den sie zurückbekommt; danach lädt sie ihre Messwerte selbst hoch.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter the PIN</source>
        <translation>PIN eingeben</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Registration PIN</source>
        <translation>Registrierungs-PIN</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the %1 to %2 digits of the PIN.</source>
        <translation>Die %1 bis %2 Ziffern der PIN eingeben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Registering with gascloud…</source>
        <translation>Registrierung bei gascloud…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/SettingsPage.qml" line="+120"/>
        <source>%1 does not exist yet: type settings here and save.</source>
        <translation>%1 gibt es noch nicht: Einstellungen hier eingeben und speichern.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Validate</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Register…</source>
        <translation>Registrieren…</translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="+50"/>
        <source>Sampling</source>
        <translation>Misst</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Backing off after an error</source>
        <translation>Pause nach einem Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
</context>
<context>
    <name>StoreHealthBadge</name>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="+14"/>
        <source>Disk full · %1 dropped</source>
        <translation>Datenträger voll · %1 verworfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store OK</source>
        <translation>Speicher OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store: %1 refused</source>
        <translation>Speicher: %1 abgelehnt</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Refused (not a number): %1
Refused by the store: %2
Dropped while the disk was full: %3%4%5</source>
        <translation>Abgelehnt (keine Zahl): %1
Vom Speicher abgelehnt: %2
Verworfen bei vollem Datenträger: %3%4%5</translation>
    </message>
</context>
<context>
    <name>TileFrame</name>
    <message>
        <location filename="../qml/components/TileFrame.qml" line="+23"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault</source>
        <translation>Störung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
</context>
<context>
    <name>UploadQueuePage</name>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="+147"/>
        <source>No batches yet: one is cut every upload interval once there are readings.</source>
        <translation>Noch keine Pakete: Sobald Messwerte da sind, wird in jedem Upload-Intervall eines erstellt.</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Nothing is uploaded: this station is not registered with gascloud yet. Registering takes the PIN from the gascloud web site.</source>
        <translation>Es wird nichts hochgeladen: Diese Station ist noch nicht bei gascloud registriert. Dazu braucht es die PIN von der gascloud-Website.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is uploaded: %1</source>
        <translation>Es wird nichts hochgeladen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gascloud upload is switched off in the settings; batches already made are listed below.</source>
        <translation>Der gascloud-Upload ist in den Einstellungen ausgeschaltet; bereits erstellte Pakete stehen unten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register…</source>
        <translation>Registrieren…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No batches here.</source>
        <translation>Hier sind keine Pakete.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>%1 rows · %2</source>
        <translation>%1 Zeilen · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>try %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>readings %1</source>
        <translation>Messwerte %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Upload now</source>
        <translation>Jetzt hochladen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>fs::AdminLock</name>
    <message>
        <location filename="../app/views/AdminLock.cpp" line="+139"/>
        <source>Type the same PIN again.</source>
        <translation>Dieselbe PIN noch einmal eingeben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The two PINs differ. Choose a PIN again.</source>
        <translation>Die beiden PINs sind verschieden. PIN neu festlegen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PIN could not be stored: %1</source>
        <translation>Die PIN konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Admin PIN set.</source>
        <translation>Admin-PIN festgelegt.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The admin PIN cannot be read: %1</source>
        <translation>Die Admin-PIN ist nicht lesbar: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>it is not stored</source>
        <translation>sie ist nicht gespeichert</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Wrong PIN %1 times. Wait %2 s.</source>
        <translation>%1-mal falsche PIN. %2 s warten.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>Falsche PIN. Noch %n Versuch.</numerusform>
            <numerusform>Falsche PIN. Noch %n Versuche.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Locked after %1 minutes without use.</source>
        <translation>Nach %1 Minuten ohne Bedienung gesperrt.</translation>
    </message>
</context>
<context>
    <name>fs::AlarmModel</name>
    <message>
        <location filename="../app/views/AlarmModel.cpp" line="+103"/>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
</context>
<context>
    <name>fs::DashboardModel</name>
    <message>
        <location filename="../app/views/DashboardModel.cpp" line="+291"/>
        <source>Nothing configured yet</source>
        <translation>Noch nichts eingerichtet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 of %1 parts needs a look</source>
        <translation>Bitte prüfen: 1 von %1 Teilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 parts need a look</source>
        <translation>Bitte prüfen: %1 von %2 Teilen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The 1 part is working</source>
        <translation>Das eine Teil läuft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All %1 parts working</source>
        <translation>Alle %1 Teile laufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is running</source>
        <translation>Nichts läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 switched off</source>
        <translation>, %1 ausgeschaltet</translation>
    </message>
</context>
<context>
    <name>fs::RegistrationFlow</name>
    <message>
        <location filename="../app/views/RegistrationFlow.cpp" line="+107"/>
        <source>This station is registered with gascloud.</source>
        <translation>Diese Station ist bei gascloud registriert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The gateway key is stored in %1.</source>
        <translation>Der Gateway-Schlüssel liegt in %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting uploads…</source>
        <translation>Uploads starten…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Uploads run now; the queue is on the Uploads page.</source>
        <translation>Die Uploads laufen; die Warteschlange steht auf der Seite Uploads.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploads are not running: %1</source>
        <translation>Die Uploads laufen nicht: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The PIN was not accepted. Check it and try again.</source>
        <translation>Die PIN wurde nicht angenommen. Bitte prüfen und erneut versuchen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gascloud server has a problem (HTTP %1). Try again later.</source>
        <translation>Der gascloud-Server hat ein Problem (HTTP %1). Später erneut versuchen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The gascloud server refused the registration (HTTP %1).</source>
        <translation>Der gascloud-Server hat die Registrierung abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gascloud server could not be reached. Is the network connected?</source>
        <translation>Der gascloud-Server ist nicht erreichbar. Ist das Netzwerk verbunden?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gascloud server gave an answer this station does not understand.</source>
        <translation>Der gascloud-Server gab eine Antwort, die diese Station nicht versteht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registered, but the key could not be stored on this station.</source>
        <translation>Registriert, aber der Schlüssel konnte auf dieser Station nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The registration could not be sent.</source>
        <translation>Die Registrierung konnte nicht gesendet werden.</translation>
    </message>
</context>
<context>
    <name>fs::SettingsEditor</name>
    <message>
        <location filename="../app/views/SettingsEditor.cpp" line="+91"/>
        <source>(top of the file)</source>
        <translation>(Anfang der Datei)</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n problem(s) found; nothing was saved.</source>
        <translation>
            <numerusform>%n Problem gefunden; nichts gespeichert.</numerusform>
            <numerusform>%n Probleme gefunden; nichts gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>%n Problem gefunden.</numerusform>
            <numerusform>%n Probleme gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved to %1.</source>
        <translation>In %1 gespeichert.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved. Some changes take effect after a restart.</source>
        <translation>Gespeichert. Manche Änderungen wirken erst nach einem Neustart.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved and applied.</source>
        <translation>Gespeichert und übernommen.</translation>
    </message>
</context>
<context>
    <name>fs::SinkControl</name>
    <message>
        <location filename="../app/views/SinkControl.cpp" line="+53"/>
        <source>no sink &quot;%1&quot; of kind &quot;%2&quot;</source>
        <translation>kein Ziel &quot;%1&quot; der Art &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>fs::SinkStatusModel</name>
    <message>
        <location filename="../app/views/SinkStatusModel.cpp" line="+127"/>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first pass pending</source>
        <translation>erster Durchlauf steht aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying</source>
        <translation>neuer Versuch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failing</source>
        <translation>fehlerhaft</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
</context>
<context>
    <name>fs::Station</name>
    <message>
        <location filename="../core/StationDemo.cpp" line="+65"/>
        <source>starting the demo MariaDB…</source>
        <translation>Demo-MariaDB startet …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starting the demo InfluxDB…</source>
        <translation>Demo-InfluxDB startet …</translation>
    </message>
</context>
<context>
    <name>fs::StoreHealthView</name>
    <message numerus="yes">
        <location filename="../app/views/StoreHealthView.cpp" line="+63"/>
        <source>… and %n more channel(s)</source>
        <translation>
            <numerusform>… und %n weiterer Kanal</numerusform>
            <numerusform>… und %n weitere Kanäle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fs::TimeText</name>
    <message>
        <location filename="../app/views/TimeText.cpp" line="+21"/>
        <source>Time (%1)</source>
        <translation>Zeit (%1)</translation>
    </message>
</context>
<context>
    <name>fs::tiles</name>
    <message>
        <location filename="../app/views/DashboardTiles.cpp" line="+74"/>
        <source>Not working</source>
        <translation>Funktioniert nicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting, no data yet</source>
        <translation>Startet, noch keine Daten</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+207"/>
        <location line="+24"/>
        <source>Working</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Working · fan and laser OK</source>
        <translation>Läuft · Lüfter und Laser OK</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Solar node %1</source>
        <translation>Solarknoten %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Charge</source>
        <translation>Ladung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Charging</source>
        <translation>Lädt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discharging</source>
        <translation>Entlädt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle</source>
        <translation>Ruht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Upload to gascloud</source>
        <translation>Upload zu gascloud</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last upload</source>
        <translation>Letzter Upload</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not running</source>
        <translation>Läuft nicht</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+24"/>
        <source>Retrying: %1</source>
        <translation>Neuer Versuch: %1</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Push to %1</source>
        <translation>Push an %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>InfluxDB %1</source>
        <translation>InfluxDB %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Behind</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last success</source>
        <translation>Zuletzt erfolgreich</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Starting, no pass yet</source>
        <translation>Startet, noch kein Durchlauf</translation>
    </message>
</context>
</TS>
