// tst_quick: the Qt Quick Test runner for tests/qml/quick/tst_*.qml, with the app's QML modules and
// the test fixtures linked in. A QApplication, because QtCharts in QML needs one.
#include <QApplication>
#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(FieldStationPlugin)
Q_IMPORT_QML_PLUGIN(FieldStation_ViewsPlugin)
Q_IMPORT_QML_PLUGIN(FieldStation_TestFixturesPlugin)

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml")); // Qt 6.4 does not add it by itself
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "tst_quick", FS_QUICK_TEST_DIR, &setup);
}

#include "quick_main.moc"
