<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChannelChart</name>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="20"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="47"/>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="48"/>
        <source>6 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="49"/>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/ChannelChart.qml" line="50"/>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <location filename="../qml/DevicePage.qml" line="86"/>
        <source>Waiting for the first reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DevicePage.qml" line="98"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/DevicePage.qml" line="119"/>
        <source>Last reading %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistogramChart</name>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="18"/>
        <source>Size histogram (counts per bin, 0.35–40 µm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/HistogramChart.qml" line="37"/>
        <source>counts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="25"/>
        <source>FieldStation — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="41"/>
        <source>DEMO — emulated devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="69"/>
        <source>Particles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="73"/>
        <source>Energy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="77"/>
        <source>Solar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="82"/>
        <source>Uploads (%1 waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="82"/>
        <source>Uploads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="86"/>
        <source>Central DB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="106"/>
        <source>No energy meter is configured (an eGauge or Modbus entry under &quot;sources:&quot; in the settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="114"/>
        <source>No solar node network is configured (an ISEMS entry under &quot;sources:&quot; in the settings).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpcN3Page</name>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="46"/>
        <source>No OPC-N3 source is configured (see &quot;sources:&quot; in the settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="86"/>
        <source>OPC-N3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="86"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="99"/>
        <source>PM1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="100"/>
        <source>PM2.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="101"/>
        <source>PM10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="102"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="103"/>
        <source>Humidity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="104"/>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="105"/>
        <source>Fan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="105"/>
        <source>revs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="106"/>
        <source>Laser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="107"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="108"/>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="108"/>
        <source>in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/OpcN3Page.qml" line="116"/>
        <source>Updated %1 · period %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PmChart</name>
    <message>
        <location filename="../qml/components/PmChart.qml" line="16"/>
        <source>Particulate matter (µg/m³)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="47"/>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="48"/>
        <source>6 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="49"/>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/PmChart.qml" line="50"/>
        <source>7 days</source>
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
        <location filename="../app/views/UploadQueueModel.cpp" line="18"/>
        <source>Building</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="20"/>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="22"/>
        <source>Requesting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="24"/>
        <source>Ticket ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="26"/>
        <source>Uploading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="28"/>
        <source>Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="30"/>
        <source>Uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/views/UploadQueueModel.cpp" line="32"/>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Backing off after an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StateBadge.qml" line="46"/>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreHealthBadge</name>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="14"/>
        <source>Disk full · %1 dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="15"/>
        <source>Store OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="16"/>
        <source>Store: %1 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/StoreHealthBadge.qml" line="36"/>
        <source>Refused (not a number): %1
Refused by the store: %2
Dropped while the disk was full: %3%4%5</source>
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
        <location filename="../app/views/PushStatusModel.cpp" line="36"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fs::StoreHealthView</name>
    <message numerus="yes">
        <location filename="../app/views/StoreHealthView.cpp" line="63"/>
        <source>… and %n more channel(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
