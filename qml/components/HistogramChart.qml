// HistogramChart: the latest 24-bin particle histogram (counts per bin in the last period), read from
// the live stream's bin channels of one source.
import QtQuick
import QtCharts
import FieldStation.Views

ChartView {
    id: chart
    objectName: "histogramChart"

    required property LiveStream stream
    required property string sourceId
    property bool compact: false

    readonly property var binKeys: Array.from({ length: 24 }, (_, i) => "bin_" + i)
    readonly property var counts: stream.revision >= 0 ? stream.latestValues(sourceId, binKeys) : []

    title: qsTr("Size histogram (counts per bin, 0.35–40 µm)")
    titleFont.pixelSize: compact ? 11 : 14
    legend.visible: false
    antialiasing: true
    margins { top: 2; bottom: 2; left: 2; right: 2 }

    BarSeries {
        id: bars
        axisX: BarCategoryAxis {
            categories: Array.from({ length: 24 }, (_, i) => String(i))
            labelsFont.pixelSize: chart.compact ? 8 : 10
        }
        axisY: ValueAxis {
            min: 0
            max: Math.max(10, Math.max(...chart.counts) * 1.15)
            labelFormat: "%.0f"
            labelsFont.pixelSize: chart.compact ? 9 : 11
        }
        BarSet {
            label: qsTr("counts")
            color: "#3b7dd8"
            values: chart.counts
        }
    }
}
