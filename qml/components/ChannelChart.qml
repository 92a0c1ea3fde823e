// ChannelChart: one channel of any source (or of one node of a network) over the last hour (or 6 h,
// a day, a week): the store's history joined to the live stream, for pages that show any type.
import QtQuick
import QtCharts
import QtQuick.Controls
import FieldStation.Views

ChartView {
    id: chart
    objectName: "channelChart"

    required property LiveStream stream
    required property string sourceId
    property string nodeKey
    property string channelKey
    property string label
    property string unit
    property bool compact: false

    title: unit ? qsTr("%1 (%2)").arg(label).arg(unit) : label
    titleFont.pixelSize: compact ? 11 : 14
    antialiasing: true
    legend.visible: false
    margins { top: 2; bottom: 2; left: 2; right: 2 }

    function labelFormatFor(span) {
        return span < 0.1 ? "%.3f" : span < 1 ? "%.2f" : span < 10 ? "%.1f" : "%.0f"
    }

    ChannelPlot {
        id: plot
        stream: chart.stream
        source: chart.sourceId
        node: chart.nodeKey
        channels: chart.channelKey ? [chart.channelKey] : []
        spanMinutes: span.currentValue ?? 60
        columns: Math.max(50, Math.round(chart.plotArea.width))
        fitValues: true
        onUpdated: plot.fill(0, line)
    }
    ComboBox {
        id: span
        objectName: "channelSpan"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: 4
        width: chart.compact ? 84 : 100
        font.pixelSize: chart.compact ? 11 : 13
        textRole: "text"
        valueRole: "minutes"
        model: [
            { text: qsTr("1 hour"), minutes: 60 },
            { text: qsTr("6 hours"), minutes: 360 },
            { text: qsTr("1 day"), minutes: 1440 },
            { text: qsTr("7 days"), minutes: 10080 }
        ]
    }
    DateTimeAxis {
        id: timeAxis
        format: plot.timeMax - plot.timeMin < 15 * 60000 ? "HH:mm:ss" : plot.timeMax - plot.timeMin < 86400000 ? "HH:mm" : "dd.MM. HH:mm"
        tickCount: chart.compact ? 4 : 6
        labelsFont.pixelSize: chart.compact ? 9 : 11
        min: plot.timeMin
        max: plot.timeMax
    }
    ValueAxis {
        id: valueAxis
        min: plot.valueMin
        max: plot.valueMax
        // Enough decimals that neighbouring ticks never read the same (a battery's 13.78-13.80 V).
        labelFormat: chart.labelFormatFor(plot.valueMax - plot.valueMin)
        labelsFont.pixelSize: chart.compact ? 9 : 11
    }
    LineSeries { id: line; name: chart.label; color: "#1565c0"; axisX: timeAxis; axisY: valueAxis; width: 2; useOpenGL: true }
}
