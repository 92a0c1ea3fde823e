<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
        <translation>1 heure</translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="48"/>
        <source>6 hours</source>
        <translation>6 heures</translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="49"/>
        <source>1 day</source>
        <translation>1 jour</translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="50"/>
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <location filename="../qml/DevicePage.qml" line="86"/>
        <source>Waiting for the first reading</source>
        <translation>En attente de la première mesure</translation>
    </message>
    <message>
        <location filename="../qml/DevicePage.qml" line="98"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/DevicePage.qml" line="119"/>
        <source>Last reading %1</source>
        <translation>Dernière mesure %1</translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="18"/>
        <source>Size histogram (counts per bin, 0.35–40 µm)</source>
        <translation>Histogramme des tailles (comptes par classe, 0,35–40 µm)</translation>
    </message>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="37"/>
        <source>counts</source>
        <translation>comptes</translation>
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
        <translation>DÉMO — appareils émulés</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="69"/>
        <source>Particles</source>
        <translation>Particules</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="73"/>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="77"/>
        <source>Solar</source>
        <translation>Solaire</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="82"/>
        <source>Uploads (%1 waiting)</source>
        <translation>Envois (%1 en attente)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="82"/>
        <source>Uploads</source>
        <translation>Envois</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="86"/>
        <source>Central DB</source>
        <translation>BD centrale</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="106"/>
        <source>No energy meter is configured (an eGauge or Modbus entry under &quot;sources:&quot; in the settings).</source>
        <translation>Aucun compteur d’énergie configuré (une entrée eGauge ou Modbus sous &quot;sources:&quot; dans les réglages).</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="114"/>
        <source>No solar node network is configured (an ISEMS entry under &quot;sources:&quot; in the settings).</source>
        <translation>Aucun réseau de nœuds solaires configuré (une entrée ISEMS sous &quot;sources:&quot; dans les réglages).</translation>
    </message>
</context>
<context>
    <name>OpcN3Page</name>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="46"/>
        <source>No OPC-N3 source is configured (see &quot;sources:&quot; in the settings).</source>
        <translation>Aucune source OPC-N3 n’est configurée (voir « sources: » dans les réglages).</translation>
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
        <translation>Température</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="103"/>
        <source>Humidity</source>
        <translation>Humidité</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="104"/>
        <source>Flow</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="105"/>
        <source>Fan</source>
        <translation>Ventilateur</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="105"/>
        <source>revs</source>
        <translation>tours</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="106"/>
        <source>Laser</source>
        <translation>Laser</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="107"/>
        <source>Rejected</source>
        <translation>Rejetées</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="108"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="108"/>
        <source>in a row</source>
        <translation>de suite</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="116"/>
        <source>Updated %1 · period %2 s</source>
        <translation>Mis à jour %1 · période %2 s</translation>
    </message>
</context>
<context>
    <name>PmChart</name>
    <message>
        <location filename="../qml/components/PmChart.qml" line="16"/>
        <source>Particulate matter (µg/m³)</source>
        <translation>Particules (µg/m³)</translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="47"/>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="48"/>
        <source>6 hours</source>
        <translation>6 heures</translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="49"/>
        <source>1 day</source>
        <translation>1 jour</translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="50"/>
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
</context>
<context>
    <name>PushStatusPage</name>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="18"/>
        <source>Central database push</source>
        <translation>Envoi vers la base centrale</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="24"/>
        <source>No push server is enabled in the settings (push.servers).</source>
        <translation>Aucun serveur d’envoi n’est activé dans les réglages (push.servers).</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="52"/>
        <source>up to date</source>
        <translation>à jour</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="52"/>
        <source>failing</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="54"/>
        <source>%1 readings behind</source>
        <translation>%1 mesures en retard</translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="57"/>
        <source>last success %1 · %2 rows/s</source>
        <translation>dernier succès %1 · %2 lignes/s</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="18"/>
        <source>Building</source>
        <translation>Construction</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="20"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="22"/>
        <source>Requesting</source>
        <translation>Demande en cours</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="24"/>
        <source>Ticket ready</source>
        <translation>Ticket prêt</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="26"/>
        <source>Uploading</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="28"/>
        <source>Checking</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="30"/>
        <source>Uploaded</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="32"/>
        <source>Rejected</source>
        <translation>Refusé</translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Sampling</source>
        <translation>Mesure en cours</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Backing off after an error</source>
        <translation>Pause après une erreur</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
</context>
<context>
    <name>StoreHealthBadge</name>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="14"/>
        <source>Disk full · %1 dropped</source>
        <translation>Disque plein · %1 perdues</translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="15"/>
        <source>Store OK</source>
        <translation>Stockage OK</translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="16"/>
        <source>Store: %1 refused</source>
        <translation>Stockage : %1 refusées</translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="36"/>
        <source>Refused (not a number): %1
Refused by the store: %2
Dropped while the disk was full: %3%4%5</source>
        <translation>Refusées (pas un nombre) : %1
Refusées par le stockage : %2
Perdues, disque plein : %3%4%5</translation>
    </message>
</context>
<context>
    <name>UploadQueuePage</name>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="32"/>
        <source>gascloud upload queue</source>
        <translation>File d’envoi gascloud</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="37"/>
        <source>%1 waiting</source>
        <translation>%1 en attente</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="38"/>
        <source>%1 uploaded</source>
        <translation>%1 envoyés</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="39"/>
        <source>%1 rejected</source>
        <translation>%1 refusés</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="47"/>
        <source>gascloud upload is switched off in the settings.</source>
        <translation>L’envoi gascloud est désactivé dans les réglages.</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="62"/>
        <source>No batches yet: one is cut every upload interval once there are readings.</source>
        <translation>Aucun lot pour l’instant : un lot est créé à chaque intervalle d’envoi dès qu’il y a des mesures.</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="101"/>
        <source>%1 rows · %2 kB</source>
        <translation>%1 lignes · %2 ko</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="103"/>
        <source>try %1</source>
        <translation>essai %1</translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="114"/>
        <source>readings %1</source>
        <translation>mesures %1</translation>
    </message>
</context>
<context>
    <name>fs::PushStatusModel</name>
    <message>
        <location filename="../app/views/PushStatusModel.cpp" line="36"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
</context>
<context>
    <name>fs::StoreHealthView</name>
    <message numerus="yes">
        <location filename="../app/views/StoreHealthView.cpp" line="63"/>
        <source>… and %n more channel(s)</source>
        <translation>
            <numerusform>… et %n autre canal</numerusform>
            <numerusform>… et %n autres canaux</numerusform>
        </translation>
    </message>
</context>
</TS>
