// The OPC-N3 frame codec: the sample frame, round trips, and every way a frame can be wrong.
#include "TestSupport.h"
#include "sources/opcn3/OpcN3Frame.h"

#include <QTest>

using namespace fs;
using namespace fs::opcn3;

namespace {

std::span<const uint8_t> span(const QByteArray& a)
{
    return {reinterpret_cast<const uint8_t*>(a.constData()), size_t(a.size())};
}

QByteArray sampleFrame()
{
    return frameFromFileContent(test::readData(QStringLiteral("opcn3_histogram_frame.hex"))).value();
}

} // namespace

class TestOpcN3Frame : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleFrameDecodesToTheDocumentedValues()
    {
        const QByteArray frame = sampleFrame();
        QCOMPARE(frame.size(), 86);
        const auto h = decodeHistogram(span(frame));
        QVERIFY2(h.ok(), qPrintable(h.error()));
        const std::array<uint16_t, 24> bins = {200, 32, 6, 3, 1};
        QCOMPARE(h->bins, bins);
        QCOMPARE(h->mtofRaw, (std::array<uint8_t, 4>{30, 25, 20, 15}));
        QCOMPARE(h->mtofUs(0), 10.0);
        QCOMPARE(h->samplingPeriodS(), 1.0);
        QCOMPARE(h->flowRateMlS(), 5.02);
        QVERIFY(qAbs(h->temperatureC() - 26.50) < 0.005);
        QVERIFY(qAbs(h->humidityPct() - 29.60) < 0.005);
        QCOMPARE(h->pm1, 3.459f);
        QCOMPARE(h->pm2_5, 3.858f);
        QCOMPARE(h->pm10, 3.866f);
        QCOMPARE(h->rejectGlitch, uint16_t(6));
        QCOMPARE(h->rejectLongTof, uint16_t(0));
        QCOMPARE(h->rejectRatio, uint16_t(183));
        QCOMPARE(h->rejectOutOfRange, uint16_t(2));
        QCOMPARE(h->fanRevCount, uint16_t(0));
        QCOMPARE(h->laserStatus, uint16_t(604));
        QCOMPARE(h->crc, uint16_t(0xA0CE));
        const auto perMl = h->countsPerMl();
        QVERIFY(perMl.has_value());
        QVERIFY(qAbs((*perMl)[0] - 200 / 5.02) < 1e-9);
    }

    void encodeIsTheInverseOfDecode()
    {
        const QByteArray frame = sampleFrame();
        const auto h = decodeHistogram(span(frame));
        QCOMPARE(encodeHistogram(h.value()), frame);
    }

    void wrongLength_data()
    {
        QTest::addColumn<int>("length");
        for (int n : {0, 1, 84, 85, 87, 172})
            QTest::addRow("%d bytes", n) << n;
    }
    void wrongLength()
    {
        QFETCH(int, length);
        const QByteArray frame = sampleFrame().leftJustified(length, '\0', true);
        const auto h = decodeHistogram(span(frame));
        QVERIFY(!h.ok());
        QVERIFY2(h.error().contains(QStringLiteral("found %1").arg(length)), qPrintable(h.error()));
    }

    void crcMismatchNamesBothValues_data()
    {
        QTest::addColumn<int>("byte");
        // A flipped bit anywhere in 0..83 or in the CRC itself must be caught.
        for (int b : {0, 47, 48, 52, 60, 71, 83, 84, 85})
            QTest::addRow("byte %d", b) << b;
    }
    void crcMismatchNamesBothValues()
    {
        QFETCH(int, byte);
        QByteArray frame = sampleFrame();
        frame[byte] = char(frame[byte] ^ 0x10);
        const auto h = decodeHistogram(span(frame));
        QVERIFY(!h.ok());
        QVERIFY2(h.error().contains(QStringLiteral("CRC mismatch")), qPrintable(h.error()));
        const uint16_t received = uint16_t(uchar(frame[84]) | uchar(frame[85]) << 8);
        QVERIFY2(h.error().contains(QStringLiteral("0x%1").arg(received, 4, 16, QLatin1Char('0'))),
                 qPrintable(h.error()));
        if (byte < 84)
            QVERIFY2(!h.error().contains(QStringLiteral("compute to 0xa0ce")), qPrintable(h.error()));
        else
            QVERIFY2(h.error().contains(QStringLiteral("compute to 0xa0ce")), qPrintable(h.error()));
    }

    void corruptCrcEncoding()
    {
        const auto h = decodeHistogram(span(sampleFrame()));
        QVERIFY(!decodeHistogram(span(encodeHistogram(h.value(), true))).ok());
    }

    void zeroFlowGivesNoConcentration()
    {
        OpcN3Histogram h;
        h.bins[0] = 10;
        h.periodRaw = 100;
        QVERIFY(!h.countsPerMl().has_value());
        h.flowRaw = 500;
        h.periodRaw = 0;
        QVERIFY(!h.countsPerMl().has_value());
    }

    void allZeroFrame()
    {
        const QByteArray zeros = encodeHistogram(OpcN3Histogram{});
        QCOMPARE(zeros.right(2), QByteArray::fromHex("d21d"));
        QVERIFY(decodeHistogram(span(zeros))->allZero());
        QCOMPARE(decodeHistogram(span(zeros))->rejectPct(), 0.0);
    }

    void pmFrame()
    {
        const QByteArray pm = QByteArray::fromHex("42605d4079e976408b6c7740b963");
        const auto f = decodePm(span(pm));
        QVERIFY2(f.ok(), qPrintable(f.error()));
        QCOMPARE(f->pm1, 3.459f);
        QCOMPARE(f->pm10, 3.866f);
        QCOMPARE(encodePm(f.value()), pm);
        QByteArray bad = pm;
        bad[3] = 0;
        QVERIFY(decodePm(span(bad)).error().contains(QStringLiteral("0x63b9")));
        QVERIFY(decodePm(span(pm.left(13))).error().contains(QStringLiteral("found 13")));
    }

    void fileContent_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("hex, spaced") << QByteArray("c8 00\n20\t00") << QByteArray::fromHex("c8002000")
                                     << QString();
        QTest::newRow("hex, upper, CRLF")
            << QByteArray("C800\r\n2000\r\n") << QByteArray::fromHex("c8002000") << QString();
        QTest::newRow("raw binary") << QByteArray("\x01\x02\xff", 3) << QByteArray("\x01\x02\xff", 3)
                                    << QString();
        QTest::newRow("bad digit") << QByteArray("c8 00\n2g 00") << QByteArray()
                                   << QStringLiteral("line 2, column 2: 'g'");
        QTest::newRow("odd digits") << QByteArray("c8 0") << QByteArray()
                                    << QStringLiteral("odd number of digits");
    }
    void fileContent()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        const auto r = frameFromFileContent(content);
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.error()));
            QCOMPARE(r.value(), bytes);
        } else {
            QVERIFY(!r.ok());
            QVERIFY2(r.error().contains(error), qPrintable(r.error()));
        }
    }

    void rawFrameOf86BytesIsNotMistakenForHex()
    {
        const QByteArray raw = sampleFrame();
        QCOMPARE(frameFromFileContent(raw).value(), raw);
    }

    void identityStrings()
    {
        const QByteArray info = padIdentity(QStringLiteral("OPC-N3 Iss1.1 FirmwareVer=1.17a"), 60, true);
        QCOMPARE(info.size(), 60);
        QVERIFY(info.endsWith(".BS"));
        QCOMPARE(cleanIdentity(span(info)), QStringLiteral("OPC-N3 Iss1.1 FirmwareVer=1.17a"));
        QByteArray nulPadded("OPC-N3 177940203");
        nulPadded.append(QByteArray(44, '\0'));
        QCOMPARE(cleanIdentity(span(nulPadded)), QStringLiteral("OPC-N3 177940203"));
        QByteArray ffPadded("OPC-N3 1");
        ffPadded.append(QByteArray(52, '\xff'));
        QCOMPARE(cleanIdentity(span(ffPadded)), QStringLiteral("OPC-N3 1"));
    }
};

QTEST_APPLESS_MAIN(TestOpcN3Frame)
#include "tst_opcn3frame.moc"
