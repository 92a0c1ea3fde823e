<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>HistogramChart</name>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="12"/>
        <source>Size histogram (counts per bin, 0.35–40 µm)</source>
        <translation>Histogramme des tailles (comptes par classe, 0,35–40 µm)</translation>
    </message>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="31"/>
        <source>counts</source>
        <translation>comptes</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="21"/>
        <source>FieldStation — %1</source>
        <translation>FieldStation — %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="37"/>
        <source>DEMO — emulated devices</source>
        <translation>DÉMO — appareils émulés</translation>
    </message>
</context>
<context>
    <name>OpcN3Page</name>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="46"/>
        <source>OPC-N3</source>
        <translation>OPC-N3</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="58"/>
        <source>PM1</source>
        <translation>PM1</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="59"/>
        <source>PM2.5</source>
        <translation>PM2,5</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="60"/>
        <source>PM10</source>
        <translation>PM10</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="61"/>
        <source>Temperature</source>
        <translation>Température</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="62"/>
        <source>Humidity</source>
        <translation>Humidité</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="63"/>
        <source>Flow</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="64"/>
        <source>Fan</source>
        <translation>Ventilateur</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="64"/>
        <source>revs</source>
        <translation>tours</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="65"/>
        <source>Laser</source>
        <translation>Laser</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="66"/>
        <source>Rejected</source>
        <translation>Rejetées</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="67"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="67"/>
        <source>in a row</source>
        <translation>de suite</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="74"/>
        <source>Updated %1 · period %2 s</source>
        <translation>Mis à jour %1 · période %2 s</translation>
    </message>
</context>
<context>
    <name>PmChart</name>
    <message>
        <location filename="../qml/components/PmChart.qml" line="12"/>
        <source>Particulate matter (µg/m³)</source>
        <translation>Particules (µg/m³)</translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="35"/>
        <source>Sampling</source>
        <translation>Mesure en cours</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="35"/>
        <source>Backing off after an error</source>
        <translation>Pause après une erreur</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="35"/>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="35"/>
        <source>Starting: %1</source>
        <translation>Démarrage : %1</translation>
    </message>
</context>
</TS>
