// OpcN3Page: one OPC-N3 source at a time (a selector when several run): PM chart with the store's
// history, 24-bin histogram, and the particle counter's climate and health, all from the live stream.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation.Views

Item {
    id: page

    required property LiveStream stream
    required property SourceListModel sources
    property bool compact: false

    readonly property var sourceIds: sources.revision >= 0 ? sources.idsOfType("opcn3") : []
    readonly property string sourceId: sourceIds.length > 0 ? sourceIds[Math.min(selector.currentIndex, sourceIds.length - 1)] : ""
    readonly property var info: sources.revision >= 0 ? sources.get(sourceId) : ({})
    readonly property bool hasReading: stream.revision >= 0 && !isNaN(stream.lastUpdate(sourceId))

    function latest(key) {
        return page.stream.revision >= 0 ? page.stream.latest(page.sourceId, key) : NaN
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: page.compact ? 2 : 4

        TabBar {
            id: selector
            objectName: "opcSelector"
            Layout.fillWidth: true
            visible: page.sourceIds.length > 1
            // On the bar, not the delegate: a delegate cannot see the page (qmllint 6.4).
            contentHeight: page.compact ? 36 : 30
            Repeater {
                model: page.sourceIds
                TabButton {
                    required property string modelData
                    text: modelData
                }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: page.sourceIds.length === 0
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("No OPC-N3 source is configured (see \"sources:\" in the settings).")
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: page.sourceIds.length > 0
            spacing: page.compact ? 4 : 8

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 0

                PmChart {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 3
                    stream: page.stream
                    sourceId: page.sourceId
                    compact: page.compact
                }
                HistogramChart {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 2
                    stream: page.stream
                    sourceId: page.sourceId
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
                    title: qsTr("%1 (%2)").arg(page.info.name || qsTr("OPC-N3")).arg(page.sourceId)
                    subtitle: page.info.deviceInfo || ""
                    state: page.info.health || "Stopped"
                    // The source's own problem first; while it has none, how fresh the readings are.
                    detail: page.info.detail || (page.hasReading ? qsTr("Updated %1 · period %2 s").arg(Qt.formatTime(page.stream.lastUpdate(page.sourceId), "HH:mm:ss")).arg(page.latest("sampling_period").toFixed(2)) : "")
                    healthy: page.info.healthy || false
                    compact: page.compact
                }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: page.compact ? 3 : 6
                    rowSpacing: page.compact ? 3 : 6

                    ValueTile { label: qsTr("PM1"); value: page.latest("pm1"); decimals: 1; unit: "µg/m³"; valid: page.hasReading; compact: page.compact }
                    ValueTile { label: qsTr("PM2.5"); value: page.latest("pm2_5"); decimals: 1; unit: "µg/m³"; valid: page.hasReading; compact: page.compact }
                    ValueTile { label: qsTr("PM10"); value: page.latest("pm10"); decimals: 1; unit: "µg/m³"; valid: page.hasReading; compact: page.compact }
                    ValueTile { label: qsTr("Temperature"); value: page.latest("temperature"); decimals: 1; unit: "°C"; valid: page.hasReading; compact: page.compact }
                    ValueTile { label: qsTr("Humidity"); value: page.latest("humidity"); decimals: 1; unit: "%"; valid: page.hasReading; compact: page.compact }
                    ValueTile { label: qsTr("Flow"); value: page.latest("flow_rate"); decimals: 2; unit: "ml/s"; valid: page.hasReading; compact: page.compact }
                    ValueTile { label: qsTr("Fan"); value: page.latest("fan_rev_count"); decimals: 0; unit: qsTr("revs"); valid: page.hasReading; warn: page.hasReading && page.latest("fan_rev_count") === 0; compact: page.compact }
                    ValueTile { label: qsTr("Laser"); value: page.latest("laser_status"); decimals: 0; unit: ""; valid: page.hasReading; warn: page.hasReading && page.latest("laser_status") < 100; compact: page.compact }
                    ValueTile { label: qsTr("Rejected"); value: page.latest("reject_pct"); decimals: 1; unit: "%"; valid: page.hasReading; warn: page.latest("reject_pct") > 50; compact: page.compact }
                    ValueTile { label: qsTr("Errors"); value: page.latest("consecutive_errors"); decimals: 0; unit: qsTr("in a row"); valid: page.hasReading; warn: page.latest("consecutive_errors") > 0; compact: page.compact }
                }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
