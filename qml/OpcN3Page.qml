// OpcN3Page: live PM chart, 24-bin histogram, and the particle counter's climate and health.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation.Views

Item {
    id: page

    required property OpcN3View opc
    property bool compact: false

    RowLayout {
        anchors.fill: parent
        spacing: page.compact ? 4 : 8

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            PmChart {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: 3
                opc: page.opc
                compact: page.compact
            }
            HistogramChart {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: 2
                opc: page.opc
                compact: page.compact
            }
        }

        ColumnLayout {
            Layout.fillHeight: true
            Layout.preferredWidth: page.compact ? 190 : 260
            Layout.maximumWidth: page.compact ? 190 : 260
            spacing: page.compact ? 3 : 6

            StateBadge {
                Layout.fillWidth: true
                title: page.opc.deviceInfo.length > 0 ? page.opc.deviceInfo : qsTr("OPC-N3")
                state: page.opc.state
                detail: page.opc.stateDetail
                healthy: page.opc.healthy
                compact: page.compact
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: page.compact ? 3 : 6
                rowSpacing: page.compact ? 3 : 6

                ValueTile { label: qsTr("PM1"); value: page.opc.pm1; decimals: 1; unit: "µg/m³"; valid: page.opc.hasReading; compact: page.compact }
                ValueTile { label: qsTr("PM2.5"); value: page.opc.pm2_5; decimals: 1; unit: "µg/m³"; valid: page.opc.hasReading; compact: page.compact }
                ValueTile { label: qsTr("PM10"); value: page.opc.pm10; decimals: 1; unit: "µg/m³"; valid: page.opc.hasReading; compact: page.compact }
                ValueTile { label: qsTr("Temperature"); value: page.opc.temperature; decimals: 1; unit: "°C"; valid: page.opc.hasReading; compact: page.compact }
                ValueTile { label: qsTr("Humidity"); value: page.opc.humidity; decimals: 1; unit: "%"; valid: page.opc.hasReading; compact: page.compact }
                ValueTile { label: qsTr("Flow"); value: page.opc.flowRate; decimals: 2; unit: "ml/s"; valid: page.opc.hasReading; compact: page.compact }
                ValueTile { label: qsTr("Fan"); value: page.opc.fanRevCount; decimals: 0; unit: qsTr("revs"); valid: page.opc.hasReading; warn: page.opc.hasReading && page.opc.fanRevCount === 0; compact: page.compact }
                ValueTile { label: qsTr("Laser"); value: page.opc.laserStatus; decimals: 0; unit: ""; valid: page.opc.hasReading; warn: page.opc.hasReading && page.opc.laserStatus < 100; compact: page.compact }
                ValueTile { label: qsTr("Rejected"); value: page.opc.rejectPct; decimals: 1; unit: "%"; valid: page.opc.hasReading; warn: page.opc.rejectPct > 50; compact: page.compact }
                ValueTile { label: qsTr("Errors"); value: page.opc.consecutiveErrors; decimals: 0; unit: qsTr("in a row"); valid: true; warn: page.opc.consecutiveErrors > 0; compact: page.compact }
            }
            Label {
                Layout.fillWidth: true
                visible: page.opc.hasReading
                wrapMode: Text.Wrap
                font.pixelSize: page.compact ? 11 : 13
                color: "#555"
                text: qsTr("Updated %1 · period %2 s").arg(Qt.formatTime(page.opc.lastUpdate, "HH:mm:ss")).arg(page.opc.samplingPeriod.toFixed(2))
            }
            Item { Layout.fillHeight: true }
        }
    }
}
