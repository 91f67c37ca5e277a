import LockInspector
import Testing

@Suite struct SimulationReportTests {
    @Test func jainIndexIsOneWhenEvenAndOneOverNWhenOneClientTakesAll() {
        #expect(SimulationReport.jainIndex([5, 5, 5, 5]) == 1)
        #expect(SimulationReport.jainIndex([8, 0, 0, 0]) == 0.25)
        #expect(SimulationReport.jainIndex([0, 0]) == 0)
    }

    @Test func theTableHasAHeaderAndOneAlignedRowPerReport() {
        let parameters = SimulationParameters(pattern: .spin, clients: 2)
        let report = SimulationReport(parameters: parameters, patternName: "spin (fixed 10 ms)", lockKey: "k", isFinal: true,
                                      elapsed: .seconds(2), perClient: [3, 0], commandsPerAcquisition: 4.3)
        let lines = SimulationReport.table([report, report]).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("pattern"))
        #expect(lines[1].contains("4.3"))
        #expect(lines[1].firstRange(of: "4.3")?.lowerBound.utf16Offset(in: lines[1])
            == lines[0].firstRange(of: "cmds/acq")?.lowerBound.utf16Offset(in: lines[0]))
        #expect(report.starvedClients == 1)
        #expect(report.acquisitionsPerSecond == 1.5)
    }

    @Test func priorityMixSpreadsClientsOverOneToTen() {
        #expect((0..<12).map(PriorityMix.spread.priority(ofClient:)) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2])
        #expect(PriorityMix.uniform(5).priority(ofClient: 7) == 5)
    }

    @Test func invalidParametersSayWhichValue() {
        #expect(throws: SimulationError.self) { try SimulationParameters(pattern: .spin, clients: 0).validate() }
        do throws(SimulationError) {
            try SimulationParameters(pattern: .spin, limit: .acquisitionsPerClient(0)).validate()
        } catch {
            #expect(error.description.contains("acquisitions per client"))
        }
    }
}
