import { creditNoteIssuedV1, paymentRefundedV1 } from '@rental/contracts';
import { LANGUAGES } from '../language';
import { describeSettlementReason, SETTLEMENT_REASONS } from './settlement-reasons';

describe('settlement reasons', () => {
  it("cover every reason of billing's credit notes and refunds", () => {
    const billing = [...creditNoteIssuedV1.schema.shape.reason.options, ...paymentRefundedV1.schema.shape.reason.options];
    expect(new Set(SETTLEMENT_REASONS)).toEqual(new Set(billing));
  });

  it.each([...LANGUAGES])('say each reason differently in %s', (language) => {
    const phrases = SETTLEMENT_REASONS.map((reason) => describeSettlementReason(reason, language));
    expect(new Set(phrases).size).toBe(SETTLEMENT_REASONS.length);
  });

  it('say them in Dutch, not in English, for a Dutch reader', () => {
    for (const reason of SETTLEMENT_REASONS) {
      expect(describeSettlementReason(reason, 'nl')).not.toBe(describeSettlementReason(reason, 'en'));
    }
  });
});
