<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AdminPinDialog</name>
    <message>
        <location filename="../qml/components/AdminPinDialog.qml" line="+44"/>
        <source>Choose an admin PIN</source>
        <translation>Choisir un PIN admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the admin PIN again</source>
        <translation>Retaper le PIN admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin PIN</source>
        <translation>PIN admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The settings on this screen are protected by a PIN of 4 to 8 digits. Choose it now and keep it safe.</source>
        <translation>Les réglages de cet écran sont protégés par un PIN de 4 à 8 chiffres. Choisissez-le maintenant et gardez-le en lieu sûr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The settings are protected. Type the admin PIN.</source>
        <translation>Les réglages sont protégés. Tapez le PIN admin.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Too many wrong PINs. Try again in %n s.</source>
        <translation>
            <numerusform>Trop de PIN erronés. Réessayez dans %n s.</numerusform>
            <numerusform>Trop de PIN erronés. Réessayez dans %n s.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
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
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>+%1 more</source>
        <translation>+%1 autres</translation>
    </message>
</context>
<context>
    <name>AlarmRules</name>
    <message>
        <location filename="../core/health/AlarmRules.cpp" line="+42"/>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 GB</source>
        <translation>%1 Go</translation>
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
        <translation>%1 jours</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>laser weak (status %1, needs %2)</source>
        <translation>laser faible (état %1, requis %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>fan stopped</source>
        <translation>ventilateur arrêté</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 % of particles rejected</source>
        <translation>%1 % des particules rejetées</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>battery low</source>
        <translation>batterie faible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>battery overheating</source>
        <translation>batterie en surchauffe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>charge controller not answering</source>
        <translation>le régulateur de charge ne répond pas</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no data for %1</source>
        <translation>aucune donnée depuis %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 failing for %2</source>
        <translation>%1 en échec depuis %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>readings cannot be saved: %1</source>
        <translation>les mesures ne peuvent pas être enregistrées : %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>disk almost full: %1 free, needs %2</source>
        <translation>disque presque plein : %1 libres, %2 requis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>disk getting full: %1 free</source>
        <translation>disque bientôt plein : %1 libres</translation>
    </message>
</context>
<context>
    <name>DemoFarEnds</name>
    <message>
        <location filename="../core/sim/DemoFarEnds.cpp" line="+77"/>
        <source>demo %1 on 127.0.0.1:%2 (pid %3), data in %4</source>
        <translation>%1 de démo sur 127.0.0.1:%2 (pid %3), données dans %4</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>demo push needs MariaDB: apt install mariadb-server</source>
        <translation>le push de démo a besoin de MariaDB : apt install mariadb-server</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>demo InfluxDB needs influxd: apt install influxdb</source>
        <translation>InfluxDB de démo a besoin d’influxd : apt install influxdb</translation>
    </message>
</context>
<context>
    <name>DesktopMenu</name>
    <message>
        <location filename="../qml/components/DesktopMenu.qml" line="+22"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Réglages…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Full screen</source>
        <translation>&amp;Plein écran</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S&amp;tation</source>
        <translation>S&amp;tation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Register…</source>
        <translation>&amp;Inscrire…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <location filename="../qml/DevicePage.qml" line="+89"/>
        <source>Waiting for the first reading</source>
        <translation>En attente de la première mesure</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Last reading %1</source>
        <translation>Dernière mesure %1</translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="+25"/>
        <source>Size histogram (counts per bin, 0.35–40 µm)</source>
        <translation>Histogramme des tailles (comptes par classe, 0,35–40 µm)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>bin</source>
        <translation>classe</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+20"/>
        <location line="+10"/>
        <source>counts</source>
        <translation>comptes</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>counts (log)</source>
        <translation>comptes (log)</translation>
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
        <translation>DÉMO — appareils émulés</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Particles</source>
        <translation>Particules</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Solar</source>
        <translation>Solaire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Push</source>
        <translation>BD centrale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register</source>
        <translation>Inscrire</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>DEMO</source>
        <translation>DÉMO</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Uploads (%1)</source>
        <translation>Envois (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploads (%1 waiting)</source>
        <translation>Envois (%1 en attente)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>About FieldStation</source>
        <translation>À propos de FieldStation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FieldStation %1
Acquires, keeps, shows and forwards a field station&apos;s readings.</source>
        <translation>FieldStation %1
Acquiert, conserve, affiche et transmet les mesures d’une station de terrain.</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>Uploads</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No energy meter is configured (an eGauge or Modbus entry under &quot;sources:&quot; in the settings).</source>
        <translation>Aucun compteur d’énergie configuré (une entrée eGauge ou Modbus sous &quot;sources:&quot; dans les réglages).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No solar node network is configured (an ISEMS entry under &quot;sources:&quot; in the settings).</source>
        <translation>Aucun réseau de nœuds solaires configuré (une entrée ISEMS sous &quot;sources:&quot; dans les réglages).</translation>
    </message>
</context>
<context>
    <name>OpcN3Page</name>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="+47"/>
        <source>No OPC-N3 source is configured (see &quot;sources:&quot; in the settings).</source>
        <translation>Aucune source OPC-N3 n’est configurée (voir « sources: » dans les réglages).</translation>
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
        <translation>Température</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Humidity</source>
        <translation>Humidité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flow</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fan</source>
        <translation>Ventilateur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>revs</source>
        <translation>tours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laser</source>
        <translation>Laser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Rejetées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in a row</source>
        <translation>de suite</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Updated %1 · period %2 s</source>
        <translation>Mis à jour %1 · période %2 s</translation>
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
        <translation>Afficher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>PmChart</name>
    <message>
        <location filename="../qml/components/PmChart.qml" line="+45"/>
        <source>Particulate matter</source>
        <translation>Particules fines</translation>
    </message>
</context>
<context>
    <name>PushStatusPage</name>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="+38"/>
        <source>Push to central databases</source>
        <translation>Envoi vers les bases centrales</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No push server (push.servers) and no InfluxDB (influx:) is enabled in the settings.</source>
        <translation>Aucun serveur d’envoi (push.servers) ni InfluxDB (influx:) n’est activé dans les réglages.</translation>
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
        <translation>retard : encore inconnu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rows behind</source>
        <translation>%1 lignes en retard</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last pass: %1 rows at %2 rows/s</source>
        <translation>dernier passage : %1 lignes à %2 lignes/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last success: %1</source>
        <translation>dernier succès : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next: %1</source>
        <translation>prochain : %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Push now</source>
        <translation>Envoyer maintenant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set password…</source>
        <translation>Mot de passe…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Password of %1</source>
        <translation>Mot de passe de %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>new password</source>
        <translation>nouveau mot de passe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Storing…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Store</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stored in %1; pushing now.</source>
        <translation>Enregistré dans %1 ; envoi en cours.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not stored: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/views/UploadQueueRows.cpp" line="+18"/>
        <source>Building</source>
        <translation>Construction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requesting</source>
        <translation>Demande en cours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ticket ready</source>
        <translation>Ticket prêt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uploading</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uploaded</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
</context>
<context>
    <name>RangeBar</name>
    <message>
        <location filename="../qml/components/RangeBar.qml" line="+15"/>
        <source>Live</source>
        <translation>Direct</translation>
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
        <translation>7 j</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset</source>
        <translation>Rétablir</translation>
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
        <translation>ID appareil</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not set (gascloud.api)</source>
        <translation>non défini (gascloud.api)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Register this station</source>
        <translation>Inscrire cette station</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Registration connects this station to the gascloud service, which keeps its measurements. You need the PIN that came with the station&apos;s gascloud account. The station sends the PIN, its name and its device id once, and keeps the key it gets back; after that it uploads its readings on its own.</source>
        <translation>L’inscription relie cette station au service gascloud, qui conserve ses mesures. Il faut le PIN fourni avec le compte gascloud de la station. La station envoie une fois le PIN, son nom et son ID appareil, et garde la clé reçue en retour ; ensuite elle envoie ses mesures d’elle-même.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Enter the PIN</source>
        <translation>Saisir le PIN</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Registration PIN</source>
        <translation>PIN d’inscription</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the %1 to %2 digits of the PIN.</source>
        <translation>Tapez les %1 à %2 chiffres du PIN.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Register</source>
        <translation>Inscrire</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Registering with gascloud…</source>
        <translation>Inscription auprès de gascloud…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/SettingsPage.qml" line="+120"/>
        <source>%1 does not exist yet: type settings here and save.</source>
        <translation>%1 n’existe pas encore : tapez les réglages ici et enregistrez.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Validate</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restart now</source>
        <translation>Redémarrer</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Register…</source>
        <translation>Inscrire…</translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="+50"/>
        <source>Sampling</source>
        <translation>Mesure en cours</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Backing off after an error</source>
        <translation>Pause après une erreur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
</context>
<context>
    <name>StoreHealthBadge</name>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="+14"/>
        <source>Disk full · %1 dropped</source>
        <translation>Disque plein · %1 perdues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store OK</source>
        <translation>Stockage OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store: %1 refused</source>
        <translation>Stockage : %1 refusées</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Refused (not a number): %1
Refused by the store: %2
Dropped while the disk was full: %3%4%5</source>
        <translation>Refusées (pas un nombre) : %1
Refusées par le stockage : %2
Perdues, disque plein : %3%4%5</translation>
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
        <translation>À vérifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault</source>
        <translation>Panne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off</source>
        <translation>Arrêt</translation>
    </message>
</context>
<context>
    <name>UploadQueuePage</name>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="+147"/>
        <source>No batches yet: one is cut every upload interval once there are readings.</source>
        <translation>Aucun lot pour l’instant : un lot est créé à chaque intervalle d’envoi dès qu’il y a des mesures.</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 kB</source>
        <translation>%1 ko</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Nothing is uploaded: this station is not registered with gascloud yet. Registering takes the PIN from the gascloud web site.</source>
        <translation>Rien n’est envoyé : cette station n’est pas encore inscrite auprès de gascloud. L’inscription demande le PIN du site web gascloud.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is uploaded: %1</source>
        <translation>Rien n’est envoyé : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gascloud upload is switched off in the settings; batches already made are listed below.</source>
        <translation>L’envoi gascloud est désactivé dans les réglages ; les lots déjà créés sont listés ci-dessous.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register…</source>
        <translation>Inscrire…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploaded</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No batches here.</source>
        <translation>Aucun lot ici.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>%1 rows · %2</source>
        <translation>%1 lignes · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>try %1</source>
        <translation>essai %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>readings %1</source>
        <translation>mesures %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Upload now</source>
        <translation>Envoyer maintenant</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
</context>
<context>
    <name>fs::AdminLock</name>
    <message>
        <location filename="../app/views/AdminLock.cpp" line="+139"/>
        <source>Type the same PIN again.</source>
        <translation>Retapez le même PIN.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The two PINs differ. Choose a PIN again.</source>
        <translation>Les deux PIN diffèrent. Choisissez à nouveau un PIN.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PIN could not be stored: %1</source>
        <translation>Le PIN n’a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Admin PIN set.</source>
        <translation>PIN admin défini.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The admin PIN cannot be read: %1</source>
        <translation>Le PIN admin est illisible : %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>it is not stored</source>
        <translation>il n’est pas enregistré</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Wrong PIN %1 times. Wait %2 s.</source>
        <translation>PIN erroné %1 fois. Attendez %2 s.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>PIN erroné. %n essai restant.</numerusform>
            <numerusform>PIN erroné. %n essais restants.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Locked after %1 minutes without use.</source>
        <translation>Verrouillé après %1 minutes sans usage.</translation>
    </message>
</context>
<context>
    <name>fs::AlarmModel</name>
    <message>
        <location filename="../app/views/AlarmModel.cpp" line="+103"/>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upload</source>
        <translation>Envoi</translation>
    </message>
</context>
<context>
    <name>fs::DashboardModel</name>
    <message>
        <location filename="../app/views/DashboardModel.cpp" line="+291"/>
        <source>Nothing configured yet</source>
        <translation>Rien n’est encore configuré</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 of %1 parts needs a look</source>
        <translation>À vérifier : 1 élément sur %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 parts need a look</source>
        <translation>À vérifier : %1 éléments sur %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The 1 part is working</source>
        <translation>L’unique élément fonctionne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All %1 parts working</source>
        <translation>Les %1 éléments fonctionnent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is running</source>
        <translation>Aucun élément actif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 switched off</source>
        <translation>, %1 à l’arrêt</translation>
    </message>
</context>
<context>
    <name>fs::RegistrationFlow</name>
    <message>
        <location filename="../app/views/RegistrationFlow.cpp" line="+107"/>
        <source>This station is registered with gascloud.</source>
        <translation>Cette station est inscrite auprès de gascloud.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The gateway key is stored in %1.</source>
        <translation>La clé de passerelle est enregistrée dans %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting uploads…</source>
        <translation>Démarrage des envois…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Uploads run now; the queue is on the Uploads page.</source>
        <translation>Les envois tournent ; la file est sur la page Envois.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploads are not running: %1</source>
        <translation>Les envois ne tournent pas : %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The PIN was not accepted. Check it and try again.</source>
        <translation>Le PIN a été refusé. Vérifiez-le et réessayez.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gascloud server has a problem (HTTP %1). Try again later.</source>
        <translation>Le serveur gascloud a un problème (HTTP %1). Réessayez plus tard.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The gascloud server refused the registration (HTTP %1).</source>
        <translation>Le serveur gascloud a refusé l’inscription (HTTP %1).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The gascloud server could not be reached. Is the network connected?</source>
        <translation>Le serveur gascloud est injoignable. Le réseau est-il connecté ?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gascloud server gave an answer this station does not understand.</source>
        <translation>Le serveur gascloud a donné une réponse que cette station ne comprend pas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registered, but the key could not be stored on this station.</source>
        <translation>Inscrite, mais la clé n’a pas pu être enregistrée sur cette station.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The registration could not be sent.</source>
        <translation>L’inscription n’a pas pu être envoyée.</translation>
    </message>
</context>
<context>
    <name>fs::SettingsEditor</name>
    <message>
        <location filename="../app/views/SettingsEditor.cpp" line="+91"/>
        <source>(top of the file)</source>
        <translation>(début du fichier)</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n problem(s) found; nothing was saved.</source>
        <translation>
            <numerusform>%n problème trouvé ; rien n’a été enregistré.</numerusform>
            <numerusform>%n problèmes trouvés ; rien n’a été enregistré.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>%n problème trouvé.</numerusform>
            <numerusform>%n problèmes trouvés.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No problems found.</source>
        <translation>Aucun problème trouvé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved to %1.</source>
        <translation>Enregistré dans %1.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved. Some changes take effect after a restart.</source>
        <translation>Enregistré. Certains changements prennent effet après un redémarrage.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved and applied.</source>
        <translation>Enregistré et appliqué.</translation>
    </message>
</context>
<context>
    <name>fs::SinkControl</name>
    <message>
        <location filename="../app/views/SinkControl.cpp" line="+53"/>
        <source>no sink &quot;%1&quot; of kind &quot;%2&quot;</source>
        <translation>aucune destination « %1 » de type « %2 »</translation>
    </message>
</context>
<context>
    <name>fs::SinkStatusModel</name>
    <message>
        <location filename="../app/views/SinkStatusModel.cpp" line="+127"/>
        <source>up to date</source>
        <translation>à jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first pass pending</source>
        <translation>premier passage en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying</source>
        <translation>nouvel essai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failing</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
</context>
<context>
    <name>fs::Station</name>
    <message>
        <location filename="../core/StationDemo.cpp" line="+65"/>
        <source>starting the demo MariaDB…</source>
        <translation>démarrage de MariaDB de démo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starting the demo InfluxDB…</source>
        <translation>démarrage d’InfluxDB de démo…</translation>
    </message>
</context>
<context>
    <name>fs::StoreHealthView</name>
    <message numerus="yes">
        <location filename="../app/views/StoreHealthView.cpp" line="+63"/>
        <source>… and %n more channel(s)</source>
        <translation>
            <numerusform>… et %n autre canal</numerusform>
            <numerusform>… et %n autres canaux</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fs::TimeText</name>
    <message>
        <location filename="../app/views/TimeText.cpp" line="+21"/>
        <source>Time (%1)</source>
        <translation>Heure (%1)</translation>
    </message>
</context>
<context>
    <name>fs::tiles</name>
    <message>
        <location filename="../app/views/DashboardTiles.cpp" line="+74"/>
        <source>Not working</source>
        <translation>Ne fonctionne pas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starting, no data yet</source>
        <translation>Démarrage, pas encore de données</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+207"/>
        <location line="+24"/>
        <source>Working</source>
        <translation>Fonctionne</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Working · fan and laser OK</source>
        <translation>Fonctionne · ventilateur et laser OK</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Solar node %1</source>
        <translation>Nœud solaire %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Charge</source>
        <translation>Charge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Charging</source>
        <translation>En charge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discharging</source>
        <translation>En décharge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle</source>
        <translation>Au repos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>just now</source>
        <translation>à l’instant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min ago</source>
        <translation>il y a %1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h ago</source>
        <translation>il y a %1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days ago</source>
        <translation>il y a %1 jours</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Upload to gascloud</source>
        <translation>Envoi vers gascloud</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last upload</source>
        <translation>Dernier envoi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not running</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+24"/>
        <source>Retrying: %1</source>
        <translation>Nouvel essai : %1</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Push to %1</source>
        <translation>Envoi à %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>InfluxDB %1</source>
        <translation>InfluxDB %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Behind</source>
        <translation>Retard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last success</source>
        <translation>Dernier succès</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Starting, no pass yet</source>
        <translation>Démarrage, aucun passage encore</translation>
    </message>
</context>
</TS>
