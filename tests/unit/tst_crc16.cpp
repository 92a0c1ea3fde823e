// CRC-16/MODBUS against the published check values and the OPC-N3 vectors of opcn3.md §3.1.
#include "TestSupport.h"
#include "sources/opcn3/Crc16.h"
#include "sources/opcn3/OpcN3Frame.h"

#include <QTest>

using namespace fs;

class TestCrc16 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vectors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("crc");
        QTest::newRow("check value") << QByteArray("123456789") << 0x4B37;
        QTest::newRow("84 zero bytes") << QByteArray(84, '\0') << 0x1DD2;
        QTest::newRow("empty") << QByteArray() << 0xFFFF;
        QTest::newRow("PM frame floats") << QByteArray::fromHex("42605d4079e976408b6c7740") << 0x63B9;
        const auto frame =
            opcn3::frameFromFileContent(test::readData(QStringLiteral("opcn3_histogram_frame.hex")));
        QTest::newRow("sample histogram bytes 0-83") << frame->left(84) << 0xA0CE;
    }
    void vectors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, crc);
        QCOMPARE(
            int(crc16Modbus({reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size())})),
            crc);
    }
};

QTEST_APPLESS_MAIN(TestCrc16)
#include "tst_crc16.moc"
