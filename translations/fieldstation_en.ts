<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>HistogramChart</name>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="13"/>
        <source>Size histogram (counts per bin, 0.35–40 µm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="32"/>
        <source>counts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="23"/>
        <source>FieldStation — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="39"/>
        <source>DEMO — emulated devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="62"/>
        <source>Particles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="67"/>
        <source>Uploads (%1 waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="67"/>
        <source>Uploads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="71"/>
        <source>Central DB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpcN3Page</name>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="46"/>
        <source>OPC-N3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="58"/>
        <source>PM1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="59"/>
        <source>PM2.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="60"/>
        <source>PM10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="61"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="62"/>
        <source>Humidity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="63"/>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="64"/>
        <source>Fan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="64"/>
        <source>revs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="65"/>
        <source>Laser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="66"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="67"/>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="67"/>
        <source>in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="75"/>
        <source>Updated %1 · period %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PmChart</name>
    <message>
        <location filename="../qml/components/PmChart.qml" line="13"/>
        <source>Particulate matter (µg/m³)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PushStatusPage</name>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="18"/>
        <source>Central database push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="24"/>
        <source>No push server is enabled in the settings (push.servers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="52"/>
        <source>up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="52"/>
        <source>failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="54"/>
        <source>%1 readings behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/PushStatusPage.qml" line="57"/>
        <source>last success %1 · %2 rows/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="17"/>
        <source>Building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="19"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="21"/>
        <source>Requesting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="23"/>
        <source>Ticket ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="25"/>
        <source>Uploading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="27"/>
        <source>Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="29"/>
        <source>Uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="31"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="37"/>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="37"/>
        <source>Backing off after an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="37"/>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="37"/>
        <source>Starting: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UploadQueuePage</name>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="32"/>
        <source>gascloud upload queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="37"/>
        <source>%1 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="38"/>
        <source>%1 uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="39"/>
        <source>%1 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="47"/>
        <source>gascloud upload is switched off in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="62"/>
        <source>No batches yet: one is cut every upload interval once there are readings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="101"/>
        <source>%1 rows · %2 kB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="103"/>
        <source>try %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/UploadQueuePage.qml" line="114"/>
        <source>readings %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fs::PushStatusModel</name>
    <message>
        <location filename="../app/views/PushStatusModel.cpp" line="33"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
