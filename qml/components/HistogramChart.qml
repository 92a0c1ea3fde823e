// HistogramChart: the latest 24-bin particle histogram (counts per bin in the last period).
import QtQuick
import QtCharts
import FieldStation.Views

ChartView {
    id: chart
    objectName: "histogramChart"

    required property OpcN3View opc
    property bool compact: false

    title: qsTr("Size histogram (counts per bin, 0.35–40 µm)")
    titleFont.pixelSize: compact ? 11 : 14
    legend.visible: false
    antialiasing: true
    margins { top: 2; bottom: 2; left: 2; right: 2 }

    BarSeries {
        id: bars
        axisX: BarCategoryAxis {
            categories: chart.opc.binLabels
            labelsFont.pixelSize: chart.compact ? 8 : 10
        }
        axisY: ValueAxis {
            min: 0
            max: chart.opc.histogramMax
            labelFormat: "%.0f"
            labelsFont.pixelSize: chart.compact ? 9 : 11
        }
        BarSet {
            label: qsTr("counts")
            color: "#3b7dd8"
            values: chart.opc.histogram
        }
    }
}
