<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>HistogramChart</name>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="12"/>
        <source>Size histogram (counts per bin, 0.35–40 µm)</source>
        <translation>Größenverteilung (Zählungen je Klasse, 0,35–40 µm)</translation>
    </message>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="31"/>
        <source>counts</source>
        <translation>Zählungen</translation>
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
        <translation>DEMO — emulierte Geräte</translation>
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
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="62"/>
        <source>Humidity</source>
        <translation>Feuchte</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="63"/>
        <source>Flow</source>
        <translation>Durchfluss</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="64"/>
        <source>Fan</source>
        <translation>Lüfter</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="64"/>
        <source>revs</source>
        <translation>Umdr.</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="65"/>
        <source>Laser</source>
        <translation>Laser</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="66"/>
        <source>Rejected</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="67"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="67"/>
        <source>in a row</source>
        <translation>in Folge</translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="74"/>
        <source>Updated %1 · period %2 s</source>
        <translation>Aktualisiert %1 · Periode %2 s</translation>
    </message>
</context>
<context>
    <name>PmChart</name>
    <message>
        <location filename="../qml/components/PmChart.qml" line="12"/>
        <source>Particulate matter (µg/m³)</source>
        <translation>Feinstaub (µg/m³)</translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="35"/>
        <source>Sampling</source>
        <translation>Misst</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="35"/>
        <source>Backing off after an error</source>
        <translation>Pause nach einem Fehler</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="35"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="35"/>
        <source>Starting: %1</source>
        <translation>Startet: %1</translation>
    </message>
</context>
</TS>
