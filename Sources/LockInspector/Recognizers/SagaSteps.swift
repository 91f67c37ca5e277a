import Foundation
import LockKit
import VisibleText

/// A saga hash's step fields as steps: LockKit's JSON (`SagaStepRecord`) decoded and put in
/// its step order; any other field kept as text, in field order after them.
enum SagaSteps {
    static func read(_ fields: [HashField]) -> [SagaStep] {
        let decoder = JSONDecoder()
        let parsed = fields.enumerated().map { position, field -> (Int, SagaStep) in
            if let record = try? decoder.decode(SagaStepRecord.self, from: Data(field.value)) {
                let error = record.error ?? record.compensationError
                return (record.index, SagaStep(name: field.fieldName, state: record.state.rawValue, attempt: record.attempt,
                                               error: error.map { VisibleText.escape(Array($0.utf8)) }))
            }
            return (position, SagaStep(name: field.fieldName, state: field.text))
        }
        return parsed.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }
}
