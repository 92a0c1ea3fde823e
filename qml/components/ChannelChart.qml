// ChannelChart: one channel of any source (or of one node of a network) over a chosen range (live …
// 7 days), zoomable by pinch, wheel and buttons: the store's history joined to the live stream.
// qmllint disable import type property
import QtQuick
import QtCharts
import QtQuick.Layouts
import FieldStation.Views

ColumnLayout {
    id: root
    objectName: "channelChart"

    required property LiveStream stream
    required property string sourceId
    property string nodeKey
    property string channelKey
    property string label
    property string unit
    property bool compact: false
    readonly property alias plot: plot
    readonly property alias rangeBar: rangeBar

    spacing: 0

    function labelFormatFor(span) {
        return span < 0.1 ? "%.3f" : span < 1 ? "%.2f" : span < 10 ? "%.1f" : "%.0f"
    }

    ChannelPlot {
        id: plot
        stream: root.stream
        source: root.sourceId
        node: root.nodeKey
        channels: root.channelKey ? [root.channelKey] : []
        active: root.visible
        columns: Math.max(50, Math.round(chart.plotArea.width))
        fitValues: true
        onUpdated: plot.fill(0, line)
    }
    RangeBar {
        id: rangeBar
        objectName: "channelSpan"
        Layout.fillWidth: true
        plot: plot
        compact: root.compact
    }
    ChartView {
        id: chart
        Layout.fillWidth: true
        Layout.fillHeight: true
        title: root.label
        titleFont: Qt.font({pixelSize: root.compact ? 11 : 14})
        antialiasing: true
        legend.visible: false
        margins { top: 0; bottom: 0; left: 2; right: 2 }

        ChartZoom { plot: plot; plotArea: chart.plotArea }
        DateTimeAxis {
            id: timeAxis
            format: TimeText.axisFormat(plot.viewSpanMs)
            tickCount: root.compact ? 4 : 6
            labelsFont: Qt.font({pixelSize: root.compact ? 9 : 11})
            titleText: TimeText.axisTitle(plot.timeMax.getTime())
            titleFont: Qt.font({pixelSize: root.compact ? 9 : 11})
            min: plot.timeMin
            max: plot.timeMax
        }
        ValueAxis {
            id: valueAxis
            min: plot.valueMin
            max: plot.valueMax
            // Enough decimals that neighbouring ticks never read the same (a battery's 13.78-13.80 V).
            labelFormat: root.labelFormatFor(plot.valueMax - plot.valueMin)
            labelsFont: Qt.font({pixelSize: root.compact ? 9 : 11})
            titleText: root.unit
            titleFont: Qt.font({pixelSize: root.compact ? 9 : 11})
        }
        LineSeries { id: line; name: root.label; color: "#1565c0"; axisX: timeAxis; axisY: valueAxis; width: 2 }
    }
}
