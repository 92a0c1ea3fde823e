// DevicePage: the sources of some types (meters, solar nodes …) one at a time: the source's health,
// a tile per channel with its newest value, and a chart of the tile touched last. A source whose
// nodes have one channel each (an eGauge: one node per register) shows every node's tile; a
// network (ISEMS) has a node selector and shows that node's channels.
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation.Views

Item {
    id: page

    required property LiveStream stream
    required property SourceListModel sources
    required property var types
    required property string emptyText
    property bool compact: false

    readonly property var sourceIds: {
        if (sources.revision < 0)
            return []
        let ids = []
        for (const t of types)
            ids = ids.concat(sources.idsOfType(t))
        return ids
    }
    readonly property string sourceId: sourceIds.length > 0 ? sourceIds[Math.max(0, Math.min(selector.currentIndex, sourceIds.length - 1))] : ""
    readonly property var info: sources.revision >= 0 ? sources.get(sourceId) : ({})
    // Node lists change only when a node registers; re-read on every revision is cheap (a few nodes).
    readonly property var nodes: stream.revision >= 0 ? stream.nodes(sourceId) : []
    readonly property bool flat: nodes.length > 0 && nodes.every(n => n.channels.length === 1)
    readonly property var node: flat || nodes.length === 0 ? null : nodes[Math.max(0, Math.min(nodeSelector.currentIndex, nodes.length - 1))]
    readonly property var tiles: {
        if (flat)
            return nodes.map(n => ({ node: n.key, key: n.channels[0].key, unit: n.channels[0].unit, label: n.channels[0].key }))
        if (!node)
            return []
        return node.channels.map(c => ({ node: node.key, key: c.key, unit: c.unit, label: c.name || c.key }))
    }
    property int chosen: 0
    readonly property var shown: tiles.length > 0 ? tiles[Math.min(chosen, tiles.length - 1)] : null

    function unitText(u) {
        return u === "deg.C" ? "°C" : u
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: page.compact ? 2 : 4

        TabBar {
            id: selector
            objectName: "deviceSelector"
            Layout.fillWidth: true
            visible: page.sourceIds.length > 1
            onCurrentIndexChanged: page.chosen = 0
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
            wrapMode: Text.Wrap
            text: page.emptyText
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: page.sourceIds.length > 0
            spacing: page.compact ? 4 : 8

            ChannelChart {
                Layout.fillWidth: true
                Layout.fillHeight: true
                stream: page.stream
                sourceId: page.sourceId
                nodeKey: page.shown ? page.shown.node : ""
                channelKey: page.shown ? page.shown.key : ""
                label: page.shown ? page.shown.label : qsTr("Waiting for the first reading")
                unit: page.shown ? page.unitText(page.shown.unit) : ""
                compact: page.compact
            }
            ColumnLayout {
                Layout.fillHeight: true
                Layout.preferredWidth: page.compact ? 250 : 340
                Layout.maximumWidth: page.compact ? 250 : 340
                spacing: page.compact ? 3 : 6

                StateBadge {
                    Layout.fillWidth: true
                    title: qsTr("%1 (%2)").arg(page.info.name || page.sourceId).arg(page.sourceId)
                    subtitle: page.info.deviceInfo || ""
                    state: page.info.health || "Stopped"
                    detail: page.info.detail || ""
                    healthy: page.info.healthy || false
                    compact: page.compact
                }
                ComboBox {
                    id: nodeSelector
                    objectName: "nodeSelector"
                    Layout.fillWidth: true
                    implicitHeight: page.compact ? 40 : 36
                    visible: !page.flat && page.nodes.length > 1
                    model: page.nodes.map(n => n.name)
                    onCurrentIndexChanged: page.chosen = 0
                }
                Label {
                    Layout.fillWidth: true
                    visible: !page.flat && page.node !== null && page.node.lastUpdate !== undefined
                    font.pixelSize: page.compact ? 11 : 13
                    color: "#555"
                    text: page.node && !isNaN(page.node.lastUpdate) ? qsTr("Last reading %1").arg(Qt.formatDateTime(page.node.lastUpdate, "yyyy-MM-dd HH:mm:ss")) : ""
                }
                Flickable {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    contentHeight: grid.implicitHeight
                    boundsBehavior: Flickable.StopAtBounds
                    GridLayout {
                        id: grid
                        width: parent.width
                        columns: 2
                        columnSpacing: page.compact ? 3 : 6
                        rowSpacing: page.compact ? 3 : 6
                        Repeater {
                            model: page.tiles
                            ValueTile {
                                id: tile
                                required property var modelData
                                required property int index
                                objectName: "deviceTile"
                                label: modelData.label
                                unit: page.unitText(modelData.unit)
                                value: page.stream.revision >= 0 ? page.stream.latestOfNode(page.sourceId, modelData.node, modelData.key) : NaN
                                valid: !isNaN(value)
                                decimals: Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
                                compact: page.compact
                                border.width: index === page.chosen ? 2 : 1
                                TapHandler {
                                    onTapped: page.chosen = tile.index
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
