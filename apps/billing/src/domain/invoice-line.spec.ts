import { CurrencyMismatchError, Money } from '@rental/money';
import { InvalidInvoiceLineError, invoiceLine, netTotalOf } from './invoice-line';

describe('invoiceLine', () => {
  it('computes the line total and trims the description', () => {
    const line = invoiceLine({ description: '  Server S2, 30 days ', quantity: 3, unitPrice: Money.of(4_999) });
    expect(line.description).toBe('Server S2, 30 days');
    expect(line.lineTotal.cents).toBe(14_997);
  });

  it.each([0, -1, 1.5])('rejects quantity %s', (quantity) => {
    expect(() => invoiceLine({ description: 'x', quantity, unitPrice: Money.of(1) })).toThrow(InvalidInvoiceLineError);
  });

  it('rejects an empty description and a negative price', () => {
    expect(() => invoiceLine({ description: ' ', quantity: 1, unitPrice: Money.of(1) })).toThrow('description');
    expect(() => invoiceLine({ description: 'x', quantity: 1, unitPrice: Money.of(-1) })).toThrow('must not be negative');
  });

  it('allows a free line', () => {
    expect(invoiceLine({ description: 'Setup', quantity: 1, unitPrice: Money.zero() }).lineTotal.isZero()).toBe(true);
  });
});

describe('netTotalOf', () => {
  it('sums the line totals', () => {
    const lines = [
      invoiceLine({ description: 'a', quantity: 2, unitPrice: Money.of(1_000) }),
      invoiceLine({ description: 'b', quantity: 1, unitPrice: Money.of(250) }),
    ];
    expect(netTotalOf(lines).cents).toBe(2_250);
  });

  it('rejects no lines and mixed currencies', () => {
    expect(() => netTotalOf([])).toThrow('at least one line');
    const mixed = [
      invoiceLine({ description: 'a', quantity: 1, unitPrice: Money.of(1) }),
      invoiceLine({ description: 'b', quantity: 1, unitPrice: Money.of(1, 'USD') }),
    ];
    expect(() => netTotalOf(mixed)).toThrow(CurrencyMismatchError);
  });
});
