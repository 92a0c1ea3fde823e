// RegistrationWizard: registers the station with gascloud by its PIN. SKELETON: task E fills it.
import QtQuick
import QtQuick.Controls
import FieldStation.Views

Item {
    id: wizard
    objectName: "registrationWizard"

    required property RegistrationFlow flow
    property bool compact: false

    signal openPage(string id)

    Label {
        anchors.centerIn: parent
        text: qsTr("Register")
    }
}
